import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  type BuildOptions,
  type ResolvedConfig,
  readConfig,
  resolveBuildOptions,
} from './config.ts';
import type { Entry } from './entry.ts';
import { GazetteError, GazetteErrors } from './errors.ts';
import { formatDate } from './normalize/dates.ts';
import { type Draft, type IdMap, resolveIdentities } from './normalize/identity.ts';
import { normalizeEntry } from './normalize/normalize-entry.ts';
import { readIdMap, writeIdMap } from './read/id-map.ts';
import { parseArticle } from './read/parse-article.ts';
import { readArticles } from './read/read-articles.ts';
import {
  type DigestTemplates,
  htmlBudget,
  type RenderedDigest,
  renderDigest,
} from './render/digest.ts';
import { type FeedPlan, newestFirst, renderFeeds } from './render/feeds.ts';
import { renderIndexPage } from './render/index-page.ts';
import { renderMessage } from './render/message.ts';
import { messagesFor } from './render/messages/index.ts';
import { personalize, personalValues } from './render/personalize.ts';
import type { Warning } from './warnings.ts';
import { type OutputFiles, writeOutput } from './write.ts';

/** Names of the files a build writes in the output folder, besides the feeds. */
export const outputFiles = {
  entries: 'entries.json',
  index: 'index.html',
  digestHtml: 'digest.html',
  digestText: 'digest.txt',
  digestMessage: 'digest.eml',
} as const;

/** The id map lives beside the config file. */
export const idMapFile = 'gazette.ids.json';

export interface BuildResult {
  config: ResolvedConfig;
  entries: Entry[];
  /** What was written, relative to the output folder, with sizes in bytes. */
  written: { path: string; bytes: number }[];
  warnings: Warning[];
}

/**
 * Reads the articles, normalizes them into entries, gives them their permanent ids and dates,
 * renders every output in memory, then replaces the output folder in one step and records the
 * ids. Every problem in the input is reported together, before anything is written.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const resolved = resolveBuildOptions(options);
  const config = await readConfig(resolved.config.path, resolved.config.display);
  const idMapPath = join(dirname(resolved.config.path), idMapFile);
  const previous = await readIdMap(idMapPath, join(dirname(resolved.config.display), idMapFile));
  const { entries, warnings, map, plan } = await readEntries(
    resolved.input.path,
    resolved.input.display,
    config,
    previous,
  );
  const templates = await readTemplates(resolved.templates);
  const dkimPrivateKey = await readDkimKey(config, dirname(resolved.config.path));
  const { files, digest } = await renderOutput(entries, config, plan, templates, dkimPrivateKey);
  if (digest.dropped > 0) {
    warnings.push({
      message: `the digest left out its ${digest.dropped} oldest entries to stay under ${htmlBudget / 1024} KB of HTML, which Gmail would clip`,
    });
  }
  await writeOutput(resolved.out.path, files, resolved.out.display);
  await writeIdMap(idMapPath, map);
  const written = [...files].map(([path, content]) => ({
    path,
    bytes: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength,
  }));
  return { config, entries, written, warnings };
}

export interface ReadEntriesResult {
  entries: Entry[];
  warnings: Warning[];
  map: IdMap;
  plan: FeedPlan;
}

/** Reads, parses and normalizes every article; throws all the problems found at once. */
export async function readEntries(
  input: string,
  displayInput: string,
  config: ResolvedConfig,
  previous: IdMap = { entries: {} },
): Promise<ReadEntriesResult> {
  const { articles, errors, warnings } = await readArticles(input, displayInput);
  const drafts: Draft[] = [];
  const displayPaths = new Map<string, string>();
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
      const changed = raw.committed ? new Date(raw.committed) : raw.modified;
      drafts.push({
        entry,
        frontMatter: article.frontMatter,
        changed: formatDate(changed, config.timeZone),
      });
      displayPaths.set(raw.path, raw.displayPath);
    } catch (error) {
      if (error instanceof GazetteError) errors.push(error);
      else throw error;
    }
  }
  const host = new URL(config.siteUrl).hostname;
  const identified = resolveIdentities(drafts, previous, host, config.timeZone);
  const byId = new Map<string, Entry>();
  for (const entry of identified.entries) {
    const other = byId.get(entry.id);
    if (other) {
      const [first, second] = [other.path, entry.path].sort();
      errors.push(
        new GazetteError(
          'DuplicateId',
          `the id ${entry.id} is also the id of ${displayPaths.get(first ?? '')}`,
          { file: displayPaths.get(second ?? '') ?? '' },
        ),
      );
    } else byId.set(entry.id, entry);
  }
  if (errors.length > 0) throw new GazetteErrors(errors);
  const sequence = new Map(
    identified.entries.map((e) => [e.id, identified.map.entries[e.path]?.seq ?? 0]),
  );
  return {
    entries: newestFirst(identified.entries),
    warnings,
    map: identified.map,
    plan: { feedId: identified.feedId, sequence },
  };
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

/** The DKIM private key named by the config, if any. */
async function readDkimKey(
  config: ResolvedConfig,
  configFolder: string,
): Promise<string | undefined> {
  const file = config.digest.dkim?.privateKeyFile;
  if (!file) return undefined;
  return readFile(resolve(configFolder, file), 'utf8').catch(() => {
    throw new GazetteError(
      'ConfigInvalid',
      'digest.dkim.privateKeyFile: cannot read the key file',
      {
        file: file,
      },
    );
  });
}

/** Everything the build writes, rendered in memory. */
export async function renderOutput(
  entries: Entry[],
  config: ResolvedConfig,
  plan: FeedPlan,
  templates: DigestTemplates,
  dkimPrivateKey?: string,
): Promise<{ files: OutputFiles; digest: RenderedDigest }> {
  const digest = await renderDigest(entries, config, templates);
  const message = await renderMessage(digest, config, { dkimPrivateKey });
  // The files in out/ are the digest as anyone may see it: no recipient's name or token.
  const preview = personalize(
    digest,
    personalValues(undefined, config, messagesFor(digest.language)),
  );
  const files: OutputFiles = new Map<string, string | Uint8Array>(
    renderFeeds(entries, config, plan),
  );
  files.set(outputFiles.entries, `${JSON.stringify({ entries }, null, 2)}\n`);
  files.set(outputFiles.index, renderIndexPage(entries, config));
  files.set(outputFiles.digestHtml, preview.html);
  files.set(outputFiles.digestText, preview.text);
  files.set(outputFiles.digestMessage, message);
  return { files, digest };
}
