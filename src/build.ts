import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BuildOptions,
  type ResolvedConfig,
  readConfig,
  resolveBuildOptions,
} from './config.ts';
import type { Entry } from './entry.ts';
import { GazetteError, GazetteErrors } from './errors.ts';
import { normalizeEntry } from './normalize/normalize-entry.ts';
import { parseArticle } from './read/parse-article.ts';
import { type RawArticle, readArticles } from './read/read-articles.ts';
import { type DigestTemplates, renderDigest } from './render/digest.ts';
import { feedFiles, newestFirst, renderFeeds } from './render/feeds.ts';
import { renderMessage } from './render/message.ts';
import type { Warning } from './warnings.ts';
import { type OutputFiles, writeOutput } from './write.ts';

/** Names of the files a build writes in the output folder. */
export const outputFiles = {
  ...feedFiles,
  entries: 'entries.json',
  digestHtml: 'digest.html',
  digestText: 'digest.txt',
  digestMessage: 'digest.eml',
} as const;

export interface BuildResult {
  entries: Entry[];
  /** What was written, relative to the output folder, with sizes in bytes. */
  written: { path: string; bytes: number }[];
  warnings: Warning[];
}

/**
 * Reads the articles, normalizes them into entries, renders the feeds and the digest in
 * memory, then replaces the output folder in one step. Every problem in the input is reported
 * together, before anything is written.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const resolved = resolveBuildOptions(options);
  const config = await readConfig(resolved.config.path, resolved.config.display);
  const { entries, warnings } = await readEntries(
    resolved.input.path,
    resolved.input.display,
    config,
  );
  const templates = await readTemplates(resolved.templates);
  const files = await renderOutput(entries, config, templates);
  await writeOutput(resolved.out.path, files, resolved.out.display);
  const written = [...files].map(([path, content]) => ({
    path,
    bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength,
  }));
  return { entries, written, warnings };
}

/** Reads, parses and normalizes every article; throws all the problems found at once. */
export async function readEntries(
  input: string,
  displayInput: string,
  config: ResolvedConfig,
): Promise<{ entries: Entry[]; warnings: Warning[] }> {
  const { articles, errors, warnings } = await readArticles(input, displayInput);
  const entries: Entry[] = [];
  const sources = new Map<string, RawArticle>();
  for (const raw of articles) {
    try {
      const { article, warnings: found } = parseArticle(raw.text, raw.path, raw.displayPath);
      warnings.push(...found);
      const entry = normalizeEntry(article, raw, config);
      if (!entry) {
        errors.push(
          new GazetteError('ArticleEmpty', 'the article has no text', { file: raw.displayPath }),
        );
        continue;
      }
      const other = sources.get(entry.id);
      if (other) {
        errors.push(
          new GazetteError(
            'DuplicateId',
            `the id ${entry.id} is also the id of ${other.displayPath}`,
            { file: raw.displayPath },
          ),
        );
        continue;
      }
      sources.set(entry.id, raw);
      entries.push(entry);
    } catch (error) {
      if (error instanceof GazetteError) errors.push(error);
      else throw error;
    }
  }
  if (errors.length > 0) throw new GazetteErrors(errors);
  return { entries: newestFirst(entries), warnings };
}

export async function readTemplates(folder: string): Promise<DigestTemplates> {
  const mjmlPath = join(folder, 'digest.mjml.hbs');
  const textPath = join(folder, 'digest.txt.hbs');
  const read = (path: string) =>
    readFile(path, 'utf8').catch(() => {
      throw new GazetteError('TemplateNotFound', 'cannot read the template', { file: path });
    });
  const [mjml, text] = await Promise.all([read(mjmlPath), read(textPath)]);
  return { mjml, text, mjmlPath, textPath };
}

/** Everything the build writes, rendered in memory. Pure but for MJML's own work. */
export async function renderOutput(
  entries: Entry[],
  config: ResolvedConfig,
  templates: DigestTemplates,
): Promise<OutputFiles> {
  const feeds = renderFeeds(entries, config);
  const digest = await renderDigest(entries, config, templates);
  const message = await renderMessage(digest, config);
  return new Map<string, string | Uint8Array>([
    [outputFiles.atom, feeds.atom],
    [outputFiles.rss, feeds.rss],
    [outputFiles.json, feeds.json],
    [outputFiles.entries, `${JSON.stringify({ entries }, null, 2)}\n`],
    [outputFiles.digestHtml, digest.html],
    [outputFiles.digestText, digest.text],
    [outputFiles.digestMessage, message],
  ]);
}
