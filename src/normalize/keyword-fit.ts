import { isCountryName } from './countries.ts';
import { notVerb, verbCue, verbSurely } from './function-words.ts';
import { type Candidate, isName } from './keyword-candidates.ts';
import { foldPlural } from './keyword-stem.ts';
import type { TermTable } from './keyword-terms.ts';
import type { Word } from './keyword-words.ts';
import type { Facet, Language } from './locales.ts';
import { shortCalendarWordsFor } from './stopwords.ts';
import {
  compoundAdjective,
  infinitiveEnding,
  isAgency,
  isQuantity,
  isTimeWord,
  wordsOf,
} from './tag-words.ts';

/**
 * Whether a keyword candidate names what a text is about: a noun, a name or a noun phrase;
 * never a verb, a unit of time, a count or a measure, a page label or a news agency met after
 * the first sentence. A noun follows an article, a possessive or a preposition
 * somewhere in the text; a word that never does is a verb when it has a verb's ending or
 * follows a pronoun, a negation or a modal. German needs no such cue: its nouns are capitalised.
 */
export function topicTest(table: TermTable, language: Language): (candidate: Candidate) => boolean {
  const { code } = language;
  const cues = followersOf(language.get(cuesOf), table);
  const cued = (w: Word) => isCued(w.term, cues);
  const verbShape = verbEnding[code];
  const pastShape = pastEnding[code];
  const readAsVerb = (w: Word) => {
    // A simple past is a verb even after a word that may stand before nouns ("lo ganó").
    if (pastShape?.test(w.lower)) return true;
    if (cued(w)) return false;
    return (
      verbShape?.test(w.lower) === true ||
      followsVerbCues(w.term, table, cues) ||
      verbCue(w.lower, undefined, code) !== notVerb ||
      (!w.capital && objectFollows(w.term)) ||
      (code === 'en' && !w.capital && w.lower !== w.term && conjugated(w.term))
    );
  };
  // An English verb in the present ("Girlfriend helps Ronnie quit"), which the text conjugates
  // elsewhere ("helped", "helping"): its folded `s` is the verb's, not a plural's.
  const conjugated = (term: string) => {
    const bare = term.endsWith('e') ? term.slice(0, -1) : term;
    return table.has(`${bare}ed`) || table.has(`${bare}ing`) || table.has(`${term}d`);
  };
  // A lowercase word every occurrence of which is followed by an article opens its object: a
  // verb ("cierra los colegios"); a capital may be a name's ("Marine le Pen").
  const objectFollows = (term: string) => {
    const c = table.get(term);
    if (!c || cues.objects.size === 0) return false;
    let articles = 0;
    for (const [next, n] of c.next ?? []) if (cues.objects.has(next)) articles += n;
    return articles >= c.tf;
  };
  // Candidates share their words: each is judged once.
  const verbJudged = new Map<Word, boolean>();
  const verbLike = (w: Word) => {
    if (w.kind !== 'plain') return false;
    let verb = verbJudged.get(w);
    if (verb === undefined) {
      verb = readAsVerb(w);
      verbJudged.set(w, verb);
    }
    return verb;
  };
  const labels = wordsOf('label', code);
  const scales = wordsOf('scale', code);
  const numbers = wordsOf('number', code);
  // "trece trabajadores", "deuxième tour": a count or a rank; "Six Nations" is a name.
  const counted = (w: Word) => w.kind === 'plain' && numbers.has(w.lower);
  const shortCalendar = shortCalendarWordsFor(language);
  // Inside a name they are the name's ("New York Times", "Photo Atlas"); German capitalises them.
  const struck = language.get(struckWords);
  const isStruck = (w: Word) => {
    if (w.kind !== 'plain' && (code !== 'de' || w.kind !== 'name')) return false;
    let out = struck.get(w);
    if (out === undefined) {
      out =
        isTimeWord(w.lower, language) ||
        isQuantity(w.lower, language) ||
        labels.has(w.lower) ||
        webAddress.test(w.lower) ||
        // "year-earlier", "two-time": a compound of a unit of time or a number describes.
        (w.lower.includes('-') &&
          w.lower.split('-').some((part) => numbers.has(part) || isTimeWord(part, language)));
      struck.set(w, out);
    }
    return out;
  };
  const romance = code === 'fr' || code === 'es' || code === 'pt';

  return (candidate) => {
    const words = candidate.words;
    let first: Word | undefined;
    let last: Word | undefined;
    for (const w of words) {
      if (w.stop) continue;
      if (isStruck(w)) return false;
      first ??= w;
      last = w;
    }
    if (!first || !last || counted(first) || counted(last)) return false;
    // "Felixstowe-based", "US-led": an English compound that describes, never a topic.
    if (code === 'en' && compoundAdjective.test(last.lower)) return false;
    // A news agency is where the text came from, unless the first sentence speaks of it.
    if (candidate.first > 0 && isAgency(lowerOf(words))) return false;
    if (words.length === 1) {
      // "Sat, Apr 2": a date's short month or day, where a capital marks it as one; "Sen.",
      // "Tenn.": a title or a state, abbreviated.
      if (first.capital && (shortCalendar.has(first.lower) || first.abbreviation)) return false;
      // "Category 5", "Artículo 135": a scale's step or a text's part, before its number.
      if (candidate.numbered === candidate.count && scales.has(first.lower)) return false;
      // German capitalises its nouns inside sentences, and nothing else.
      if (code === 'de') return first.kind === 'acronym' || candidate.named > 0;
      // An English word alone that the text also conjugates ("push", "pushed") and never writes
      // after an article or a preposition is a verb; in a phrase it may be a noun ("interest rate").
      if (code === 'en' && !first.capital && conjugated(first.term) && !cued(first))
        return isName(candidate);
      return isName(candidate) || !verbLike(first);
    }
    // "takeover by Canadian": an English phrase cut before the noun its adjective of
    // nationality goes with.
    if (code === 'en' && words.length > 1 && isNationality(last, language)) return false;
    // A finite verb among the stopwords joins a subject to its object, not the words of a name
    // ("Streamingdienste müssen Kündigung").
    if (words.some((w) => w.stop && verbCue(w.lower, undefined, code) === verbSurely)) return false;
    if (isName(candidate)) return true;
    // German noun phrases end on their noun, and a lowercase word right after a noun is a verb
    // or an adverb: adjectives stand before their noun.
    if (code === 'de')
      return (
        (last.kind === 'name' || last.kind === 'acronym') &&
        !words.some((w, i) => i > 0 && w.kind === 'plain' && !w.stop && !words[i - 1]?.stop)
      );
    if (verbLike(first) || verbLike(last)) return false;
    // "plan para construir": a preposition, then an infinitive.
    const before = words[words.length - 2];
    if (before?.stop && infinitiveEnding[code]?.test(last.lower) && !cued(last)) return false;
    // A phrase of these languages opens on its noun, after an article or at a sentence's start.
    return !romance || cued(first) || candidate.opening > 0;
  };
}

/** An English adjective of nationality ("Canadian", "Brazilian"), not a country's name. */
function isNationality(word: Word, english: Language): boolean {
  return word.capital && word.nationality !== null && !isCountryName(word.lower, english);
}

/** A phrase's words in lowercase, space-separated. */
function lowerOf(words: Word[]): string {
  let lower = words[0]?.lower ?? '';
  for (let i = 1; i < words.length; i++) lower += ` ${words[i]?.lower}`;
  return lower;
}

/** Whether a word is struck from topics, read once per word (a language's words are its own). */
const struckWords: Facet<WeakMap<Word, boolean>> = () => new WeakMap();

/** A site's address (`bloomberg.net`): where the text was, not what it is about. */
const webAddress = /\p{L}\.(?:com|net|org|info|[a-z]{2})$/u;

/** Endings of infinitives, participles and finite verbs, for words no article ever precedes. */
const verbEnding: Record<string, RegExp> = {
  fr: /\p{L}{2}(?:er|ir|ait|aient|èrent|era|ront|erait|eraient|ant|é|ée|és|ées|u|us|ue|ues)$/u,
  en: /\p{L}{2}[^e]ed$/u,
  es: /\p{L}{2}(?:ar|er|ir|an|(?<![mg])en|ando|iendo|ó|aron|ieron|aba|aban|ará|arán|erá|erán|irá|irán|aría|ería|iría)$/u,
  pt: /\p{L}{2}(?:ar|er|ir|am|(?<!ag)em|ando|endo|indo|ou|aram|eram|iram|ava|avam|ará|arão|erá|irá|aria|eria|iria)$/u,
};

/** Endings of a simple past that no noun of the language has: "ganó", "chegaram", "firent". */
const pastEnding: Record<string, RegExp> = {
  fr: /\p{L}{2}(?:èrent|aient)$/u,
  es: /\p{L}[^aeiouáéíóú](?:ó|aron|ieron)$/u,
  pt: /\p{L}{2}(?:aram|eram|iram)$/u,
};

/** A language's cues, as terms (plural folded), read once per language. */
interface Cues {
  nouns: string[];
  /** Cues that also stand before an infinitive, and the infinitive's ending. */
  infinitives: string[];
  infinitive: RegExp | undefined;
  /** Each verb cue as often as the language's list folds to it. */
  verbs: string[];
  objects: Set<string>;
}

const cuesOf: Facet<Cues> = ({ code }) => {
  const terms = (list: 'nounCue' | 'infinitiveCue' | 'verbCue' | 'objectCue') =>
    [...wordsOf(list, code)].map(foldPlural);
  return {
    nouns: terms('nounCue'),
    infinitives: terms('infinitiveCue'),
    infinitive: infinitiveEnding[code],
    verbs: terms('verbCue'),
    objects: new Set(terms('objectCue')),
  };
};

/** What follows each of a language's cues in one text (`Term.next`), for the cues it has. */
interface Followers {
  nouns: Map<string, number>[];
  infinitives: Map<string, number>[];
  infinitive: RegExp | undefined;
  verbs: Map<string, number>[];
  objects: Set<string>;
}

function followersOf(cues: Cues, table: TermTable): Followers {
  const present = (terms: string[]) => {
    const maps: Map<string, number>[] = [];
    for (const term of terms) {
      const next = table.get(term)?.next;
      if (next && next.size > 0) maps.push(next);
    }
    return maps;
  };
  return {
    nouns: present(cues.nouns),
    infinitives: present(cues.infinitives),
    infinitive: cues.infinitive,
    verbs: present(cues.verbs),
    objects: cues.objects,
  };
}

/**
 * Whether a term follows one of the language's noun cues somewhere in the text. A noun cue that
 * also stands before an infinitive ("de", "à", "a") counts only for words without its ending.
 */
function isCued(term: string, cues: Followers): boolean {
  for (const next of cues.nouns) if (next.has(term)) return true;
  if (cues.infinitive?.test(term)) return false;
  for (const next of cues.infinitives) if (next.has(term)) return true;
  return false;
}

/**
 * Whether a term follows a pronoun, a negation or a modal in at least half its occurrences: a
 * question inverts one now and then ("will people switch").
 */
function followsVerbCues(term: string, table: TermTable, cues: Followers): boolean {
  let after = 0;
  for (const next of cues.verbs) after += next.get(term) ?? 0;
  return after > 0 && 2 * after >= (table.get(term)?.tf ?? 1);
}
