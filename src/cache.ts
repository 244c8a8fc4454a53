import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from './config.ts';
import type { Outcome } from './normalize/process-article.ts';
import type { RawArticle } from './read/read-articles.ts';

/** The code an outcome depends on: a change to any of it makes every cached outcome stale. */
const normalizerSources = [
  new URL('./normalize/', import.meta.url),
  new URL('./read/', import.meta.url),
];

let version: Promise<string> | undefined;

/** A hash of the normalizer's own source, read once per process. */
function normalizerVersion(): Promise<string> {
  version ??= (async () => {
    const hash = createHash('sha256');
    for (const folder of normalizerSources) {
      const path = fileURLToPath(folder);
      for (const name of (await readdir(path)).sort()) {
        if (/\.[jt]s$/.test(name)) hash.update(name).update(await readFile(join(path, name)));
      }
    }
    return hash.digest('hex');
  })();
  return version;
}

/**
 * A content-addressed cache of normalized articles, in a folder that is safe to delete. The
 * key covers everything an outcome depends on: the bytes, where the file is and when it last
 * changed, the settings that shape an entry, and the normalizer's own code.
 */
export async function createCache(folder: string, config: ResolvedConfig) {
  const settings = JSON.stringify([
    await normalizerVersion(),
    config.language,
    config.timeZone,
    config.siteUrl,
  ]);
  const keyOf = (raw: RawArticle) =>
    createHash('sha256')
      .update(settings)
      .update(
        `\0${raw.path}\0${raw.displayPath}\0${raw.committed ?? ''}\0${raw.modified.getTime()}\0`,
      )
      .update(raw.text)
      .digest('hex');
  const pathOf = (key: string) => join(folder, 'entries', key.slice(0, 2), `${key}.json`);
  return {
    keyOf,
    async get(key: string): Promise<Outcome | undefined> {
      try {
        return JSON.parse(await readFile(pathOf(key), 'utf8')) as Outcome;
      } catch {
        return undefined;
      }
    },
    async set(key: string, outcome: Outcome): Promise<void> {
      const path = pathOf(key);
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, JSON.stringify(outcome));
    },
  };
}
