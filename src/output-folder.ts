import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { ResolvedPath } from './config.ts';
import { GazetteError } from './errors.ts';
import { acquireLock, type Lock } from './lock.ts';
import { packageRoot } from './package-root.ts';
import { notWritable } from './write/atomic-file.ts';

/**
 * The file every output folder holds, which tells that Gazette wrote it: a folder that holds
 * other files without it is someone else's, and is never replaced.
 */
export const outputMarker = '.gazette-build';

/** The marker's text: what the folder is, for whoever opens it. */
export function renderOutputMarker(): string {
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
  return `Written by Gazette ${version}. A build replaces this folder as a whole: keep nothing of your own in it.\n`;
}

/**
 * What earlier versions of Gazette wrote at the top of the output folder, before the marker: a
 * folder of these alone, one of them a feed or the entries, is taken for Gazette's own.
 */
const earlierOutput = new Set([
  'atom.xml',
  'rss.xml',
  'feed.json',
  'entries.json',
  'index.html',
  'digest.html',
  'digest.txt',
  'digest.eml',
  'archive',
  'tags',
  'outbox',
]);
const earlierFeeds = ['atom.xml', 'rss.xml', 'feed.json', 'entries.json'];

/** A file or folder that a build reads or keeps, which must not lie in the output folder. */
export interface KeptPath extends ResolvedPath {
  /** What it is, for the message ("the input folder"). */
  what: string;
}

/**
 * Refuses, before anything is written, an output folder that a build must not replace: one
 * that is or holds a file or folder the build reads or keeps (the articles, the config, the
 * project), one that is a file, and one that holds files but no sign of a Gazette build. Paths
 * are compared as the file system resolves them (links, `..`, letter case where it ignores it).
 */
export function checkOutputFolder(out: ResolvedPath, kept: KeptPath[]): void {
  const real = realPathOf(out.path);
  const refuse = (message: string) =>
    new GazetteError('OutputFolderUnsafe', message, { file: out.display });
  const places = kept.map((item) => ({ ...item, place: realPathOf(item.path) }));
  const same = places.find(({ place }) => place === real);
  if (same)
    throw refuse(`the output folder is ${same.what} (${same.display}): a build would replace it`);
  const held = places.find(({ place }) => isWithin(place, real));
  if (held)
    throw refuse(`the output folder holds ${held.what} (${held.display}): a build would delete it`);
  let info: Stats;
  try {
    info = statSync(real);
  } catch {
    // Nothing there to lose (a path through a file is reported when written).
    return;
  }
  if (!info.isDirectory()) throw refuse('this is a file, not a folder: a build would replace it');
  let names: string[];
  try {
    names = readdirSync(real);
  } catch (error) {
    throw notWritable(error, out.display, 'the output folder');
  }
  if (names.includes(outputMarker) && lstatSync(join(real, outputMarker)).isFile()) return;
  // Hidden files and folders are carried over into every new output: none is lost.
  const visible = names.filter((name) => !name.startsWith('.')).sort();
  if (visible.length === 0) return;
  if (
    visible.every((name) => earlierOutput.has(name)) &&
    earlierFeeds.some((name) => visible.includes(name))
  )
    return;
  const shown = visible.slice(0, 3).join(', ') + (visible.length > 3 ? ', …' : '');
  throw refuse(
    `the output folder holds files that Gazette did not write (${shown}), which a build would delete: move them elsewhere, or empty the folder`,
  );
}

/** The lock file of an output folder: beside it, since the folder itself is swapped. */
export function outputLockPath(outDir: string): string {
  return join(realPathOf(dirname(outDir)), `.out-${basename(outDir)}.lock`);
}

/** How long a build waits for another build of the same output folder, by default. */
export const outputLockWait = 60_000;

/**
 * Takes the output folder's lock for one build: another build of it (`--watch`, a cron job)
 * is waited for, up to `wait` ms, then refused as `OutputLocked`.
 */
export async function lockOutputFolder(
  out: ResolvedPath,
  { wait = outputLockWait, onWait }: { wait?: number; onWait?: (holder: number) => void } = {},
): Promise<Lock> {
  try {
    try {
      mkdirSync(dirname(out.path), { recursive: true });
    } catch (error) {
      // A file in its place: taking the lock then tells what is wrong (ENOTDIR).
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return await acquireLock(outputLockPath(out.path), {
      wait,
      error: 'OutputLocked',
      what: `the output folder ${out.display}`,
      onWait,
    });
  } catch (error) {
    throw notWritable(error, out.display, 'the output folder');
  }
}

/** The path as the file system resolves it; for one that does not exist, its would-be place. */
function realPathOf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPathOf(parent), basename(path));
  }
}

function isWithin(path: string, folder: string): boolean {
  const rest = relative(folder, path);
  return rest === '' || !(rest === '..' || rest.startsWith(`..${sep}`) || isAbsolute(rest));
}
