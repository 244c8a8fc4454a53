import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildDeps, type BuildResult, build } from '../src/build.ts';
import type { BuildOptions } from '../src/config.ts';
import { parseConfig } from '../src/config.ts';
import type { Entry } from '../src/entry.ts';
import { GazetteError } from '../src/errors.ts';
import { engineFor } from '../src/incremental/engine.ts';
import { type Language, Locales } from '../src/normalize/locales.ts';
import { normalizeEntry } from '../src/normalize/normalize-entry.ts';
import { parseArticle } from '../src/read/parse-article.ts';
import type { OutputFile } from '../src/render/output-file.ts';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const fixtures = join(root, 'test', 'fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Node's arguments that run Gazette's command line with `args`: the `gazette` binary, compiled
 * into dist/ by `npm test` before any test runs.
 */
export function cliArgs(args: string[]): string[] {
  return [join(root, 'dist', 'cli.js'), ...args];
}

/**
 * A module of Gazette as it ships, compiled into dist/ by `npm test` before any test runs, typed
 * as its source: its worker threads run compiled code too.
 */
export function compiled<Module>(name: string): Promise<Module> {
  return import(pathToFileURL(join(root, 'dist', `${name}.js`)).href);
}

/** The command line, loaded by the first test that runs it (a file that does not, never loads it). */
let commandLine: Promise<typeof import('../src/main.ts')> | undefined;

/**
 * Runs the command line in this process, as the binary does, in `cwd` with `env` added to the
 * environment: what it printed and its exit code. Its engine starts no threads: what one
 * command loads serves the next, and the code is this file's own, not a second copy of it (the
 * binary as it ships has tests of its own: `runBinary`, cli.test.ts, incremental.test.ts,
 * normalize-pool.test.ts).
 */
export async function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliResult> {
  const running = startCliHere(args, cwd, env);
  const code = await running.exit;
  return { code, ...running.printed };
}

/** The command line started in this process, as `runCli` runs it, and what it printed so far. */
export function startCliHere(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): { printed: { stdout: string; stderr: string }; exit: Promise<number> } {
  const printed = { stdout: '', stderr: '' };
  commandLine ??= import('../src/main.ts');
  const exit = commandLine.then(({ main }) =>
    main(
      args,
      {
        cwd,
        env: { ...process.env, NO_COLOR: '1', ...env },
        stdout: { write: (text: string) => (printed.stdout += text) },
        stderr: { write: (text: string) => (printed.stderr += text) },
      },
      { threads: false },
    ),
  );
  return { printed, exit };
}

/**
 * Builds `project`'s articles in this process (with `args`, an `--out` for instance), so that
 * the binary run next finds every article in the cache: for a test whose subject is not a cold
 * build, which costs the binary seconds of loading the normalizer and MJML.
 */
export async function warmCache(project: string, args: string[] = []): Promise<void> {
  const built = await runCli(['build', '--input', 'articles', ...args], project);
  assert.equal(built.code, 0, built.stderr);
}

/** Runs the real `gazette` binary, as a user would, in `cwd`. */
export function runBinary(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(args), {
      cwd,
      env: { ...process.env, INIT_CWD: cwd, NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Folders made by `tempDir` in this test file's process, removed when it exits. */
const temporary: string[] = [];
process.once('exit', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gazette-test-'));
  temporary.push(dir);
  return dir;
}

/** The seeds' paragraphs (their lines of more than 80 characters), to make corpora of. */
export async function seedParagraphs(): Promise<string[]> {
  const folder = join(root, 'seeds');
  const texts = await Promise.all(
    (await readdir(folder)).map((name) => readFile(join(folder, name), 'utf8')),
  );
  return texts
    .join('\n')
    .split('\n')
    .filter((p) => p.length > 80);
}

export const baseConfig = {
  title: 'Gazette de test',
  siteUrl: 'https://news.example.org/',
  author: { name: 'La rédaction', email: 'redaction@news.example.org' },
  language: 'fr',
  timeZone: 'Europe/Paris',
  digest: { title: 'La lettre', limit: 10 },
  sender: 'La lettre <lettre@news.example.org>',
};

/** What the tests of one file learn of the languages they read, as a build does. */
export const locales = new Locales();

/** A language as normalizing takes it. */
export const lang = (code: string): Language => locales.language(code);

/** The entry Gazette makes of a saved page's lines, with the base config. */
export function pageEntry(lines: string[]): Entry {
  const { article } = parseArticle(lines.join('\n'), 'a.txt', 'a.txt');
  const config = parseConfig(baseConfig, 'gazette.config.json');
  const entry = normalizeEntry(
    article,
    { path: 'a.txt', committed: undefined, modified: new Date(0) },
    config,
    locales,
  );
  assert.ok(entry);
  return entry;
}

/** A project folder: a config file and a copy of a fixture (or of the seeds) as `articles/`. */
export async function makeProject(
  articles: string,
  config: Record<string, unknown> = baseConfig,
): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(config, null, 2));
  await cp(articles, join(dir, 'articles'), { recursive: true });
  return dir;
}

/**
 * Gives the project in `dir` its readers' store, empty, as `gazette subscribers import` of an
 * empty list does; a store already there is left as it is. `env` may name a PostgreSQL one.
 */
export async function createStore(dir: string, env: Record<string, string> = {}): Promise<void> {
  const list = join(await tempDir(), 'empty.csv');
  await writeFile(list, 'email\n');
  const created = await runCli(['subscribers', 'import', list], dir, env);
  assert.equal(created.code, 0, created.stderr);
}

/** The rows of a table of the project's SQLite store, in the order they were written. */
export async function storeRows(dir: string, table: string): Promise<Record<string, unknown>[]> {
  const { default: Database } = await import('better-sqlite3');
  const database = new Database(join(dir, 'gazette.db'), { readonly: true, fileMustExist: true });
  try {
    return database.prepare(`select * from ${table} order by rowid`).all() as Record<
      string,
      unknown
    >[];
  } finally {
    database.close();
  }
}

/** Every file below `dir` with its bytes, keyed by relative path. */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), await readFile(path));
  }
  return files;
}

/** A plausible entry numbered `n`, for tests of rendering; `overrides` replace its fields. */
export function sampleEntry(n: number, overrides: Partial<Entry> = {}): Entry {
  const published = overrides.published ?? `2025-01-${String(n).padStart(2, '0')}T10:00:00+01:00`;
  return {
    id: `tag:news.example.org,2025-01-01:e${n}`,
    slug: `e${n}`,
    path: `e${n}.md`,
    url: `https://news.example.org/e${n}/`,
    title: `Title ${n}`,
    summary: `Summary ${n}.`,
    content: [`Text ${n}.`],
    html: null,
    image: null,
    keywords: ['alpha'],
    tags: ['alpha', 'beta'],
    language: 'fr',
    published,
    updated: published,
    author: null,
    source: null,
    location: null,
    wordCount: 2,
    readingMinutes: 1,
    ...overrides,
  };
}

/** The catalogued error a promise rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<GazetteError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GazetteError, String(error));
    return error;
  }
  assert.fail('it was accepted');
}

/** A running `gazette serve`, started by `startServe`. */
export interface Serving {
  child: ChildProcess;
  /** Where it serves; undefined when it stopped before serving. */
  url: URL | undefined;
  /** What it printed so far, stdout and stderr together. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Runs the real `gazette serve` in `project` on a free port, and waits until it serves (or
 * stops, or 30 seconds have passed).
 */
export async function startServe(
  project: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<Serving> {
  const child = spawn(
    process.execPath,
    cliArgs(['serve', '--input', 'articles', '--port', '0', ...args]),
    { cwd: project, env: { ...process.env, INIT_CWD: project, NO_COLOR: '1', ...env } },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  while (
    !/Digest preview: /.test(output) &&
    child.exitCode === null &&
    Date.now() - started < 30_000
  )
    await new Promise((r) => setTimeout(r, 50));
  const url = /Serving .*\/ at (\S+)/.exec(output)?.[1];
  return {
    child,
    url: url ? new URL(url) : undefined,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/** An entry's text, which the test expects it to carry (an entry kept in the cache carries none). */
export function textOf(entry: Entry | undefined): string[] {
  assert.ok(entry?.content, `${entry?.path ?? 'no entry'}: no text`);
  return entry.content;
}

/**
 * A build with the incremental engine its options name (its cache), as the CLI runs one: on
 * this thread, unless `threads` (the engine's threads run this file's TypeScript, which each
 * compiles first: tests that are about them ask for them).
 */
export async function buildWithEngine(
  options: BuildOptions,
  deps: Omit<BuildDeps, 'engine'>,
  threads = false,
): Promise<BuildResult> {
  const engine = engineFor(options, false, threads);
  try {
    return await build(options, { ...deps, engine });
  } finally {
    await engine.close();
  }
}

/** The whole bytes of a rendered file, every chunk of it in memory. */
export function fileBytes(file: OutputFile): Buffer {
  if ('lazy' in file) return Buffer.from(file.lazy());
  if (!('chunks' in file)) throw new Error('a kept or copied file has no bytes in memory');
  return Buffer.concat(
    file.chunks.map((chunk) => {
      if (chunk instanceof Uint8Array) return chunk;
      throw new Error('bytes of the previous output are not in memory');
    }),
  );
}

/** A project of two small articles, in `articles/`. */
export async function smallProject(): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig, null, 2));
  await mkdir(join(dir, 'articles'));
  await writeFile(
    join(dir, 'articles', '2025-01-05-le-train.md'),
    '---\ntitle: Le train arrive\n---\nLe train de Lima est arrivé à l’heure ce matin, une première.\n',
  );
  await writeFile(
    join(dir, 'articles', '2025-01-06-la-pluie.txt'),
    'La pluie est tombée toute la nuit sur Cusco, sans faire de dégâts.\n',
  );
  return dir;
}
