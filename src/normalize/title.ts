import { isCountryName } from './countries.ts';
import { isDangling } from './function-words.ts';
import { cleanHeadline, isQuotation, readsAsHeadline, speaksOf } from './headline.ts';
import type { Language } from './locales.ts';
import { stopwordsFor } from './stopwords.ts';
import { isAgency } from './tag-words.ts';
import { maxTitleLength, trimSentence } from './title-trim.ts';

export { maxTitleLength } from './title-trim.ts';

/** What a title is chosen from. */
export interface TitleSource {
  /** The page's headline, when its header has one. */
  headline: string | null;
  /** The page's standfirst, which a headline speaks of as its lead does. */
  standfirst?: string | null;
  /** The body's sentences, in order, the dateline taken off the first. */
  sentences: string[];
  language: Language;
  /** The dateline's place. */
  place: string | null;
  /** The dateline's agency, never a kicker. */
  agency: string | null;
  /** Countries and people the article names, best first: kicker candidates. */
  names: string[];
  /** The body's text, where a name must occur twice to be a kicker. */
  text: string;
}

/** Longest kicker, in characters: a kicker names a place or a person in a word or a few. */
const maxKickerLength = 40;
/** A kicker and its headline may run this far past the limit, no further. */
const kickerSlack = 12;

/** What sets a kicker off from the headline: French puts a space before the colon. */
const kickerSeparator: Record<string, string> = { fr: ' : ' };

/**
 * The entry's title: the page's headline when it has one that reads as a headline; else one
 * made from the lead sentence, led by a kicker ("Bogotá : le président…") when the dateline
 * gives a place or the article names a country or a person twice that the title does not.
 */
export function chooseTitle(source: TitleSource): string {
  const headline = source.headline ? cleanHeadline(source.headline) : '';
  if (
    headline &&
    readsAsHeadline(headline) &&
    speaksOf(headline, [source.standfirst ?? '', ...source.sentences], source.language.code)
  ) {
    // A quotation stays whole, as the page prints it.
    if (isQuotation(headline) || headline.length <= maxTitleLength) return headline;
    return trimSentence(headline, source.language.code);
  }
  const lead = source.sentences.find(isStatement) ?? source.sentences[0] ?? headline;
  const title = trimSentence(lead, source.language.code);
  // A title that has a kicker of its own keeps it.
  if (!title || /\S\s?:\s/.test(title)) return title;
  const kicker = chooseKicker(title, source);
  if (!kicker) return title;
  const titled = `${kicker}${kickerSeparator[source.language.code] ?? ': '}${afterColon(title, source)}`;
  return titled.length <= maxTitleLength + kickerSlack ? titled : title;
}

/** Locales that write in lowercase after a colon, as their press does after a kicker. */
const lowercaseAfterColon = new Set(['fr', 'es', 'pt']);

/**
 * The title as it reads after a kicker: French, Spanish and Portuguese lowercase its first
 * word there ("Bogotá : le président…") when it is a function word the text writes in
 * lowercase before the same word ("el Gobierno"); a name that opens on an article stays
 * ("La Paz", "El Salvador").
 */
function afterColon(title: string, source: TitleSource): string {
  if (!lowercaseAfterColon.has(source.language.code)) return title;
  const [first = '', second = ''] = title.split(' ', 2);
  const lower = first.toLowerCase();
  if (first === lower || !stopwordsFor(source.language).has(lower)) return title;
  const inLowercase = /^\p{Ll}/u.test(second) || source.text.includes(` ${lower} ${second}`);
  return inLowercase ? lower + title.slice(first.length) : title;
}

/** A sentence that states: not a question, not a label without its full stop. */
function isStatement(sentence: string): boolean {
  if (/\?[»"”’)]*$/.test(sentence)) return false;
  return (sentence.match(/\p{L}+/gu)?.length ?? 0) >= 5;
}

/**
 * The dateline's place, else the first country or person the body names twice, that the title
 * does not name; never the agency.
 */
function chooseKicker(title: string, source: TitleSource): string | undefined {
  const named = fold(title);
  const fits = (topic: string) =>
    topic.length <= maxKickerLength &&
    !named.includes(fold(topic)) &&
    !names(title, firstWord(topic)) &&
    !isAgency(topic.toLowerCase()) &&
    (!source.agency || fold(topic) !== fold(source.agency));
  if (source.place && fits(source.place)) return source.place;
  return source.names.find(
    (name) =>
      fits(name) && isCountryOrPerson(name, source.language) && mentions(source.text, name) >= 2,
  );
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Lowercase words inside a person's name: "Luiz Inácio Lula da Silva", "Ursula von der Leyen". */
const nameParticle =
  /^(?:de|da|do|dos|das|del|della|di|du|des|la|le|van|von|der|den|zu|y|e|bin|al|ben)$/;

/**
 * A country ("Colombie", "Estados Unidos"), or a person's name: two to four capitalised words
 * (particles between), none a country, the first no article ("La Libertad Avanza", "Chile
 * Congress" and "Mercosur" are organisations).
 */
function isCountryOrPerson(name: string, language: Language): boolean {
  if (isCountryName(name.toLowerCase(), language)) return true;
  const words = name.split(' ');
  if (words.length < 2 || words.length > 4 || name === name.toUpperCase()) return false;
  if (isDangling(words[0] ?? '', language.code)) return false;
  return words.every((word) =>
    nameParticle.test(word)
      ? true
      : /^\p{Lu}\p{Ll}/u.test(word) && !isCountryName(word.toLowerCase(), language),
  );
}

/** A place's or a name's first word, when long enough to name it ("Cherbourg-en-Cotentin"). */
function firstWord(topic: string): string {
  const word = /^\p{L}+/u.exec(topic)?.[0] ?? '';
  return word.length >= 4 && word !== topic ? word : '';
}

const names = (text: string, word: string) => word !== '' && count(text, word) > 0;

/** How often the text names `name`, or, for a person's full name, the surname alone. */
function mentions(text: string, name: string): number {
  const surname = name.includes(' ') ? name.slice(name.lastIndexOf(' ') + 1) : name;
  return Math.max(count(text, name), surname.length >= 3 ? count(text, surname) : 0);
}

/** Occurrences of `word` as a whole word (case as written). */
function count(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    const before = text.charAt(at - 1);
    const after = text.charAt(at + word.length);
    if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) n++;
  }
  return n;
}
