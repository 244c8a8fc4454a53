// Compiles Gazette's TypeScript sources into dist/, the code the `gazette` binary runs: npm runs
// it on install (`prepare`), and `npm start` and `npm test` run it first. It compiles only when
// the sources changed since the last time.
import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { readSourceVersions } from './src/incremental/code-version.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, 'sources.json');
/** The processes the test files are run in (`--tests`): as many as the runner runs at once. */
const testGroups = 3;
/** What a test file calls to open pages in the browser its process shares (test/browser.ts). */
const usesBrowser = /\bbrowserContext\b/;

/**
 * eld's language model is a large object literal, slow for V8 to compile at every start of a
 * command that normalizes; the same data as a JSON string parses several times faster, so the
 * bundle carries it that way (with eld itself, which must import it).
 */
const languageModelAsJson: Plugin = {
  name: 'language-model-as-json',
  setup(context) {
    context.onResolve({ filter: /^eld\/medium$/ }, () => ({
      path: fileURLToPath(import.meta.resolve('eld/medium')),
    }));
    context.onLoad({ filter: /[\\/]eld[\\/]src[\\/]ngrams[\\/][a-z]+\.js$/ }, async (args) => {
      const { ngramsData } = await import(pathToFileURL(args.path).href);
      const json = JSON.stringify(JSON.stringify(ngramsData));
      return { contents: `export const ngramsData = JSON.parse(${json});\n`, loader: 'js' };
    });
  },
};

const versions = await readSourceVersions(join(root, 'src'));
const lock = await readFile(join(root, 'package-lock.json'), 'utf8').catch(() => '');
const compiler = await readFile(fileURLToPath(import.meta.url), 'utf8');
// The lockfile pins the bundled language model; this file says how the sources are bundled.
const wanted = JSON.stringify({ ...versions, lock: hashOf(lock), compiler: hashOf(compiler) });
const current = await readFile(stamp, 'utf8').catch(() => undefined);
/** How the sources are bundled: ES modules for Node 20, the packages left to node_modules. */
const bundling: BuildOptions = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { GAZETTE_SOURCE_VERSIONS: JSON.stringify(versions) },
  plugins: [languageModelAsJson],
  logLevel: 'error',
};
if (current !== wanted) {
  // Compiled beside dist/ and swapped in: a command running meanwhile keeps a whole version.
  const fresh = `${dist}.${process.pid}`;
  const aside = `${dist}.${process.pid}.previous`;
  await rm(fresh, { recursive: true, force: true });
  await build({
    // Each at the top of dist/, where the code that starts the worker looks for it.
    entryPoints: {
      cli: join(root, 'src', 'cli.ts'),
      // The command line as a function, and the engine's threads, for tests that run them in
      // their own process as they ship.
      main: join(root, 'src', 'main.ts'),
      'normalize-pool': join(root, 'src', 'incremental', 'normalize-pool.ts'),
      'normalize-worker': join(root, 'src', 'incremental', 'normalize-worker.ts'),
    },
    outdir: fresh,
    ...bundling,
  });
  await mkdir(fresh, { recursive: true });
  await chmod(join(fresh, 'cli.js'), 0o755);
  await writeFile(join(fresh, 'sources.json'), wanted);
  await rename(dist, aside).catch(() => undefined);
  await rename(fresh, dist);
  await rm(aside, { recursive: true, force: true });
}

// `--tests`: the test files too, bundled with the sources they import into dist-test/ (at the
// depth of test/, so that their paths to fixtures hold): each process of the test runner starts
// on plain JavaScript rather than compiling TypeScript first. The files go in as many groups as
// the runner keeps processes going at once, one process each, so that the normalizer, MJML and
// the templates a group loads serve all its files. The files that open pages in Chromium go in
// the same group, which launches Chromium once. Files are shared out by what each costs alone
// (test/durations.json, `npm run test:durations`), the costliest first, each to the group with
// the least to do so far, so that the groups end at about the same time; a file not measured
// yet counts as a file of middle cost.
// Always compiled: the tests change more often than they take to bundle.
if (process.argv.includes('--tests')) {
  const tests = join(root, 'dist-test');
  const names = (await readdir(join(root, 'test')))
    .filter((name) => name.endsWith('.test.ts'))
    .sort();
  const texts = await Promise.all(names.map((name) => readFile(join(root, 'test', name), 'utf8')));
  const durations = await readDurations(join(root, 'test', 'durations.json'));
  const known = names.map((name) => durations[name]).filter((s) => s !== undefined);
  const middle = known.sort((a, b) => a - b)[Math.floor(known.length / 2)] ?? 1;
  const duration = (files: string[]) =>
    files.reduce((sum, name) => sum + (durations[name] ?? middle), 0);
  const browsing = names.filter((_, i) => usesBrowser.test(texts[i] ?? ''));
  const parts = [browsing, ...names.filter((name) => !browsing.includes(name)).map((n) => [n])]
    .filter((part) => part.length > 0)
    .sort((a, b) => duration(b) - duration(a));
  const groups: { files: string[]; seconds: number }[] = Array.from({ length: testGroups }, () => ({
    files: [],
    seconds: 0,
  }));
  for (const part of parts) {
    const least = groups.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    least.files.push(...part);
    least.seconds += duration(part);
  }
  const testGroup: Plugin = {
    name: 'test-group',
    setup(context) {
      context.onResolve({ filter: /^test-group:/ }, (args) => ({
        path: args.path,
        namespace: 'test-group',
      }));
      context.onLoad({ filter: /.*/, namespace: 'test-group' }, (args) => {
        const group = groups[Number(args.path.slice('test-group:'.length))]?.files ?? [];
        return {
          contents: group.map((name) => `import ${JSON.stringify(`./${name}`)};`).join('\n'),
          resolveDir: join(root, 'test'),
          loader: 'js',
        };
      });
    },
  };
  await rm(tests, { recursive: true, force: true });
  await build({
    entryPoints: {
      ...Object.fromEntries(
        groups.map((_, i) => [`group-${String(i + 1).padStart(2, '0')}.test`, `test-group:${i}`]),
      ),
      'normalize-worker': join(root, 'src', 'incremental', 'normalize-worker.ts'),
    },
    outdir: tests,
    sourcemap: 'inline',
    sourcesContent: false,
    ...bundling,
    plugins: [...(bundling.plugins ?? []), testGroup],
  });
}

/** What each test file costs alone, in seconds, by name; none when the file is missing or unreadable. */
async function readDurations(path: string): Promise<Record<string, number>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter((pair): pair is [string, number] => typeof pair[1] === 'number'),
  );
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
