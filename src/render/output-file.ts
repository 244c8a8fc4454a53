import { createHash } from 'node:crypto';

/**
 * The output as rendering gives it to writing: for each path, bytes, or the previous output's
 * file kept as it is. Rendering decides; writing only carries the decisions out.
 */

/** A file of the previous output and its state when it was written: size, time and inode. */
export type KeptFile = [path: string, size: number, mtimeMs: number, ino: number];

/** A stretch of a file of the previous output, copied as it is. */
export interface PreviousBytes {
  file: KeptFile;
  offset: number;
  length: number;
}

/**
 * One file of the output: its bytes in chunks (a chunk may be shared by several files, or be
 * bytes of the previous output), bytes made as they are written (`lazy`: a page among thousands,
 * never all in memory at once), or the previous output's file, kept. `key` names what it
 * holds, for the next build to recognise it; a file made of parts (`entries.json`) also tells
 * each part's key and length, and the `format` that places them.
 */
export type OutputFile =
  | {
      chunks: (Uint8Array | PreviousBytes)[];
      key?: string | undefined;
      parts?: [key: string, length: number][] | undefined;
      format?: string | undefined;
    }
  | { lazy: () => string | Uint8Array; key?: string | undefined }
  | { kept: KeptFile; key: string }
  | { copy: CopiedFile; key?: string | undefined };

/** A file of the input folder published as it is (a picture): its path and state when read. */
export interface CopiedFile {
  source: string;
  size: number;
  mtimeMs: number;
}

/** The output folder's files, by path relative to it. */
export type OutputFiles = Map<string, OutputFile>;

/** A file made of one text. */
export function textFile(text: string | Uint8Array): OutputFile {
  return { chunks: [typeof text === 'string' ? Buffer.from(text) : text] };
}

/**
 * What the incremental engine offers rendering: the files of the previous output that are
 * still as written, and what they hold.
 */
export interface OutputReuse {
  /** What else shapes every file (Gazette's code, the settings): part of every key. */
  generation: string;
  /**
   * The previous output's file at `path`, when it was written holding `key`, with its state
   * then; writing keeps it only if it is still in that state.
   */
  keep(path: string, key: string): KeptFile | undefined;
  /**
   * Where each part of the previous output's file at `path` lies, by part key, when that file
   * was laid out in `format` and is still as written.
   */
  parts(
    path: string,
    format: string,
  ): { file: KeptFile; at: Map<string, [offset: number, length: number]> } | undefined;
}

/**
 * A file rendered whole (the digest, the sitemap), kept from the previous output when its
 * bytes are the same: its key is its content's hash.
 */
export function keptIfSame(
  path: string,
  text: string | Uint8Array,
  reuse: OutputReuse | undefined,
): OutputFile {
  if (!reuse) return textFile(text);
  // A text is hashed as its UTF-8 bytes, made only when the file is written.
  const key = createHash('sha256').update(text).digest('base64');
  const kept = reuse.keep(path, key);
  return kept ? { kept, key } : { ...textFile(text), key };
}
