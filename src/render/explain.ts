import type { Explanation } from '../explain.ts';
import { inert } from '../inert.ts';

/** The verdicts' column: the longest role, `standfirst`. */
const roleWidth = 10;
/** Reasons longer than this are shortened, so that the text keeps room. */
const maxReasonWidth = 44;
/** The text of a line keeps at least this many characters, however narrow the terminal. */
const minTextWidth = 30;

/**
 * An explanation for the terminal: one line per line of the page (verdict, reason, the text
 * shortened to the width), then what the entry became. Every text from the article is inert.
 */
export function renderExplanation(explanation: Explanation, width: number): string {
  const { lines } = explanation;
  const body = lines.filter((l) => l.role === 'body').length;
  const how = explanation.pageText
    ? 'read as a saved page'
    : 'read as a Markdown article (its lines are the author’s)';
  const out = [
    `${inert(explanation.file)}, ${how}: ${lines.length} line${lines.length === 1 ? '' : 's'}, ${body} in the body`,
  ];
  const reasonWidth = Math.min(
    maxReasonWidth,
    Math.max(0, ...lines.map((l) => [...l.reason].length)),
  );
  const textWidth = Math.max(minTextWidth, width - 2 - (roleWidth + 1) - (reasonWidth + 1));
  for (const line of lines) {
    const reason = shorten(line.reason, reasonWidth).padEnd(reasonWidth);
    out.push(
      `  ${line.role.padEnd(roleWidth)} ${inert(reason)} ${inert(shorten(line.text, textWidth))}`,
    );
  }
  const fields: [string, string][] = [
    ['title', explanation.title],
    ['summary', explanation.summary],
    ['tags', explanation.tags.join(', ')],
    ['keywords', explanation.keywords.join(', ')],
    ['language', explanation.language],
    ['place', explanation.place ?? '(none)'],
  ];
  out.push('');
  for (const [name, value] of fields) out.push(`${`${name}:`.padEnd(10)} ${inert(value)}`);
  return out.join('\n');
}

/** The text cut to `width` characters (not UTF-16 units), ending with `…` when cut. */
function shorten(text: string, width: number): string {
  const characters = [...text];
  if (characters.length <= width) return text;
  return `${characters.slice(0, Math.max(0, width - 1)).join('')}…`;
}
