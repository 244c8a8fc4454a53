import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config.ts';
import { writeCorpus } from './corpus.ts';
import { writeHugoSite } from './hugo.ts';
import { measureNormalizing, readBenchArticles } from './normalize.ts';
import { measureWatch } from './watch.ts';

/**
 * `npm run bench [-- 1000 10000 100000] [--runs 3] [--normalize-only]`: the time normalizing
 * takes an article on one core, on the smallest corpus and on the saved pages of the tests;
 * then (unless `--normalize-only`) Gazette cold, warm and after one edit, and Hugo on the same
 * articles, runs alternating, and rebuilds after one edit inside `build --watch`, the oldest
 * and the newest article in turn; medians, peak memory, bench/results.json.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, '..', 'shared', 'eval', 'orangesum-fr.jsonl');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const sizes = args.filter((a, i) => /^\d+$/.test(a) && i !== runsAt + 1).map(Number);
const normalizeOnly = args.includes('--normalize-only');
if (sizes.length === 0) sizes.push(1000, ...(normalizeOnly ? [] : [10000]));
if (!existsSync(source)) {
  console.error(`The bench recombines ${source}, which is not here.`);
  process.exit(1);
}
const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' }).status === 0;

interface Measure {
  seconds: number;
  rssMB: number;
}

/** Wall time and peak resident memory of a command, from GNU time. */
function measure(command: string[], cwd: string): Measure {
  const env = { ...process.env, INIT_CWD: cwd };
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', ...command], {
    cwd,
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed:\n${result.stderr}`);
  const [seconds = 'NaN', kb = 'NaN'] = result.stderr.trim().split('\n').pop()?.split(' ') ?? [];
  return { seconds: Number(seconds), rssMB: Number(kb) / 1024 };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const gazette = [process.execPath, join(root, 'dist', 'cli.js'), 'build', '--input', 'articles'];
const configFile = join(root, 'gazette.config.json');
const configText = await readFile(configFile, 'utf8');
const savedPages = join(root, 'test', 'fixtures', 'saved-pages');

/** Normalizing alone, on this thread: the bench's smallest corpus, then the saved pages. */
async function normalizing() {
  const config = parseConfig(JSON.parse(configText), configFile, configText);
  const size = Math.min(...sizes);
  const dir = await mkdtemp(join(tmpdir(), `gazette-bench-normalize-${size}-`));
  await writeCorpus(source, dir, size);
  const corpus = measureNormalizing(await readBenchArticles(dir), config);
  await rm(dir, { recursive: true, force: true });
  console.log(`normalizing: ${corpus.msPerArticle} ms an article on one core (${size} articles)`);
  const pages = existsSync(savedPages)
    ? measureNormalizing(await readBenchArticles(savedPages), config)
    : undefined;
  if (pages)
    console.log(
      `normalizing saved pages: ${pages.msPerArticle} ms an article on one core (${pages.articles} pages of test/fixtures/saved-pages)`,
    );
  return { node: process.version, corpus, savedPages: pages };
}

const resultsFile = join(root, 'bench', 'results.json');
const normalized = await normalizing();
if (normalizeOnly) {
  // The builds' figures of the last full run stay; only normalizing's are replaced.
  const kept = existsSync(resultsFile) ? JSON.parse(await readFile(resultsFile, 'utf8')) : {};
  await writeFile(
    resultsFile,
    `${JSON.stringify({ ...kept, normalizing: normalized }, null, 2)}\n`,
  );
  process.exit(0);
}

// The binary runs the compiled sources: compiled here as they are, outside the measures.
spawnSync('npx', ['tsx', join(root, 'compile.ts')], { stdio: 'inherit' });

const results: Record<string, unknown>[] = [];
for (const size of sizes) {
  const dir = await mkdtemp(join(tmpdir(), `gazette-bench-${size}-`));
  await writeCorpus(source, join(dir, 'articles'), size);
  await writeFile(join(dir, 'gazette.config.json'), configText);
  if (hugo) await writeHugoSite(join(dir, 'articles'), join(dir, 'hugo'));
  const names = (await readdir(join(dir, 'articles'))).sort();
  const edited = join(dir, 'articles', names[0] ?? '');
  // The newest file: the corpus names its files by date.
  const newest = join(dir, 'articles', names.at(-1) ?? '');
  const samples: Record<string, Measure[]> = { cold: [], warm: [], edit: [], hugo: [] };
  for (let run = 0; run < runs; run++) {
    await rm(join(dir, '.gazette-cache'), { recursive: true, force: true });
    await rm(join(dir, 'gazette.ids.json'), { force: true });
    samples.cold?.push(measure(gazette, dir));
    samples.warm?.push(measure(gazette, dir));
    await appendFile(edited, `\nUne phrase ajoutée au passage numéro ${run}.\n`);
    samples.edit?.push(measure(gazette, dir));
    if (hugo) {
      await rm(join(dir, 'hugo', 'public'), { recursive: true, force: true });
      samples.hugo?.push(measure(['hugo', '--quiet'], join(dir, 'hugo')));
    }
  }
  const row: Record<string, unknown> = { articles: size };
  for (const [name, list] of Object.entries(samples)) {
    if (list.length === 0) continue;
    row[name] = {
      seconds: median(list.map((m) => m.seconds)),
      peakRssMB: Math.round(Math.max(...list.map((m) => m.rssMB))),
    };
  }
  // Two edits first, to let the process warm up, then six for each run.
  const watched = (await measureWatch(gazette, dir, [edited, newest], 2 + 6 * runs)).slice(2);
  row.watchEdit = { ms: Math.round(median(watched)), samples: watched.map(Math.round) };
  const cold = (row.cold as { seconds: number }).seconds;
  if (row.hugo)
    row.coldVsHugo = Number((cold / (row.hugo as { seconds: number }).seconds).toFixed(2));
  results.push(row);
  console.log(JSON.stringify(row));
  await rm(dir, { recursive: true, force: true });
}

const machine = {
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  hugo: hugo ? spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout.trim() : null,
};
console.log(
  '\n| articles | cold (s) | warm (s) | one edit (s) | one edit in --watch (ms) | Hugo (s) | cold / Hugo | peak RSS (MB) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  const s = (k: string) => (r[k] as { seconds: number } | undefined)?.seconds?.toFixed(2) ?? '–';
  console.log(
    `| ${r.articles} | ${s('cold')} | ${s('warm')} | ${s('edit')} | ${(r.watchEdit as { ms: number }).ms} | ${s('hugo')} | ${r.coldVsHugo ?? '–'} | ${(r.cold as { peakRssMB: number }).peakRssMB} |`,
  );
}
await writeFile(
  resultsFile,
  `${JSON.stringify({ machine, runs, results, normalizing: normalized }, null, 2)}\n`,
);
