import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileState } from './file-state.ts';

const run = promisify(execFile);

/**
 * The last commit date of every file below `folder`, keyed by its path relative to `folder`,
 * from a single `git log`. Empty when the folder is not in a git repository or git is missing;
 * git is not run at all for a folder that no `.git` above it (nor `GIT_DIR`) puts in one.
 */
export async function readGitDates(folder: string): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  if (!process.env.GIT_DIR && !findGitDir(resolve(folder))) return dates;
  let output: string;
  try {
    const result = await run(
      'git',
      [
        '-c',
        'core.quotePath=false',
        'log',
        '--format=%x01%cI',
        '--name-only',
        '-z',
        '--relative',
        '--',
        '.',
      ],
      { cwd: folder, maxBuffer: 256 * 1024 * 1024 },
    );
    output = result.stdout;
  } catch {
    return dates;
  }
  // Newest commit first: the first date seen for a path is its last commit.
  for (const commit of output.split('\x01')) {
    const [date, names = ''] = commit.split('\0\n');
    if (!date) continue;
    for (const name of names.split('\0')) {
      if (name && !dates.has(name)) dates.set(name, date.trim());
    }
  }
  return dates;
}

/**
 * A key that changes with every commit, checkout or reset of the git repository holding
 * `folder` (the times and sizes of its HEAD, index, reflog and current branch), so that the
 * dates need not be read again while it stays the same. Undefined when it cannot be told.
 */
export function gitStateKey(folder: string): string | undefined {
  try {
    const gitDir = findGitDir(resolve(folder));
    if (!gitDir) return 'no repository';
    const branch = /^ref: (.+)$/m.exec(readFileSync(join(gitDir, 'HEAD'), 'utf8'))?.[1];
    const files = ['HEAD', 'index', 'logs/HEAD', 'packed-refs', ...(branch ? [branch] : [])];
    const states = files.map((file) => fileState(join(gitDir, file)));
    return states.includes(undefined) ? undefined : [gitDir, ...states].join('\0');
  } catch {
    return undefined;
  }
}

/** The git folder of the repository holding `folder` (following a worktree's `.git` file). */
function findGitDir(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const info = statSync(dotGit, { throwIfNoEntry: false });
    if (info?.isDirectory()) return dotGit;
    if (info?.isFile()) {
      const pointer = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
      if (pointer) return resolve(dir, pointer.trim());
    }
    if (dirname(dir) === dir) return undefined;
  }
}
