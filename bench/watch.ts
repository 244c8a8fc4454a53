import { spawn } from 'node:child_process';
import { appendFile } from 'node:fs/promises';

/**
 * Rebuild times inside `gazette build --watch`, as its own lines report them (from the moment
 * it starts a rebuild to the new output in place), after `edits` edits that each append a
 * sentence to one of `files` in turn, waiting for each rebuild before the next edit.
 */
export async function measureWatch(
  command: string[],
  cwd: string,
  files: string[],
  edits: number,
): Promise<number[]> {
  const [program = '', ...args] = command;
  const child = spawn(program, [...args, '--watch'], {
    cwd,
    env: { ...process.env, INIT_CWD: cwd, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const rebuilds = () => [
    ...output.matchAll(/built \d+ entries in ([\d.]+) (ms|s), 1 normalized/g),
  ];
  const waitFor = async (done: () => boolean) => {
    const started = Date.now();
    while (!done()) {
      if (child.exitCode !== null || Date.now() - started > 120_000)
        throw new Error(`gazette build --watch did not rebuild:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  try {
    await waitFor(() => /Watching for changes/.test(output));
    for (let edit = 0; edit < edits; edit++) {
      const before = rebuilds().length;
      await appendFile(
        files[edit % files.length] ?? '',
        `\nUne phrase ajoutée en direct, numéro ${edit}.\n`,
      );
      await waitFor(() => rebuilds().length > before);
      // Saves half a second apart: each rebuild on its own, as when someone edits.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    child.kill('SIGINT');
    await exited;
  }
  return rebuilds().map(([, value = 'NaN', unit]) => Number(value) * (unit === 's' ? 1000 : 1));
}
