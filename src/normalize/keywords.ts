import { type Candidate, collectCandidates, isName, scoreCandidate } from './keyword-candidates.ts';
import { dedupe, type Keyword, Ranked } from './keyword-dedupe.ts';

export type { Keyword } from './keyword-dedupe.ts';

import { topicTest } from './keyword-fit.ts';
import { inflectionFolderFor } from './keyword-stem.ts';
import { scoreTerms, type TermTable } from './keyword-terms.ts';
import { readWords, type Sentence } from './keyword-words.ts';
import type { Language } from './locales.ts';

/**
 * Keyword extraction after YAKE! (Campos et al., 2020): per-term statistics (casing, position,
 * frequency, relatedness to context, spread over sentences) combined over candidates of one to
 * three words that neither start nor end with a stopword. On top of it: names are never cut
 * in two, a phrase must recur and hold together, a name met once must be in the first
 * sentence, and keywords that repeat a better one (nearly the same letters, the same stems, or
 * one inside the other) are dropped.
 */

export const maxKeywords = 10;
/** Enough for any article; bounds the work on a very long text. */
export const maxKeywordSentences = 500;
/** A phrase, or a name, met once is as likely chance as a unit. */
const minPhraseCount = 2;
/** Least Dice coefficient of a common phrase: words × its count / its words' counts. */
const minCohesion = 0.5;

/** A keyword as shown to readers: cased as the text writes it most often. */

/**
 * The best keywords of a text, best first (lowest score). `read` holds the words of its first
 * sentences, when they are already read (`readWords`), sentence by sentence.
 */
export function extractKeywords(
  sentences: string[],
  language: Language,
  read: Sentence[] = readWords(sentences.slice(0, maxKeywordSentences), language),
  limit = maxKeywords,
): Keyword[] {
  const words = distinctSentences(sentences.slice(0, maxKeywordSentences)).map(
    (i) => read[i] ?? [],
  );
  const table = scoreTerms(words);
  const ranked: Ranked[] = [];
  for (const [key, candidate] of collectCandidates(words)) {
    if (recurs(candidate, table, language.code))
      ranked.push(new Ranked(key, candidate, scoreCandidate(candidate, table)));
  }
  return dedupe(
    bestFirst(ranked),
    inflectionFolderFor(language),
    limit,
    language,
    topicTest(table, language),
  );
}

/** Lower score first, then by key: a total order, as keys are distinct. */
const before = (a: Ranked, b: Ranked) =>
  a.score < b.score || (a.score === b.score && a.key < b.key);

/**
 * The candidates best first, as a heap gives them: keywords are picked from the first few
 * dozen, so the hundreds behind them are never put in order.
 */
function* bestFirst(heap: Ranked[]): Generator<Ranked> {
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i, heap.length);
  for (let size = heap.length; size > 0; size--) {
    const top = heap[0] as Ranked;
    heap[0] = heap[size - 1] as Ranked;
    siftDown(heap, 0, size - 1);
    yield top;
  }
}

function siftDown(heap: Ranked[], i: number, size: number): void {
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) return;
    const right = left + 1;
    const child =
      right < size && before(heap[right] as Ranked, heap[left] as Ranked) ? right : left;
    if (!before(heap[child] as Ranked, heap[i] as Ranked)) return;
    [heap[i], heap[child]] = [heap[child] as Ranked, heap[i] as Ranked];
    i = child;
  }
}

/**
 * The sentences to count, by index: a headline printed twice, or a sentence repeated with a
 * prefix, counts once, the longer version kept in place of the first.
 */
function distinctSentences(sentences: string[]): number[] {
  const kept: number[] = [];
  const lowered: string[] = [];
  sentences.forEach((sentence, s) => {
    const lower = sentence.toLowerCase();
    const i = repeatOf(lowered, lower);
    if (i < 0) {
      kept.push(s);
      lowered.push(lower);
    } else if (sentence.length > (sentences[kept[i] ?? s] ?? '').length) {
      kept[i] = s;
      lowered[i] = lower;
    }
  });
  return kept;
}

/** Which of the last three kept sentences contains the sentence or is contained in it, or -1. */
function repeatOf(kept: string[], sentence: string): number {
  for (let i = kept.length - 1; i >= Math.max(0, kept.length - 3); i--) {
    const other = kept[i] ?? '';
    if (other.includes(sentence) || sentence.includes(other)) return i;
  }
  return -1;
}

/**
 * A phrase is a keyword only if it occurs more than once and, unless it is a name, its words
 * mostly occur in it: about half their occurrences or more. A single word always is, except a
 * name met once after the first sentence (the headline or lead): its capital, which YAKE
 * rewards, then rests on one occurrence. German capitalises its nouns: a word's capital says
 * nothing there.
 */
function recurs(candidate: Candidate, table: TermTable, language: string): boolean {
  if (candidate.words.length === 1)
    return (
      candidate.count >= minPhraseCount ||
      candidate.first === 0 ||
      !isName(candidate) ||
      language === 'de'
    );
  if (isName(candidate)) return candidate.count >= minPhraseCount || candidate.first === 0;
  if (candidate.count < minPhraseCount) return false;
  let words = 0;
  let occurrences = 0;
  for (const w of candidate.words) {
    if (w.stop) continue;
    words++;
    occurrences += table.get(w.term)?.tf ?? 1;
  }
  const dice = (words * candidate.count) / occurrences;
  return dice >= minCohesion;
}

/** Folds a keyword for comparison: lowercase, accents kept, a plural ending dropped. */
export function keywordKey(text: string): string {
  return text.toLowerCase().split(' ').map(withoutPlural).join(' ');
}

/** A word of four letters or more without its final `s` or `x`, unless after an `s` ("stress"). */
function withoutPlural(word: string): string {
  if (word.length <= 3) return word;
  const last = word.charCodeAt(word.length - 1);
  const ends = (last === 0x73 || last === 0x78) && word.charCodeAt(word.length - 2) !== 0x73;
  return ends ? word.slice(0, -1) : word;
}
