import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { GazetteError } from '../errors.ts';
import { outputMarker } from '../output-folder.ts';

/** Why a file of the folder is not read: neither .txt, .md nor .markdown. */
export const notAnArticle = 'not a .txt, .md or .markdown file';

/** File endings read as articles. */
export const articleExtensions = new Set(['.txt', '.md', '.markdown']);

/** An article file and the state it was found in. */
export interface WalkedFile {
  /** Path relative to the input folder, `/`-separated. */
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** Why the file cannot be read, when that is known from the listing: a link leading nowhere. */
  unreadable?: string | undefined;
}

export interface WalkResult {
  /** Article files, by path relative to the input folder with `/` separators, sorted. */
  files: WalkedFile[];
  /** Files passed over, with the reason. */
  skipped: { path: string; reason: string }[];
  /** Whether a symbolic link was met: such a listing can only be taken again whole. */
  linked: boolean;
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
  const result: WalkResult = { files: [], skipped: [], linked: false };
  await walkFolder(realRoot, realRoot, realRoot, result, new Set([realRoot]));
  return sorted(result);
}

/**
 * `previous`, a listing of `root`, brought up to date by looking again at the files at `paths`
 * (relative to `root`, `/`-separated) and at nothing else. Undefined when that is not enough: a
 * path is a folder or a link, a folder went, the listing met links, or the root is gone.
 */
export function walkAgain(
  root: string,
  previous: WalkResult,
  paths: Iterable<string>,
): WalkResult | undefined {
  if (previous.linked) return undefined;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return undefined;
  }
  const files = new Map(previous.files.map((f) => [f.path, f]));
  const skipped = new Map(previous.skipped.map((s) => [s.path, s]));
  for (const path of paths) {
    const names = path.split('/');
    if (names.some((name) => name === '' || name === '..')) return undefined;
    // Hidden files and whatever is in hidden folders are never listed.
    if (names.some((name) => name.startsWith('.'))) continue;
    files.delete(path);
    skipped.delete(path);
    const info = lstatSync(join(realRoot, ...names), { throwIfNoEntry: false });
    if (!info) {
      const prefix = `${path}/`;
      const held = (listed: { path: string }) => listed.path.startsWith(prefix);
      if (previous.files.some(held) || previous.skipped.some(held)) return undefined;
      continue;
    }
    if (info.isDirectory() || info.isSymbolicLink()) return undefined;
    if (info.isFile() && articleExtensions.has(extname(path).toLowerCase()))
      files.set(path, walked(path, info));
    else skipped.set(path, { path, reason: notAnArticle });
  }
  return sorted({ files: [...files.values()], skipped: [...skipped.values()], linked: false });
}

function sorted(result: WalkResult): WalkResult {
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.skipped.sort((a, b) => a.path.localeCompare(b.path));
  return result;
}

function walked(
  path: string,
  info: { size: number; mtimeMs: number; ctimeMs: number; ino: number },
): WalkedFile {
  return { path, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}

async function walkFolder(
  root: string,
  folder: string,
  realFolder: string,
  result: WalkResult,
  seen: Set<string>,
): Promise<void> {
  const all = await readdir(folder, { withFileTypes: true });
  // A build's output inside the input folder (`--out articles/site`) is no articles of its own.
  if (folder !== root && all.some((d) => d.name === outputMarker)) return;
  const dirents = all
    .filter((d) => !d.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Only a link needs resolving: any other entry's real path is its real folder's and its name.
  // Each entry's state is asked for in turn: a stat answered from the file system's own cache
  // takes microseconds, less than a round trip through Node's thread pool.
  const targets = dirents.map((dirent) => {
    let target: string | undefined = join(realFolder, dirent.name);
    let broken: string | undefined;
    if (dirent.isSymbolicLink()) {
      result.linked = true;
      try {
        target = realpathSync(join(folder, dirent.name));
      } catch (error) {
        target = undefined;
        broken = brokenLink(join(folder, dirent.name), error);
      }
    }
    return { target, broken, info: target ? statOf(target) : undefined };
  });
  const prefix = relative(root, folder).split(sep).join('/');
  for (const [i, dirent] of dirents.entries()) {
    const path = join(folder, dirent.name);
    const rel = prefix ? `${prefix}/${dirent.name}` : dirent.name;
    const { target, broken, info } = targets[i] ?? {};
    if (broken !== undefined) {
      // A link named as an article is an article that cannot be read; any other is passed over.
      const link = lstatSync(path, { throwIfNoEntry: false });
      if (link && articleExtensions.has(extname(dirent.name).toLowerCase()))
        result.files.push({
          ...walked(rel, { size: 0, mtimeMs: link.mtimeMs, ctimeMs: link.ctimeMs, ino: link.ino }),
          unreadable: broken,
        });
      else result.skipped.push({ path: rel, reason: broken });
      continue;
    }
    if (!target || !(target === root || target.startsWith(root + sep))) {
      result.skipped.push({ path: rel, reason: 'link to a place outside the input folder' });
      continue;
    }
    if (!info) {
      result.skipped.push({ path: rel, reason: 'gone while the folder was read' });
      continue;
    }
    if (seen.has(target)) continue;
    seen.add(target);
    if (info.isDirectory()) await walkFolder(root, path, target, result, seen);
    else if (info.isFile() && articleExtensions.has(extname(dirent.name).toLowerCase()))
      result.files.push(walked(rel, info));
    else result.skipped.push({ path: rel, reason: notAnArticle });
  }
}

/** What is wrong with the link at `path`, which could not be followed. */
function brokenLink(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'link in a loop of links, leading nowhere';
  let target: string;
  try {
    target = readlinkSync(path);
  } catch {
    return `link that cannot be followed (${code ?? 'unknown error'})`;
  }
  if (code !== 'ENOENT') return `link to ${target}, which cannot be followed (${code})`;
  // The target may itself be a link leading nowhere.
  const exists = lstatSync(resolve(dirname(path), target), { throwIfNoEntry: false });
  return `link to ${target}, which ${exists ? 'leads nowhere' : 'does not exist'}`;
}

function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
