// Compiles Gazette's TypeScript sources into dist/, the code the `gazette` binary runs: npm runs
// it on install (`prepare`), and `npm start` and `npm test` run it first. It compiles only when
// the sources changed since the last time.
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { readSourceVersions } from './src/incremental/code-version.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, 'sources.json');

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
if (current !== wanted) {
  // Compiled beside dist/ and swapped in: a command running meanwhile keeps a whole version.
  const fresh = `${dist}.${process.pid}`;
  const aside = `${dist}.${process.pid}.previous`;
  await rm(fresh, { recursive: true, force: true });
  await build({
    // Each at the top of dist/, where the code that starts the worker looks for it.
    entryPoints: {
      cli: join(root, 'src', 'cli.ts'),
      // The command line as a function, for tests that run it in their own process.
      main: join(root, 'src', 'main.ts'),
      'normalize-worker': join(root, 'src', 'incremental', 'normalize-worker.ts'),
    },
    outdir: fresh,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    define: { GAZETTE_SOURCE_VERSIONS: JSON.stringify(versions) },
    plugins: [languageModelAsJson],
    logLevel: 'error',
  });
  await mkdir(fresh, { recursive: true });
  await chmod(join(fresh, 'cli.js'), 0o755);
  await writeFile(join(fresh, 'sources.json'), wanted);
  await rename(dist, aside).catch(() => undefined);
  await rename(fresh, dist);
  await rm(aside, { recursive: true, force: true });
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
