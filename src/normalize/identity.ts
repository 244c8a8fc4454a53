import { hash } from 'node:crypto';
import { type Entry, withText } from '../entry.ts';
import type { FrontMatter } from '../read/front-matter.ts';
import { remember } from '../remember.ts';
import { formatDate, type TimeZone } from './dates.ts';

/** What Gazette remembers of an entry so that its id and dates never drift. */
export interface IdRecord {
  id: string;
  published: string;
  updated: string;
  /**
   * Hash of the article's source (`sourceHash`): `updated` moves only when it changes. Records
   * kept by earlier versions, without `hashOf`, hold the entry's `textHash` instead.
   */
  hash: string;
  /** What `hash` is of: the source; absent in records kept by earlier versions. */
  hashOf?: 'source' | undefined;
  /** Order of first appearance: archive pages are filled in this order and never reshuffled. */
  seq: number;
  /**
   * When the first build that made it an entry ran (a draft or a scheduled article is not one
   * yet): what tells `send` that an article dated earlier appeared only now. Records kept by
   * earlier versions have none.
   */
  seen?: string | undefined;
}

/** The id map (`gazette.ids.json`), keyed by the article's path in the input folder. */
export interface IdMap {
  feed?: { id: string } | undefined;
  /** In the order of their paths. */
  entries: ReadonlyMap<string, IdRecord>;
}

/** A freshly normalized entry, with what identity needs to know about where it came from. */
export interface Candidate {
  entry: Entry;
  frontMatter: FrontMatter;
  /** When the file last changed (last commit, else modification time), ISO 8601. */
  changed: string;
  /** The article's `sourceHash`. */
  hash: string;
}

export interface Identified {
  entries: Entry[];
  map: IdMap;
  /** The feed's own permanent id. */
  feedId: string;
  /** Whether an entry now has another id than its candidate had (an id kept from before). */
  idsMoved: boolean;
}

/**
 * Hash of an article's source as read, front matter and body: what its author wrote, whatever
 * Gazette makes of it. Line endings are folded, as a checkout may turn them either way.
 */
export function sourceHash(text: string): string {
  const folded = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return hash('sha256', folded).slice(0, 32);
}

/**
 * Hash of what readers read, the title and the text, as earlier versions recorded it: it still
 * recognises their records' renamed articles.
 */
export function textHash(entry: Entry): string {
  const { content } = withText(entry);
  return hash('sha256', `${entry.title}\n${content.join('\n')}`).slice(0, 32);
}

/**
 * The candidates whose text `resolveIdentities` may hash: those of new paths, when the map holds a
 * record of an earlier version (kept by its text's hash) whose article is gone.
 */
export function candidatesToHash(candidates: Candidate[], previous: IdMap): Candidate[] {
  const present = new Set(candidates.map((d) => d.entry.path));
  const textOrphans = [...previous.entries].some(
    ([path, record]) => !present.has(path) && record.hashOf !== 'source',
  );
  return textOrphans ? candidates.filter((d) => !previous.entries.has(d.entry.path)) : [];
}

/**
 * Gives every entry the id and dates it had before. An entry is recognised by its path, or,
 * after a rename, by an unchanged source whose old path is gone. Front matter still wins. A new
 * entry keeps what normalizing derived, and is recorded. `updated` moves when the source
 * changes, never when only Gazette's reading of it does (a better cleaning is no edit). Pure:
 * the caller reads and writes the map.
 */
export function resolveIdentities(
  candidates: Candidate[],
  previous: IdMap,
  siteHost: string,
  zone: TimeZone,
  /** This build's time, as `formatDate` writes it: when new entries were first seen. */
  now: string,
  /** Dates already parsed, by text: a session's builds (`--watch`) compare the same ones. */
  times: Map<string, number> = new Map(),
): Identified {
  const records = new Map(previous.entries);
  const present = new Set(candidates.map((d) => d.entry.path));
  const orphans = new Map<string, string>();
  // Whether an orphan is a record of an earlier version, kept by its entry's `textHash`.
  let textOrphans = false;
  let seq = 0;
  for (const [path, record] of records) {
    const key = present.has(path) ? undefined : hashKey(record);
    if (key && !orphans.has(key)) orphans.set(key, path);
    if (key && record.hashOf !== 'source') textOrphans = true;
    if (record.seq > seq) seq = record.seq;
  }
  const fresh: Candidate[] = [];
  const entries: Entry[] = [];
  let idsMoved = false;
  for (const candidate of candidates) {
    const hash = candidate.hash;
    let record = records.get(candidate.entry.path);
    if (!record) {
      // An entry's `textHash` is worked out only when such a record may be its own.
      const key = [`source:${hash}`, textOrphans ? `text:${textHash(candidate.entry)}` : ''].find(
        (k) => orphans.has(k),
      );
      const renamedFrom = key && orphans.get(key);
      if (key && renamedFrom) {
        record = records.get(renamedFrom);
        records.delete(renamedFrom);
        orphans.delete(key);
      }
    }
    if (!record) {
      fresh.push(candidate);
      continue;
    }
    const entry = reuse(candidate, record, hash, zone, times);
    if (entry.id !== candidate.entry.id) idsMoved = true;
    const same =
      record.id === entry.id &&
      record.published === entry.published &&
      record.updated === entry.updated &&
      record.hash === hash &&
      record.hashOf === 'source';
    records.set(
      entry.path,
      same ? record : { ...recordOf(entry, hash), seq: record.seq, seen: record.seen },
    );
    entries.push(entry);
  }
  // New entries are numbered in order of publication, so archive pages fill chronologically.
  fresh.sort((a, b) => compareByDate(a.entry, b.entry));
  for (const candidate of fresh) {
    records.set(candidate.entry.path, {
      ...recordOf(candidate.entry, candidate.hash),
      seq: ++seq,
      seen: now,
    });
    entries.push(candidate.entry);
  }
  const feedId = previous.feed?.id ?? feedIdFor(siteHost, entries);
  return { entries, map: { feed: { id: feedId }, entries: byPath(records) }, feedId, idsMoved };
}

function reuse(
  candidate: Candidate,
  record: IdRecord,
  hash: string,
  zone: TimeZone,
  times: Map<string, number>,
): Entry {
  const { entry, frontMatter } = candidate;
  const published = frontMatter.date ? entry.published : record.published;
  let updated: string;
  // A record of an earlier version holds a hash of its reading, which this version's reading
  // need not match: its source is taken as unchanged, once, and its hash replaced.
  const unchanged = record.hashOf === 'source' ? record.hash === hash : true;
  if (frontMatter.updated) updated = entry.updated;
  else if (unchanged) updated = record.updated;
  else updated = laterThan(candidate.changed, record.updated, zone);
  if (timeOf(updated, times) < timeOf(published, times)) updated = published;
  const id = frontMatter.id ?? record.id;
  // Most often nothing moved: the entry itself, the one object every build shares.
  if (id === entry.id && published === entry.published && updated === entry.updated) return entry;
  return { ...entry, id, published, updated };
}

function timeOf(date: string, times: Map<string, number>): number {
  return remember(times, 100_000, date, () => Date.parse(date));
}

/** `candidate` when it is later than `previous`; else one second after `previous`. */
function laterThan(candidate: string, previous: string, zone: TimeZone): string {
  if (Date.parse(candidate) > Date.parse(previous)) return candidate;
  return formatDate(new Date(Date.parse(previous) + 1000), zone);
}

function recordOf(entry: Entry, hash: string): Omit<IdRecord, 'seq'> {
  return {
    id: entry.id,
    published: entry.published,
    updated: entry.updated,
    hash,
    hashOf: 'source',
  };
}

/** A record's hash, with what it is of: a source's and a reading's never match. */
function hashKey(record: IdRecord): string {
  return `${record.hashOf ?? 'text'}:${record.hash}`;
}

function compareByDate(a: Entry, b: Entry): number {
  return Date.parse(a.published) - Date.parse(b.published) || a.id.localeCompare(b.id);
}

function feedIdFor(host: string, entries: Entry[]): string {
  const first = entries.map((e) => e.published.slice(0, 10)).sort()[0] ?? '2000-01-01';
  return `tag:${host},${first}:feed`;
}

/** The records in the order of their paths (most often they already are). */
function byPath<T>(records: Map<string, T>): Map<string, T> {
  let last: string | undefined;
  for (const path of records.keys()) {
    if (last !== undefined && last >= path)
      return new Map([...records].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    last = path;
  }
  return records;
}
