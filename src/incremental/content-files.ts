import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import type { Entry } from '../entry.ts';
import { GazetteError } from '../errors.ts';

/**
 * The cache's content files: each holds entries' paragraphs one after the other, as JSON, and a
 * record says where its entry's are. A content file never changes once written.
 */

/**
 * A byte range of one of the cache's content files. An entry's paragraphs are most of its
 * weight and few builds need them (only to render what changed), so they are kept apart from
 * the records and read when first used.
 */
export interface ContentAt {
  file: string;
  offset: number;
  length: number;
}

/** An entry's paragraphs as a content file holds them. */
export function contentBytes(entry: Entry): Buffer {
  return Buffer.from(JSON.stringify(entry.content));
}

/** A content file laid out text after text: where each goes, then the file's bytes. */
export function contentLayout(file: string) {
  const chunks: Buffer[] = [];
  let offset = 0;
  return {
    add(bytes: Buffer): ContentAt {
      const at = { file, offset, length: bytes.length };
      chunks.push(bytes);
      offset += bytes.length;
      return at;
    },
    bytes: () => Buffer.concat(chunks),
  };
}

/**
 * The bytes of each range of a content file, read as few stretches as the ranges make: a
 * shard's own file whole, a few kilobytes here and there of a file shared by every shard. A
 * range that cannot be read is left out.
 */
export function readRanges(path: string, ranges: ContentAt[]): Map<ContentAt, Buffer> {
  const bytes = new Map<ContentAt, Buffer>();
  const sorted = [...ranges].sort((a, b) => a.offset - b.offset);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    for (let first = 0; first < sorted.length; ) {
      const start = (sorted[first] as ContentAt).offset;
      let end = start;
      let last = first;
      while (last < sorted.length && (sorted[last] as ContentAt).offset <= end) {
        const at = sorted[last] as ContentAt;
        end = Math.max(end, at.offset + at.length);
        last++;
      }
      const stretch = Buffer.allocUnsafe(end - start);
      const read = readSync(fd, stretch, 0, stretch.length, start);
      for (const at of sorted.slice(first, last))
        if (at.offset + at.length - start <= read)
          bytes.set(at, stretch.subarray(at.offset - start, at.offset - start + at.length));
      first = last;
    }
  } catch {
    // Whatever was not read is normalized again.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return bytes;
}

export function cacheChanged(file: string): GazetteError {
  return new GazetteError('CacheChanged', 'an article kept in the cache could not be read back', {
    file,
  });
}

/** Reads texts from content files: see `createContentReader`. */
export interface ContentReader {
  /** The paragraphs at `at` of the content file at `path`. */
  read(path: string, at: ContentAt): string[];
  /** Closes the content files kept open, so that none that is removed stays on the disk. */
  close(): void;
}

/**
 * Texts are read into one buffer, grown as needed: a build that renders 100,000 kept entries
 * reads each once or twice, and a buffer made for each read costs V8 a collection now and then.
 * The content files read last are kept open: a large build reads its texts a few kilobytes at
 * a time from a few dozen files, in about the order they were written, and opening and closing
 * a file for each read took more time than the reads. A content file never changes once
 * written; one removed meanwhile can still be read until closed.
 */
export function createContentReader(): ContentReader {
  let scratch = Buffer.allocUnsafe(64 * 1024);
  const open = new Map<string, number>();
  const close = () => {
    for (const fd of open.values()) closeSync(fd);
    open.clear();
  };
  const fileOf = (path: string) => {
    let fd = open.get(path);
    if (fd === undefined) {
      fd = openSync(path, 'r');
      for (const [other, otherFd] of open) {
        if (open.size < openContentCount) break;
        open.delete(other);
        closeSync(otherFd);
      }
      open.set(path, fd);
    }
    return fd;
  };
  return {
    read(path, { offset, length }) {
      try {
        if (scratch.length < length) scratch = Buffer.allocUnsafe(length);
        if (readSync(fileOf(path), scratch, 0, length, offset) !== length)
          throw new Error('cut short');
        const paragraphs: unknown = JSON.parse(scratch.toString('utf8', 0, length));
        if (!Array.isArray(paragraphs) || !paragraphs.every((p) => typeof p === 'string'))
          throw new Error('not paragraphs');
        return paragraphs;
      } catch (error) {
        close();
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') rmSync(path, { force: true });
        throw cacheChanged(path);
      }
    },
    close,
  };
}

/** Content files kept open at once. */
const openContentCount = 4;
