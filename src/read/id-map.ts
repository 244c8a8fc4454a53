import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { GazetteError } from '../errors.ts';
import type { IdMap, IdRecord } from '../normalize/identity.ts';
import { writeFileAtomicAsync } from '../write/atomic-file.ts';
import { fileState } from './file-state.ts';

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
      hashOf: z.literal('source').optional(),
      seq: z.int().min(1),
      seen: z.string().optional(),
    }),
  ),
});

const about =
  'Permanent ids and dates of the entries, kept by `gazette build`. Commit this file and do not edit it: an id must never change once readers have seen it.';

/**
 * The id map as this process last read or wrote it, with the file's state then: while the file
 * stays as it was, it is not read again (`--watch`).
 */
export interface KeptIdMap {
  last?: { path: string; state: string; map: IdMap; bytes: Buffer | undefined } | undefined;
  /** Each record's line as last rendered, under its path. */
  lines?: RenderedLines | undefined;
}

/** Records' lines as rendered, each under the path it was rendered under. */
export type RenderedLines = WeakMap<IdRecord, { path: string; line: Buffer }>;

/** Reads the id map; a missing file is an empty map. */
export async function readIdMap(path: string, display: string, kept?: KeptIdMap): Promise<IdMap> {
  const state = kept && fileState(path);
  if (kept?.last?.path === path && kept.last.state === state) return kept.last.map;
  let bytes: Buffer | undefined;
  try {
    bytes = await readFile(path);
  } catch {
    bytes = undefined;
  }
  let map: IdMap = { entries: new Map() };
  if (bytes !== undefined) {
    try {
      const { feed, entries } = idMapSchema.parse(JSON.parse(bytes.toString('utf8')));
      map = { feed, entries: new Map(Object.entries(entries)) };
    } catch {
      throw new GazetteError('IdMapInvalid', 'the id map is damaged', { file: display });
    }
  }
  if (kept && state) kept.last = { path, state, map, bytes };
  return map;
}

/**
 * The id map as JSON, two spaces an indent. Given `lines`, when the map is kept across builds
 * (`--watch`), each record's line is kept there with the record: a map of thousands, most of
 * them unchanged since the last build, is then not serialized again. A single build keeps
 * none: the lines take about a kilobyte a record, for nothing.
 */
export function renderIdMap(map: IdMap, lines?: RenderedLines): string {
  return idMapBytes(map, lines).toString('utf8');
}

/** The id map as `renderIdMap` writes it, in UTF-8: each record's line encoded once. */
function idMapBytes(map: IdMap, lines?: RenderedLines): Buffer {
  const skeleton = JSON.stringify({ about, feed: map.feed, entries: {} }, null, 2);
  if (map.entries.size === 0) return Buffer.from(`${skeleton}\n`);
  const parts: Buffer[] = [Buffer.from(`${skeleton.slice(0, -'{}\n}'.length)}{\n`)];
  const separator = Buffer.from(',\n');
  for (const [path, record] of map.entries) {
    if (parts.length > 1) parts.push(separator);
    parts.push(lineOf(path, record, lines));
  }
  parts.push(Buffer.from('\n  }\n}\n'));
  return Buffer.concat(parts);
}

/** A record as `JSON.stringify(…, null, 2)` writes it, three levels deep, under its path. */
function lineOf(path: string, record: IdRecord, lines: RenderedLines | undefined): Buffer {
  const known = lines?.get(record);
  if (known?.path === path) return known.line;
  const text = JSON.stringify(record, null, 2).replaceAll('\n', '\n    ');
  const line = Buffer.from(`    ${JSON.stringify(path)}: ${text}`);
  lines?.set(record, { path, line });
  return line;
}

/**
 * Writes the id map atomically, and only when it changed; `display` names it in an error (it
 * cannot go unwritten: the ids it keeps are those the output shows).
 */
export async function writeIdMap(
  path: string,
  map: IdMap,
  kept?: KeptIdMap,
  display = path,
): Promise<void> {
  if (kept) kept.lines ??= new WeakMap();
  const bytes = idMapBytes(map, kept?.lines);
  const known = kept?.last?.path === path && kept.last.state === fileState(path);
  const current = known ? kept?.last?.bytes : await readFile(path).catch(() => undefined);
  if (!current?.equals(bytes)) await writeFileAtomicAsync(path, bytes, display);
  const state = kept && fileState(path);
  if (kept && state) kept.last = { path, state, map, bytes };
}
