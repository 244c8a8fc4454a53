import { remember } from '../remember.ts';
import { countryCode } from './countries.ts';
import { foldAccents } from './keyword-fold.ts';
import { stemmerFor } from './keyword-stem.ts';
import type { Facet, Language } from './locales.ts';
import { tokenize } from './tokens.ts';

export const maxTags = 6;

/** A test of a text, each text tested once: tags are tried in turn, some more than once. */
export function testOnce(
  test: (text: string, name: boolean) => boolean,
): (text: string, name: boolean) => boolean {
  const seen = new Map<string, boolean>();
  return (text, name) => {
    const key = name ? `\u0001${text}` : text;
    let fits = seen.get(key);
    if (fits === undefined) {
      fits = test(text, name);
      seen.set(key, fits);
    }
    return fits;
  };
}

/** Folded stems remembered per language; past this many the memo starts afresh. */
const maxFolded = 20_000;

const foldedStems: Facet<Map<string, string>> = () => new Map();

/**
 * A word's stem, accents folded: how tags and topics are compared. Remembered: every word of
 * every article is asked about.
 */
export const foldedStem = (lower: string, language: Language): string =>
  remember(language.get(foldedStems), maxFolded, lower, () =>
    foldAccents(stemmerFor(language)(lower)),
  );

/** Tags picked so far: a tag that repeats one (its words' stems, or inside it) is left out. */
export class Picked {
  tags: string[] = [];
  names: string[] = [];
  private keys: string[] = [];
  /** Countries tagged, by region code: `EU` and `Europäische Union` are one. */
  private countries = new Set<string>();

  constructor(
    given: string[],
    private language: Language,
  ) {
    for (const tag of given) this.add(tag, false);
  }

  get full(): boolean {
    return this.tags.length >= maxTags;
  }

  add(written: string, name: boolean): boolean {
    if (this.full) return false;
    // A tag names a thing, not its owner: `Brazil's` is tagged `Brazil`.
    const tag = written.replace(/(?<=\p{L}{2})['’]s$/u, '');
    if (!tag.trim()) return false;
    const key = ` ${tokenize(tag)
      .map((t) => foldedStem(t.lower, this.language))
      .join(' ')} `;
    // A name may hold a tag ("Banco Central do Brasil" after "Brasil"); a topic may not.
    if (this.keys.some((k) => k.includes(key) || (!name && key.includes(k)))) return false;
    const country = countryCode(tag, this.language);
    if (country && this.countries.has(country)) return false;
    if (country) this.countries.add(country);
    this.keys.push(key);
    this.tags.push(tag);
    if (name) this.names.push(tag);
    return true;
  }
}
