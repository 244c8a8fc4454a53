import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { MjmlCompiler } from '../render/mjml.ts';
import { removeTemporaryLeftovers, writeFileAtomicAsync } from '../write/atomic-file.ts';
import { sourceVersions } from './code-version.ts';

/** Digests compiled by earlier builds, the newest first, are kept up to this many. */
const keptDigests = 8;

/**
 * MJML's compiler, remembering its HTML in the cache folder by a hash of the MJML, of
 * Gazette's code and of MJML's version: a digest whose items did not change is not compiled
 * again, and MJML is not even loaded.
 */
export function keptMjml(folder: string, compile: MjmlCompiler): MjmlCompiler {
  const dir = join(folder, 'digests');
  removeTemporaryLeftovers(dir);
  const mjmlVersion = createRequire(import.meta.url)('mjml/package.json').version as string;
  // Known before the first digest: a compilation then starts at once, on its thread, not once
  // this one is done rendering the feeds and pages (which an await here would wait for).
  let code: string | undefined;
  const known = sourceVersions().then((versions) => {
    code = versions.code;
    return versions.code;
  });
  known.catch(() => undefined);
  return async (mjml) => {
    const key = createHash('sha256')
      .update(`${code ?? (await known)}\0${mjmlVersion}\0`)
      .update(mjml)
      .digest('hex')
      .slice(0, 32);
    const path = join(dir, `${key}.html`);
    // Read at once: a compilation that must happen then starts before this thread gets busy.
    const kept = readKept(path);
    if (kept !== undefined) return { html: kept, errors: [] };
    const result = await compile(mjml);
    if (result.errors.length === 0) await keep(dir, path, result.html);
    return result;
  };
}

function readKept(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function keep(dir: string, path: string, html: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await writeFileAtomicAsync(path, html);
    // The digests only: another command's temporary files are being written.
    const names = (await readdir(dir)).filter((name) => name.endsWith('.html'));
    const files = await Promise.all(
      names.map(async (name) => ({
        path: join(dir, name),
        time: (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0,
      })),
    );
    files.sort((a, b) => b.time - a.time);
    await Promise.all(files.slice(keptDigests).map((f) => rm(f.path, { force: true })));
  } catch {
    // Not kept: the next build compiles it again.
  }
}
