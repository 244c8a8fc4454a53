/**
 * Characters outside XML 1.0's `Char` production: controls other than tab, newline and
 * carriage return, U+FFFE, U+FFFF, and lone surrogates (also those left by cutting text in the
 * middle of a pair). No output format can carry them.
 */
export const notXmlChar =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Printable ASCII, tabs and line breaks: most of what is written (addresses, dates, ids). */
const plainAscii = /^[\t\n\r\u0020-\u007E]*$/;

/** The one sanitizer every string passes before it reaches XML. */
export function xmlSafe(text: string): string {
  return plainAscii.test(text) ? text : text.replace(notXmlChar, '');
}
