import { isDangling } from './function-words.ts';

/**
 * What makes a page's headline the article's: it reads as a headline (not a label, a byline or
 * a banner) and speaks of what the article's lead speaks of.
 */

/** A site's name after a bar ("… | Le Monde") is no part of the headline. */
export function withoutSiteName(headline: string): string {
  return headline.replace(/\s+[|]\s+[^|]{1,40}$/u, '').trim();
}

/** The headline as a title: no site's name, no full stop. */
export function cleanHeadline(headline: string): string {
  return withoutSiteName(headline)
    .replace(/(?<![.])\.$/, '')
    .trim();
}

const byline = /^(?:par|by|por|von|de)\s+\p{Lu}/iu;

/** Not a label ("ENTREVISTA", "Live updates"), a byline, nor a date: three words or more. */
export function readsAsHeadline(text: string): boolean {
  const letters = text.match(/\p{L}{3,}/gu) ?? [];
  if (letters.length < 3 || byline.test(text)) return false;
  return text !== text.toUpperCase();
}

const quotation = /^[«"“„»][^«»"“”„]+[»"”“«][.!?…]?$/u;
export const isQuotation = (text: string) => quotation.test(text);

/** Word stems compared: enough letters to tell words apart, few enough to meet a variant. */
const stemLength = 5;
/**
 * The text a headline is checked against, in sentences (the standfirst first): a feature's
 * headline may take its words from further down than the lead.
 */
const leadSentences = 40;

/** The first letters of the words that carry meaning: no article, preposition or pronoun. */
function stemsOf(text: string, language: string): string[] {
  const words = text.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
  return words
    .filter((word) => !isDangling(word, language))
    .map((word) => word.normalize('NFD').replace(/\p{M}/gu, '').slice(0, stemLength));
}

/**
 * Whether the headline shares a word (by its first letters: "convoque", "convocation") with the
 * standfirst or the article's sentences: a banner or a menu taken for the headline shares none.
 */
export function speaksOf(headline: string, sentences: string[], language: string): boolean {
  const lead = new Set(stemsOf(sentences.slice(0, leadSentences).join(' '), language));
  return lead.size === 0 || stemsOf(headline, language).some((stem) => lead.has(stem));
}
