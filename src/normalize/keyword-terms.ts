import type { Sentence, Word } from './keyword-words.ts';

/**
 * A term's counts, from which YAKE's five term features are computed, and its score. Terms are
 * made by a class, and the sentences they occur in kept in one list for the whole text: the
 * engine takes hundreds of object or array literals, all alive while a text is scored, for
 * long-lived data, and allocates them where every later garbage collection pays for them.
 */
export class Term {
  tf = 0;
  /** Occurrences tagged as a name, and as an acronym. */
  capitalised = 0;
  acronym = 0;
  /** How many sentences it occurs in, and the last of them. */
  spread = 0;
  last = -1;
  /** The middle ones of the sentences it occurs in (their mean is the median), once found. */
  low = 0;
  high = 0;
  placed = 0;
  /** Different terms seen just before it, and how many times any term was; after it, the same. */
  leftDistinct = 0;
  leftTotal = 0;
  rightDistinct = 0;
  rightTotal = 0;
  /** Times each term directly follows it in a block; null until one does. */
  next: Map<string, number> | null = null;
  /** Lower is better. */
  score = 0;

  constructor(readonly stop: boolean) {}
}

/** Every term of a text, in order of first occurrence. */
export type TermTable = Map<string, Term>;

/**
 * Scores every term with YAKE's features (Campos et al. 2020, section 3.2): casing, position
 * (median sentence), normalised frequency, relatedness to context (how many different words
 * stand on each side) and spread over sentences. Neighbours are counted within a window of
 * one word, stopwords included; numbers and codes have none.
 */
export function scoreTerms(sentences: Sentence[]): TermTable {
  const table: TermTable = new Map();
  // Each term with each sentence it occurs in, once, in the order of the text.
  const occurrences: Term[] = [];
  const inSentence: number[] = [];
  for (let s = 0; s < sentences.length; s++) {
    for (const block of sentences[s] ?? []) {
      let before: Word | undefined;
      let previous: Term | undefined;
      for (const word of block) {
        const current = count(table, word);
        if (current.last !== s) {
          current.last = s;
          current.spread++;
          occurrences.push(current);
          inSentence.push(s);
        }
        if (previous && before && hasNeighbours(before) && hasNeighbours(word)) {
          previous.next ??= new Map();
          const seen = previous.next.get(word.term) ?? 0;
          previous.next.set(word.term, seen + 1);
          previous.rightTotal++;
          current.leftTotal++;
          if (seen === 0) {
            previous.rightDistinct++;
            current.leftDistinct++;
          }
        }
        before = word;
        previous = current;
      }
    }
  }
  findMedians(occurrences, inSentence);
  const scale = frequencyScale(table);
  for (const c of table.values()) {
    const casing = Math.max(c.capitalised, c.acronym) / (1 + Math.log(c.tf));
    const position = Math.log(Math.log(3 + (c.low + c.high) / 2));
    const related =
      1 +
      (dispersion(c.leftDistinct, c.leftTotal) + dispersion(c.rightDistinct, c.rightTotal)) *
        (c.tf / scale.max);
    const frequency = c.tf / scale.norm;
    const spread = c.spread / sentences.length;
    c.score = (related * position) / (casing + frequency / related + spread / related);
  }
  return table;
}

/** How many times term `b` directly follows term `a` in a block. */
export function pairCount(table: TermTable, a: string, b: string): number {
  return table.get(a)?.next?.get(b) ?? 0;
}

function count(table: TermTable, word: Word): Term {
  let c = table.get(word.term);
  if (!c) {
    c = new Term(word.stop);
    table.set(word.term, c);
  }
  c.tf++;
  if (word.kind === 'name') c.capitalised++;
  if (word.kind === 'acronym') c.acronym++;
  return c;
}

/**
 * Each term's middle sentences, from the terms' sentences in the order of the text: the
 * `(n - 1) / 2`-th and the `n / 2`-th of its `n` sentences, rounded down.
 */
function findMedians(occurrences: Term[], inSentence: number[]): void {
  for (let i = 0; i < occurrences.length; i++) {
    const c = occurrences[i] as Term;
    const k = c.placed++;
    if (k === (c.spread - 1) >> 1) c.low = inSentence[i] ?? 0;
    if (k === c.spread >> 1) c.high = inSentence[i] ?? 0;
  }
}

function hasNeighbours(word: Word): boolean {
  return word.kind !== 'number' && word.kind !== 'mixed';
}

/** Near 1 for a word that goes with anything, as stopwords do: distinct neighbours / all. */
function dispersion(distinct: number, total: number): number {
  return total === 0 ? 0 : distinct / total;
}

/** The largest frequency, and the mean plus one deviation of the non-stopwords' frequencies. */
function frequencyScale(table: TermTable) {
  let max = 1;
  const valid: number[] = [];
  for (const c of table.values()) {
    max = Math.max(max, c.tf);
    if (!c.stop) valid.push(c.tf);
  }
  const mean = valid.reduce((a, b) => a + b, 0) / Math.max(1, valid.length);
  const variance = valid.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, valid.length);
  return { max, norm: mean + Math.sqrt(variance) || 1 };
}
