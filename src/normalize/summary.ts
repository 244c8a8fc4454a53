import { stopwordsFor } from './stopwords.ts';
import { countWords, tokenize } from './tokens.ts';

/** Longest summary, in words, unless a single sentence is longer. */
export const summaryWordBudget = 60;
const maxSentences = 3;
/** Weight of a sentence's own score against its likeness to sentences already chosen (MMR). */
const lambda = 0.7;
/** Only the lead of a long text is ranked: summaries come from there, and ranking is quadratic. */
const maxCandidates = 150;

type Vector = Map<string, number>;

/**
 * An extractive summary: sentences ranked by lexical centrality (TextRank over TF-IDF cosine
 * similarity) times a lead prior, chosen with maximal marginal relevance within a word budget,
 * and given back in the order of the text.
 */
export function summarize(allSentences: string[], language: string): string {
  const sentences = allSentences.slice(0, maxCandidates);
  if (sentences.length === 0) return '';
  const vectors = tfidfVectors(sentences, language);
  const similarity = vectors.map((a) => vectors.map((b) => (a === b ? 0 : cosine(a, b))));
  const centrality = textRank(similarity);
  const score = centrality.map((c, i) => c / Math.sqrt(i + 1));
  const lengths = sentences.map(countWords);
  const chosen: number[] = [];
  let words = 0;
  const candidates = new Set(sentences.keys());
  while (chosen.length < maxSentences && candidates.size > 0) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const i of candidates) {
      const redundancy = Math.max(0, ...chosen.map((j) => similarity[i]?.[j] ?? 0));
      const value = lambda * (score[i] ?? 0) - (1 - lambda) * redundancy;
      if (value > bestValue) [best, bestValue] = [i, value];
    }
    candidates.delete(best);
    const length = lengths[best] ?? 0;
    if (chosen.length > 0 && words + length > summaryWordBudget) continue;
    if (chosen.length === 0 && length > summaryWordBudget) {
      // Too long on its own: the first sentence that fits does better, if a strong one exists.
      const fitting = [...candidates].find((i) => (lengths[i] ?? 0) <= summaryWordBudget);
      if (fitting !== undefined && (score[fitting] ?? 0) >= 0.5 * (score[best] ?? 0)) {
        candidates.add(best);
        best = fitting;
        candidates.delete(best);
      }
    }
    chosen.push(best);
    words += lengths[best] ?? 0;
    if (words >= summaryWordBudget * 0.75) break;
  }
  return chosen
    .sort((a, b) => a - b)
    .map((i) => sentences[i])
    .join(' ');
}

function tfidfVectors(sentences: string[], language: string): Vector[] {
  const stopwords = stopwordsFor(language);
  const bags = sentences.map((s) =>
    tokenize(s)
      .map((t) => t.lower)
      .filter((w) => w.length > 1 && !stopwords.has(w) && !/^\d+$/.test(w)),
  );
  const df = new Map<string, number>();
  for (const bag of bags) for (const w of new Set(bag)) df.set(w, (df.get(w) ?? 0) + 1);
  return bags.map((bag) => {
    const vector: Vector = new Map();
    for (const w of bag) vector.set(w, (vector.get(w) ?? 0) + 1);
    for (const [w, tf] of vector)
      vector.set(w, tf * (1 + Math.log(bags.length / (df.get(w) ?? 1))));
    return vector;
  });
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [w, x] of a) dot += x * (b.get(w) ?? 0);
  if (dot === 0) return 0;
  const norm = (v: Vector) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
  return dot / (norm(a) * norm(b));
}

/** PageRank over a weighted, undirected graph; every score is positive. */
function textRank(weights: number[][], damping = 0.85, iterations = 30): number[] {
  const n = weights.length;
  const outSum = weights.map((row) => row.reduce((s, w) => s + w, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let k = 0; k < iterations; k++) {
    rank = rank.map((_, i) => {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const w = weights[j]?.[i] ?? 0;
        if (w > 0) sum += (w / (outSum[j] ?? 1)) * (rank[j] ?? 0);
      }
      return (1 - damping) / n + damping * sum;
    });
  }
  return rank;
}
