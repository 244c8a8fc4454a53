import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { fixtures, root } from './helpers.ts';

/** What a checking program said: `ok` from its exit code, `output` its messages. */
export interface ToolResult {
  ok: boolean;
  output: string;
}

/** A link of the feed, as feedparser reports it. */
export interface ParsedLink {
  rel: string | null;
  href: string | null;
  type: string | null;
}

/** One entry, as feedparser reports it; dates are the strings found in the feed. */
export interface ParsedEntry {
  id: string | null;
  title: string | null;
  link: string | null;
  links: { rel: string | null; href: string | null }[];
  published: string | null;
  updated: string | null;
  summary: string | null;
  tags: string[];
  authors: string[];
  content: string[];
  /** Media RSS `media:content`, attributes as read. */
  media: Record<'url' | 'medium' | 'type' | 'width' | 'height' | 'filesize', string | null>[];
  enclosures: { href: string | null; length: string | null; type: string | null }[];
}

/** What Debian's python3-feedparser makes of a feed file. */
export interface ParsedFeed {
  /** 1 when feedparser found the feed ill-formed (it still parses what it can). */
  bozo: 0 | 1;
  bozoException: string | null;
  /** Such as `atom10` or `rss20`; empty when feedparser did not recognise the format. */
  version: string | null;
  feed: {
    title: string | null;
    id: string | null;
    updated: string | null;
    language: string | null;
    links: ParsedLink[];
  };
  entries: ParsedEntry[];
}

/** One item of sfeed's output. */
export interface SfeedItem {
  id: string;
  link: string;
  title: string;
}

const atomSchema = join(root, '..', 'shared', 'schemas', 'atom.rnc');
const jsonFeedSchema = join(fixtures, 'jsonfeed-1.1.schema.json');

/** Whether `name` is a program on the PATH, so tests can skip when a Debian package is missing. */
export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[], input?: Buffer) {
  const result = spawnSync(command, args, { encoding: 'utf8', input });
  if (result.error) throw result.error;
  return result;
}

/** Checks that `file` is well-formed XML with `xmllint --noout`. */
export function xmllint(file: string): ToolResult {
  const result = run('xmllint', ['--noout', file]);
  return { ok: result.status === 0, output: (result.stdout + result.stderr).trim() };
}

/**
 * Validates `files` against the Atom RELAX NG grammar of RFC 4287 with one `jing -c`, which
 * names the file of each problem: its Java machine starts once.
 */
export function jing(...files: string[]): ToolResult {
  const result = run('jing', ['-c', atomSchema, ...files]);
  // Debian's launcher warns on stderr about optional jars it cannot find; those lines say nothing about the feed.
  const output = (result.stdout + result.stderr)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('[warning]'))
    .join('\n');
  return { ok: result.status === 0, output };
}

const feedparserScript = `
import json, sys
import feedparser

# dict.get reads the stored key: FeedParserDict.get would answer "updated" with "published" when a feed has no
# updated date, hiding exactly what a test wants to see.
def get(d, key):
    value = dict.get(d, key)
    return value if isinstance(value, str) else None

def parsed(path):
  result = feedparser.parse(path)
  feed = result.feed
  exception = result.get("bozo_exception")
  return {
    "bozo": 1 if result.bozo else 0,
    "bozoException": None if exception is None else f"{type(exception).__name__}: {exception}",
    "version": result.get("version"),
    "feed": {
        "title": get(feed, "title"),
        "id": get(feed, "id"),
        "updated": get(feed, "updated"),
        "language": get(feed, "language"),
        "links": [{"rel": get(l, "rel"), "href": get(l, "href"), "type": get(l, "type")} for l in feed.get("links", [])],
    },
    "entries": [{
        "id": get(e, "id"),
        "title": get(e, "title"),
        "link": get(e, "link"),
        "links": [{"rel": get(l, "rel"), "href": get(l, "href")} for l in e.get("links", [])],
        "published": get(e, "published"),
        "updated": get(e, "updated"),
        "summary": get(e, "summary"),
        "tags": [t.get("term") for t in e.get("tags", []) if t.get("term")],
        "authors": [a.get("name") for a in e.get("authors", []) if a.get("name")],
        "content": [c.get("value") or "" for c in e.get("content", [])],
        "media": [{k: m.get(k) for k in ("url", "medium", "type", "width", "height", "filesize")} for m in e.get("media_content", [])],
        "enclosures": [{"href": get(l, "href"), "length": get(l, "length"), "type": get(l, "type")} for l in e.get("enclosures", [])],
    } for e in result.entries],
  }

print(json.dumps([parsed(path) for path in sys.argv[1:]]))
`;

/**
 * Parses each of `files` with Debian's python3-feedparser, as many feed readers do, in one Python
 * process. It runs `/usr/bin/python3` because the Debian module does not import under another
 * Python on the PATH.
 */
export function feedparserAll(files: string[]): ParsedFeed[] {
  const result = run('/usr/bin/python3', ['-c', feedparserScript, ...files]);
  if (result.status !== 0)
    throw new Error(`feedparser failed on ${files.join(', ')}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ParsedFeed[];
}

/**
 * Parses `file` with Debian's `sfeed`, a small C parser, and returns each item's id, link and title.
 * sfeed escapes `\t`, `\n` and `\\` only in the content field; title, link and id have their whitespace
 * turned into spaces instead, so they are returned as printed.
 */
export function sfeed(file: string): SfeedItem[] {
  const result = run('sfeed', [], readFileSync(file));
  if (result.status !== 0) throw new Error(`sfeed failed on ${file}:\n${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [, title = '', link = '', , , id = ''] = line.split('\t');
      return { id, link, title };
    });
}

// ajv-formats is CommonJS: under Node's ESM interop its function is the `default` of the default import.
const addFormats = ajvFormats.default;
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validateJsonFeedSchema = ajv.compile(JSON.parse(readFileSync(jsonFeedSchema, 'utf8')));

/**
 * Validates a parsed JSON Feed against `test/fixtures/jsonfeed-1.1.schema.json`.
 * Returns one `path: message` line per problem, and an empty list when the document is valid.
 */
export function validateJsonFeed(document: unknown): string[] {
  if (validateJsonFeedSchema(document)) return [];
  return (validateJsonFeedSchema.errors ?? []).map((error) => {
    const where = error.instancePath === '' ? '/' : error.instancePath;
    const params =
      error.keyword === 'additionalProperties' ? ` (${JSON.stringify(error.params)})` : '';
    return `${where}: ${error.message ?? error.keyword}${params}`;
  });
}
