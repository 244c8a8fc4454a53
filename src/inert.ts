/**
 * Text from files, front matter, the command line or a server, made safe to print: every
 * character a terminal would act on instead of showing (C0 and C1 controls, DEL, and the
 * Unicode bidi overrides and isolates, which reorder what follows) is shown as an escape
 * (`\n`, `\x1b`, `\u202e`). A file name can then neither forge a line nor drive the terminal.
 */
export function inert(text: string): string {
  return text.replace(actionable, visible);
}

/**
 * A message made by Gazette around such text: as `inert`, except that a line break followed by
 * a space stays, since Gazette writes a message's continuation lines indented. Any other line
 * break is shown escaped, so a line of the message never starts at the left edge.
 */
export function inertMessage(text: string): string {
  return text.replace(actionable, (character, at: number) =>
    character === '\n' && text[at + 1] === ' ' ? character : visible(character),
  );
}

/** Each line of `text` made inert, the line breaks kept: for text whose lines Gazette made. */
export function inertLines(text: string): string {
  return text.split('\n').map(inert).join('\n');
}

/**
 * JSON of `value` that prints as inert: JSON.stringify escapes C0 controls only, so DEL, C1
 * controls and bidi characters are written as `\u` escapes too (the same value once parsed).
 */
export function inertJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(beyondJson, unicodeEscape);
}

// Built from code points: a regular expression literal with control characters in it is
// unreadable, and linters rightly flag one.
const ranges: [number, number][] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const characterClass = (of: [number, number][]) =>
  new RegExp(
    `[${of.map(([from, to]) => `${unicodeEscape(from)}-${unicodeEscape(to)}`).join('')}]`,
    'g',
  );
const actionable = characterClass(ranges);
// Outside JSON's strings there is only its own layout (spaces, line breaks): C0 is left alone.
const beyondJson = characterClass(ranges.slice(1));

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(character: string): string {
  const code = character.charCodeAt(0);
  return named[character] ?? (code < 0x100 ? `\\x${hex(code, 2)}` : unicodeEscape(character));
}

function unicodeEscape(character: string | number): string {
  return `\\u${hex(typeof character === 'number' ? character : character.charCodeAt(0), 4)}`;
}

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}
