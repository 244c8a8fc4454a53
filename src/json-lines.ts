/** A value's place in a JSON document: object keys and array indexes from the top. */
export type JsonPath = (string | number)[];

const isBlank = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0xfeff;
const endsToken = (c: number) =>
  isBlank(c) || c === 0x0a || c === 0x2c || c === 0x5d || c === 0x7d || Number.isNaN(c);

/** The index of the quote that closes the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0 || end < 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/**
 * Calls `visit` with the path and the 1-based line of every value that starts at most
 * `maxDepth` levels down, in the order of the text: one pass, however long the document.
 * The text must be valid JSON (JSON.parse it first): where a value starts is all this reads.
 */
export function visitJsonValues(
  text: string,
  maxDepth: number,
  visit: (path: JsonPath, line: number) => void,
): void {
  // One entry per open object or array: the key or index of the value being read in it.
  const path: JsonPath = [];
  const inArray: boolean[] = [];
  let line = 1;
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (isBlank(c) || c === 0x3a) continue;
    else if (c === 0x2c) {
      const depth = inArray.length - 1;
      if (inArray[depth]) path[depth] = (path[depth] as number) + 1;
      else keyNext = true;
    } else if (c === 0x7d || c === 0x5d) {
      inArray.pop();
      path.pop();
      keyNext = false;
    } else if (c === 0x22 && keyNext) {
      const end = stringEnd(text, i);
      if (inArray.length <= maxDepth) path[inArray.length - 1] = JSON.parse(text.slice(i, end + 1));
      keyNext = false;
      i = end;
    } else {
      if (inArray.length <= maxDepth) visit(path.slice(), line);
      if (c === 0x7b || c === 0x5b) {
        inArray.push(c === 0x5b);
        path.push(c === 0x5b ? 0 : '');
        keyNext = c === 0x7b;
      } else if (c === 0x22) {
        i = stringEnd(text, i);
      } else {
        while (!endsToken(text.charCodeAt(i + 1))) i++;
      }
    }
  }
}

/** The line where the value at `path` starts, if the document has one there. */
export function lineOfJsonValue(text: string, path: readonly PropertyKey[]): number | undefined {
  const wanted = path.map(String).join('\u0000');
  let found: number | undefined;
  visitJsonValues(text, path.length, (at, line) => {
    if (
      found === undefined &&
      at.length === path.length &&
      at.map(String).join('\u0000') === wanted
    )
      found = line;
  });
  return found;
}
