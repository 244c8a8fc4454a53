import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lists = require('stopwords-iso') as Record<string, string[]>;
const cache = new Map<string, Set<string>>();

/** The stopword list of a language (lowercase), empty for a language without one. */
export function stopwordsFor(language: string): Set<string> {
  let set = cache.get(language);
  if (!set) {
    set = new Set((lists[language] ?? []).map((w) => w.normalize('NFC')));
    cache.set(language, set);
  }
  return set;
}
