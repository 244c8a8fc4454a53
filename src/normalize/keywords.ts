import { stopwordsFor } from './stopwords.ts';
import { type Token, tokenize } from './tokens.ts';

/**
 * Keyword extraction after YAKE! (Campos et al., 2020): single-word statistics (casing,
 * position, frequency, relatedness to context, spread over sentences) combined over candidate
 * phrases of one to three words that neither start nor end with a stopword. Proper names
 * (capitalised inside a sentence) get an extra weight. Lower YAKE scores are better.
 */

export const maxKeywords = 10;
const maxPhraseLength = 3;
/** How much more a proper name is worth than a common phrase of the same statistics. */
const nameBoost = 0.5;
const conjunctions = new Set(['et', 'ou', 'and', 'or', 'y', 'e', 'o', 'u', 'ni', 'nor']);

interface TermStats {
  tf: number;
  upper: number;
  acronym: number;
  sentences: number[];
  left: Map<string, number>;
  right: Map<string, number>;
}

interface Candidate {
  terms: string[];
  count: number;
  forms: Map<string, number>;
  /** Times written capitalised where a sentence does not force it. */
  named: number;
}

/** A keyword as shown to readers: cased as the text writes it most often. */
export interface Keyword {
  text: string;
  score: number;
  /** Written capitalised inside sentences: a person, place or organisation. */
  name: boolean;
}

export function extractKeywords(sentences: string[], language: string): Keyword[] {
  const stopwords = stopwordsFor(language);
  const isStop = (w: string) =>
    stopwords.has(w) || w.length < 2 || /['’]$/.test(w) || /^[\d.,'’-]+$/.test(w);
  const sentenceTokens = sentences.map(phrases);
  const stats = termStatistics(sentenceTokens, isStop);
  const termScore = scoreTerms(stats, sentences.length);
  const candidates = collectCandidates(sentenceTokens, isStop);

  const ranked: Keyword[] = [];
  for (const candidate of candidates.values()) {
    let product = 1;
    let sum = 0;
    for (const term of candidate.terms) {
      if (isStop(term)) continue;
      const s = termScore.get(term) ?? 1;
      product *= s;
      sum += s;
    }
    const name = candidate.named > 0 && candidate.named >= candidate.count / 2;
    const score = (product / (candidate.count * (1 + sum))) * (name ? nameBoost : 1);
    ranked.push({ text: displayForm(candidate), score, name });
  }
  ranked.sort((a, b) => a.score - b.score || a.text.localeCompare(b.text));
  return dedupe(ranked).slice(0, maxKeywords);
}

/** A sentence's words, in runs that punctuation does not cross; the first word opens it. */
interface Phrase {
  tokens: Token[];
  opensSentence: boolean;
}

const punctuation = /[,;:()«»"“”[\]!?…]|\s[–—-]\s/;

function phrases(sentence: string): Phrase[] {
  return sentence
    .split(punctuation)
    .map((part, i) => ({ tokens: tokenize(part), opensSentence: i === 0 }))
    .filter((p) => p.tokens.length > 0);
}

const capitalised = (token: Token | undefined) =>
  token !== undefined && /^\p{Lu}/u.test(token.text);

function termStatistics(sentences: Phrase[][], isStop: (w: string) => boolean) {
  const stats = new Map<string, TermStats>();
  sentences.forEach((phraseList, s) => {
    for (const { tokens, opensSentence } of phraseList) {
      tokens.forEach((token, i) => {
        const term = token.lower;
        let entry = stats.get(term);
        if (!entry) {
          entry = { tf: 0, upper: 0, acronym: 0, sentences: [], left: new Map(), right: new Map() };
          stats.set(term, entry);
        }
        entry.tf++;
        if (/^\p{Lu}{2,}$/u.test(token.text)) entry.acronym++;
        else if ((i > 0 || !opensSentence) && capitalised(token)) entry.upper++;
        entry.sentences.push(s);
        const before = tokens[i - 1]?.lower;
        const after = tokens[i + 1]?.lower;
        if (before && !isStop(before)) entry.left.set(before, (entry.left.get(before) ?? 0) + 1);
        if (after && !isStop(after)) entry.right.set(after, (entry.right.get(after) ?? 0) + 1);
      });
    }
  });
  return stats;
}

function scoreTerms(stats: Map<string, TermStats>, sentenceCount: number): Map<string, number> {
  const frequencies = [...stats.values()].map((s) => s.tf);
  const mean = frequencies.reduce((a, b) => a + b, 0) / Math.max(1, frequencies.length);
  const deviation = Math.sqrt(
    frequencies.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, frequencies.length),
  );
  const maxTf = Math.max(1, ...frequencies);
  const scores = new Map<string, number>();
  for (const [term, s] of stats) {
    const casing = Math.max(s.upper, s.acronym) / (1 + Math.log(s.tf));
    const sorted = [...s.sentences].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const position = Math.log(Math.log(3 + median));
    const frequency = s.tf / (mean + deviation);
    const spread = (m: Map<string, number>) => {
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      return total === 0 ? 0 : m.size / total;
    };
    const relatedness = 1 + (spread(s.left) + spread(s.right)) * (s.tf / maxTf);
    const different = new Set(s.sentences).size / Math.max(1, sentenceCount);
    const score =
      (relatedness * position) / (casing + frequency / relatedness + different / relatedness);
    scores.set(term, score);
  }
  return scores;
}

function collectCandidates(sentences: Phrase[][], isStop: (w: string) => boolean) {
  const candidates = new Map<string, Candidate>();
  for (const { tokens, opensSentence } of sentences.flat()) {
    for (let start = 0; start < tokens.length; start++) {
      const first = tokens[start];
      if (!first || isStop(first.lower)) continue;
      for (let n = 1; n <= maxPhraseLength && start + n <= tokens.length; n++) {
        const words = tokens.slice(start, start + n);
        const last = words[words.length - 1];
        if (!last || isStop(last.lower)) continue;
        // Names joined by a conjunction are two keywords, not one.
        if (words.some((w, i) => i > 0 && conjunctions.has(w.lower))) continue;
        // Never half a name: "gouvernement de Dina" out of "gouvernement de Dina Boluarte".
        const before = tokens[start - 1];
        const after = tokens[start + n];
        if (capitalised(last) && capitalised(after)) continue;
        if (capitalised(first) && capitalised(before) && (start > 1 || !opensSentence)) continue;
        const key = words.map((w) => w.lower).join(' ');
        let candidate = candidates.get(key);
        if (!candidate) {
          candidate = { terms: words.map((w) => w.lower), count: 0, forms: new Map(), named: 0 };
          candidates.set(key, candidate);
        }
        candidate.count++;
        const form = joinForm(words);
        candidate.forms.set(form, (candidate.forms.get(form) ?? 0) + 1);
        const name = words.every((w) => isStop(w.lower) || capitalised(w));
        if (name && (start > 0 || !opensSentence)) candidate.named++;
      }
    }
  }
  return candidates;
}

function joinForm(words: Token[]): string {
  return words.reduce(
    (form, w, i) => (i === 0 ? w.text : /['’]$/.test(form) ? form + w.text : `${form} ${w.text}`),
    '',
  );
}

/** The most frequent spelling; a capitalised one wins a tie, as names keep their case. */
function displayForm(candidate: Candidate): string {
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

/** Folds a keyword for comparison: lowercase, accents kept, a plural ending dropped. */
export function keywordKey(text: string): string {
  return text
    .toLowerCase()
    .split(' ')
    .map((w) => (w.length > 3 ? w.replace(/(?<=[^s])[sx]$/, '') : w))
    .join(' ');
}

/**
 * Drops keywords that repeat a better one: the same words up to plural, or nearly all of it
 * ("Boluarte" after "Dina Boluarte"). A name inside a longer phrase ("Pérou" in "soldats au
 * Pérou") is a keyword of its own.
 */
function dedupe(ranked: Keyword[]): Keyword[] {
  const kept: Keyword[] = [];
  const keys: string[] = [];
  const nearly = (a: string, b: string) =>
    ` ${a} `.includes(` ${b} `) && b.length >= 0.6 * a.length;
  for (const keyword of ranked) {
    const key = keywordKey(keyword.text);
    if (keys.some((k) => k === key || nearly(k, key) || nearly(key, k))) continue;
    kept.push(keyword);
    keys.push(key);
    if (kept.length >= maxKeywords) break;
  }
  return kept;
}
