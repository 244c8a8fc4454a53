import { remember } from '../remember.ts';
import { foldAccents } from './keyword-fold.ts';
import type { Facet, Language } from './locales.ts';
import { tokenize } from './tokens.ts';

/**
 * Country names in a language, from the platform's CLDR region names (`Intl.DisplayNames`):
 * maintained, in every language Gazette reads, and no dependency. The European Union and the
 * United Nations count with them; newsrooms' abbreviations are added (`EE.UU.`, `USA`). The
 * stems of one-word names find the adjectives of nationality (`colombien`, `brasileño`).
 */

export interface Lexicon {
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

const countries: Facet<Lexicon> = ({ code }) => buildLexicon(code);

/** The country names of a language. */
export function lexiconFor(language: Language): Lexicon {
  return language.get(countries);
}

/** Folds a name's words as they are compared: tokenized like the text, accents and case off. */
export const keyOf = (name: string) =>
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
export function countryOfAdjective(lower: string, language: Language): string | undefined {
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
export function isCountryName(lower: string, language: Language): boolean {
  return countryCode(lower, language) !== undefined;
}

/** Names looked up so far per language, with their code or null; bounded like the stems. */
const maxLookups = 20_000;
const lookups: Facet<Map<string, string | null>> = () => new Map();

/** Lowercase ASCII words, one space apart: a name that is its own key (`keyOf`). */
const ownKey = /^[a-z]+(?: [a-z]+)*$/;

/** The region code of a country's name or abbreviation, in any case, or undefined. */
export function countryCode(name: string, language: Language): string | undefined {
  const { names } = lexiconFor(language);
  if (ownKey.test(name)) return names.get(name);
  const code = remember(
    language.get(lookups),
    maxLookups,
    name,
    () => names.get(keyOf(name)) ?? null,
  );
  return code ?? undefined;
}
