import type { Facet, Language } from './locales.ts';
import { isQuoteOpen } from './quotes.ts';
import { unglue } from './sentence-glue.ts';

/**
 * Sentence splitting with `Intl.Segmenter`, repaired where it is wrong for news text: it ends
 * sentences after abbreviations (M., Mme., Dr., U.S.), initials and German ordinals ("am 3.
 * März"), between "!" or "?" and the closing quote that follows, and inside a quotation ("« Vite !
 * Partez ! » a-t-il dit."). The segmenter is given bounded pieces, a long paragraph cut in
 * several, because its time grows faster than the length of what it is given; short paragraphs
 * share a piece, as each call to it costs as much as a few hundred characters of text.
 */

/**
 * Titles and ranks written abbreviated, with a full stop, before a name ("Mme", "Sen.", "Brig.
 * Gen."), and the states of the United States as its papers abbreviate them after a place
 * ("Tenn."), where no word of the language is spelt the same; in lowercase, by language.
 */
const titlesOf = byLanguage({
  fr: 'm mm mme mmes mlle mlles dr pr me mgr gal',
  en: `mr mrs ms messrs dr prof sen sens rep reps gov govs gen lt col capt sgt maj brig adm cmdr
    cpl pvt rev ariz calif colo conn fla kan ky md mich minn neb nev okla tenn vt wis wyo`,
  es: 'sr sra sres srta dr dra dña lic ing excmo excma',
  pt: 'sr sra srs sras dr dra exmo exma prof profa eng',
  de: 'hr fr dr prof',
});

/** Other abbreviations written with a full stop, by language. */
const othersOf = byLanguage({
  fr: `st ste cf p pp art av bd env etc ex fig max min no n° vol chap éd coll janv févr avr juill
    sept oct nov déc c.-à-d j.-c apr`,
  en: `sr jr inc ltd co corp vs jan feb mar aug sep dec approx u.s u.k u.n e.g i.e a.m p.m est
    dept univ`,
  es: 'd ud uds pág núm aprox admón ee.uu sto',
  pt: 'nº',
  de: 'z.b bzw ca nr str u.a usw vgl evtl ggf inkl mio mrd jh abs bd',
});

function byLanguage(lists: Record<string, string>): Map<string, Set<string>> {
  return new Map(
    Object.entries(lists).map(([language, words]) => [
      language,
      new Set(words.split(/\s+/).map((a) => a.normalize('NFC'))),
    ]),
  );
}

const abbreviations = new Set(
  [...titlesOf.values(), ...othersOf.values()].flatMap((words) => [...words]),
);
/**
 * Abbreviations read only in their own language's text: elsewhere they are words ("sens" in
 * French, "mich" in German) or too rare to guess.
 */
const ownLanguageOnly = new Set(
  `messrs sens reps govs maj brig adm cmdr cpl pvt ariz calif colo conn fla kan ky md mich minn
  neb nev okla tenn vt wis wyo`.split(/\s+/),
);
/** The others hold in any text: a quotation or a name may come from another language. */
const shared = new Set([...abbreviations].filter((a) => !ownLanguageOnly.has(a)));

/** Whether a word is a common abbreviation of any language, without its full stop ("Rep"). */
export const isAbbreviation = (word: string): boolean => abbreviations.has(word.toLowerCase());

/** Whether a text in `language` reads the word, with its full stop, as an abbreviation. */
function abbreviates(lower: string, language: string): boolean {
  return (
    shared.has(lower) ||
    (titlesOf.get(language)?.has(lower) ?? false) ||
    (othersOf.get(language)?.has(lower) ?? false)
  );
}

/** Whether a word, in lowercase, is an abbreviated title or state of the language ("sen", "mme"). */
export const isAbbreviatedTitle = (lower: string, language: string): boolean =>
  titlesOf.get(language)?.has(lower) ?? false;

/** Longest piece handed to the segmenter at once. */
const maxPiece = 4000;

const sentenceSegmenter: Facet<Intl.Segmenter> = ({ code }) =>
  new Intl.Segmenter(code, { granularity: 'sentence' });

/** The sentences of one paragraph, trimmed, none empty. */
export function splitSentences(paragraph: string, language: Language): string[] {
  return splitParagraphs([paragraph], language)[0] ?? [];
}

/**
 * The sentences of each paragraph, as `splitSentences` finds them. Short paragraphs are handed
 * to the segmenter together, a line break between two: a sentence always ends at a line break,
 * and no rule of the segmenter looks across one.
 */
export function splitParagraphs(paragraphs: string[], language: Language): string[][] {
  const segmenter = language.get(sentenceSegmenter);
  const raw: string[][] = paragraphs.map(() => []);
  const segment = (text: string, first: number, joined = true) => {
    let p = first;
    for (const { segment } of segmenter.segment(text)) {
      const sentence = segment.trim();
      if (sentence) raw[p]?.push(sentence);
      if (joined && segment.endsWith('\n')) p++;
    }
  };
  let batch: string | null = null;
  let first = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const text = unglue(paragraphs[i] ?? '');
    // A paragraph with line breaks of its own, or a long one, is segmented alone.
    const alone = text.length > maxPiece || text.includes('\n');
    if (batch !== null && (alone || batch.length + text.length >= maxPiece)) {
      segment(batch, first);
      batch = null;
    }
    if (alone) {
      for (const piece of boundedPieces(text)) segment(piece, i, false);
    } else if (batch === null) {
      first = i;
      batch = text;
    } else {
      batch += `\n${text}`;
    }
  }
  if (batch !== null) segment(batch, first);
  return raw.map((sentences) => closeQuotes(repair(sentences, language.code)));
}

function boundedPieces(text: string): string[] {
  if (text.length <= maxPiece) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > maxPiece) {
    // Cut after a sentence mark when there is one in the second half, else at a space.
    const window = rest.slice(0, maxPiece);
    let cut = Math.max(
      window.lastIndexOf('. '),
      window.lastIndexOf('! '),
      window.lastIndexOf('? '),
    );
    if (cut < maxPiece / 2) cut = window.lastIndexOf(' ');
    if (cut <= 0) cut = maxPiece - 1;
    pieces.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  pieces.push(rest);
  return pieces;
}

/** What may come before an abbreviation: none of these is part of one. */
const beforeWord = /[\s(«"“]/u;
const abbreviated = /^([\p{L}°][\p{L}.°-]*)\.$/u;
const initial = /^\p{Lu}$/u;
const acronym = /^(\p{L}\.)+\p{L}$/u;

function endsWithAbbreviation(sentence: string, language: string): boolean {
  if (!sentence.endsWith('.')) return false;
  // The candidate is what follows the last character that may come before an abbreviation.
  let start = sentence.length;
  while (start > 0 && !beforeWord.test(sentence.charAt(start - 1))) start--;
  const match = abbreviated.exec(sentence.slice(start));
  if (!match?.[1]) return false;
  const word = match[1];
  // A single capital is an initial ("J. Smith"); a word with inner dots is an acronym ("U.S.").
  if (initial.test(word)) return true;
  if (acronym.test(word)) return true;
  return abbreviates(word.toLowerCase(), language);
}

/**
 * A closing quote, or a lowercase word, cannot start a sentence: "« Vite ! » dit-il."; a
 * straight quote closes one only when the sentence before left one open.
 */
const continuation = /^[»”)\]]|^\p{Ll}/u;
const goesOn = (segment: string, previous: string) =>
  continuation.test(segment) || (segment.startsWith('"') && isQuoteOpen(previous));

/** A German ordinal ends in a full stop: "am 3. März", "der 2. Weltkrieg". */
const ordinal = /(?:^|\s)\d{1,2}\.$/;

function repair(segments: string[], language: string): string[] {
  const sentences: string[] = [];
  for (const segment of segments) {
    const previous = sentences[sentences.length - 1];
    const continues =
      previous !== undefined &&
      (goesOn(segment, previous) ||
        endsWithAbbreviation(previous, language) ||
        (language === 'de' && ordinal.test(previous)));
    if (continues) sentences[sentences.length - 1] = `${previous} ${segment}`;
    else sentences.push(segment);
  }
  return sentences;
}

/** A quotation may hold a few sentences; past these bounds its closing mark is taken as lost. */
const maxQuoteSentences = 6;
const maxQuoteLength = 2000;

/** Joins the sentences of a quotation the segmenter cut ("« Il faut agir. Maintenant. »"). */
function closeQuotes(sentences: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < sentences.length; i++) {
    let sentence = sentences[i] ?? '';
    let end = i;
    if (isQuoteOpen(sentence)) {
      let candidate = sentence;
      for (let j = i + 1; j < sentences.length && j <= i + maxQuoteSentences; j++) {
        candidate = `${candidate} ${sentences[j]}`;
        if (candidate.length > maxQuoteLength) break;
        if (!isQuoteOpen(candidate)) {
          sentence = candidate;
          end = j;
          break;
        }
      }
    }
    joined.push(sentence);
    i = end;
  }
  return joined;
}
