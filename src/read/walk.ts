import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { GazetteError } from '../errors.ts';

/** File endings read as articles. */
export const articleExtensions = new Set(['.txt', '.md', '.markdown']);

export interface WalkResult {
  /** Article files, as paths relative to the input folder with `/` separators, sorted. */
  files: string[];
  /** Files passed over, with the reason. */
  skipped: { path: string; reason: string }[];
}

/**
 * Lists the article files below `root`, recursively, in name order. Hidden files and folders
 * are passed over silently; other files are listed in `skipped`. Symbolic links are followed
 * while they stay inside `root`; a file or folder reached twice is read once (so a link to a
 * parent folder is no loop).
 */
export async function walkInput(root: string, displayRoot: string): Promise<WalkResult> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    if (!(await stat(realRoot)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new GazetteError('InputNotFound', 'the input folder does not exist or is not a folder', {
      file: displayRoot,
    });
  }
  const result: WalkResult = { files: [], skipped: [] };
  await walkFolder(realRoot, realRoot, result, new Set([realRoot]));
  result.files.sort();
  result.skipped.sort((a, b) => a.path.localeCompare(b.path));
  return result;
}

async function walkFolder(
  root: string,
  folder: string,
  result: WalkResult,
  seen: Set<string>,
): Promise<void> {
  const dirents = (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const dirent of dirents) {
    if (dirent.name.startsWith('.')) continue;
    const path = join(folder, dirent.name);
    const rel = relative(root, path).split(sep).join('/');
    // Inside a linked folder, a plain file's path is not its real one either.
    const target = await realpath(path).catch(() => undefined);
    if (!target || !(target === root || target.startsWith(root + sep))) {
      result.skipped.push({ path: rel, reason: 'link to a place outside the input folder' });
      continue;
    }
    if (seen.has(target)) continue;
    seen.add(target);
    const info = await stat(target);
    if (info.isDirectory()) await walkFolder(root, path, result, seen);
    else if (info.isFile() && articleExtensions.has(extname(dirent.name).toLowerCase()))
      result.files.push(rel);
    else result.skipped.push({ path: rel, reason: 'not a .txt, .md or .markdown file' });
  }
}
