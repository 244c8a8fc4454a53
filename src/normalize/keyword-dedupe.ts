import { type Candidate, displayForm, isName } from './keyword-candidates.ts';
import type { Language } from './locales.ts';

/** A keyword of a text: its words as written, its score (lower is better), whether a name. */
export interface Keyword {
  text: string;
  score: number;
  /** Written capitalised inside sentences: a person, place or organisation. */
  name: boolean;
}

/**
 * A scored candidate, in the order keywords are picked. A class, as `Term` is: an article
 * ranks hundreds of them.
 */
export class Ranked {
  constructor(
    readonly key: string,
    readonly candidate: Candidate,
    readonly score: number,
  ) {}
}

/** YAKE's deduplication threshold on 1 - edit distance / length. */
const maxSimilarity = 0.9;

/** A keyword picked, and what later candidates are compared on. */
interface Kept {
  keyword: Keyword;
  lower: string;
  /** Its words' stems, space-separated and padded with a space on each side. */
  stems: string;
}

/**
 * Keeps the best of near-duplicates: nearly the same letters (YAKE's edit distance), or the
 * same stems in the same order, one inside the other ("armée" and "armée française"). Display
 * forms and stems are only worked out for the candidates looked at; a candidate that does not
 * `fit` (a verb, a unit of time) is passed over and hides nothing.
 */
export function dedupe(
  ranked: Iterable<Ranked>,
  stem: (lower: string) => string,
  limit: number,
  language: Language,
  fits: (candidate: Candidate) => boolean = () => true,
): Keyword[] {
  const kept: Kept[] = [];
  for (const { candidate, score } of ranked) {
    if (!fits(candidate)) continue;
    const text = displayForm(candidate, language);
    let stems = ' ';
    for (const w of candidate.words) stems += `${stem(w.lower)} `;
    const next: Kept = {
      keyword: { text, score, name: isName(candidate) },
      lower: text.toLowerCase(),
      stems,
    };
    if (kept.some((k) => repeats(k, next))) continue;
    kept.push(next);
    if (kept.length >= limit) break;
  }
  return kept.map((k) => k.keyword);
}

function repeats(a: Kept, b: Kept): boolean {
  return a.stems.includes(b.stems) || b.stems.includes(a.stems) || isNearCopy(a.lower, b.lower);
}

/**
 * Whether 1 - Levenshtein distance / length of the longer string is above YAKE's threshold: 1
 * for equal strings, 0 for strings with nothing in common. The distance is at least the
 * difference in length, which settles most pairs without the table; two rows of the table
 * otherwise, so memory stays linear, given up once a row is too far already.
 */
function isNearCopy(a: string, b: string): boolean {
  const longer = Math.max(a.length, b.length);
  // Two empty strings are the same string.
  if (longer === 0) return true;
  if (1 - Math.abs(a.length - b.length) / longer <= maxSimilarity) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const d = Math.min(substitution, (previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1);
      row[j] = d;
      if (d < least) least = d;
    }
    // A row's least distance never falls in the rows after it.
    if (1 - least / longer <= maxSimilarity) return false;
    [previous, row] = [row, previous];
  }
  return 1 - (previous[b.length] ?? 0) / longer > maxSimilarity;
}
