import { isCountryName } from './countries.ts';
import type { Sentence, Word } from './keyword-words.ts';
import type { Language } from './locales.ts';
import type { NameRun } from './names-merge.ts';

/**
 * German capitalises every noun, so a run of capitalised words there is often nouns side by
 * side ("Kolumbien Venezolanern Aufenthaltsrecht"). A word the text writes after an article or
 * an inflected adjective is a common noun; a name is made of other words: a person's
 * ("Carolina Mejía Brandt"), one with a particle ("Ursula von der Leyen") or an acronym ("SV
 * Spittal"), an adjective before a word that is no common noun ("Europäische Union", "Kärntner
 * Liga"), or an institution before a place ("Landesgericht Klagenfurt").
 */

/** Words after which a German noun follows: articles, determiners, possessives. */
const determiners = new Set(
  `der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner sein
  seine seinen seinem seiner seines ihr ihre ihren ihrem ihrer ihres unser unsere unseren dieser
  diese dieses diesen diesem jeder jede jedes jeden jedem zum zur im am vom beim ins ans aufs`.split(
    /\s+/,
  ),
);
/** An inflected adjective, lowercase before its noun ("der deutschen Wirtschaft"). */
const inflected = /\p{Ll}{2}(?:e|en|er|es|em)$/u;
/** A capitalised adjective, as names hold them ("Europäische", "Europäischen", "Kärntner"). */
const adjective = /\p{Ll}(?:isch(?:e|en|er|es)|e|er)$/u;
/** Endings of German common nouns, and of their dative plural ("Venezolanern"). */
const commonNoun = /(?:(?:ung|heit|keit|schaft|tion|ismus|tät|nis|tum)(?:en|e|s)?|ern|innen)$/u;
/** Institutions whose name is followed by their place ("Landesgericht Klagenfurt"). */
const institution = /(?:gericht|gerichtshof|universität|hochschule|klinikum|ministerium)$/u;

/** Capitalised words (lowercase) the text writes after an article or an inflected adjective. */
export function germanNouns(sentences: Sentence[]): Set<string> {
  const nouns = new Set<string>();
  for (const sentence of sentences) {
    for (const block of sentence) {
      for (let i = 1; i < block.length; i++) {
        const word = block[i] as Word;
        const before = block[i - 1] as Word;
        // "von der Leyen": a particle, not an article.
        if (!word.capital || /^va?on$/.test(block[i - 2]?.lower ?? '')) continue;
        if (determiners.has(before.lower) || (!before.capital && inflected.test(before.lower)))
          nouns.add(word.lower);
      }
    }
  }
  return nouns;
}

/**
 * Where a German name starts in a run of capitalised words (`joins` marks its particles), or -1
 * when no part of it is a name. Common nouns and countries before a name are left out
 * ("Migrationsforscherin Carolina Mejía Brandt", "Brasiliens Regierung").
 */
export function germanNameStart(
  words: Word[],
  joins: readonly boolean[],
  nouns: Set<string>,
  german: Language,
): number {
  // One word is judged once counted, on all its occurrences.
  if (words.length === 1) return 0;
  for (let start = 0; start < words.length - 1; start++) {
    if (joins[start]) continue;
    const rest = words.slice(start);
    const content = rest.filter((_, k) => !joins[start + k]);
    if (content.length < 2 && !content.some((w) => w.kind === 'acronym')) return -1;
    if (isName(content, nouns, german)) return start;
  }
  return -1;
}

function isName(content: Word[], nouns: Set<string>, german: Language): boolean {
  const common = (w: Word) =>
    w.kind !== 'acronym' &&
    (nouns.has(w.lower) || commonNoun.test(w.lower) || isCountry(w, german));
  const [first, ...others] = content;
  if (!first || others.some(common)) return false;
  if (content.some((w) => w.kind === 'acronym') || !common(first)) return true;
  if (institution.test(first.lower)) return true;
  // "Schweizer Gletscher" are the Swiss glaciers, not a name.
  if (first.nationality || isCountry(first, german)) return false;
  return adjective.test(first.lower) && !commonNoun.test(first.lower);
}

/** A plural's ending: German writes plural nouns without an article ("Projekte", "Zahlen"). */
const plural = /(?:e|en|er|ern|n)$/u;

/**
 * A single capitalised word the text never writes as a common noun ("Passau", "Scholz"), or one
 * after a title ("Präsident Lula"); one with a plural's ending is taken for a noun.
 */
export function isGermanName(run: NameRun, nouns: Set<string>): boolean {
  const word = run.sample[0];
  if (!word || nouns.has(word.lower) || commonNoun.test(word.lower)) return false;
  return run.titled || !plural.test(word.lower);
}

/** A country's name, or its genitive ("Brasiliens"). */
function isCountry(word: Word, german: Language): boolean {
  return (
    isCountryName(word.lower, german) ||
    (word.lower.endsWith('s') && isCountryName(word.lower.slice(0, -1), german))
  );
}
