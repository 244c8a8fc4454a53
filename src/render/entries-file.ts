import { createHash } from 'node:crypto';
import { type Entry, type EntryTexts, type TextEntry, withText } from '../entry.ts';
import { renderHtmlParts } from './html.ts';
import type { OutputFile, OutputReuse, PreviousBytes } from './output-file.ts';

const head = '{"entries": [\n';
const separator = ',\n';
const tail = '\n]}\n';

/** An entry as `entries.json` writes it: its HTML whole, as the feeds carry it. */
export function entryJson(entry: TextEntry): string {
  if (!entry.html) return JSON.stringify(entry);
  return JSON.stringify({ ...entry, html: renderHtmlParts(entry.html, entry.url) });
}

/**
 * `entries.json`: every entry, one a line, readable, and made of the strings the entries'
 * versions are hashed from. With `reuse`, each line is known by its entry's version (`keys`),
 * and a line the previous file holds is copied from it as bytes, unread; lines that followed
 * each other there are copied as one stretch.
 */
export function renderEntriesFile(
  path: string,
  entries: readonly Entry[],
  keys: string[],
  {
    reuse,
    serialized,
    texts,
  }: {
    reuse?: OutputReuse | undefined;
    /** Each entry serialized already, in order. */
    serialized?: string[] | undefined;
    /** The texts of the entries that carry none. */
    texts?: EntryTexts | undefined;
  } = {},
): OutputFile {
  const line = (i: number) => serialized?.[i] ?? entryJson(withText(entries[i] as Entry, texts));
  if (!reuse)
    return {
      chunks: [Buffer.from(`${head}${entries.map((_, i) => line(i)).join(separator)}${tail}`)],
    };
  const format = JSON.stringify([reuse.generation, head, separator, tail]);
  const previous = reuse.parts(path, format);
  const chunks: (Uint8Array | PreviousBytes)[] = [Buffer.from(head)];
  const parts: [string, number][] = [];
  const copy = (offset: number, length: number) => {
    const last = chunks.at(-1);
    if (last && !(last instanceof Uint8Array) && last.offset + last.length === offset)
      last.length += length;
    else if (previous) chunks.push({ file: previous.file, offset, length });
  };
  keys.forEach((key, i) => {
    const at = previous?.at.get(key);
    if (i > 0) {
      // Right after the previous line in the old file: the separator between them comes too.
      const last = chunks.at(-1);
      if (
        at &&
        last &&
        !(last instanceof Uint8Array) &&
        last.offset + last.length === at[0] - separator.length
      )
        copy(at[0] - separator.length, separator.length);
      else chunks.push(Buffer.from(separator));
    }
    if (at) {
      copy(at[0], at[1]);
      parts.push([key, at[1]]);
    } else {
      const bytes = Buffer.from(line(i));
      chunks.push(bytes);
      parts.push([key, bytes.length]);
    }
  });
  chunks.push(Buffer.from(tail));
  const key = createHash('sha256').update(format).update(keys.join('\n')).digest('hex');
  return { chunks, key, parts, format };
}
