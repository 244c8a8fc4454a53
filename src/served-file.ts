import { constants } from 'node:fs';
import { type FileHandle, open, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/** What a request's path names in the served folder. */
export type Served =
  | { kind: 'file'; path: string; handle: FileHandle; size: number }
  | { kind: 'folder'; path: string }
  /** A path that leads out of the folder: no missing file, but a request to refuse. */
  | { kind: 'outside' };

// Not on every platform: where it is missing the real-path check below stands alone.
const noFollow = constants.O_NOFOLLOW ?? 0;

/**
 * The file of `root` that the decoded URL path `path` names, opened (a folder's `index` for a
 * path ending in `/`), or the folder it names without its final `/`; `outside` for a path that
 * could lead out of `root` (with a dot segment or a NUL character) or whose real path is outside
 * it (a symbolic link in the folder that leads elsewhere is not followed out of it); undefined
 * for anything else. The caller closes the handle.
 */
export async function openServed(
  root: string,
  path: string,
  index: string,
): Promise<Served | undefined> {
  const outside = { kind: 'outside' } as const;
  if (!path.startsWith('/') || path.includes('\0')) return outside;
  if (path.split(/[/\\]/).includes('..')) return outside;
  const file = resolve(root, `.${path}`);
  if (!isInside(root, file)) return outside;
  // Both real paths: the folder itself may be reached through a link (a temporary folder often is).
  const [realRoot, real] = await Promise.all([
    realpath(root).catch(() => undefined),
    realpath(file).catch(() => undefined),
  ]);
  if (!realRoot || !real) return undefined;
  if (!isInside(realRoot, real)) return outside;
  const stats = await stat(real).catch(() => undefined);
  if (stats?.isDirectory()) {
    if (!path.endsWith('/')) return { kind: 'folder', path: file };
    return openServed(root, `${path}${index}`, index);
  }
  if (!stats?.isFile()) return undefined;
  // The real path, opened without following a link put in its place since it was looked at.
  const handle = await open(real, constants.O_RDONLY | noFollow).catch(() => undefined);
  if (!handle) return undefined;
  const opened = await handle.stat().catch(() => undefined);
  if (!opened?.isFile()) {
    await handle.close();
    return undefined;
  }
  return { kind: 'file', path: file, handle, size: opened.size };
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}
