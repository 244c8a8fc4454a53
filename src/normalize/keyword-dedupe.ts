import { type Candidate, displayForm, isName } from './keyword-candidates.ts';
import type { Keyword } from './keywords.ts';

/** A scored candidate, in the order keywords are picked. */
export interface Ranked {
  key: string;
  candidate: Candidate;
  score: number;
}

/** YAKE's deduplication threshold on 1 - edit distance / length. */
const maxSimilarity = 0.9;

/**
 * Keeps the best of near-duplicates: nearly the same letters (YAKE's edit distance), or the
 * same stems in the same order, one inside the other ("armée" and "armée française"). Display
 * forms and stems are only worked out for the candidates looked at.
 */
export function dedupe(
  ranked: Ranked[],
  stem: (lower: string) => string,
  limit: number,
): Keyword[] {
  const kept: { keyword: Keyword; lower: string; stems: string }[] = [];
  const within = (a: string, b: string) => ` ${b} `.includes(` ${a} `);
  for (const { candidate, score } of ranked) {
    const text = displayForm(candidate);
    const next = {
      keyword: { text, score, name: isName(candidate) },
      lower: text.toLowerCase(),
      stems: candidate.words.map((w) => stem(w.text.toLowerCase())).join(' '),
    };
    const repeats = (k: typeof next) =>
      within(k.stems, next.stems) ||
      within(next.stems, k.stems) ||
      similarity(k.lower, next.lower) > maxSimilarity;
    if (kept.some(repeats)) continue;
    kept.push(next);
    if (kept.length >= limit) break;
  }
  return kept.map((k) => k.keyword);
}

/**
 * 1 - Levenshtein distance / length of the longer string, as YAKE deduplicates: 1 for equal
 * strings, 0 for strings with nothing in common. Two rows of the table, so memory stays linear.
 */
function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(substitution, (previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1));
    }
    previous = row;
  }
  return 1 - (previous[b.length] ?? 0) / longer;
}
