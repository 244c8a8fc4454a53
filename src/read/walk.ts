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
 * Lists the article files below `root`, recursively. Hidden files and folders are passed over
 * silently; other files are listed in `skipped`. Symbolic links are followed while they stay
 * inside `root`.
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
  await walkFolder(realRoot, realRoot, result);
  result.files.sort();
  result.skipped.sort((a, b) => a.path.localeCompare(b.path));
  return result;
}

async function walkFolder(root: string, folder: string, result: WalkResult): Promise<void> {
  const dirents = await readdir(folder, { withFileTypes: true });
  for (const dirent of dirents) {
    if (dirent.name.startsWith('.')) continue;
    const path = join(folder, dirent.name);
    const rel = relative(root, path).split(sep).join('/');
    let isDirectory = dirent.isDirectory();
    let isFile = dirent.isFile();
    if (dirent.isSymbolicLink()) {
      const target = await realpath(path).catch(() => undefined);
      if (!target || !(target === root || target.startsWith(root + sep))) {
        result.skipped.push({ path: rel, reason: 'link to a place outside the input folder' });
        continue;
      }
      const info = await stat(target);
      isDirectory = info.isDirectory();
      isFile = info.isFile();
    }
    if (isDirectory) await walkFolder(root, path, result);
    else if (isFile && articleExtensions.has(extname(dirent.name).toLowerCase()))
      result.files.push(rel);
    else result.skipped.push({ path: rel, reason: 'not a .txt, .md or .markdown file' });
  }
}
