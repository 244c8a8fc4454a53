import { open, readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { GazetteError } from '../errors.ts';
import type { IdMap } from '../normalize/identity.ts';

const idMapSchema = z.object({
  about: z.string().optional(),
  feed: z.object({ id: z.string().min(1) }).optional(),
  entries: z.record(
    z.string(),
    z.object({
      id: z.string().min(1),
      published: z.string(),
      updated: z.string(),
      hash: z.string(),
      seq: z.int().min(1),
    }),
  ),
});

const about =
  'Permanent ids and dates of the entries, kept by `gazette build`. Commit this file and do not edit it: an id must never change once readers have seen it.';

/** Reads the id map; a missing file is an empty map. */
export async function readIdMap(path: string, display: string): Promise<IdMap> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { entries: {} };
  }
  try {
    const { feed, entries } = idMapSchema.parse(JSON.parse(text));
    return { feed, entries };
  } catch {
    throw new GazetteError('IdMapInvalid', 'the id map is damaged', { file: display });
  }
}

export function renderIdMap(map: IdMap): string {
  return `${JSON.stringify({ about, feed: map.feed, entries: map.entries }, null, 2)}\n`;
}

/** Writes the id map atomically (temporary file, flush, rename), and only when it changed. */
export async function writeIdMap(path: string, map: IdMap): Promise<void> {
  const text = renderIdMap(map);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === text) return;
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}
