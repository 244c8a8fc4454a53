import { type CountryMention, findCountries, isCountryName } from './countries.ts';
import { foldAccents } from './keyword-fold.ts';
import { readWords, type Sentence } from './keyword-words.ts';
import { extractKeywords, type Keyword, keywordKey, maxKeywords } from './keywords.ts';
import type { Language } from './locales.ts';
import { findNames, type NameFound, type NamesFound } from './names.ts';
import { splitParagraphs } from './sentences.ts';
import { stopwordsFor } from './stopwords.ts';
import { tagFit } from './tag-fit.ts';
import { foldedStem, maxTags, Picked, testOnce } from './tags-picked.ts';
import { tokenize } from './tokens.ts';

export { maxTags } from './tags-picked.ts';

/** Room kept for topics: a list of names says who, not what about. */
const maxCountryTags = 2;
const maxNameTags = 3;
/** Countries, places, people and organisations together, while topics remain. */
const maxNames = 4;
/** Sentences of the body that count as its lead, however its paragraphs are cut. */
const leadSentences = 3;

/** What an article's tags and keywords are chosen from. */
export interface TopicsInput {
  headline: string | null;
  standfirst: string | null;
  /** The body's sentences, paragraph by paragraph, without the dateline. */
  paragraphs: string[][];
  /** The words of the body's first sentences, as `readWords` reads them. */
  read: Sentence[];
  /** The dateline before the first paragraph (`Cúcuta (Colombia), 20 ene (EFE).-`), or ''. */
  dateline: string;
  /** The dateline's place (`Cúcuta`), or null. */
  place: string | null;
  /** The agency the dateline credits (`EFE`, `dpa/AFP`), or null. */
  agency: string | null;
  /** The region or country the dateline gives its place in (`Colombia`), or null. */
  region: string | null;
  /** The topic the site files the article under (`Glücksspiel`, `Federal A`), or null. */
  topic: string | null;
  /** The topics the site tags the article with, in its tag lines (`CNIL`, `RGPD`). */
  siteTags: string[];
  language: Language;
  /** Tags given in the front matter: they come first. */
  given: string[];
}

/** Keywords, best first; tags (at most `maxTags`); and the names among them. */
export interface Topics {
  keywords: string[];
  tags: string[];
  /** The countries, people and organisations tagged: what a title may lead with. */
  names: string[];
}

/**
 * Tags name what the article is about: the countries it names (the dateline's first), then
 * the people and organisations it is about (a name of two words or more in the headline or the
 * lead counts even when met once), then its topics: keywords fit to be tags, a short form of a
 * name shown as the full name (`Petro` as `Gustavo Petro`). Keywords stay as the text writes
 * them, best first.
 */
export function chooseTags(input: TopicsInput): Topics {
  const { headline, standfirst, language } = input;
  // The headline and the standfirst, sentence by sentence ("…geräumt. Die Entwicklungen…").
  const [heading = [], standing = []] = splitParagraphs(
    [headline ?? '', standfirst ?? ''],
    language,
  );
  const lead = [...heading, ...standing];
  const sentences = [...lead, ...input.paragraphs.flat()];
  const read = lead.length > 0 ? [...readWords(lead, language), ...input.read] : input.read;
  // Tags draw on more keywords than are kept: names may fill the first places.
  const ranked = extractKeywords(sentences, language, read, maxKeywords + maxTags);
  const found = findNames(read, language, input.agency);
  const leadEnd = lead.length + leadSentences;
  const headlineEnd = heading.length;

  const picked = new Picked(input.given, language);
  const fits = testOnce(tagFit(language, headline, input.agency));
  const dateline = input.dateline
    ? findCountries(readWords([input.dateline], language), language)
    : [];
  const datelineCodes = new Set(dateline.filter((d) => d.named > 0).map((d) => d.code));
  const countries = rankCountries(findCountries(read, language), dateline, datelineCodes, leadEnd);
  // A country named once in passing comes after the names.
  const strong = countries
    .slice(0, maxCountryTags)
    .filter((c) => countryWeight(c, datelineCodes, leadEnd) >= 2);
  for (const country of strong) picked.add(country.text, true);
  // The site's own tags, those the text speaks of: its editors chose them for this article.
  if (input.siteTags.length > 0) {
    const spoken = stemsOf(read, language);
    for (const tag of input.siteTags) {
      const titled = isTitled(tag);
      if (speaksOf(spoken, tag, language) && fits(tag, titled)) picked.add(tag, titled);
    }
  }
  const fitsName = (n: NameFound) =>
    !isCountryName(n.text.toLowerCase(), language) && fits(n.text, true);
  const names = found.names
    .filter(
      (n) => (n.count >= 2 || ((n.words >= 2 || n.titled) && n.first < leadEnd)) && fitsName(n),
    )
    .sort(
      (a, b) =>
        weight(b, headlineEnd, leadEnd) - weight(a, headlineEnd, leadEnd) || a.first - b.first,
    );
  // A local story names its place again; a wire's dateline is often only where it was filed.
  const { place } = input;
  if (place && input.paragraphs.some((p) => p.some((s) => s.includes(place))))
    picked.add(place, true);
  let named = 0;
  for (const name of names) if (named < maxNameTags && picked.add(name.text, true)) named++;
  // A country named once in passing, when it is the only one.
  if (strong.length === 0 && countries[0]) picked.add(countries[0].text, true);
  // German capitalises its nouns: there a keyword is a name only when a name was found.
  const known = new Set(found.names.map((n) => n.key));
  const topics = fullNames(ranked, found).map((k) => ({
    text: k.text,
    name: k.name && (language.code !== 'de' || known.has(keyOf(k.text))),
  }));
  // The site's own topic for the article, when the text speaks of it too.
  const { topic } = input;
  const titled = topic !== null && isTitled(topic);
  if (topic && mentions(input.paragraphs, topic) && fits(topic, titled)) picked.add(topic, titled);
  // Topics keep their room: names past `maxNames` wait until topics run out.
  for (const { text, name } of topics) {
    if (picked.full) break;
    if (fits(text, name) && (!name || picked.names.length < maxNames)) picked.add(text, name);
  }
  // Room left once topics run out: the other names, then those of two words met once.
  for (const { text, name } of topics) {
    if (picked.full) break;
    if (name && fits(text, name)) picked.add(text, name);
  }
  for (const name of names) if (!picked.full) picked.add(name.text, true);
  for (const name of found.names) {
    if (picked.full) break;
    if (name.words >= 2 && fitsName(name)) picked.add(name.text, true);
  }
  const keywords = withPlaces(
    ranked.map((k) => k.text),
    [input.place, input.region],
    language,
  );
  return { keywords, tags: picked.tags, names: picked.names };
}

/** The stems of a text's words, accents folded. */
function stemsOf(read: Sentence[], language: Language): Set<string> {
  const stems = new Set<string>();
  for (const sentence of read)
    for (const block of sentence)
      for (const word of block) stems.add(foldedStem(word.lower, language));
  return stems;
}

/**
 * Whether a text speaks of a topic: every word of it but stopwords is in the text, in some form
 * ("Heatwaves" in a text about a heatwave, "vacinação" whatever its case).
 */
function speaksOf(stems: Set<string>, topic: string, language: Language): boolean {
  const stopwords = stopwordsFor(language);
  const words = tokenize(topic).filter((t) => !stopwords.has(t.lower));
  return words.length > 0 && words.every((t) => stems.has(foldedStem(t.lower, language)));
}

/** A topic written in title case is a name ("Six Nations", "Copa Libertadores"). */
const isTitled = (topic: string) => /^\p{Lu}\S*(?: \p{Lu}\S*)+$/u.test(topic);

/**
 * Whether the body's sentences hold the topic: words whatever their case, one word as written
 * inside a sentence ("Região" is a section's name; "região" in the text is a common noun).
 */
function mentions(paragraphs: string[][], topic: string): boolean {
  if (!topic.includes(' ')) return paragraphs.some((p) => p.some((s) => s.includes(` ${topic}`)));
  const wanted = topic.toLowerCase();
  return paragraphs.some((p) => p.some((s) => s.toLowerCase().includes(wanted)));
}

/** Keywords the dateline's places rank after: the article's own words come first. */
const placesAfter = 3;

/**
 * The keywords with the dateline's place and region among them: where the story happened is
 * what it is about, even when the text does not name it again.
 */
function withPlaces(ranked: string[], places: (string | null)[], language: Language): string[] {
  const keys = new Set(ranked.map(keywordKey));
  const missing: string[] = [];
  // "Bern/Brüssel" is two places.
  for (const place of places.flatMap((p) => p?.split('/') ?? [])) {
    if (keys.has(keywordKey(place))) continue;
    keys.add(keywordKey(place));
    missing.push(place);
  }
  // "Rio" is "Rio de Janeiro" cut short; "Mexico" is a country, not "Mexico City" cut short.
  const longer = missing.map((place) => `${keywordKey(place)} `);
  const kept = ranked.filter(
    (k) =>
      isCountryName(k.toLowerCase(), language) ||
      !longer.some((place) => place.startsWith(`${keywordKey(k)} `)),
  );
  return [...kept.slice(0, placesAfter), ...missing, ...kept.slice(placesAfter)].slice(
    0,
    maxKeywords,
  );
}

/**
 * Countries worth a tag, the most mentioned first: the dateline's, any the text names, and
 * one its adjectives of nationality point to twice.
 */
function rankCountries(
  mentions: CountryMention[],
  dateline: CountryMention[],
  datelineCodes: Set<string>,
  leadEnd: number,
): CountryMention[] {
  const all = [...mentions];
  for (const d of dateline) if (d.named > 0 && !all.some((m) => m.code === d.code)) all.push(d);
  const weight = (m: CountryMention) => countryWeight(m, datelineCodes, leadEnd);
  return all
    .filter((m) => m.named > 0 || m.pointed >= 2)
    .sort((a, b) => weight(b) - weight(a) || a.first - b.first);
}

function countryWeight(m: CountryMention, dateline: Set<string>, leadEnd: number): number {
  return m.named + m.pointed / 2 + (m.first < leadEnd ? 1 : 0) + (dateline.has(m.code) ? 2 : 0);
}

function weight(name: NameFound, headlineEnd: number, leadEnd: number): number {
  return name.count + (name.first < headlineEnd ? 2 : 0) + (name.first < leadEnd ? 0.5 : 0);
}

/** A name's folded words, as names are keyed. */
const keyOf = (text: string) =>
  tokenize(text)
    .map((t) => foldAccents(t.lower))
    .join(' ');

/** Keywords with a short form of a name shown as the name, each once. */
function fullNames(ranked: Keyword[], found: NamesFound): Keyword[] {
  const seen = new Set<string>();
  const keywords: Keyword[] = [];
  for (const keyword of ranked) {
    const full = keyword.name ? found.variants.get(keyOf(keyword.text)) : undefined;
    const text = full?.text ?? keyword.text;
    const key = keywordKey(text);
    if (seen.has(key)) continue;
    seen.add(key);
    keywords.push(full ? { ...keyword, text } : keyword);
  }
  return keywords;
}
