import { foldAccents } from './keyword-fold.ts';
import type { Sentence, Word } from './keyword-words.ts';
import { tokenize } from './tokens.ts';

/**
 * Countries an article names, from the platform's CLDR region names (`Intl.DisplayNames`) in
 * the article's language: maintained, in every language Gazette reads, and no dependency. The
 * European Union and the United Nations count with them. Adjectives of nationality
 * (`colombien`, `brasileño`, `deutsche`) point to their country without being tags.
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

interface Lexicon {
  /** Folded name, its words space-separated -> region code. */
  names: Map<string, string>;
  /** Folded first word of a name -> the most words a name starting with it has. */
  firstWords: Map<string, number>;
  /** Region code -> CLDR's name in the language. */
  display: Map<string, string>;
  /** The first four folded letters of a stem -> stems of adjectives, and their country. */
  stems: Map<string, { stem: string; code: string }[]>;
}

/**
 * ISO 3166 codes CLDR keeps for regions that are not countries (islands of other states,
 * groupings) or that a newer code replaced.
 */
const notCountries = new Set(
  'AC AN BU CP CQ CS DD DG DY EA EZ FX HV IC NH QO RH SU TA TP UK VD XA XB YD YU ZR ZZ'.split(' '),
);

/** Names and abbreviations CLDR does not give, as newsrooms write them. */
const aliases: Record<string, Record<string, string>> = {
  en: {
    US: 'U.S., U.S.A., USA',
    GB: 'U.K., Britain, Great Britain',
    TR: 'Turkey',
    NL: 'Holland',
    CZ: 'Czech Republic',
    CI: 'Ivory Coast',
    CD: 'DRC, DR Congo, Democratic Republic of Congo',
    VA: 'Vatican',
    EU: 'EU',
  },
  fr: {
    US: 'USA',
    GB: 'Grande-Bretagne',
    CD: 'RDC, RD Congo',
    VA: 'Vatican',
    EU: 'UE',
  },
  es: {
    US: 'EE.UU., EEUU, EE UU, USA',
    GB: 'Gran Bretaña',
    NL: 'Holanda',
    CD: 'RDC, RD Congo',
    VA: 'Vaticano',
    EU: 'UE',
    UN: 'ONU',
  },
  pt: {
    US: 'EUA, USA',
    GB: 'Grã-Bretanha',
    NL: 'Holanda',
    CD: 'RDC, RD Congo',
    VA: 'Vaticano',
    EU: 'UE',
  },
  de: {
    GB: 'Großbritannien, England',
    NL: 'Holland',
    CD: 'DR Kongo',
    VA: 'Vatikan',
    EU: 'EU',
    UN: 'UNO',
  },
};

const lexicons = new Map<string, Lexicon>();

function lexiconFor(language: string): Lexicon {
  let lexicon = lexicons.get(language);
  if (!lexicon) {
    lexicon = buildLexicon(language);
    lexicons.set(language, lexicon);
  }
  return lexicon;
}

/** Folds a name's words as they are compared: tokenized like the text, accents and case off. */
const keyOf = (name: string) =>
  tokenize(name)
    .map((t) => foldAccents(t.lower))
    .join(' ');

function buildLexicon(language: string): Lexicon {
  const lexicon: Lexicon = {
    names: new Map(),
    firstWords: new Map(),
    display: new Map(),
    stems: new Map(),
  };
  let long: Intl.DisplayNames;
  let short: Intl.DisplayNames;
  try {
    long = new Intl.DisplayNames(language, { type: 'region', fallback: 'none' });
    short = new Intl.DisplayNames(language, { type: 'region', style: 'short', fallback: 'none' });
  } catch {
    return lexicon;
  }
  const add = (name: string, code: string) => {
    const key = keyOf(name);
    if (!key || lexicon.names.has(key)) return;
    lexicon.names.set(key, code);
    const words = key.split(' ');
    const first = words[0] ?? '';
    lexicon.firstWords.set(first, Math.max(lexicon.firstWords.get(first) ?? 0, words.length));
  };
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (notCountries.has(code)) continue;
      const name = long.of(code);
      if (!name || name === code) continue;
      // "Myanmar (Burma)": either name; "Hong Kong SAR China": the short one reads better.
      const plain = name.replace(/\s*\(.*\)$/, '');
      const brief = short.of(code);
      const shown = brief && brief !== name && /\p{Ll}/u.test(brief) ? brief : plain;
      lexicon.display.set(code, shown);
      for (const form of [plain, brief, /\((.*)\)$/.exec(name)?.[1]]) if (form) add(form, code);
      addStems(lexicon, shown, code, language);
    }
  }
  for (const [code, list] of Object.entries(aliases[language] ?? {})) {
    for (const form of list.split(/,\s*/)) add(form, code);
  }
  return lexicon;
}

/**
 * The stems an adjective of nationality starts with: the folded one-word name, without its
 * final vowel or its German `-land` / `-ien` ("colombi|en", "brasil|eño", "deutsch|e",
 * "kolumbi|anisch"). Shorter stems would catch ordinary words.
 */
function addStems(lexicon: Lexicon, name: string, code: string, language: string): void {
  const folded = foldAccents(name.toLowerCase());
  if (!/^\p{L}+$/u.test(folded) || code === 'EU' || code === 'UN') return;
  const stems = new Set([folded, folded.replace(/[aeiou]$/, '')]);
  if (language === 'de') stems.add(folded.replace(/(?:land|en)$/, ''));
  for (const stem of stems) {
    if (stem.length < 4) continue;
    const key = stem.slice(0, 4);
    const list = lexicon.stems.get(key) ?? [];
    list.push({ stem, code });
    lexicon.stems.set(key, list);
  }
}

/**
 * What follows the stem in an adjective of nationality, folded: a linking vowel, then an
 * ending of the five languages ("colombi|en", "peru|vian", "portug|ues", "kolumbi|anisch").
 */
const nationalEnding =
  /^(?:|(?:i|a|e|ie|vi|u)?(?:en|enne|ens|ennes|ain|aine|ains|aines|ais|aise|aises|ois|oise|oises|an|ans|ano|ana|anos|anas|eno|ena|enos|enas|ense|enses|es|esa|esas|eses|eiro|eira|eiros|eiras|ol|ola|oles|olas|ino|ina|inos|inas|isch|ische|ischen|ischer|isches|nisch|nische|nischen|nischer|nisches|sch|sche|schen|scher|sches|ish|ese|o|a|os|as|e|er|ine|ines))$/;

/** The country an adjective of nationality points to, or undefined. */
export function countryOfAdjective(lower: string, language: string): string | undefined {
  if (lower.length < 5) return undefined;
  const folded = foldAccents(lower);
  const list = lexiconFor(language).stems.get(folded.slice(0, 4));
  if (!list) return undefined;
  let best: { stem: string; code: string } | undefined;
  for (const entry of list) {
    if (!folded.startsWith(entry.stem) || (best && best.stem.length >= entry.stem.length)) continue;
    if (nationalEnding.test(folded.slice(entry.stem.length))) best = entry;
  }
  return best?.code;
}

/** Whether a word or phrase (lowercase) is a country's name in the language. */
export function isCountryName(lower: string, language: string): boolean {
  return countryCode(lower, language) !== undefined;
}

/** Names looked up so far per language, with their code or null; bounded like the stems. */
const maxLookups = 20_000;
const lookups = new Map<string, Map<string, string | null>>();

/** The region code of a country's name or abbreviation, in any case, or undefined. */
export function countryCode(name: string, language: string): string | undefined {
  let memo = lookups.get(language);
  if (!memo) {
    memo = new Map();
    lookups.set(language, memo);
  }
  let code = memo.get(name);
  if (code === undefined) {
    if (memo.size >= maxLookups) memo.clear();
    code = lexiconFor(language).names.get(keyOf(name)) ?? null;
    memo.set(name, code);
  }
  return code ?? undefined;
}

/** The country each word points to, read once per word (a language's words are its own). */
const pointing = new WeakMap<Word, string | null>();

function pointsTo(word: Word, language: string): string | null {
  let code = pointing.get(word);
  if (code === undefined) {
    code = countryOfAdjective(word.lower, language) ?? null;
    pointing.set(word, code);
  }
  return code;
}

/** A word that may be part of a name: capitalised, not a number. */
const capitalised = (w: Word | undefined) => w?.capital === true && w.kind !== 'number';

/**
 * The countries named in a text's sentences, and those its adjectives of nationality point to,
 * in order of first mention. A name inside a longer name (`Mexico City`, `Agência Brasil`) does
 * not count, nor a short abbreviation written in lowercase (`us`).
 */
export function findCountries(sentences: Sentence[], language: string): CountryMention[] {
  const lexicon = lexiconFor(language);
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
        const proper = word.capital && !(language !== 'de' && capitalised(before) && !before?.stop);
        const n = proper ? matchName(lexicon, block, i, language) : 0;
        if (n > 0) {
          const key = keyAt(block, i, n, language);
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
        // Adjectives of nationality are lowercase, except in English; "Mexico City" is no adjective.
        if (word.capital !== (language === 'en') || word.stop || n < 0) continue;
        const code = pointsTo(word, language);
        if (code) note(code, s, null);
      }
    }
  }
  return [...found.values()].map(({ forms, ...mention }) => ({
    ...mention,
    text: shownName(forms, lexicon.display.get(mention.code) ?? mention.code),
  }));
}

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
    const key = keyAt(block, i, n, language);
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
function keyAt(block: Word[], i: number, n: number, language: string): string {
  let key = '';
  for (let j = i; j < i + n; j++) key += (j > i ? ' ' : '') + (block[j]?.folded ?? '');
  if (n === 1 && language === 'de' && key.endsWith('s')) {
    const bare = key.slice(0, -1);
    if (!lexiconFor(language).names.has(key) && lexiconFor(language).names.has(bare)) return bare;
  }
  return key;
}

function formAt(block: Word[], i: number, n: number): string {
  return block
    .slice(i, i + n)
    .map((w) => w.text)
    .join(' ');
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
