import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  baseConfig,
  cliArgs,
  makeProject,
  runBinary,
  runCli,
  seedParagraphs,
  snapshot,
  tempDir,
} from './helpers.ts';

/** A corpus of `count` articles made from the seeds' paragraphs, reshuffled. */
async function corpus(count: number): Promise<string> {
  const paragraphs = await seedParagraphs();
  const dir = await tempDir();
  for (let i = 0; i < count; i++) {
    const picked = [0, 3, 7].map((k) => paragraphs[(i * 5 + k) % paragraphs.length]);
    const day = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000 * 7).toISOString().slice(0, 10);
    await writeFile(
      join(dir, `${day}-article-${i}.txt`),
      `${picked.join('\n')}\nArticle numéro ${i}.\n`,
    );
  }
  return dir;
}

const same = (a: Map<string, Buffer>, b: Map<string, Buffer>) =>
  a.size === b.size && [...a].every(([path, bytes]) => b.get(path)?.equals(bytes));

describe('a build killed at any moment', () => {
  it('leaves out/ as the old complete output or the new complete output, 6 times out of 6', async () => {
    const config = { ...baseConfig, feeds: { limit: 50, tagMinEntries: 3 } };
    const dir = await makeProject(await corpus(60), config);
    assert.equal((await runCli(['build', '--input', 'articles'], dir)).code, 0);
    const old = await snapshot(join(dir, 'out'));

    // The new input: one article edited, ten added.
    await writeFile(
      join(dir, 'articles', '2024-01-01-article-0.txt'),
      'Lima. Un texte réécrit de bout en bout.\n',
    );
    for (let i = 60; i < 70; i++) {
      await writeFile(
        join(dir, 'articles', `2025-06-01-new-${i}.txt`),
        `Quito. Un nouvel article, le numéro ${i}.\n`,
      );
    }
    // The new output, built here; the cache now holds every article.
    const expected = await runCli(['build', '--input', 'articles', '--out', 'expected'], dir);
    assert.equal(expected.code, 0, expected.stderr);
    const fresh = await snapshot(join(dir, 'expected'));
    assert.ok(!same(old, fresh));
    // Timed as the binary runs the builds killed below, over the old output: its articles from
    // the cache, its output written anew.
    const started = Date.now();
    assert.equal((await runBinary(['build', '--input', 'articles'], dir)).code, 0);
    const duration = Date.now() - started;
    assert.ok(same(await snapshot(join(dir, 'out')), fresh));

    const outcomes = { old: 0, new: 0 };
    const rounds = 6;
    for (let round = 0; round < rounds; round++) {
      await rm(join(dir, 'out'), { recursive: true, force: true });
      await mkdir(join(dir, 'out'));
      for (const [path, bytes] of old) {
        await mkdir(join(dir, 'out', path, '..'), { recursive: true });
        await writeFile(join(dir, 'out', path), bytes);
      }
      const child = spawn(process.execPath, cliArgs(['build', '--input', 'articles']), {
        cwd: dir,
        env: { ...process.env, INIT_CWD: dir },
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      // Anywhere from start-up to well after the usual end of a build: each round at a
      // random moment of its own stretch of that time, so that the rounds cover all of it.
      const delay = ((round + Math.random()) / rounds) * duration * 1.5;
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await exited;
      // Stopped between its two renames, a build leaves no out/ but the old output aside,
      // whole, for the next command to put back.
      const aside = join(dir, '.out-out-previous');
      const now = await snapshot(join(dir, 'out')).catch(() => snapshot(aside));
      if (same(now, old)) outcomes.old++;
      else if (same(now, fresh)) outcomes.new++;
      else assert.fail(`round ${round}, killed after ${Math.round(delay)} ms: out/ is neither`);
    }
    // Both outcomes happen: the kills did land before and after the swap.
    assert.ok(outcomes.old > 0 && outcomes.old + outcomes.new === rounds, JSON.stringify(outcomes));

    // The next build clears what the killed ones left beside out/.
    const next = await runCli(['build', '--input', 'articles'], dir);
    assert.equal(next.code, 0, next.stderr);
    assert.ok(same(await snapshot(join(dir, 'out')), fresh));
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.startsWith('.out-')),
      [],
    );
  });
});
