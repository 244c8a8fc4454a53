/**
 * Helpers to write word lists as fast, linear regular expressions: every list is one
 * alternation compiled once, bounded by letters in every script (`\b` only knows ASCII, so it
 * would split "à" or "é" from a word).
 */

const special = /[.*+?^${}()|[\]\\/]/g;

/** The words (or phrases) as an alternation; a space in a phrase matches any run of blanks. */
export function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(special, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/** Any of the words, as whole words, anywhere. */
export function anyWord(words: readonly string[], flags = 'iu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(words)})(?![\\p{L}\\p{N}])`, flags);
}

/** One of the words (or phrases) opening the line, as whole words. */
export function opening(words: readonly string[], flags = 'iu'): RegExp {
  return new RegExp(`^[\\s"«“¿¡(\\[]*(?:${alternation(words)})(?![\\p{L}\\p{N}])`, flags);
}

/**
 * A short line folded to look it up in a list of labels: lower case, blanks folded, no
 * surrounding punctuation or symbols ("Share:", "» Lire aussi", "Publicité ·").
 */
export function labelKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** A lookup table of labels (already folded) to the class they belong to. */
export function labelTable(classes: Record<string, readonly string[]>): Map<string, string> {
  const table = new Map<string, string>();
  for (const [reason, labels] of Object.entries(classes)) {
    for (const label of labels) table.set(labelKey(label), reason);
  }
  return table;
}
