import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * Hashes of Gazette's own source: a cached outcome depends on the normalizer's code (`read/`
 * and `normalize/`), a kept output file on all of it.
 */
export interface SourceVersions {
  code: string;
  normalizer: string;
}

/** The code an outcome depends on: a change to any of it makes every cached outcome stale. */
const normalizerSource = /^(normalize|read)\//;

/** The versions of these source files, given by their path below `src/` with `/` separators. */
export function hashSources(files: [name: string, bytes: Uint8Array][]): SourceVersions {
  const code = createHash('sha256');
  const normalizer = createHash('sha256');
  for (const [name, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    code.update(name).update(bytes);
    if (normalizerSource.test(name)) normalizer.update(name).update(bytes);
  }
  return { code: code.digest('hex'), normalizer: normalizer.digest('hex') };
}

/** The versions of the TypeScript sources in the folder `src`. */
export async function readSourceVersions(src: string): Promise<SourceVersions> {
  const names = (await readdir(src, { recursive: true }))
    .map((name) => name.split(sep).join('/'))
    .filter((name) => name.endsWith('.ts'));
  return hashSources(
    await Promise.all(
      names.map(async (name): Promise<[string, Buffer]> => [name, await readFile(join(src, name))]),
    ),
  );
}

/** Set by `compile.ts` in the compiled code: the versions of the sources it was compiled from. */
declare const GAZETTE_SOURCE_VERSIONS: SourceVersions | undefined;

/**
 * The versions of the running code: compiled, the ones `compile.ts` embedded (the sources need
 * not be there); run from the sources (the tests), hashed from them in the same way, so both
 * share a cache.
 */
export function sourceVersions(): Promise<SourceVersions> {
  if (typeof GAZETTE_SOURCE_VERSIONS !== 'undefined')
    return Promise.resolve(GAZETTE_SOURCE_VERSIONS);
  return readSourceVersions(new URL('..', import.meta.url).pathname);
}
