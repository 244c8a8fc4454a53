import { GazetteError } from '../../errors.ts';
import type { RawArticle } from '../../read/read-articles.ts';
import { splitFrontMatter } from '../../read/split-front-matter.ts';
import { lineFingerprint } from './page-reading.ts';

/** A line is learned once it recurs in this many articles of the folder. */
export const learnedFrom = 3;

/** The fingerprints of a page's lines, each once, in the order the lines first appear. */
export function pageFingerprints(lines: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const line of lines) seen.add(lineFingerprint(line));
  return [...seen];
}

const markdownFile = /\.(md|markdown)$/i;
/**
 * What only Markdown written as such has: a heading, list item, quote, fence, table or HTML line,
 * strong emphasis, a link, an image or code. A Markdown file without any is page text.
 */
const markdownStructure =
  /^ {0,3}(?:#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|```|~~~|\||<)|\*\*|__|!?\[[^\]\n]*\]\(|`/m;

/**
 * The fingerprints a page's outcome will hold as its `lines`, found cheaply before it is
 * normalized: its lines after the front matter, unparsed (folding makes a raw line and the
 * cleaned paragraph one line); none for Markdown with Markdown structure. A guess, which what
 * is learned from the outcomes corrects where it misses.
 */
export function articleLines(raw: RawArticle): string[] {
  const unmarked = raw.text.startsWith('\uFEFF') ? raw.text.slice(1) : raw.text;
  const source = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  try {
    const { body } = splitFrontMatter(source, raw.displayPath);
    if (markdownFile.test(raw.path) && markdownStructure.test(body)) return [];
    return pageFingerprints(body.split('\n').filter((line) => line.trim().length > 0));
  } catch (error) {
    if (error instanceof GazetteError) return [];
    throw error;
  }
}

/** Counts the articles each fingerprint is in, as articles are added; learns those in enough. */
export function createLineCounter() {
  const counts = new Map<string, number>();
  const learned = new Set<string>();
  return {
    /** Counts one article's distinct fingerprints. */
    add(fingerprints: readonly string[]): void {
      for (const fingerprint of fingerprints) {
        const count = (counts.get(fingerprint) ?? 0) + 1;
        counts.set(fingerprint, count);
        if (count === learnedFrom) learned.add(fingerprint);
      }
    },
    /** The fingerprints in at least `learnedFrom` of the articles counted so far. */
    learned: (): Set<string> => new Set(learned),
  };
}

/**
 * The fingerprints that recur in at least `learnedFrom` of the articles, given each article's
 * distinct fingerprints: what page reading may take for the folder's own furniture.
 */
export function learnLines(articles: Iterable<readonly string[]>): Set<string> {
  const counter = createLineCounter();
  for (const fingerprints of articles) counter.add(fingerprints);
  return counter.learned();
}

/**
 * The part of a folder's learned lines that an article has, in the order of its fingerprints:
 * all that its reading depends on, so two articles' readings are comparable by it.
 */
export function appliedLearned(
  fingerprints: readonly string[],
  learned: ReadonlySet<string>,
): string[] {
  if (learned.size === 0) return [];
  return fingerprints.filter((fingerprint) => learned.has(fingerprint));
}

/** Whether two lists of fingerprints, both in an article's order, are the same. */
export function sameFingerprints(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((fingerprint, i) => fingerprint === b[i]);
}
