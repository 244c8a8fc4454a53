import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The last commit date of every file below `folder`, keyed by its path relative to `folder`,
 * from a single `git log`. Empty when the folder is not in a git repository or git is missing.
 */
export async function readGitDates(folder: string): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
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
