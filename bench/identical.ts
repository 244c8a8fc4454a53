import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeCorpus } from './corpus.ts';

/**
 * Whether this tree builds what another commit builds, byte for byte: the seeds, every folder
 * of articles under test/fixtures, and a corpus of recombined OrangeSum articles (when
 * ../shared/eval holds it). Each side builds a fresh copy of each folder, without a cache, with
 * its own `gazette` binary (as its package.json names it); the output folders are compared file by file, and so are the id
 * maps, but for the time an entry was first seen, which is the clock's.
 *
 *   npm run identical -- <commit> [--corpus 1000]
 */

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));

interface Built {
  code: number;
  files: Map<string, Buffer>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const commit = args.find((a) => !a.startsWith('--'));
  const corpusAt = args.indexOf('--corpus');
  const corpusSize = corpusAt >= 0 ? Number(args[corpusAt + 1]) : 1000;
  if (!commit || !Number.isInteger(corpusSize)) {
    console.error('usage: npm run identical -- <commit> [--corpus <articles>]');
    process.exit(2);
  }
  const work = await mkdtemp(join(tmpdir(), 'gazette-identical-'));
  const other = join(work, 'other');
  try {
    await run('git', ['worktree', 'add', '--detach', other, commit], { cwd: root });
    await installFor(other);
    await run('npm', ['run', '--if-present', 'prepare'], { cwd: root });
    const inputs = await articleFolders();
    const orangesum = join(root, '..', 'shared', 'eval', 'orangesum-fr.jsonl');
    if (corpusSize > 0 && existsSync(orangesum)) {
      const corpus = join(work, 'corpus');
      await writeCorpus(orangesum, corpus, corpusSize);
      inputs.push(corpus);
    }
    let differing = 0;
    for (const input of inputs) {
      const name = input.startsWith(root) ? relative(root, input) : `corpus of ${corpusSize}`;
      const [here, there] = [
        await build(root, input, join(work, 'here')),
        await build(other, input, join(work, 'there')),
      ];
      const differences = compare(here, there);
      if (differences.length > 0) differing++;
      console.log(
        `${differences.length === 0 ? 'identical' : 'DIFFERENT'}  ${name} (${here.files.size} files)`,
      );
      for (const difference of differences.slice(0, 10)) console.log(`    ${difference}`);
    }
    console.log(
      differing === 0
        ? `all ${inputs.length} folders build the same as ${commit}`
        : `${differing} of ${inputs.length} folders build otherwise than ${commit}`,
    );
    process.exitCode = differing === 0 ? 0 : 1;
  } finally {
    await run('git', ['worktree', 'remove', '--force', other], { cwd: root }).catch(
      () => undefined,
    );
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The other commit's dependencies: this tree's when both lock files are the same, else its own
 * `npm ci`, and whatever its `prepare` script builds.
 */
async function installFor(other: string): Promise<void> {
  const [ours, theirs] = await Promise.all(
    [root, other].map((dir) => readFile(join(dir, 'package-lock.json'), 'utf8')),
  );
  if (ours === theirs) {
    await symlink(join(root, 'node_modules'), join(other, 'node_modules'));
    await run('npm', ['run', '--if-present', 'prepare'], { cwd: other });
  } else await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: other });
}

/** The `gazette` binary of the checkout at `tree`, as its package.json names it. */
async function binaryOf(tree: string): Promise<string> {
  const { bin } = JSON.parse(await readFile(join(tree, 'package.json'), 'utf8'));
  return join(tree, bin.gazette);
}

/** The seeds and the folders of articles under test/fixtures, none inside another. */
async function articleFolders(): Promise<string[]> {
  const holding = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.(txt|md|markdown)$/.test(entry.name)) holding.add(dir);
    }
  };
  await walk(join(root, 'test', 'fixtures'));
  const folders = [...holding].sort();
  const outer = folders.filter(
    (folder) => !folders.some((other) => other !== folder && folder.startsWith(`${other}/`)),
  );
  return [join(root, 'seeds'), ...outer];
}

/** Builds a fresh copy of `input` (times kept) with the checkout at `tree`. */
async function build(tree: string, input: string, project: string): Promise<Built> {
  await rm(project, { recursive: true, force: true });
  await mkdir(project, { recursive: true });
  await cp(input, join(project, 'articles'), { recursive: true, preserveTimestamps: true });
  await cp(join(root, 'gazette.config.json'), join(project, 'gazette.config.json'));
  const args = [
    await binaryOf(tree),
    'build',
    '--input',
    'articles',
    '--no-cache',
    '--skip-invalid',
  ];
  // Run from npm, the CLI reads paths from where npm was started: here, from the project.
  const env = { ...process.env, INIT_CWD: project };
  const code = await run(process.execPath, args, { cwd: project, env, maxBuffer: 1 << 26 }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? 1,
  );
  const files = new Map<string, Buffer>();
  const collect = async (dir: string): Promise<void> => {
    if (!existsSync(dir)) return;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await collect(path);
      else files.set(relative(project, path), await readFile(path));
    }
  };
  await collect(join(project, 'out'));
  const ids = join(project, 'gazette.ids.json');
  if (existsSync(ids)) {
    // When an entry was first seen is the clock's, not the code's.
    const text = (await readFile(ids, 'utf8')).replace(/"seen": "[^"]*"/g, '"seen": "…"');
    files.set('gazette.ids.json', Buffer.from(text));
  }
  return { code, files };
}

function compare(here: Built, there: Built): string[] {
  const differences: string[] = [];
  if (here.code !== there.code)
    differences.push(`exit code ${here.code} here, ${there.code} there`);
  for (const [path, bytes] of here.files) {
    const theirs = there.files.get(path);
    if (!theirs) differences.push(`${path}: only here`);
    else if (!bytes.equals(theirs)) differences.push(`${path}: differs`);
  }
  for (const path of there.files.keys())
    if (!here.files.has(path)) differences.push(`${path}: only there`);
  return differences;
}

await main();
