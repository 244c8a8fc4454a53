import { hash } from 'node:crypto';

/**
 * What a line of a saved page is to the article: part of the page's header (site chrome, section
 * labels, kicker), its headline, its standfirst, the article's body, or furniture (bylines,
 * timestamps, captions, banners, appeals, share rows, related links, sign-offs) wherever it stands.
 */
export type LineRole = 'header' | 'headline' | 'standfirst' | 'body' | 'furniture';

/** The verdict on one line of the page, with the reason `gazette check --explain` prints. */
export interface LineVerdict {
  text: string;
  role: LineRole;
  reason: string;
}

/** A saved page as Gazette read it. */
export interface PageReading {
  /** Every non-empty line of the page, in order, with its verdict. */
  lines: LineVerdict[];
  /** The page's headline, when its header has one. */
  headline: string | null;
  /** The standfirst (the lines under the headline that sum up the article), when there is one. */
  standfirst: string | null;
  /** The article's paragraphs: the lines judged `body`, in order. */
  body: string[];
  /**
   * The distinct fingerprints (`lineFingerprint`) of the page's lines, in the order the lines
   * first appear: what its folder learns from it. None for a Markdown article, whose lines are
   * the author's.
   */
  fingerprints: string[];
  /**
   * The topic the site files the article under: the short kicker right above the headline
   * ("Glücksspiel", "Federal A") or the last step of a breadcrumb there ("Sports > National 3").
   */
  topic: string | null;
  /**
   * The topics the site tags the article with, in the page's tag lines ("Mots-clés : CNIL,
   * RGPD", "Schlagworte" over "Hochwasser", "Bayern"); none for a Markdown article.
   */
  siteTags: string[];
}

/** What a folder and a project add to the built-in rules. */
export interface PageRules {
  /** Whole-line regular expressions from the config: lines that are furniture. */
  drop: readonly RegExp[];
  /** Whole-line regular expressions from the config: lines that are never furniture. */
  keep: readonly RegExp[];
  /** Fingerprints (`lineFingerprint`) of lines that recur in at least three of the folder's articles. */
  learned: ReadonlySet<string>;
}

export const noPageRules: PageRules = { drop: [], keep: [], learned: new Set() };

/**
 * A line with case, spacing and digits folded: the same furniture on two pages of one site
 * ("Publié le 03/03/2025", "Publié le 12/04/2025") folds to the same text.
 */
export function foldLine(line: string): string {
  return (
    line
      .normalize('NFC')
      .toLowerCase()
      .replace(/\p{N}+/gu, '0')
      // Every run of spaces to one space, matching only runs that are not one plain space already:
      // a line's every word gap is not a match to replace.
      .replace(/[^\S ]\s*| \s+/g, ' ')
      .trim()
  );
}

/** A short, stable name for a folded line, to count it across a folder's articles. */
export function lineFingerprint(line: string): string {
  return hash('sha1', foldLine(line), 'base64url').slice(0, 16);
}
