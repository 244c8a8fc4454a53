/**
 * Sentences glued together in saved text, parted before the segmenter reads them: a missing
 * space after a full stop, two quotations in a row.
 */

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
export function unglue(glued: string): string {
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
