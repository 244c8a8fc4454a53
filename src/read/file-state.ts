import { statSync } from 'node:fs';

/**
 * What tells a file's versions apart without reading it: its size, time and inode; `none` when
 * there is no file, undefined when it cannot be told.
 */
export function fileState(path: string): string | undefined {
  try {
    const info = statSync(path, { throwIfNoEntry: false });
    return info ? `${info.size}:${info.mtimeMs}:${info.ino}` : 'none';
  } catch {
    return undefined;
  }
}
