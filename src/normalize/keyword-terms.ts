import type { Sentence, Word } from './keyword-words.ts';

/** A term's counts, from which YAKE's five term features are computed, and its score. */
export interface Term {
  tf: number;
  /** Occurrences tagged as a name, and as an acronym. */
  capitalised: number;
  acronym: number;
  stop: boolean;
  /** Indexes of the sentences it occurs in, ascending, each once. */
  sentences: number[];
  /** Different terms seen just before it, and how many times any term was. */
  left: Neighbours;
  right: Neighbours;
  /** Times each term directly follows it in a block. */
  next: Map<string, number>;
  /** Lower is better. */
  score: number;
}

interface Neighbours {
  distinct: number;
  total: number;
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
  for (let s = 0; s < sentences.length; s++) {
    for (const block of sentences[s] ?? []) {
      let before: Word | undefined;
      let previous: Term | undefined;
      for (const word of block) {
        const current = count(table, word, s);
        if (previous && before && hasNeighbours(before) && hasNeighbours(word)) {
          const seen = previous.next.get(word.term) ?? 0;
          previous.next.set(word.term, seen + 1);
          meet(previous.right, seen === 0);
          meet(current.left, seen === 0);
        }
        before = word;
        previous = current;
      }
    }
  }
  const scale = frequencyScale(table);
  for (const c of table.values()) {
    const casing = Math.max(c.capitalised, c.acronym) / (1 + Math.log(c.tf));
    const position = Math.log(Math.log(3 + median(c.sentences)));
    const related = 1 + (dispersion(c.left) + dispersion(c.right)) * (c.tf / scale.max);
    const frequency = c.tf / scale.norm;
    const spread = c.sentences.length / sentences.length;
    c.score = (related * position) / (casing + frequency / related + spread / related);
  }
  return table;
}

/** How many times term `b` directly follows term `a` in a block. */
export function pairCount(table: TermTable, a: string, b: string): number {
  return table.get(a)?.next.get(b) ?? 0;
}

function count(table: TermTable, word: Word, sentence: number): Term {
  let c = table.get(word.term);
  if (!c) {
    c = {
      tf: 0,
      capitalised: 0,
      acronym: 0,
      stop: word.stop,
      sentences: [],
      left: { distinct: 0, total: 0 },
      right: { distinct: 0, total: 0 },
      next: new Map(),
      score: 0,
    };
    table.set(word.term, c);
  }
  c.tf++;
  if (word.kind === 'name') c.capitalised++;
  if (word.kind === 'acronym') c.acronym++;
  if (c.sentences[c.sentences.length - 1] !== sentence) c.sentences.push(sentence);
  return c;
}

function hasNeighbours(word: Word): boolean {
  return word.kind !== 'number' && word.kind !== 'mixed';
}

function meet(side: Neighbours, isNew: boolean) {
  side.total++;
  if (isNew) side.distinct++;
}

/** Near 1 for a word that goes with anything, as stopwords do. */
function dispersion(side: Neighbours): number {
  return side.total === 0 ? 0 : side.distinct / side.total;
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

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? 0;
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
