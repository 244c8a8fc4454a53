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
  /**
   * The article's own HTML, sanitized (a Markdown article with structure), its links and
   * pictures apart; null for plain text, whose HTML is made from `content`. `entries.json`
   * writes it whole, as the feeds carry it.
   */
  html: HtmlPart[] | null;
  /** Its picture: front matter `image`, else the first of its HTML. */
  image: EntryImage | null;
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
  /**
   * Present, and true, only on a draft (front matter `draft: true`), which only a preview
   * (`build --drafts`) shows, and never the digest. Absent otherwise: a published entry
   * serializes as it did before drafts existed.
   */
  draft?: true | undefined;
}

/**
 * A link's `href`, or a whole picture (`<img>`), of the article's HTML: its URL as written,
 * until the build resolves it (absolute: the copy of a local file, the entry a source file
 * became, or relative to the entry's URL), or leaves it out (a picture whose file is not there,
 * a link to an article not published). `line`: where the file writes it. A picture's size is the
 * author's when `sized`, else read from its file.
 */
export type HtmlLink =
  | { href: string; line?: number | undefined }
  | {
      src: string;
      line?: number | undefined;
      sized: boolean;
      width?: number | undefined;
      height?: number | undefined;
      /** The picture's other attributes (`alt`, `title`), as HTML. */
      attributes: string;
    };

/** The article's HTML: text, then a link, then text... */
export type HtmlPart = string | HtmlLink;

/** An entry's picture; `url` as written until the build resolves it. */
export interface EntryImage {
  url: string;
  alt: string;
  /** In pixels, when known: read from a local file, or given in front matter. */
  width: number | null;
  height: number | null;
  /** A local file's media type and size in bytes (an RSS enclosure needs both). */
  type: string | null;
  length: number | null;
  /** Where the file names it. */
  line?: number | undefined;
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
