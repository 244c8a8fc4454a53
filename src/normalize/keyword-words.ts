import { countryOfAdjective } from './countries-lexicon.ts';
import { foldAccents } from './keyword-fold.ts';
import { foldPlural } from './keyword-stem.ts';
import type { Facet, Language } from './locales.ts';
import { isAbbreviatedTitle } from './sentences.ts';
import { calendarWordsFor, stopwordsFor } from './stopwords.ts';
import { wordsOf } from './tag-words.ts';
import { type Token, tokenize, wordPattern } from './tokens.ts';

/**
 * YAKE's tags: an acronym (all capitals), a name (capitalised where the sentence does not force
 * it), a number, a mix of digits and letters (a code such as `MD-83`), or a plain word.
 */
export type WordKind = 'acronym' | 'name' | 'plain' | 'number' | 'mixed';

/** A word as keyword extraction sees it. Words are shared between their occurrences. */
export interface Word {
  /** As written. */
  readonly text: string;
  /** In lowercase, an elided article's apostrophe straight (`l'`), as `tokenize` gives it. */
  readonly lower: string;
  /** The term it counts for: lowercase, a final plural `s` folded as YAKE does. */
  readonly term: string;
  readonly kind: WordKind;
  /**
   * A stopword, a month or weekday name, an elided article, a number or a word of fewer than
   * three letters.
   */
  readonly stop: boolean;
  /** Starts with a capital letter, wherever it stands. */
  readonly capital: boolean;
  /** Written with a possessive `'s`, which `text` and `lower` leave out (`Brazil's`). */
  readonly possessive: boolean;
  /** `lower` without accents, apostrophes straight: how names are compared. */
  readonly folded: string;
  /**
   * Weighs in how central its sentence is (summaries): not a single letter, a stopword or a
   * number written in digits.
   */
  readonly central: boolean;
  /**
   * A title or a state the language abbreviates ("Sen.", "Mme", "Tenn."), capitalised, or an
   * American politician's party and state ("D-Ill."): never part of a name or a keyword.
   */
  readonly abbreviation: boolean;
  /**
   * The country it names as an adjective of nationality would (`colombienne`, `Brazilian`:
   * `CO`, `BR`), whatever its case, or null.
   */
  readonly nationality: string | null;
}

/** Initials ("U.S", "S.A") lose their last full stop to the sentence's end: it is given back. */
const initials = /^(?:\p{L}\.)+\p{L}$/u;

/** A word as shown to readers: as written, initials with their full stop (`U.S.`). */
export const written = (word: Word | undefined): string =>
  word === undefined ? '' : initials.test(word.text) ? `${word.text}.` : word.text;

/** A sentence's words, in blocks that punctuation does not cross. */
export type Sentence = Word[][];

/** A punctuation mark that closes a block of words. */
const mark = '[,;:()«»"“”[\\]!?…/–—]|\\s-\\s';
/**
 * A written word (as `tokenize` finds them, before it splits off elided articles) or a mark.
 * Neither occurs inside the other, so one scan finds both.
 */
const wordOrPunctuation = new RegExp(`${wordPattern.source}|${mark}`, 'gu');
const punctuation = new RegExp(`^(?:${mark})$`, 'u');

/**
 * How a written word reads: its words (two after an elided article, `l’entrée`), tagged as
 * inside a sentence, where a capital marks a name, and as where a capital says nothing: the
 * first word of a sentence, or any word of a headline in title case.
 */
interface Spelling {
  named: Word[];
  plain: Word[];
  /**
   * The named words as inside a name, where a capitalised stopword that is no function word is
   * part of it ("New York", "World Cup", "State Department"); undefined where they read the same.
   */
  inName: Word[] | undefined;
}

/** What a punctuation mark reads as: no word, the end of a block. */
const blockEnd: Spelling = { named: [], plain: [], inName: undefined };

/**
 * What the lexicon holds for a written word: most often the one word it reads as wherever it
 * stands (a lowercase word), else its spelling.
 */
type Reading = Word | Spelling;

const isSpelling = (reading: Reading): reading is Spelling => 'named' in reading;

/** The readings of a language's words and marks; past this many the lexicon starts afresh. */
const maxSpellings = 50_000;
const readings: Facet<Map<string, Reading>> = () => new Map();

/**
 * Splits sentences into blocks of tagged words. Each written word is read once per language
 * and its words shared: news text repeats its words, article after article.
 */
export function readWords(sentences: string[], language: Language): Sentence[] {
  const lexicon = language.get(readings);
  const read: Sentence[] = [];
  for (const sentence of sentences) {
    const blocks = readBlocks(sentence, lexicon, language, 'named');
    read.push(
      isTitleCase(blocks, language) ? readBlocks(sentence, lexicon, language, 'plain') : blocks,
    );
  }
  return read;
}

function readBlocks(
  sentence: string,
  lexicon: Map<string, Reading>,
  language: Language,
  reading: 'named' | 'plain',
): Sentence {
  const blocks: Sentence = [];
  let block: Word[] = [];
  // Where the block holds a word that reads otherwise inside a name, that reading, by position.
  let inName: (Word | undefined)[] | undefined;
  const close = () => {
    if (block.length === 0) return;
    if (inName) joinNames(block, inName);
    blocks.push(block);
    block = [];
    inName = undefined;
  };
  let first = true;
  for (const written of sentence.match(wordOrPunctuation) ?? []) {
    let spelling = lexicon.get(written);
    if (!spelling) {
      if (lexicon.size >= maxSpellings) lexicon.clear();
      spelling = punctuation.test(written) ? blockEnd : spell(written, language);
      lexicon.set(written, spelling);
    }
    if (!isSpelling(spelling)) {
      block.push(spelling);
      first = false;
      continue;
    }
    if (spelling === blockEnd) {
      close();
      continue;
    }
    const words = reading === 'plain' ? spelling.plain : spelling.named;
    const names = reading === 'plain' ? undefined : spelling.inName;
    for (let i = 0; i < words.length; i++) {
      // The sentence's first word is capitalised whatever it is.
      const word = first ? spelling.plain[i] : words[i];
      const named = first ? undefined : names?.[i];
      if (named !== undefined) {
        inName ??= [];
        inName[block.length] = named;
      }
      if (word !== undefined) block.push(word);
      first = false;
    }
  }
  close();
  return blocks;
}

/** A word that may stand beside a capitalised stopword in a name: capitalised, no stopword. */
const nameWord = (word: Word | undefined) =>
  word?.capital === true && !word.stop && word.kind !== 'number';

/** Reads the capitalised stopwords next to a name's other words as part of it ("New York"). */
function joinNames(block: Word[], inName: (Word | undefined)[]): void {
  inName.forEach((named, i) => {
    if (named && (nameWord(block[i + 1]) || nameWord(block[i - 1]))) block[i] = named;
  });
}

/** How a written word reads: the one word it is wherever it stands, or its spelling. */
function spell(written: string, language: Language): Reading {
  const { code } = language;
  const stopwords = stopwordsFor(language);
  const calendar = calendarWordsFor(language);
  const tokens = tokenize(written);
  const read = (written: Token, position: number): Word => {
    const token = withoutPossessive(written);
    const kind = kindOf(token.text, position);
    return {
      nationality: countryOfAdjective(token.lower, language) ?? null,
      possessive: token !== written,
      folded: foldAccents(token.lower),
      text: token.text,
      lower: token.lower,
      term: foldPlural(token.lower),
      kind,
      stop:
        isStop(token, kind, stopwords) ||
        calendar.has(token.lower) ||
        (code === 'fr' && frenchInversion.test(token.lower)),
      capital: /^\p{Lu}/u.test(token.text),
      abbreviation:
        (kind !== 'acronym' &&
          /^\p{Lu}/u.test(token.text) &&
          isAbbreviatedTitle(token.lower, code)) ||
        (code === 'en' && partyLabel.test(token.text)),
      central: token.lower.length > 1 && !stopwords.has(token.lower) && !/^\d+$/.test(token.lower),
    };
  };
  const plain = tokens.map((token) => read(token, 0));
  const named = tokens.map((token, i) => {
    const word = read(token, 1);
    return word.kind === plain[i]?.kind ? (plain[i] ?? word) : word;
  });
  const inName = named.map((word) =>
    word.kind === 'name' && word.stop && isContentStopword(word.lower, code)
      ? { ...word, stop: false }
      : word,
  );
  const alike = inName.every((word, i) => word === named[i]);
  if (alike && named.length === 1 && named[0] === plain[0]) return named[0] as Word;
  return { named, plain, inName: alike ? undefined : inName };
}

/**
 * English stopword lists hold adjectives and nouns that open names ("New", "World", "State",
 * "Great"): those, not its articles, prepositions, pronouns, conjunctions and auxiliaries.
 */
function isContentStopword(lower: string, language: string): boolean {
  return language === 'en' && lower.length >= 3 && !englishFunctionWords.has(lower);
}

const englishFunctionWords = new Set([
  ...wordsOf('nounCue', 'en'),
  ...wordsOf('verbCue', 'en'),
  ...`and or but nor yet so you me him her hers us them this that these those there here what
  which when where why how all any some not than then also just very more most much many such
  other only own same too was were are been has have had one two`.split(/\s+/),
]);

function kindOf(text: string, position: number): WordKind {
  if (/^[\d.,'’-]+$/.test(text)) return 'number';
  if (/\p{N}/u.test(text)) return 'mixed';
  if (text.length > 1 && /^[\p{Lu}'’.-]+$/u.test(text)) return 'acronym';
  if (position > 0 && /^\p{Lu}/u.test(text)) return 'name';
  return 'plain';
}

/**
 * An American politician's party and state, after the name: "(D-Ill.)", "R-N.Y.", "D-CA"; the
 * states as American papers abbreviate them, or their postal codes.
 */
const partyLabel = new RegExp(
  `^[DRI]-(?:${`Ala Alaska Ariz Ark Calif Colo Conn Del Fla Ga Hawaii Idaho Ill Ind Iowa Kan Ky La
  Maine Md Mass Mich Minn Miss Mo Mont Neb Nev N.H N.J N.M N.Y N.C N.D Ohio Okla Ore Pa R.I S.C
  S.D Tenn Texas Utah Vt Va Wash W.Va Wis Wyo [A-Z]{2}`
    .split(/\s+/)
    .join('|')
    .replaceAll('.', '\\.')})$`,
  'u',
);

/**
 * A French verb followed by its subject pronoun, as in a question or after a quotation
 * ("a-t-il", "dit-elle", "peut-on"): a clause, never what a text is about.
 */
const frenchInversion = /^\p{L}+(?:-t)?-(?:il|elle|on|ils|elles|je|tu)$/u;

/**
 * A possessive `'s` is not part of the name it follows: `Brazil's` counts as `Brazil`. A brand
 * that always has it (`McDonald's`) keeps it when shown.
 */
/**
 * English names that hold a possessive before the word that heads them ("Boston Children's
 * Hospital", "People's Party"): elsewhere a possessive ends a name.
 */
const possessiveHeads = new Set(
  `office department ministry party hospital university college institute association union court
  fund league church school club council commission committee trust society foundation academy
  day cathedral park hall`.split(/\s+/),
);

/** Whether `before`, written with a possessive, and `after` are two words of one name. */
export function possessiveInName(before: Word | undefined, after: Word | undefined): boolean {
  return before?.possessive === true && after?.capital === true && possessiveHeads.has(after.lower);
}

/** A word as a name writes it: with its possessive when a word of the name follows it. */
export const writtenInName = (word: Word | undefined, next: Word | undefined): string =>
  possessiveInName(word, next) ? `${written(word)}'s` : written(word);

function withoutPossessive(token: Token): Token {
  if (!/['’]s$/.test(token.lower) || token.lower.length < 4) return token;
  return { text: token.text.slice(0, -2), lower: token.lower.slice(0, -2) };
}

/** Two capitals make an acronym worth keeping (`EU`, `UE`, `IA`); two lowercase letters do not. */
function isStop(token: Token, kind: WordKind, stopwords: Set<string>): boolean {
  if (kind === 'number' || /['’]$/.test(token.lower)) return true;
  if (stopwords.has(token.lower)) return true;
  const letters = token.lower.replace(/[-'’.]/g, '').length;
  return letters < 2 || (letters < 3 && kind !== 'acronym');
}

/**
 * A headline in title case: its words capitalised whatever they are, which says nothing about
 * names. A sentence with two lowercase words that are not stopwords is in sentence case,
 * however many names it holds, and so is one with a lowercase word of four letters or more that
 * title case would capitalise: all but articles, conjunctions and prepositions ("than", "little").
 * German capitalises its nouns, not its headlines.
 */
function isTitleCase(blocks: Sentence, language: Language): boolean {
  if (language.code === 'de') return false;
  const small = language.get(smallWords);
  let content = 0;
  let capitalised = 0;
  for (const block of blocks) {
    for (const w of block) {
      if (!w.capital && w.lower.length >= 4 && !small.has(w.lower) && w.kind === 'plain')
        return false;
      if (w.stop || (w.kind !== 'plain' && w.kind !== 'name')) continue;
      content++;
      if (w.capital) capitalised++;
    }
  }
  return content >= 3 && capitalised >= 0.8 * content && content - capitalised <= 1;
}

/** Words title case may leave in lowercase: articles, conjunctions, prepositions. */
const smallWords: Facet<Set<string>> = ({ code }) =>
  new Set([...wordsOf('nounCue', code), ...conjunctions]);

const conjunctions = `and but or nor yet so et ou mais donc ni y o pero ni e ou mas nem`.split(' ');
