import { type Lexicon, lexiconFor } from './countries-lexicon.ts';
import { foldAccents } from './keyword-fold.ts';
import type { Sentence, Word } from './keyword-words.ts';
import type { Language } from './locales.ts';

export { countryCode, countryOfAdjective, isCountryName } from './countries-lexicon.ts';

/**
 * Countries an article names, and those its adjectives of nationality (`colombien`,
 * `brasileño`, `deutsche`) point to without being tags.
 */

/** What an article says of one country. */
export interface CountryMention {
  code: string;
  /** As the article writes it most often, or CLDR's name when that is an abbreviation. */
  text: string;
  /** Times the country is named, and times an adjective of nationality points to it. */
  named: number;
  pointed: number;
  /** Index of the first sentence that names it or points to it. */
  first: number;
}

/** A word that may be part of a name: capitalised, not a number. */
const capitalised = (w: Word | undefined) => w?.capital === true && w.kind !== 'number';

/**
 * The countries named in a text's sentences, and those its adjectives of nationality point to,
 * in order of first mention. A name inside a longer name (`Mexico City`, `Agência Brasil`) does
 * not count, nor a short abbreviation written in lowercase (`us`).
 */
export function findCountries(sentences: Sentence[], language: Language): CountryMention[] {
  const lexicon = lexiconFor(language);
  const iso = language.code;
  const found = new Map<string, CountryMention & { forms: Map<string, number> }>();
  const note = (code: string, s: number, form: string | null) => {
    let mention = found.get(code);
    if (!mention) {
      mention = { code, text: '', named: 0, pointed: 0, first: s, forms: new Map() };
      found.set(code, mention);
    }
    if (form === null) mention.pointed++;
    else {
      mention.named++;
      mention.forms.set(form, (mention.forms.get(form) ?? 0) + 1);
    }
  };
  for (let s = 0; s < sentences.length; s++) {
    for (const block of sentences[s] ?? []) {
      for (let i = 0; i < block.length; i++) {
        const word = block[i] as Word;
        if (word.kind === 'number' || word.lower.length < 2) continue;
        const before = block[i - 1];
        const proper =
          word.capital &&
          !(iso !== 'de' && capitalised(before) && !before?.stop) &&
          !(iso === 'de' && germanNameAdjective.test(before?.text ?? ''));
        const n = proper ? matchName(lexicon, block, i, iso) : 0;
        if (n > 0) {
          const key = keyAt(block, i, n, lexicon, iso);
          const code = lexicon.names.get(key) ?? '';
          // A German genitive ("Frankreichs") is shown as the country's name.
          const inflected = n === 1 && key !== word.folded;
          note(code, s, inflected ? (lexicon.display.get(code) ?? key) : formAt(block, i, n));
          i += n - 1;
          continue;
        }
        // A compound led by a country's abbreviation: "EU-Kommission", "US-led".
        const head = proper ? compoundHead(word) : undefined;
        const headCode = head && lexicon.names.get(foldAccents(head.toLowerCase()));
        if (head && headCode) {
          note(headCode, s, head);
          continue;
        }
        // Adjectives of nationality are lowercase, except in English; "Mexico City" is no adjective,
        // nor is the last word of a name ("New Jersey").
        // Adjectives of nationality are read from five letters on, as `countryOfAdjective` does.
        if (word.capital !== (iso === 'en') || word.stop || n < 0 || word.lower.length < 5)
          continue;
        if (iso === 'en' && !proper) continue;
        if (word.nationality) note(word.nationality, s, null);
      }
    }
  }
  return [...found.values()].map(({ forms, ...mention }) => ({
    ...mention,
    text: shownName(forms, lexicon.display.get(mention.code) ?? mention.code),
  }));
}

/**
 * German writes an adjective in lowercase unless it opens a name: "Sächsische Schweiz",
 * "Fränkische Schweiz" are regions, not Switzerland.
 */
const germanNameAdjective = /^\p{Lu}\p{Ll}+isch(?:e|en|er|es|em)$/u;

/** The part of a hyphenated word before its first hyphen, when it is an abbreviation. */
function compoundHead(word: Word): string | undefined {
  const hyphen = word.text.indexOf('-');
  if (hyphen < 2) return undefined;
  // An abbreviation: "Maurice-Postaire" is a stadium, not Mauritius.
  const head = word.text.slice(0, hyphen);
  return head === head.toUpperCase() ? head : undefined;
}

/** How many words of a country's name start at `i`; 0 for none, -1 inside a longer name. */
function matchName(lexicon: Lexicon, block: Word[], i: number, language: string): number {
  const first = block[i] as Word;
  const most = lexicon.firstWords.get(first.folded);
  const genitive = language === 'de' && /s$/.test(first.lower);
  if (most === undefined && !genitive) return 0;
  let inside = 0;
  for (let n = Math.min(most ?? 1, block.length - i); n >= 1; n--) {
    const key = keyAt(block, i, n, lexicon, language);
    if (!lexicon.names.has(key)) continue;
    const last = block[i + n - 1] as Word;
    // A short abbreviation is one only in capitals ("US", not "us").
    if (key.length <= 3 && last.text !== last.text.toUpperCase()) continue;
    // "Mexico City", "Peru Libre": a longer name; German capitalises the nouns that follow.
    if (language !== 'de' && capitalised(block[i + n]) && !block[i + n]?.stop) {
      inside = -1;
      continue;
    }
    return n;
  }
  return inside;
}

/** The folded words `i` to `i + n` of a block; a German genitive `s` dropped from a one-word name. */
function keyAt(block: Word[], i: number, n: number, lexicon: Lexicon, language: string): string {
  let key = '';
  for (let j = i; j < i + n; j++) key += (j > i ? ' ' : '') + (block[j]?.folded ?? '');
  if (n === 1 && language === 'de' && key.endsWith('s')) {
    const bare = key.slice(0, -1);
    if (!lexicon.names.has(key) && lexicon.names.has(bare)) return bare;
  }
  return key;
}

/** The words as written; no space after an elided article ("Côte d'Ivoire"). */
function formAt(block: Word[], i: number, n: number): string {
  let form = block[i]?.text ?? '';
  for (let j = i + 1; j < i + n; j++) {
    const text = block[j]?.text ?? '';
    form = /['’]$/.test(form) ? form + text : `${form} ${text}`;
  }
  return form;
}

/**
 * The most frequent written form; CLDR's name instead of an abbreviation with points
 * (`EE.UU.`, `U.S.`) or of a name written in capitals.
 */
function shownName(forms: Map<string, number>, cldr: string): string {
  let best = '';
  let count = 0;
  for (const [form, n] of forms) if (n > count) [best, count] = [form, n];
  if (!best || best.includes('.') || (best.length > 3 && best === best.toUpperCase())) return cldr;
  return best;
}
