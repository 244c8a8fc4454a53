/**
 * The scoring rules of ../shared/eval/README.md, so that figures compare with published ones:
 * ROUGE with the tokenizer of Google's `rouge-score` (lowercase, runs outside [a-z0-9] become
 * spaces, no stemming), F1 per document; keywords compared exactly after lowercasing and NFC.
 */

export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean);
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

function f1(overlap: number, predicted: number, reference: number): Score {
  const precision = predicted === 0 ? 0 : overlap / predicted;
  const recall = reference === 0 ? 0 : overlap / reference;
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N from clipped n-gram counts. */
export function rougeN(prediction: string, reference: string, n: number): Score {
  const predicted = ngrams(rougeTokens(prediction), n);
  const expected = ngrams(rougeTokens(reference), n);
  let overlap = 0;
  for (const [gram, count] of predicted) overlap += Math.min(count, expected.get(gram) ?? 0);
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return f1(overlap, total(predicted), total(expected));
}

/** ROUGE-L from the longest common subsequence of the whole token sequences. */
export function rougeL(prediction: string, reference: string): Score {
  const a = rougeTokens(prediction);
  const b = rougeTokens(reference);
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] =
        a[i - 1] === b[j - 1]
          ? (previous[j - 1] ?? 0) + 1
          : Math.max(previous[j] ?? 0, row[j - 1] ?? 0);
    }
    previous = row;
  }
  return f1(previous[b.length] ?? 0, a.length, b.length);
}

const normalizeKeyword = (k: string) => k.normalize('NFC').toLowerCase().trim();

/** Precision, recall and F1 of the first `k` keywords against the gold list. */
export function keywordScore(predicted: string[], gold: string[], k: number): Score {
  const expected = new Set(gold.map(normalizeKeyword));
  const top = [...new Set(predicted.map(normalizeKeyword))].slice(0, k);
  const hits = top.filter((keyword) => expected.has(keyword)).length;
  return f1(hits, top.length, expected.size);
}
