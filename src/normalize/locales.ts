import { remember } from '../remember.ts';
import { TimeZone } from './dates.ts';

/**
 * What normalizing knows of the languages and time zones of its articles, beyond their codes:
 * a language's stopwords, calendar words, stemmer, sentence segmenter, country names and the
 * words read so far; a zone's offsets. Each is made the first time an article asks for it and
 * kept by the `Locales` that made it, which lives as long as its owner: one build, one watch
 * session, or one worker thread of the engine. News text repeats its words, article after
 * article, so most of what is read once is read again; nothing is kept between two owners, and
 * what is kept changes no result.
 */
export class Locales {
  readonly #languages = new Map<string, Language>();
  readonly #zones = new Map<string, TimeZone>();

  /** A language, by its ISO 639-1 code. */
  language(code: string): Language {
    return remember(this.#languages, Number.POSITIVE_INFINITY, code, () => new Language(code));
  }

  /** A time zone, by its IANA name. */
  timeZone(name: string): TimeZone {
    return remember(this.#zones, Number.POSITIVE_INFINITY, name, () => new TimeZone(name));
  }
}

/**
 * How to make one part of a language's data, from its code and its other parts. A facet is a
 * recipe, declared once in the module that uses it; what it makes belongs to the `Language`
 * that asked.
 */
export type Facet<T> = (language: Language) => T;

/** One language, as the articles of a build read it. */
export class Language {
  readonly code: string;
  readonly #made = new Map<Facet<unknown>, unknown>();

  constructor(code: string) {
    this.code = code;
  }

  /** The part of this language's data that `facet` makes: made once, then the same. */
  get<T>(facet: Facet<T>): T {
    if (this.#made.has(facet)) return this.#made.get(facet) as T;
    const made = facet(this);
    this.#made.set(facet, made);
    return made;
  }
}
