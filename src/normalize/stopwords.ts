import { createRequire } from 'node:module';
import type { Facet, Language } from './locales.ts';

const require = createRequire(import.meta.url);
const lists = require('stopwords-iso') as Record<string, string[]>;

const stopwords: Facet<Set<string>> = ({ code }) =>
  new Set((lists[code] ?? []).map((w) => w.normalize('NFC')));

/** The stopword list of a language (lowercase), empty for a language without one. */
export function stopwordsFor(language: Language): Set<string> {
  return language.get(stopwords);
}

const calendarWords: Facet<Set<string>> = ({ code }) => new Set(calendarNames(code, 'long'));

/**
 * The names of the months and of the days of the week in a language (lowercase), as the
 * platform's locale data spells them: they date a text rather than say what it is about.
 */
export function calendarWordsFor(language: Language): Set<string> {
  return language.get(calendarWords);
}

const shortCalendarWords: Facet<Set<string>> = (language) => {
  const full = calendarWordsFor(language);
  return new Set(
    calendarNames(language.code, 'short')
      .map((name) => name.replace(/\.$/, ''))
      .filter((name) => name.length >= 3 && !full.has(name)),
  );
};

/**
 * The short names of the months and days of a language that differ from their full names
 * (lowercase, without the full stop: `apr`, `sat`, `janv`, `sáb`), as the locale data writes
 * them. Several are words too ("mer", "sat"): they are calendar words only where a capital marks
 * them.
 */
export function shortCalendarWordsFor(language: Language): Set<string> {
  return language.get(shortCalendarWords);
}

/** The twelve months' and seven days' names in a language, lowercase; none for an unknown tag. */
function calendarNames(language: string, width: 'long' | 'short'): string[] {
  try {
    const month = new Intl.DateTimeFormat(language, { month: width, timeZone: 'UTC' });
    const weekday = new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' });
    return [
      ...Array.from({ length: 12 }, (_, i) => month.format(Date.UTC(2000, i, 15))),
      ...Array.from({ length: 7 }, (_, i) => weekday.format(Date.UTC(2000, 0, 2 + i))),
    ].map((name) => name.toLowerCase());
  } catch {
    // A language tag the platform does not know: no calendar words.
    return [];
  }
}
