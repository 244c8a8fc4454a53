import { createRequire } from 'node:module';
import type * as Snowball from 'snowball-stemmers';

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
const cache = new Map<string, (word: string) => string>();

/**
 * The Snowball stemmer of a language, for matching words only (never shown): lowercase in,
 * stem out. A language without one folds a final plural `s`, as YAKE does.
 */
export function stemmerFor(language: string): (lower: string) => string {
  let stem = cache.get(language);
  if (!stem) {
    const algorithm = algorithms[language];
    const stemmer = algorithm ? snowball.newStemmer(algorithm) : undefined;
    stem = stemmer ? (lower) => stemmer.stem(lower) : foldPlural;
    cache.set(language, stem);
  }
  return stem;
}

/** YAKE's term folding: a final `s` dropped from words of more than three letters. */
export function foldPlural(lower: string): string {
  return lower.length > 3 ? lower.replace(/s$/, '') : lower;
}
