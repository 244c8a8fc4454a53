import { countryOfAdjective, isCountryName } from './countries.ts';
import type { Language } from './locales.ts';
import { stopwordsFor } from './stopwords.ts';
import { compoundAdjective, isAgency, isQuantity, wordsOf } from './tag-words.ts';
import { tokenize } from './tokens.ts';

/** Links a topic of three words may hold: `réforme du travail`, `minería ilegal`. */
const links = new Set(`de du des d' da do das dos del of von vom der`.split(' '));
/** What joins the words of a name: those links, articles after them, German's `von der`. */
const joins = new Set([...links, ...`la las los le l' the von van der den zu di della`.split(' ')]);

/**
 * Whether a keyword is fit to be a tag, beyond being a keyword: at most three words, with a
 * stopword inside only as the link of a noun phrase ("démanteler les laboratoires" is a
 * clause); not a count or a measure ("millones de euros", "tonnes"), not a title alone
 * ("ministra"), not an adjective of nationality ("colombien": the country is the tag), not a
 * news agency (any the dateline credits) unless the headline names it (the article is about the
 * agency).
 */
export function tagFit(
  language: Language,
  headline: string | null,
  agency: string | null = null,
): (text: string, name: boolean) => boolean {
  const stopwords = stopwordsFor(language);
  const numbers = wordsOf('number', language.code);
  const counted = (word: string) => numbers.has(word) || isQuantity(word, language);
  const roles = wordsOf('role', language.code);
  const scales = wordsOf('scale', language.code);
  const aboutAgency = (lower: string) => headline?.toLowerCase().includes(lower) === true;
  // The dateline's agency, known or not ("(AIN).-"), is where the text came from.
  const wire = agency?.toLowerCase().split('/') ?? [];
  return (text, name) => {
    const lower = text.toLowerCase();
    if ((isAgency(lower) || wire.includes(lower)) && !aboutAgency(lower)) return false;
    const words = tokenize(text);
    const first = words[0]?.lower ?? '';
    const last = words[words.length - 1]?.lower ?? '';
    // "EFE Rodrigo Paz": the agency a person spoke to, then the person.
    if (words.length > 1 && (isAgency(first) || wire.includes(first))) return false;
    // "trece trabajadores" is a count; "Six Nations", capitalised, is a name.
    if ((counted(first) && !/^\p{Lu}/u.test(text)) || counted(last)) return false;
    if (language.code === 'en' && compoundAdjective.test(last)) return false;
    if (words.length === 1) {
      // "Category 5": a scale's step, whose capital is the number's.
      if (roles.has(first) || scales.has(first)) return false;
      if (!isCountryName(first, language) && countryOfAdjective(first, language)) return false;
    }
    // A name holds its particles ("Banco Central do Brasil"), not a conjunction ("Lisboa e Vale").
    if (name)
      return words.every(
        (t) => !stopwords.has(t.lower) || t.text !== t.lower || joins.has(t.lower),
      );
    if (words.length > 3) return false;
    return words.every(
      (t, i) => !stopwords.has(t.lower) || (i > 0 && i < words.length - 1 && links.has(t.lower)),
    );
  };
}
