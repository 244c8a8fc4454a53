import type { TermTable } from './keyword-terms.ts';
import type { Sentence, Word } from './keyword-words.ts';

/** A candidate keyword: up to three words of a block, and how the text writes it. */
export interface Candidate {
  words: Word[];
  count: number;
  /** Spellings seen, with their counts. */
  forms: Map<string, number>;
  /** Occurrences in which every word is a name or an acronym (stopwords aside). */
  named: number;
  /** Index of the first sentence it occurs in. */
  first: number;
}

const maxPhraseLength = 3;
/** Longer "words" are addresses, hashes or noise; keeping them out also bounds edit distances. */
const maxWordLength = 40;

/**
 * Every run of one to three words that neither starts nor ends with a stopword and holds no
 * number, keyed by its terms. A run that would cut a name in two ("Rights Watch", or "Turing"
 * alone, out of "Alan Turing") is not counted.
 */
export function collectCandidates(sentences: Sentence[]): Map<string, Candidate> {
  const candidates = new Map<string, Candidate>();
  sentences.forEach((blocks, s) => {
    for (const block of blocks) {
      for (let start = 0; start < block.length; start++) {
        for (let n = 1; n <= maxPhraseLength && start + n <= block.length; n++) {
          const words = block.slice(start, start + n);
          if (isCandidate(words) && !cutsName(block, start, n)) add(candidates, words, s);
        }
      }
    }
  });
  return candidates;
}

function isCandidate(words: Word[]): boolean {
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last || first.stop || last.stop) return false;
  return words.every(
    (w) => w.kind !== 'number' && w.kind !== 'mixed' && w.text.length <= maxWordLength,
  );
}

const inName = (word: Word | undefined) =>
  word?.capital === true && !word.stop && word.kind !== 'number';

function cutsName(block: Word[], start: number, n: number): boolean {
  const cuts = (edge: Word | undefined, outside: Word | undefined) =>
    inName(edge) && inName(outside);
  return cuts(block[start], block[start - 1]) || cuts(block[start + n - 1], block[start + n]);
}

function add(candidates: Map<string, Candidate>, words: Word[], sentence: number) {
  const key = words.map((w) => w.term).join(' ');
  let candidate = candidates.get(key);
  if (!candidate) {
    candidate = { words, count: 0, forms: new Map(), named: 0, first: sentence };
    candidates.set(key, candidate);
  }
  candidate.count++;
  const form = joinForm(words);
  candidate.forms.set(form, (candidate.forms.get(form) ?? 0) + 1);
  if (words.every((w) => w.stop || w.kind === 'name' || w.kind === 'acronym')) candidate.named++;
}

/** Words joined as written: no space after an elided article (`d'Olonne`). */
function joinForm(words: Word[]): string {
  return words.reduce(
    (form, w, i) => (i === 0 ? w.text : /['’]$/.test(form) ? form + w.text : `${form} ${w.text}`),
    '',
  );
}

/** The most frequent spelling; a capitalised one wins a tie, as names keep their case. */
export function displayForm(candidate: Candidate): string {
  let best = '';
  let bestCount = -1;
  for (const [form, count] of candidate.forms) {
    const better =
      count > bestCount || (count === bestCount && /^\p{Lu}/u.test(form) && !/^\p{Lu}/u.test(best));
    if (better) [best, bestCount] = [form, count];
  }
  // A common word capitalised only because it opened a sentence is shown as written elsewhere.
  if (candidate.named > 0) return best;
  const lower = [...candidate.forms.keys()].find((form) => !/\p{Lu}/u.test(form));
  return lower ?? best;
}

/** Capitalised inside sentences at least half the time: a person, place or organisation. */
export function isName(candidate: Candidate): boolean {
  return candidate.named > 0 && candidate.named >= candidate.count / 2;
}

/**
 * YAKE's candidate score, lower is better: the product of its terms' scores over their sum
 * plus one, and over its frequency. A stopword inside weighs by how seldom it joins its two
 * neighbours (the probability of the bigram on each side). The product lets a phrase gain on
 * single words the more words it has; weighing the score by (words + 1) / 2 tempers that lead.
 */
export function scoreCandidate(candidate: Candidate, table: TermTable): number {
  let product = 1;
  let sum = 0;
  candidate.words.forEach((word, i) => {
    if (!word.stop) {
      const s = table.score.get(word.term) ?? 1;
      product *= s;
      sum += s;
      return;
    }
    const before = candidate.words[i - 1]?.term ?? '';
    const after = candidate.words[i + 1]?.term ?? '';
    const left = (table.pairs.get(`${before} ${word.term}`) ?? 0) / (table.tf.get(before) ?? 1);
    const right = (table.pairs.get(`${word.term} ${after}`) ?? 0) / (table.tf.get(after) ?? 1);
    const unlikely = 1 - left * right;
    product *= 1 + unlikely;
    sum -= unlikely;
  });
  return (product * (candidate.words.length + 1)) / (2 * (1 + sum) * candidate.count);
}
