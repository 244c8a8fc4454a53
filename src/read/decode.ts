/** How the bytes of a file were turned into text. */
export type Encoding = 'utf-8' | 'windows-1252' | 'binary';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const windows1252 = new TextDecoder('windows-1252');

/**
 * Decodes an article's bytes: UTF-8 (a byte-order mark is dropped), else Windows-1252, the
 * usual encoding of older exports. Bytes with NUL in them are not text.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.includes(0)) return { text: '', encoding: 'binary' };
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: windows1252.decode(bytes), encoding: 'windows-1252' };
  }
}
