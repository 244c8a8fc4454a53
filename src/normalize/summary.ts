import { readWords, type Sentence } from './keyword-words.ts';
import type { Language } from './locales.ts';
import { isQuoteWhole, outsideQuotes } from './quotes.ts';
import { splitSentences } from './sentences.ts';
import { rankSentences } from './summary-rank.ts';
import { countWords } from './tokens.ts';

/** Longest summary, in words, unless a single sentence is longer. */
export const summaryWordBudget = 60;
const maxSentences = 3;
/** How fast a sentence's weight falls with its place in the text: the lead says the news. */
const leadPrior = 0.75;
/** Weight of a sentence's own score against its likeness to sentences already chosen (MMR). */
const lambda = 0.7;
/** Only the lead of a long text is ranked: summaries come from there, and ranking is quadratic. */
const maxCandidates = 150;

/** What a summary is chosen from. */
export interface SummarySource {
  /** The page's standfirst, when it has one. */
  standfirst: string | null;
  /** The page's headline, which a summary does not repeat. */
  headline: string | null;
  /** The body's paragraphs, each as its sentences, the dateline taken off the first. */
  paragraphs: string[][];
  language: Language;
  /** The words of the body's sentences, in the same order, when they are already read. */
  read?: Sentence[];
}

/** A standfirst this long, in words, is a summary; a shorter one is a label or a teaser. */
const minStandfirstWords = 8;

/** A standfirst shorter than this, in words, is a teaser: the body's lead sentence follows it. */
const teaserWords = 30;
/** A lead sentence shorter than this, in words, opens a scene or an answer: it states no news. */
const minLeadWords = 15;
/** A lead sentence with this share of its words in the standfirst says nothing more. */
const repeatShare = 0.5;
/**
 * A teaser and the lead sentence after it, together, may run this long: the lead states the
 * news the teaser only hints at, however long the agency's first sentence is.
 */
const teaserAndLeadWords = summaryWordBudget * 1.5;

/**
 * The entry's summary: the standfirst when it is made of whole sentences (its best three when it
 * has more), followed by the body's lead sentence when it is a short teaser of fewer than three
 * sentences and the lead says more; else one to three whole
 * sentences of the body, none of them a line's closing question (an interviewer's), a caption,
 * a list item, a timestamp or the headline, none holding half a quotation.
 */
export function chooseSummary(source: SummarySource): string {
  const { language } = source;
  const standfirst = closed(source.standfirst);
  const all = source.paragraphs.flat();
  if (
    standfirst &&
    isWholeText(standfirst) &&
    !isQuestion(standfirst) &&
    countWords(standfirst) >= minStandfirstWords
  ) {
    const words = countWords(standfirst);
    const sentences = splitSentences(standfirst, language);
    if (words > summaryWordBudget * 1.5 || sentences.length > maxSentences)
      return summarize(sentences, language);
    // A standfirst of three sentences says all a summary may.
    if (words >= teaserWords || sentences.length === maxSentences) return standfirst;
    const first = fitSentences(source.paragraphs, source.headline, 1)[0];
    const lead = first === undefined ? undefined : all[first];
    return lead !== undefined &&
      countWords(lead) >= minLeadWords &&
      words + countWords(lead) <= teaserAndLeadWords &&
      !repeats(lead, standfirst)
      ? `${standfirst} ${lead}`
      : standfirst;
  }
  const fit = fitSentences(source.paragraphs, source.headline);
  if (fit.length === 0) return summarize(all, language);
  // The whole text is ranked, so that every sentence counts in what is central to it.
  const eligible = new Set(fit);
  const read = source.read;
  const covered = read !== undefined && read.length >= Math.min(all.length, maxCandidates);
  return summarize(all, language, covered ? read : undefined, (i) => eligible.has(i));
}

/**
 * The indexes, among the paragraphs' sentences in order, of those a summary may take: the first
 * `wanted` of them.
 */
function fitSentences(
  paragraphs: string[][],
  headline: string | null,
  wanted = maxCandidates,
): number[] {
  const fit: number[] = [];
  let index = 0;
  // Only the lead is ranked: the sentences past it need no judging.
  for (const paragraph of paragraphs) {
    if (index >= maxCandidates || fit.length >= wanted) break;
    // A short paragraph that ends in a question is an interviewer's: none of it sums up.
    const last = paragraph.length - 1;
    const asked = paragraph.length <= 3 && isQuestion(paragraph[last] ?? '');
    const outside = asked ? [] : outsideQuotes(paragraph);
    for (let i = 0; i <= last; i++, index++) {
      if (asked || !outside[i] || (i === last && isQuestion(paragraph[i] ?? ''))) continue;
      if (isSummarySentence(paragraph[i] ?? '', headline)) fit.push(index);
    }
  }
  return fit;
}

/** Words of four letters or more, lowercased: what two sentences are compared on. */
const longWords = (text: string) =>
  new Set((text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) as string[]);

/** Whether most of the sentence's words are already in the text. */
function repeats(sentence: string, text: string): boolean {
  const said = longWords(text);
  const words = [...longWords(sentence)];
  return words.filter((w) => said.has(w)).length >= repeatShare * words.length;
}

const sentenceEnd = /[.!?…][»"”’)\]]*$/u;
const isQuestion = (text: string) => /\?[»"”’)\]]*$/u.test(text);
const isWholeText = (text: string) => sentenceEnd.test(text) && isQuoteWhole(text);

/** A standfirst this long is a sentence even when the site prints it without its full stop. */
const openStandfirstWords = 12;

/** The standfirst with the full stop a site left off a sentence of it. */
function closed(standfirst: string | null): string | null {
  if (!standfirst || sentenceEnd.test(standfirst) || /[:,;–—-]\s*$/u.test(standfirst))
    return standfirst;
  return countWords(standfirst) >= openStandfirstWords ? `${standfirst}.` : standfirst;
}

/** A list item's mark, a timestamp's words, a caption's credit. */
const listItem = /^(?:[-–—•*·▪►✓]|\d{1,2}[.)])\s/u;
const timestamp =
  /^(?:publié|mis à jour|modifié|published|updated|posted|publicado|actualizado|atualizado|veröffentlicht|aktualisiert|stand)\b/iu;
const credit = /(?:^|[\s(])(?:photo|foto|crédit|credit|bild|image|imagem)\s*:|©/iu;

function isSummarySentence(sentence: string, headline: string | null): boolean {
  if (!sentenceEnd.test(sentence) || !hasLetters(sentence, minSentenceLetters)) return false;
  if (listItem.test(sentence) || timestamp.test(sentence)) return false;
  if ((sentence.includes(':') || sentence.includes('©')) && credit.test(sentence)) return false;
  if (!headline) return true;
  const folded = fold(sentence);
  const title = fold(headline);
  return folded !== title && !folded.startsWith(`${title} `);
}

/** A sentence with fewer letters is a fragment ("E é.", "Oui.", "En cause ?"), not a summary's. */
const minSentenceLetters = 12;
const letter = /\p{L}/u;

/** Whether the text has `n` letters at least: counted from the start, until there are. */
function hasLetters(text: string, n: number): boolean {
  let found = 0;
  for (const c of text) if (letter.test(c) && ++found >= n) return true;
  return false;
}

const fold = (text: string) =>
  text
    .toLowerCase()
    .replace(/[.!?…»"”’]+$/u, '')
    .trim();

/**
 * An extractive summary: sentences ranked by lexical centrality (TextRank over TF-IDF cosine
 * similarity) times a lead prior, chosen with maximal marginal relevance within a word budget,
 * and given back in the order of the text. `read` holds the words of its first sentences (150
 * at least, or all), when they are already read (`readWords`), sentence by sentence; only the
 * sentences `eligible` takes may be chosen.
 */
export function summarize(
  allSentences: string[],
  language: Language,
  read: Sentence[] = readWords(allSentences.slice(0, maxCandidates), language),
  eligible: (index: number) => boolean = () => true,
): string {
  const sentences = allSentences.slice(0, maxCandidates);
  const n = sentences.length;
  if (n === 0) return '';
  const { similarity, centrality } = rankSentences(read.slice(0, n));
  const score = centrality.map((c, i) => c / (i + 1) ** leadPrior);
  const lengths: number[] = [];
  const lengthOf = (i: number): number => {
    lengths[i] ??= countWords(sentences[i] ?? '');
    return lengths[i];
  };
  const chosen: number[] = [];
  let words = 0;
  // A Set keeps the candidates in the order ties are settled in: the text's, then put-backs.
  const candidates = new Set([...sentences.keys()].filter(eligible));
  while (chosen.length < maxSentences && candidates.size > 0) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const i of candidates) {
      let redundancy = 0;
      for (const j of chosen) redundancy = Math.max(redundancy, similarity[i * n + j] ?? 0);
      const value = lambda * (score[i] ?? 0) - (1 - lambda) * redundancy;
      if (value > bestValue) [best, bestValue] = [i, value];
    }
    candidates.delete(best);
    const length = lengthOf(best);
    if (chosen.length > 0 && words + length > summaryWordBudget) continue;
    if (chosen.length === 0 && length > summaryWordBudget) {
      // Too long on its own: the first sentence that fits does better, if a strong one exists.
      const fitting = [...candidates].find((i) => lengthOf(i) <= summaryWordBudget);
      if (fitting !== undefined && (score[fitting] ?? 0) >= 0.5 * (score[best] ?? 0)) {
        candidates.add(best);
        best = fitting;
        candidates.delete(best);
      }
    }
    chosen.push(best);
    words += lengthOf(best);
    if (words >= summaryWordBudget * 0.75) break;
  }
  return chosen
    .sort((a, b) => a - b)
    .map((i) => sentences[i])
    .join(' ');
}
