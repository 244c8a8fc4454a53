/**
 * Helpers to write word lists as fast, linear regular expressions: every list is one
 * alternation compiled once, bounded by letters in every script (`\b` only knows ASCII, so it
 * would split "à" or "é" from a word).
 */

const special = /[.*+?^${}()|[\]\\/]/g;

/** A word list written as one string, its entries separated by `|`. */
export type Words = string | readonly string[];

/** The words (or phrases) as an alternation; a space in a phrase matches any run of blanks. */
export function alternation(words: Words): string {
  return (typeof words === 'string' ? words.split('|') : [...words])
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(special, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/** A set of words or phrases to find as whole words in a line. */
export interface WordList {
  test(text: string): boolean;
  /** How many times the words occur. */
  count(text: string): number;
}

const wordChar = /[\p{L}\p{N}]/u;

/**
 * Any of the words, as whole words, anywhere. The alternation leads the expression (which lets
 * the engine skip ahead to where a word may start); the letter before a match is checked apart.
 */
export function anyWord(words: Words, flags = 'iu'): WordList {
  const re = new RegExp(`(?:${alternation(words)})(?![\\p{L}\\p{N}])`, `g${flags}`);
  return {
    test(text: string): boolean {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m.index === 0 || !wordChar.test(text[m.index - 1] ?? '')) return true;
        re.lastIndex = m.index + 1;
      }
      return false;
    },
    count(text: string): number {
      let found = 0;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m.index === 0 || !wordChar.test(text[m.index - 1] ?? '')) found++;
        re.lastIndex = m.index + Math.max(1, m[0].length);
      }
      return found;
    },
  };
}

/** One of the words (or phrases) opening the line, as whole words. */
export function opening(words: Words, flags = 'iu'): RegExp {
  return new RegExp(`^[\\s"«“¿¡(\\[–—]*(?:${alternation(words)})(?![\\p{L}\\p{N}])`, flags);
}

/**
 * A short line folded to look it up in a list of labels: lower case, blanks folded, no
 * surrounding punctuation or symbols ("Share:", "» Lire aussi", "Publicité ·").
 */
export function labelKey(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/\s+/g, ' ')
      // A count beside a label: "Comentários (34)", "12 commentaires".
      .replace(/^\d+ | \(\d+\)$| \d+$/g, '')
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
  );
}

/** A lookup table of labels (already folded) to the class they belong to. */
export function labelTable(classes: Record<string, string>): Map<string, string> {
  const table = new Map<string, string>();
  for (const [reason, labels] of Object.entries(classes)) {
    for (const label of labels.split('|')) table.set(labelKey(label), reason);
  }
  return table;
}
