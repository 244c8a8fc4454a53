// Node's own TextDecoder reads 'windows-1252' as Latin-1, losing the quotes and dashes at 0x80-0x9F.
import iconv from 'iconv-lite';

/** How the bytes of a file were turned into text. */
export type Encoding =
  | 'utf-8'
  | 'utf-8-repaired'
  | 'utf-16'
  | 'utf-16-repaired'
  | 'windows-1252'
  | 'binary';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

// A well-formed UTF-8 sequence of two to four bytes, seen through Latin-1.
const utf8Sequence = /[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}/;

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** For repaired text: the 1-based line of the first invalid byte. */
  line?: number | undefined;
}

// UTF-16 is told by its byte-order mark alone: without one, its NUL bytes make it binary.
const utf16Marks = [
  { mark: [0xff, 0xfe], label: 'utf-16le' },
  { mark: [0xfe, 0xff], label: 'utf-16be' },
] as const;

/**
 * Decodes an article's bytes. UTF-8 (its byte-order mark dropped) is the rule; UTF-16, little-
 * or big-endian, is read when a byte-order mark says so (some Windows editors save that way).
 * Text with no UTF-8 sequence at all but bytes above 127 is Windows-1252 (a superset of
 * Latin-1), the usual encoding of older exports. UTF-8 with a few broken bytes in it keeps its
 * text, each broken byte becoming U+FFFD. Bytes with NUL in them, or mostly control characters,
 * are not text.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const utf16 = utf16Marks.find(({ mark }) => bytes[0] === mark[0] && bytes[1] === mark[1]);
  if (utf16) return decodeUtf16(bytes, utf16.label);
  if (bytes.includes(0) || controlShare(bytes) > 0.1) return { text: '', encoding: 'binary' };
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (!utf8Sequence.test(latin1))
      return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
    const text = utf8Lenient.decode(bytes);
    const bad = text.indexOf('\uFFFD');
    return { text, encoding: 'utf-8-repaired', line: text.slice(0, bad).split('\n').length };
  }
}

function decodeUtf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be'): Decoded {
  let text: string;
  let encoding: Encoding = 'utf-16';
  try {
    text = new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder(label).decode(bytes);
    encoding = 'utf-16-repaired';
  }
  // The same test as for bytes, on the characters: a UTF-16 mark does not make data text.
  const codes = Uint16Array.from(text.slice(0, 4096), (c) => c.charCodeAt(0));
  if (text.includes('\0') || controlShare(codes) > 0.1) return { text: '', encoding: 'binary' };
  if (encoding === 'utf-16') return { text, encoding };
  const bad = text.indexOf('\uFFFD');
  return { text, encoding, line: text.slice(0, bad).split('\n').length };
}

function controlShare(codes: Uint8Array | Uint16Array): number {
  const sample = codes.subarray(0, 4096);
  let controls = 0;
  for (const code of sample) if (code < 32 && code !== 9 && code !== 10 && code !== 13) controls++;
  return sample.length === 0 ? 0 : controls / sample.length;
}
