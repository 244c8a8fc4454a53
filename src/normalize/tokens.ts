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

/** Counts words the way readers do: runs of letters or digits. */
export function countWords(text: string): number {
  let count = 0;
  wordPattern.lastIndex = 0;
  while (wordPattern.test(text)) count++;
  return count;
}

/** Whether the word holds an apostrophe, as every elision does: a check before the pattern. */
function mayBeElided(word: string): boolean {
  return word.includes("'") || word.includes('’');
}
