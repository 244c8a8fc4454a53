import type { Sentence, Word } from './keyword-words.ts';

/** What YAKE's five term features are computed from. */
interface TermCounts {
  tf: number;
  /** Occurrences tagged as a name, and as an acronym. */
  capitalised: number;
  acronym: number;
  stop: boolean;
  /** Indexes of the sentences it occurs in, ascending, each once. */
  sentences: number[];
  /** Different words seen just before it, and how many times any word was. */
  left: Neighbours;
  right: Neighbours;
}

interface Neighbours {
  distinct: number;
  total: number;
}

/** Per-term scores (lower is better) and the counts that candidate scores also need. */
export interface TermTable {
  score: Map<string, number>;
  tf: Map<string, number>;
  /** Times term `b` directly follows term `a` in a block, keyed `a b`. */
  pairs: Map<string, number>;
}

/**
 * Scores every term with YAKE's features (Campos et al. 2020, section 3.2): casing, position
 * (median sentence), normalised frequency, relatedness to context (how many different words
 * stand on each side) and spread over sentences. Neighbours are counted within a window of
 * one word, stopwords included; numbers and codes have none.
 */
export function scoreTerms(sentences: Sentence[]): TermTable {
  const counts = new Map<string, TermCounts>();
  const pairs = new Map<string, number>();
  sentences.forEach((blocks, s) => {
    for (const block of blocks) {
      let previous: TermCounts | undefined;
      block.forEach((word, i) => {
        const current = count(counts, word, s);
        const before = block[i - 1];
        if (previous && before && hasNeighbours(before) && hasNeighbours(word)) {
          const pair = `${before.term} ${word.term}`;
          const seen = pairs.get(pair) ?? 0;
          pairs.set(pair, seen + 1);
          meet(previous.right, seen === 0);
          meet(current.left, seen === 0);
        }
        previous = current;
      });
    }
  });
  const scale = frequencyScale(counts);
  const score = new Map<string, number>();
  const tf = new Map<string, number>();
  for (const [term, c] of counts) {
    const casing = Math.max(c.capitalised, c.acronym) / (1 + Math.log(c.tf));
    const position = Math.log(Math.log(3 + median(c.sentences)));
    const related = 1 + (dispersion(c.left) + dispersion(c.right)) * (c.tf / scale.max);
    const frequency = c.tf / scale.norm;
    const spread = c.sentences.length / sentences.length;
    score.set(term, (related * position) / (casing + frequency / related + spread / related));
    tf.set(term, c.tf);
  }
  return { score, tf, pairs };
}

function count(counts: Map<string, TermCounts>, word: Word, sentence: number): TermCounts {
  let c = counts.get(word.term);
  if (!c) {
    c = {
      tf: 0,
      capitalised: 0,
      acronym: 0,
      stop: word.stop,
      sentences: [],
      left: { distinct: 0, total: 0 },
      right: { distinct: 0, total: 0 },
    };
    counts.set(word.term, c);
  }
  c.tf++;
  if (word.kind === 'name') c.capitalised++;
  if (word.kind === 'acronym') c.acronym++;
  if (c.sentences[c.sentences.length - 1] !== sentence) c.sentences.push(sentence);
  return c;
}

const hasNeighbours = (word: Word) => word.kind !== 'number' && word.kind !== 'mixed';

function meet(side: Neighbours, isNew: boolean) {
  side.total++;
  if (isNew) side.distinct++;
}

/** Near 1 for a word that goes with anything, as stopwords do. */
const dispersion = (side: Neighbours) => (side.total === 0 ? 0 : side.distinct / side.total);

/** The largest frequency, and the mean plus one deviation of the non-stopwords' frequencies. */
function frequencyScale(counts: Map<string, TermCounts>) {
  let max = 1;
  const valid: number[] = [];
  for (const c of counts.values()) {
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
