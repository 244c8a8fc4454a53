// Gazette's TypeScript sources are bundled by esbuild into dist/<version>/, once for each state
// of src/: a command then loads a few JavaScript files instead of compiling about a hundred
// modules through a loader every time it starts.
import { createHash } from 'node:crypto';
import { access, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sources = join(root, 'src');
const dist = join(root, 'dist');
/** Compiled versions of other sources are removed once this old. */
const staleMs = 60 * 60 * 1000;

/**
 * A hash of the name, size and modification time of every source file, of this compiler and of
 * the lockfile (which pins the bundled language model).
 */
async function sourceVersion() {
  const names = (await readdir(sources, { recursive: true }))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => join(sources, name));
  names.push(fileURLToPath(import.meta.url), join(root, 'package-lock.json'));
  const hash = createHash('sha256');
  for (const name of names) {
    const { size, mtimeMs } = await stat(name).catch(() => ({ size: 0, mtimeMs: 0 }));
    hash.update(`${name.slice(root.length)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The path of the compiled command-line entry point for the sources as they are, compiled
 * first if need be. A version is compiled beside the others and renamed into place, and
 * never changed after: a command still running from an older one keeps loading its files.
 */
export async function compiled() {
  const version = join(dist, await sourceVersion());
  const entry = join(version, 'cli.js');
  const exists = await access(entry).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await compile(version);
    await removeStale(version);
  }
  return entry;
}

async function compile(version) {
  const { build } = await import('esbuild');
  const fresh = `${version}.${process.pid}`;
  await build({
    entryPoints: [join(sources, 'cli.ts'), join(sources, 'normalize-worker.ts')],
    outdir: fresh,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    plugins: [languageModelAsJson],
    logLevel: 'error',
  });
  // Another command may have compiled the same version meanwhile: either copy will do.
  await rename(fresh, version).catch(() => rm(fresh, { recursive: true, force: true }));
}

/**
 * eld's language model is a 2 MB object literal: compiling and running it takes about 350 ms
 * at every start of a command that normalizes. The same data parsed from a JSON string takes
 * about 90 ms, so the bundle carries it that way (with eld itself, which must import it).
 */
const languageModelAsJson = {
  name: 'language-model-as-json',
  setup(build) {
    build.onResolve({ filter: /^eld\/medium$/ }, () => ({
      path: fileURLToPath(import.meta.resolve('eld/medium')),
    }));
    build.onLoad({ filter: /[\\/]eld[\\/]src[\\/]ngrams[\\/][a-z]+\.js$/ }, async (args) => {
      const { ngramsData } = await import(pathToFileURL(args.path).href);
      const json = JSON.stringify(JSON.stringify(ngramsData));
      return { contents: `export const ngramsData = JSON.parse(${json});\n`, loader: 'js' };
    });
  },
};

async function removeStale(keep) {
  for (const name of await readdir(dist)) {
    const path = join(dist, name);
    if (path === keep) continue;
    const { mtimeMs } = await stat(path);
    if (Date.now() - mtimeMs > staleMs) await rm(path, { recursive: true, force: true });
  }
}
