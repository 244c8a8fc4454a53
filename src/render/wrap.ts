/** Plain-text mail lines stay within this many characters (RFC 3676 suggests 78 at most). */
export const textWidth = 76;

/**
 * Wraps each line at word boundaries. A word longer than the width (a URL) stays whole on a
 * line of its own, so that it can still be clicked.
 */
export function wrapText(text: string, width = textWidth): string {
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  if (Array.from(line).length <= width) return line;
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const candidate = current ? `${current} ${word}` : word;
    if (Array.from(candidate).length <= width || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines.join('\n');
}
