import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../config.ts';
import { type Entry, type EntryTexts, withText } from '../entry.ts';
import type { DigestTemplates } from '../read/digest-files.ts';
import type { PageTemplates } from '../read/page-files.ts';
import type { PublishedFile } from '../read/read-linked-files.ts';
import type { SentDigest } from '../read/sent-digests.ts';
import { type RenderedDigest, renderDigest } from './digest.ts';
import { entryJson, renderEntriesFile } from './entries-file.ts';
import { type FeedPlan, newestFirst, tagGroups } from './feed-order.ts';
import { type EntryVersions, type FeedMemo, renderFeeds } from './feeds.ts';
import { renderMessage } from './message.ts';
import { messagesFor } from './messages/index.ts';
import { type MjmlCompiler, mjmlCompiler } from './mjml.ts';
import {
  keptIfSame,
  type OutputFile,
  type OutputFiles,
  type OutputReuse,
  textFile,
} from './output-file.ts';
import { personalize, personalValues } from './personalize.ts';
import { renderSite } from './site-output.ts';

/** Names of the files a build writes in the output folder, besides the feeds. */
export const outputFiles = {
  entries: 'entries.json',
  index: 'index.html',
  digestHtml: 'digest.html',
  digestText: 'digest.txt',
  digestMessage: 'digest.eml',
} as const;

export interface RenderOptions {
  dkimPrivateKey?: string | undefined;
  /** The previous output's files that can be kept (the incremental engine's); else none. */
  reuse?: OutputReuse | undefined;
  /** A version of each entry, when the engine knows them without hashing the entries. */
  versions?: EntryVersions | undefined;
  /** What the feeds' rendering remembers from the session's earlier builds (`--watch`). */
  feedMemo?: FeedMemo | undefined;
  compileMjml?: MjmlCompiler | undefined;
  /** The texts of the entries that carry none (the engine's entry store). */
  texts?: EntryTexts | undefined;
  /** Files of the input folder the entries show or link to, by their path in the output. */
  published?: ReadonlyMap<string, PublishedFile> | undefined;
  /** The templates of the entries' pages; without them, no page is written (`check`). */
  pages?: PageTemplates | undefined;
  /** The digests `send` sent, as recorded, published with the pages. */
  sentDigests?: readonly SentDigest[] | undefined;
}

/** Every output file; the digest's, which MJML compiles meanwhile, when compiled. */
export interface RenderedOutput {
  files: OutputFiles;
  /**
   * The digest and its files; `whole`: the same files all with their bytes, none kept, for a
   * build that writes everything again.
   */
  digest: Promise<{ digest: RenderedDigest; files: OutputFiles; whole: OutputFiles }>;
}

/**
 * The whole output, rendered in memory: the feeds, `entries.json` and the index page at once,
 * the digest when its MJML is compiled (on another thread, given a compiler that runs there),
 * so that the rest can be written meanwhile.
 */
export function renderOutput(
  entries: readonly Entry[],
  config: ResolvedConfig,
  plan: FeedPlan,
  templates: DigestTemplates,
  {
    dkimPrivateKey,
    reuse,
    versions,
    feedMemo,
    compileMjml = mjmlCompiler,
    texts,
    published,
    pages,
    sentDigests,
  }: RenderOptions = {},
): RenderedOutput {
  // The digest is what `send` would send, which a preview's drafts (`build --drafts`) are not.
  // Sorted once for the feeds, the digest and the pages.
  const sorted = newestFirst(entries);
  const news = sorted.some((e) => e.draft) ? sorted.filter((e) => !e.draft) : sorted;
  const digest = renderDigest(news, config, templates, compileMjml, texts).then(async (digest) => {
    const message = await renderMessage(digest, config, { dkimPrivateKey });
    // The files in out/ are the digest as anyone may see it: no recipient's name or token.
    const preview = personalize(
      digest,
      personalValues(undefined, config, messagesFor(digest.language)),
    );
    const made: [string, string | Uint8Array][] = [
      [outputFiles.digestHtml, preview.html],
      [outputFiles.digestText, preview.text],
      [outputFiles.digestMessage, message],
    ];
    const files: OutputFiles = new Map(
      made.map(([path, text]) => [path, keptIfSame(path, text, reuse)]),
    );
    const whole: OutputFiles = new Map(made.map(([path, text]) => [path, textFile(text)]));
    return { digest, files, whole };
  });
  // Awaited by the caller; a failure meanwhile must not go unhandled.
  digest.catch(() => undefined);
  // Each page reads its entry's text once, as it is written: the texts never all stay in memory.
  const pageTexts = texts;
  texts = texts && readOnce(texts);
  // Without versions from the engine, every entry is serialized (and hashed, to be reused).
  const serialized = versions
    ? undefined
    : entries.map((entry) => entryJson(withText(entry, texts)));
  const known = versions ?? (reuse ? entryVersions(entries, serialized ?? []) : new Map());
  const keys = reuse ? entries.map((entry) => versionOf(known, entry)) : [];
  // The tags that have a feed have a page: grouped once for both.
  const tagSlugs = feedMemo?.tagSlugs ?? new Map<string, string>();
  const tags = tagGroups(sorted, config.feeds.tagMinEntries, tagSlugs, feedMemo?.tagGroups);
  const files = renderFeeds(sorted, config, plan, {
    reuse,
    versions: known,
    memo: feedMemo,
    texts,
    tags,
  });
  files.set(
    outputFiles.entries,
    renderEntriesFile(outputFiles.entries, entries, keys, { reuse, serialized, texts }),
  );
  if (pages) {
    const site = renderSite(sorted, config, pages, {
      reuse,
      versions: reuse ? known : undefined,
      texts: pageTexts,
      tagSlugs,
      tags,
      keys: feedMemo?.documentKeys,
      sentDigests,
    });
    for (const [path, file] of site) files.set(path, file);
  }
  for (const [path, file] of published ?? []) files.set(path, copiedFile(path, file, reuse));
  return { files, digest };
}

/** A published file: the previous output's copy when the original has not changed since. */
function copiedFile(path: string, file: PublishedFile, reuse: OutputReuse | undefined): OutputFile {
  const { source, size, mtimeMs } = file;
  if (!reuse) return { copy: { source, size, mtimeMs } };
  const key = JSON.stringify([reuse.generation, source, size, mtimeMs, file.ino]);
  const kept = reuse.keep(path, key);
  return kept ? { kept, key } : { copy: { source, size, mtimeMs }, key };
}

/** The store's texts, each asked for once however many files show it. */
function readOnce(texts: EntryTexts): EntryTexts {
  const read = new Map<Entry, string[]>();
  return (entry) => {
    let paragraphs = read.get(entry);
    if (paragraphs === undefined) {
      paragraphs = texts(entry);
      read.set(entry, paragraphs);
    }
    return paragraphs;
  };
}

function versionOf(versions: EntryVersions, entry: Entry): string {
  const version = versions.get(entry.id);
  if (version === undefined) throw new Error(`no version for the entry ${entry.id}`);
  return version;
}

function entryVersions(entries: readonly Entry[], serialized: string[]): EntryVersions {
  return new Map(
    entries.map((entry, i) => [
      entry.id,
      createHash('sha1')
        .update(serialized[i] ?? '')
        .digest('base64'),
    ]),
  );
}
