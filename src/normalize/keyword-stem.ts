import { createRequire } from 'node:module';
import type * as Snowball from 'snowball-stemmers';
import { remember } from '../remember.ts';
import type { Facet, Language } from './locales.ts';

const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as typeof Snowball;

const algorithms: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  de: 'german',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  hy: 'armenian',
  it: 'italian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sl: 'slovene',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};
/** Stems remembered per language; past this many the memo starts afresh, so memory stays bounded. */
const maxMemoized = 20_000;

const stemmer: Facet<(lower: string) => string> = ({ code }) => {
  const algorithm = algorithms[code];
  const snowballStemmer = algorithm ? snowball.newStemmer(algorithm) : undefined;
  if (!snowballStemmer) return foldPlural;
  const stems = new Map<string, string>();
  return (lower) => remember(stems, maxMemoized, lower, () => snowballStemmer.stem(lower));
};

/**
 * The Snowball stemmer of a language, for matching words only (never shown): lowercase in,
 * stem out. A language without one folds a final plural `s`, as YAKE does. Stems are memoized
 * per language: news text repeats its words, article after article.
 */
export function stemmerFor(language: Language): (lower: string) => string {
  return language.get(stemmer);
}

/** YAKE's term folding: a final `s` dropped from words of more than three letters. */
export function foldPlural(lower: string): string {
  return lower.length > 3 ? lower.replace(/s$/, '') : lower;
}

/**
 * A word's inflections folded, not its derivations: number and gender in Spanish and
 * Portuguese, number in English (`camioneros` as `camioner`, `infections` as `infection`), so
 * that `minería` and `minero`, or `transportadores` and `transporte`, stay two words, as they
 * are two topics. Other languages have their Snowball stem: French's folds an adjective of
 * nationality onto its country (`français`, `France`), which keeps it out of the keywords.
 * Lowercase in.
 */
export function inflectionFolderFor(language: Language): (lower: string) => string {
  const fold = folds[language.code];
  return fold ? (lower) => (lower.length > 3 ? fold(lower) : lower) : stemmerFor(language);
}

const folds: Record<string, (lower: string) => string> = {
  es: (w) =>
    w
      .replace(/ces$/, 'z')
      .replace(/(?<=[^aeiouáéíóú])es$/, '')
      .replace(/s$/, '')
      .replace(/[ao]$/, ''),
  pt: (w) =>
    w
      .replace(/(?:ões|ães)$/, 'ão')
      .replace(/ais$/, 'al')
      .replace(/(?<=[rz])es$/, '')
      .replace(/s$/, '')
      .replace(/[ao]$/, ''),
  en: (w) =>
    w
      .replace(/ies$/, 'y')
      .replace(/(?<=(?:s|x|z|ch|sh))es$/, '')
      .replace(/(?<!s)s$/, ''),
};
