/** A word of a sentence, as written and in lowercase. */
export interface Token {
  text: string;
  lower: string;
}

const wordPattern = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;
// French and Italian elisions: the article before the apostrophe is its own (stop)word.
const elision = /^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’](?=\p{L})/iu;

/** The words of a text, elided articles split off (`l’entrée` -> `l’`, `entrée`). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const [raw] of text.matchAll(wordPattern)) {
    let word = raw.replace(/\.$/, '');
    const elided = elision.exec(word);
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
  return text.match(wordPattern)?.length ?? 0;
}
