import { isQuoteOpen } from './quotes.ts';

/**
 * Sentence splitting with `Intl.Segmenter`, repaired where it is wrong for news text: it ends
 * sentences after abbreviations (M., Mme., Dr., U.S.), initials and German ordinals ("am 3.
 * März"), between "!" or "?" and the closing quote that follows, and inside a quotation ("« Vite !
 * Partez ! » a-t-il dit."). Each paragraph is segmented on its own, in bounded pieces, because
 * the segmenter's time grows faster than the length of what it is given.
 */

const abbreviations = new Set(
  [
    // French
    `m mm mme mmes mlle dr pr me mgr st ste cf p pp art av bd env etc ex fig max min no n° vol
    chap éd coll janv févr avr juill sept oct nov déc c.-à-d j.-c apr gal`,
    // English
    `mr mrs ms prof sr jr gen gov sen rep rev lt col capt sgt inc ltd co corp vs jan feb mar
    aug sep dec approx u.s u.k u.n e.g i.e a.m p.m est dept univ`,
    // Spanish
    `sra sres srta dña d ud uds lic ing pág núm aprox admón excmo ee.uu sto`,
    // Portuguese
    `dra srs sras exmo exma nº profa eng`,
    // German
    `z.b bzw ca nr str u.a usw vgl evtl ggf inkl mio mrd jh hr fr abs bd`,
  ]
    .join(' ')
    .split(/\s+/)
    .map((a) => a.normalize('NFC')),
);

/** Whether a word is a common abbreviation, written without its full stop ("Rep", "Mme"). */
export const isAbbreviation = (word: string): boolean => abbreviations.has(word.toLowerCase());

/** Longest piece handed to the segmenter at once. */
const maxPiece = 4000;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** The sentences of one paragraph, trimmed, none empty. */
export function splitSentences(paragraph: string, language: string): string[] {
  const segmenter = segmenterFor(language);
  const raw: string[] = [];
  for (const piece of boundedPieces(unglue(paragraph))) {
    for (const { segment } of segmenter.segment(piece)) {
      const sentence = segment.trim();
      if (sentence) raw.push(sentence);
    }
  }
  return closeQuotes(repair(raw, language));
}

/** A sentence mark, then the capitalised first word of the next sentence with no space between. */
const markThenCapital = /[.!?]["«“]?\p{Lu}\p{Ll}/gu;
const lowercaseOrDigit = /^[\p{Ll}\d]$/u;
/** A quotation closed, then the next opened: `fin." "Puis`, `fin.""Puis`, `ordre»«Puis`. */
const quoteThenQuote = /(["»”])(\s*)(["«“]\p{Lu})/gu;
const sentenceMark = /[.!?…]/;

/**
 * Between two quotations: a line break after one that ends a sentence, which the segmenter,
 * reading the opening mark as closing the first, would not break at; else a space if none.
 */
function betweenQuotes(
  match: string,
  close: string,
  space: string,
  open: string,
  at: number,
  text: string,
): string {
  if (sentenceMark.test(text.charAt(at - 1))) return `${close}\n${open}`;
  return space ? match : `${close} ${open}`;
}

/**
 * Puts a space into sentences glued by a missing one: "Pyrénées.Alors" -> "Pyrénées. Alors",
 * "Covid-19.\"On" -> "Covid-19. \"On", and between two quotations (`fin.""Puis`). The mark
 * must follow two lowercase letters or digits, so "U.S.A" stays. Places are taken from the
 * left, none overlapping the capitalised word of the one before: the places where
 * `([\p{Ll}\d]{2,}[.!?])(["«“]?\p{Lu}\p{Ll})` matches. Each is found from its mark, as trying
 * the pattern at every letter of every word costs far more.
 */
function unglue(glued: string): string {
  const quoted = glued.includes('"') || glued.includes('»') || glued.includes('”');
  const text = quoted ? glued.replace(quoteThenQuote, betweenQuotes) : glued;
  let result = '';
  let copied = 0;
  // Where the previous place's capitalised word ends: the next place's letters start here or later.
  let free = 0;
  markThenCapital.lastIndex = 0;
  for (let match = markThenCapital.exec(text); match; match = markThenCapital.exec(text)) {
    if (!twoLowercaseBefore(text, match.index, free)) continue;
    result += `${text.slice(copied, match.index + 1)} `;
    copied = match.index + 1;
    free = markThenCapital.lastIndex;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/** True when the two characters before `end` are lowercase letters or digits, at `from` or later. */
function twoLowercaseBefore(text: string, end: number, from: number): boolean {
  let i = end;
  for (let n = 0; n < 2; n++) {
    const start = characterBefore(text, i);
    if (start < from || !lowercaseOrDigit.test(text.slice(start, i))) return false;
    i = start;
  }
  return true;
}

/** Where the character (a code point, maybe a surrogate pair) that ends at `i` starts. */
function characterBefore(text: string, i: number): number {
  const last = text.charCodeAt(i - 1);
  const first = text.charCodeAt(i - 2);
  const pair = last >= 0xdc00 && last <= 0xdfff && first >= 0xd800 && first <= 0xdbff;
  return pair ? i - 2 : i - 1;
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

function endsWithAbbreviation(sentence: string): boolean {
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
  return abbreviations.has(word.toLowerCase());
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
        endsWithAbbreviation(previous) ||
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
