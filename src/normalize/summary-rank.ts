import type { Sentence } from './keyword-words.ts';

/**
 * Lexical centrality of sentences: TextRank over the cosine similarity of their TF-IDF vectors.
 */

/**
 * A sentence's TF-IDF vector: its distinct terms (ids local to the text) in order of first
 * occurrence, their weights, and the vector's Euclidean norm.
 */
interface Vector {
  terms: number[];
  weights: number[];
  norm: number;
}

/**
 * For each term, the sentences it occurs in and its weight there, in the order of the text:
 * term `t`'s are at `first[t]` to `first[t + 1]` of `sentence` and `weight`.
 */
interface Postings {
  first: Int32Array;
  sentence: Int32Array;
  weight: Float64Array;
}

/** An n×n matrix, row after row. */
export type Matrix = Float64Array;

/** The sentences' similarity to each other, and each one's centrality. */
export function rankSentences(read: Sentence[]): {
  similarity: Matrix;
  centrality: Float64Array;
} {
  const { bags, terms } = termBags(read);
  const vectors = tfidfVectors(bags, terms);
  const similarity = cosineMatrix(vectors, invert(vectors, terms));
  return { similarity, centrality: textRank(similarity, read.length) };
}

/** Content words of each sentence as term ids: no stopwords, numbers or single letters. */
function termBags(sentences: Sentence[]): { bags: number[][]; terms: number } {
  const ids = new Map<string, number>();
  const bags = sentences.map((blocks) => {
    const bag: number[] = [];
    for (const block of blocks) {
      for (const { lower, central } of block) {
        if (!central) continue;
        let id = ids.get(lower);
        if (id === undefined) {
          id = ids.size;
          ids.set(lower, id);
        }
        bag.push(id);
      }
    }
    return bag;
  });
  return { bags, terms: ids.size };
}

function tfidfVectors(bags: number[][], terms: number): Vector[] {
  // In how many sentences each term occurs.
  const df = new Int32Array(terms);
  const lastSeenIn = new Int32Array(terms).fill(-1);
  bags.forEach((bag, s) => {
    for (const t of bag) {
      if (lastSeenIn[t] === s) continue;
      lastSeenIn[t] = s;
      df[t] = (df[t] ?? 0) + 1;
    }
  });
  const tf = new Int32Array(terms);
  return bags.map((bag) => {
    const distinct: number[] = [];
    for (const t of bag) {
      if (tf[t] === 0) distinct.push(t);
      tf[t] = (tf[t] ?? 0) + 1;
    }
    const weights = distinct.map((t) => (tf[t] ?? 0) * (1 + Math.log(bags.length / (df[t] ?? 1))));
    for (const t of distinct) tf[t] = 0;
    return { terms: distinct, weights, norm: Math.sqrt(weights.reduce((s, x) => s + x * x, 0)) };
  });
}

/** For each term, the sentences it occurs in, in order, and its weight there. */
function invert(vectors: Vector[], terms: number): Postings {
  const first = new Int32Array(terms + 1);
  for (const vector of vectors)
    for (const t of vector.terms) first[t + 1] = (first[t + 1] ?? 0) + 1;
  for (let t = 0; t < terms; t++) first[t + 1] = (first[t + 1] ?? 0) + (first[t] ?? 0);
  const total = first[terms] ?? 0;
  const postings: Postings = {
    first,
    sentence: new Int32Array(total),
    weight: new Float64Array(total),
  };
  const next = first.slice(0, terms);
  vectors.forEach(({ terms: ids, weights }, sentence) => {
    ids.forEach((t, k) => {
      const p = next[t] ?? 0;
      next[t] = p + 1;
      postings.sentence[p] = sentence;
      postings.weight[p] = weights[k] ?? 0;
    });
  });
  return postings;
}

/**
 * Cosine similarity of every pair of sentences, 0 with itself. Row `i` adds up its products in
 * the order of sentence `i`'s terms, walking only the sentences that share a term with it.
 */
function cosineMatrix(vectors: Vector[], postings: Postings): Matrix {
  const n = vectors.length;
  const similarity: Matrix = new Float64Array(n * n);
  const dot = new Float64Array(n);
  vectors.forEach(({ terms, weights, norm }, i) => {
    dot.fill(0);
    terms.forEach((t, k) => {
      const x = weights[k] ?? 0;
      const end = postings.first[t + 1] ?? 0;
      for (let p = postings.first[t] ?? 0; p < end; p++) {
        const j = postings.sentence[p] ?? 0;
        dot[j] = (dot[j] ?? 0) + x * (postings.weight[p] ?? 0);
      }
    });
    for (let j = 0; j < n; j++) {
      const d = dot[j] ?? 0;
      if (j !== i && d !== 0) similarity[i * n + j] = d / (norm * (vectors[j]?.norm ?? 1));
    }
  });
  return similarity;
}

/**
 * PageRank over a weighted, undirected graph; every score is positive. The iterations follow
 * only the edges, listed once: those into sentence `i` are `first[i]` to `first[i + 1]` of
 * `source` (where each comes from) and `share` (the part of its source's weight it carries).
 */
function textRank(weights: Matrix, n: number, damping = 0.85, iterations = 30): Float64Array {
  const outSum = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += weights[j * n + i] ?? 0;
    outSum[j] = sum;
  }
  const first = new Int32Array(n + 1);
  const source: number[] = [];
  const share: number[] = [];
  for (let i = 0; i < n; i++) {
    first[i] = source.length;
    for (let j = 0; j < n; j++) {
      const w = weights[j * n + i] ?? 0;
      if (w > 0) {
        source.push(j);
        share.push(w / (outSum[j] ?? 1));
      }
    }
  }
  first[n] = source.length;
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let k = 0; k < iterations; k++) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      const end = first[i + 1] ?? 0;
      for (let e = first[i] ?? 0; e < end; e++)
        sum += (share[e] ?? 0) * (rank[source[e] ?? 0] ?? 0);
      next[i] = (1 - damping) / n + damping * sum;
    }
    [rank, next] = [next, rank];
  }
  return rank;
}
