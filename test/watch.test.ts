import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cliArgs, makeProject, root } from './helpers.ts';

describe('gazette build --watch', () => {
  it('rebuilds on a change, normalizing only the changed article', async () => {
    const project = await makeProject(join(root, 'seeds'));
    const child = spawn(process.execPath, cliArgs(['build', '--input', 'articles', '--watch']), {
      cwd: project,
      env: { ...process.env, INIT_CWD: project, NO_COLOR: '1' },
    });
    let output = '';
    const lines: string[] = [];
    child.stdout.on('data', (chunk) => {
      output += chunk;
      lines.push(...String(chunk).split('\n').filter(Boolean));
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const waitFor = async (pattern: RegExp, timeout = 20_000) => {
      const started = Date.now();
      while (!pattern.test(output)) {
        if (Date.now() - started > timeout) assert.fail(`no ${pattern} in:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/Watching for changes/);
      assert.match(output, /built 2 entries in .*, 2 normalized/);
      const file = join(project, 'articles', '004_5c34eccd36d238b7.txt');
      await writeFile(
        file,
        `Quito. Un tout autre début d’article pour voir.\n${await readFile(file, 'utf8')}`,
      );
      await waitFor(/built 2 entries in [^\n]*, 1 normalized: 004_5c34eccd36d238b7\.txt/);
      const entries = JSON.parse(
        await readFile(join(project, 'out', 'entries.json'), 'utf8'),
      ).entries;
      assert.ok(
        entries.some((e: { title: string }) => e.title.startsWith('Quito : Un tout autre début')),
      );
      assert.equal(lines.filter((l) => /\bbuilt\b/.test(l)).length, 2, 'one line per build');
    } finally {
      child.kill('SIGINT');
    }
  });
});
