/**
 * Sentence splitting with `Intl.Segmenter`, repaired where it is wrong for news text: it ends
 * sentences after abbreviations (M., Mme., Dr., U.S.) and initials, and between "!" or "?" and
 * the closing quote that follows. Each paragraph is segmented on its own, in bounded pieces,
 * because the segmenter's time grows faster than the length of what it is given.
 */

const abbreviations = new Set(
  [
    // French
    'm',
    'mm',
    'mme',
    'mmes',
    'mlle',
    'dr',
    'pr',
    'me',
    'mgr',
    'st',
    'ste',
    'cf',
    'p',
    'pp',
    'art',
    'av',
    'bd',
    'env',
    'etc',
    'ex',
    'fig',
    'max',
    'min',
    'no',
    'n°',
    'vol',
    'chap',
    'éd',
    'coll',
    'janv',
    'févr',
    'avr',
    'juill',
    'sept',
    'oct',
    'nov',
    'déc',
    'c.-à-d',
    'j.-c',
    'apr',
    'gal',
    // English
    'mr',
    'mrs',
    'ms',
    'prof',
    'sr',
    'jr',
    'gen',
    'gov',
    'sen',
    'rep',
    'rev',
    'lt',
    'col',
    'capt',
    'sgt',
    'inc',
    'ltd',
    'co',
    'corp',
    'vs',
    'jan',
    'feb',
    'mar',
    'aug',
    'sep',
    'dec',
    'approx',
    'u.s',
    'u.k',
    'u.n',
    'e.g',
    'i.e',
    'a.m',
    'p.m',
    'est',
    'dept',
    'univ',
    // Spanish
    'sra',
    'sres',
    'srta',
    'dña',
    'd',
    'ud',
    'uds',
    'lic',
    'ing',
    'pág',
    'núm',
    'aprox',
    'admón',
    'excmo',
    'ee.uu',
    'sto',
  ].map((a) => a.normalize('NFC')),
);

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
  return repair(raw);
}

/**
 * Puts a space into sentences glued by a missing one: "Pyrénées.Alors" -> "Pyrénées. Alors",
 * "Covid-19.\"On" -> "Covid-19. \"On".
 */
function unglue(text: string): string {
  return text.replace(/([\p{Ll}\d]{2,}[.!?])(["«“]?\p{Lu}\p{Ll})/gu, '$1 $2');
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

function endsWithAbbreviation(sentence: string): boolean {
  const match = /(?:^|[\s(«"“])([\p{L}°][\p{L}.°-]*)\.$/u.exec(sentence);
  if (!match?.[1]) return false;
  const word = match[1];
  // A single capital is an initial ("J. Smith"); a word with inner dots is an acronym ("U.S.").
  if (/^\p{Lu}$/u.test(word)) return true;
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return true;
  return abbreviations.has(word.toLowerCase());
}

function repair(segments: string[]): string[] {
  const sentences: string[] = [];
  for (const segment of segments) {
    const previous = sentences[sentences.length - 1];
    const continues =
      previous !== undefined &&
      (endsWithAbbreviation(previous) ||
        // A closing quote, or a lowercase word, cannot start a sentence: "« Vite ! » dit-il."
        /^[»”")\]]/.test(segment) ||
        /^\p{Ll}/u.test(segment));
    if (continues) sentences[sentences.length - 1] = `${previous} ${segment}`;
    else sentences.push(segment);
  }
  return sentences;
}
