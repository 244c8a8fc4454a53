import { isCountryName } from './countries-lexicon.ts';
import { pairCount, type TermTable } from './keyword-terms.ts';
import { possessiveInName, type Sentence, type Word, writtenInName } from './keyword-words.ts';
import type { Language } from './locales.ts';

/**
 * A candidate keyword: up to three words of a block, and how the text writes it. A class, as
 * `Term` is: an article counts hundreds of them.
 */
export class Candidate {
  count = 0;
  /**
   * Spellings of the occurrences whose words differ from the first's, with their counts: most
   * occurrences repeat the first, and are counted without being spelled out.
   */
  others: Map<string, number> | null = null;
  /** Occurrences in which every word is a name or an acronym (stopwords aside). */
  named = 0;
  /** Occurrences that open a sentence, where a capital says nothing. */
  opening = 0;
  /** Occurrences of a single word followed by a number ("Category 5"). */
  numbered = 0;
  /**
   * Its last word is written somewhere without a possessive, alone or inside another name
   * ("Mexico City" beside "Mexico's"): the possessive is then not part of the name.
   */
  bare = false;

  constructor(
    /** Its words where it first occurs. */
    readonly words: Word[],
    /** Index of the first sentence it occurs in. */
    readonly first: number,
  ) {}
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
  const bare = new Set<string>();
  for (let s = 0; s < sentences.length; s++) {
    const blocks = sentences[s] ?? [];
    for (const block of blocks) {
      for (let start = 0; start < block.length; start++) {
        const first = block[start];
        if (first?.capital && !first.possessive) bare.add(first.term);
        if (!first || first.stop || cutsName(block[start - 1], first)) continue;
        // The run grows one word at a time, whether all its words are names with it.
        let named = true;
        for (let n = 1; n <= maxPhraseLength && start + n <= block.length; n++) {
          const last = block[start + n - 1];
          if (!last || !fits(last) || last.abbreviation) break;
          named &&= last.stop || last.kind === 'name' || last.kind === 'acronym';
          // A possessive ends a phrase: "Nassau's Mulvey" is no "Nassau Mulvey".
          const owner = block[start + n - 2];
          if (n > 1 && owner?.possessive && !possessiveInName(owner, last)) break;
          if (last.stop || cutsName(last, block[start + n])) continue;
          const key = n === 1 ? last.term : joinTerms(block, start, n);
          let candidate = candidates.get(key);
          if (!candidate) {
            const words = block.slice(start, start + n);
            candidate = new Candidate(words, s);
            candidates.set(key, candidate);
          }
          candidate.count++;
          if (candidate.count > 1 && !sameWords(candidate.words, block, start)) {
            const form = joinForm(block, start, n);
            candidate.others ??= new Map();
            candidate.others.set(form, (candidate.others.get(form) ?? 0) + 1);
          }
          if (n === 1 && block[start + 1]?.kind === 'number') candidate.numbered++;
          if (named) candidate.named++;
          else if (start === 0 && block === blocks[0]) candidate.opening++;
        }
      }
    }
  }
  for (const candidate of candidates.values())
    candidate.bare = bare.has(candidate.words[candidate.words.length - 1]?.term ?? '');
  return candidates;
}

/** A word a candidate may hold: not a number or a code, not too long. */
function fits(word: Word): boolean {
  return word.kind !== 'number' && word.kind !== 'mixed' && word.text.length <= maxWordLength;
}

function inName(word: Word | undefined): boolean {
  return word?.capital === true && !word.stop && word.kind !== 'number';
}

/**
 * Two words side by side, in the order of the text, are both part of a name; a possessive ends
 * the name it is written on ("Nassau's Mulvey"), and an abbreviated title is none of the name
 * after it ("Sen. Chuck Schumer").
 */
function cutsName(before: Word | undefined, after: Word | undefined): boolean {
  return (
    inName(before) &&
    inName(after) &&
    (!before?.possessive || possessiveInName(before, after)) &&
    !before?.abbreviation
  );
}

/** Whether a run is written with the same words as `words` (words are shared per spelling). */
function sameWords(words: Word[], block: Word[], start: number): boolean {
  for (let i = 0; i < words.length; i++) if (words[i] !== block[start + i]) return false;
  return true;
}

/** The terms of a run, space-separated: the key of its candidate. */
function joinTerms(block: Word[], start: number, n: number): string {
  let key = block[start]?.term ?? '';
  for (let i = start + 1; i < start + n; i++) key += ` ${block[i]?.term}`;
  return key;
}

/**
 * Words of a run joined as written: no space after an elided article (`d'Olonne`), initials
 * with their full stop (`U.S.`).
 */
function joinForm(block: Word[], start: number, n: number): string {
  let form = writtenInName(block[start], n > 1 ? block[start + 1] : undefined);
  for (let i = start + 1; i < start + n; i++) {
    const text = writtenInName(block[i], i + 1 < start + n ? block[i + 1] : undefined);
    form = form.endsWith("'") || form.endsWith('’') ? form + text : `${form} ${text}`;
  }
  const last = block[start + n - 1];
  return last?.possessive && last.capital ? `${form}'s` : form;
}

/** A candidate's spellings, with their counts, in the order the text first writes them. */
function spellings(candidate: Candidate): Map<string, number> {
  let repeated = candidate.count;
  for (const n of candidate.others?.values() ?? []) repeated -= n;
  const forms = new Map([[joinForm(candidate.words, 0, candidate.words.length), repeated]]);
  for (const [form, n] of candidate.others ?? []) forms.set(form, (forms.get(form) ?? 0) + n);
  return forms;
}

/** A name written this many times with a possessive, and never without, has it in its name. */
const ownPossessive = 3;

/** The most frequent spelling; a capitalised one wins a tie, as names keep their case. */
export function displayForm(candidate: Candidate, language: Language): string {
  const spelled = spellings(candidate);
  let best = '';
  let bestCount = -1;
  // A possessive is shown only on a name the text writes with it often and never without it
  // (`McDonald's`); "China's" met twice is China, and so is "Mexico's" beside "Mexico City";
  // a country's name never has it.
  const plain = [...spelled].filter(([form]) => !/'s$/.test(form));
  const bareForm = (spelled.keys().next().value ?? '').replace(/'s$/, '').toLowerCase();
  const forms: [string, number][] =
    plain.length > 0
      ? plain
      : candidate.count >= ownPossessive && !candidate.bare && !isCountryName(bareForm, language)
        ? [...spelled]
        : [...spelled].map(([form, count]) => [form.replace(/'s$/, ''), count]);
  for (const [form, count] of forms) {
    const better =
      count > bestCount || (count === bestCount && /^\p{Lu}/u.test(form) && !/^\p{Lu}/u.test(best));
    if (better) [best, bestCount] = [form, count];
  }
  // A common word capitalised only because it opened a sentence is shown as written elsewhere.
  if (candidate.named > 0) return best;
  for (const form of spelled.keys()) if (!/\p{Lu}/u.test(form)) return form;
  return best;
}

/**
 * Capitalised inside sentences at least half the times a capital would tell: a person, place or
 * organisation. Where a sentence opens, everything is capitalised.
 */
export function isName(candidate: Candidate): boolean {
  return candidate.named > 0 && candidate.named >= (candidate.count - candidate.opening) / 2;
}

/**
 * YAKE's candidate score, lower is better: the product of its terms' scores over their sum
 * plus one, and over its frequency. A stopword inside weighs by how seldom it joins its two
 * neighbours (the probability of the bigram on each side). The product lets a phrase gain on
 * single words the more words it has; weighing the score by (words + 1) / 2 tempers that lead.
 */
export function scoreCandidate(candidate: Candidate, table: TermTable): number {
  const { words } = candidate;
  let product = 1;
  let sum = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word) continue;
    if (!word.stop) {
      const s = table.get(word.term)?.score ?? 1;
      product *= s;
      sum += s;
      continue;
    }
    const before = words[i - 1]?.term ?? '';
    const after = words[i + 1]?.term ?? '';
    const left = pairCount(table, before, word.term) / (table.get(before)?.tf ?? 1);
    const right = pairCount(table, word.term, after) / (table.get(after)?.tf ?? 1);
    const unlikely = 1 - left * right;
    product *= 1 + unlikely;
    sum -= unlikely;
  }
  return (product * (words.length + 1)) / (2 * (1 + sum) * candidate.count);
}
