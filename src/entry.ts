/** A person credited for the feed or an entry. */
export interface Author {
  name: string;
  email?: string | undefined;
}

/**
 * One article, normalized: the contract between reading, normalizing and rendering.
 * Written to `out/entries.json` as `{ "entries": [...] }`.
 */
export interface Entry {
  /** Permanent id: front matter `id`, else a tag URI (RFC 4151). */
  id: string;
  /** URL-safe name: front matter `slug`, else from the file name. */
  slug: string;
  /** Source file, relative to the input folder. */
  path: string;
  /** Absolute URL of the entry: the site URL followed by the slug. */
  url: string;
  title: string;
  /** One to three whole sentences of the text. */
  summary: string;
  /**
   * Clean paragraphs of plain text; null while the entry store keeps them (an entry from the
   * cache, until rendering asks the store for its text).
   */
  content: string[] | null;
  /** Ranked keywords, at most 10, cased as in the text. */
  keywords: string[];
  /** Front-matter tags first, then the best keywords; at most 6. */
  tags: string[];
  /** ISO 639-1 code. */
  language: string;
  /** ISO 8601 with offset. */
  published: string;
  /** ISO 8601 with offset. */
  updated: string;
  /** The article's own author, when it names one. */
  author: Author | null;
  /** URL of the original article. */
  source: string | null;
  /** Dateline the text opened with, such as `Lima`. */
  location: string | null;
  wordCount: number;
  readingMinutes: number;
}

/** An entry with its text, as normalizing makes it and as rendering its text needs it. */
export type TextEntry = Entry & { content: string[] };

/** The entry store's texts: the paragraphs of an entry that carries none. */
export type EntryTexts = (entry: Entry) => string[];

/** The entry with its text, from the store when it carries none. */
export function withText(entry: Entry, texts?: EntryTexts): TextEntry {
  if (entry.content !== null) return entry as TextEntry;
  if (!texts) throw new Error(`the text of ${entry.path} is not at hand`);
  // In the place of the entry's own field: the entry serializes as it would have.
  return { ...entry, content: texts(entry) };
}

/**
 * Beyond this many articles a build favours memory: texts go to the cache as soon as they are
 * normalized, and the store gives them back when rendered. A hundred thousand texts are about a gigabyte in
 * memory.
 */
export const manyArticles = 20_000;
