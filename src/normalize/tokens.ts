/** A word of a sentence, as written and in lowercase. */
export interface Token {
  text: string;
  lower: string;
}

// A word never ends in one of its inner marks (`-'’.`): "U.S." is the word "U.S" and a period.
export const wordPattern = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;
// French and Italian elisions: the article before the apostrophe is its own (stop)word.
const elision = /^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’](?=\p{L})/iu;

/** The words of a text, elided articles split off (`l’entrée` -> `l’`, `entrée`). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (let word of text.match(wordPattern) ?? []) {
    const elided = mayBeElided(word) ? elision.exec(word) : null;
    if (elided) {
      tokens.push({ text: elided[0], lower: elided[0].toLowerCase().replace('’', "'") });
      word = word.slice(elided[0].length);
    }
    tokens.push({ text: word, lower: word.toLowerCase() });
  }
  return tokens;
}

/** A letter or a digit, one character of `wordPattern`'s runs. */
const letterOrDigit = /[\p{L}\p{N}]/u;
/** Whether each Latin character (up to U+02FF) is a letter or a digit, looked up once. */
const latin = Uint8Array.from({ length: 0x300 }, (_, code) =>
  letterOrDigit.test(String.fromCharCode(code)) ? 1 : 0,
);

function isLetterOrDigit(code: number): boolean {
  return code < latin.length ? latin[code] === 1 : letterOrDigit.test(String.fromCodePoint(code));
}

/**
 * Counts words the way readers do: runs of letters or digits, joined by a hyphen, an
 * apostrophe or a point between two of them, as `wordPattern` finds them.
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    if (code > 0xffff) i++;
    if (isLetterOrDigit(code)) {
      if (!inWord) count++;
      inWord = true;
    } else if (!(inWord && isJoiner(code) && isLetterOrDigit(text.codePointAt(i + 1) ?? 0))) {
      inWord = false;
    }
  }
  return count;
}

/** `-`, `'` and `’`, and `.`: marks inside a word (`U.S`, `aujourd’hui`, `Jean-Luc`). */
function isJoiner(code: number): boolean {
  return code === 0x2d || code === 0x27 || code === 0x2019 || code === 0x2e;
}

/** Whether the word holds an apostrophe, as every elision does: a check before the pattern. */
function mayBeElided(word: string): boolean {
  return word.includes("'") || word.includes('’');
}
