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

const calendarCache = new Map<string, Set<string>>();

/**
 * The names of the months and of the days of the week in a language (lowercase), as the
 * platform's locale data spells them: they date a text rather than say what it is about.
 */
export function calendarWordsFor(language: string): Set<string> {
  let set = calendarCache.get(language);
  if (!set) {
    set = new Set();
    try {
      const month = new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' });
      const weekday = new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' });
      for (let i = 0; i < 12; i++) set.add(month.format(Date.UTC(2000, i, 15)).toLowerCase());
      for (let i = 0; i < 7; i++) set.add(weekday.format(Date.UTC(2000, 0, 2 + i)).toLowerCase());
    } catch {
      // A language tag the platform does not know: no calendar words.
    }
    calendarCache.set(language, set);
  }
  return set;
}

const shortCache = new Map<string, Set<string>>();

/**
 * The short names of the months and days of a language that differ from their full names
 * (lowercase, without the full stop: `apr`, `sat`, `janv`, `sáb`), as the locale data writes
 * them. Several are words too ("mer", "sat"): they are calendar words only where a capital marks
 * them.
 */
export function shortCalendarWordsFor(language: string): Set<string> {
  let set = shortCache.get(language);
  if (!set) {
    set = new Set();
    const full = calendarWordsFor(language);
    try {
      const month = new Intl.DateTimeFormat(language, { month: 'short', timeZone: 'UTC' });
      const weekday = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
      const names = [
        ...Array.from({ length: 12 }, (_, i) => month.format(Date.UTC(2000, i, 15))),
        ...Array.from({ length: 7 }, (_, i) => weekday.format(Date.UTC(2000, 0, 2 + i))),
      ];
      for (const name of names) {
        const short = name.toLowerCase().replace(/\.$/, '');
        if (!full.has(short) && short.length >= 3) set.add(short);
      }
    } catch {
      // A language tag the platform does not know: no calendar words.
    }
    shortCache.set(language, set);
  }
  return set;
}
