import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { controlsMessage, emailAddress, isHeaderText } from '../address.ts';
import { languageCode } from '../config.ts';
import { GazetteError } from '../errors.ts';
import { visitJsonValues } from '../json-lines.ts';
import { slugify } from '../normalize/ids.ts';
import type { Recipient } from '../render/personalize.ts';
import { type ReaderStatus, readerStatuses } from '../subscriptions/schema.ts';

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/** The form of the store's tokens: a public id and a secret, both base64url. */
const storeToken = /^[A-Za-z0-9_-]{8,64}\.[A-Za-z0-9_-]{16,128}$/;

const isoTime = z
  .union([z.literal('').transform(() => undefined), z.iso.datetime({ offset: true })])
  .optional();

const subscriberSchema = z.object({
  email: emailAddress,
  // The name goes into the To header.
  name: z
    .string()
    .trim()
    .refine(isHeaderText, controlsMessage)
    .transform((value) => value || undefined)
    .optional(),
  lang: z.union([z.literal('').transform(() => undefined), languageCode]).optional(),
  // A token of the readers' store (`gazette subscribers export`), kept for a new reader so that
  // the links of the messages they were sent keep working; any other is not the store's.
  token: z
    .string()
    .trim()
    .transform((value) => (storeToken.test(value) ? value : undefined))
    .optional(),
  // An export's record of each reader, carried to another store: a new reader keeps them.
  status: z.union([z.literal('').transform(() => undefined), z.enum(readerStatuses)]).optional(),
  joined_at: isoTime,
  joined_how: optionalText,
  confirmed_at: isoTime,
  // Tag names or slugs, separated by `;`, `,` or `|` in a CSV cell, or a JSON array.
  topics: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => {
      const topics = (typeof value === 'string' ? value.split(/[;,|]/) : value)
        .map(slugify)
        .filter(Boolean);
      return topics.length > 0 ? [...new Set(topics)] : undefined;
    })
    .optional(),
});

/** How many bad rows an error lists at most. */
const shownProblems = 20;

/** A reader of the digest. */
export type Subscriber = Recipient & {
  lang?: string | undefined;
  /** The slugs of the tags the reader chose; none: every entry. */
  topics?: string[] | undefined;
  /** From an export of the store: where the reader stood, and their consent record. */
  status?: ReaderStatus | undefined;
  joined_at?: string | undefined;
  joined_how?: string | undefined;
  confirmed_at?: string | undefined;
};

/** Reads a subscriber list: CSV with a header row, or a JSON array of objects. */
export async function readSubscribers(path: string, display: string): Promise<Subscriber[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new GazetteError('SubscribersNotFound', 'cannot read the subscriber list', {
      file: display,
    });
  }
  return /\.json$/i.test(path)
    ? parseSubscribersJson(text, display)
    : parseSubscribersCsv(text, display);
}

/** Rows of a CSV file with a header row; every bad row is reported with its line. */
export function parseSubscribersCsv(text: string, file: string): Subscriber[] {
  const source = text.replace(/^\uFEFF/, '');
  let rows: { record: Record<string, string>; raw: string }[];
  try {
    rows = parse(source, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
      raw: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new GazetteError('SubscribersInvalid', `not valid CSV: ${(error as Error).message}`, {
      file,
      line,
    });
  }
  if (rows.length > 0 && !('email' in (rows[0]?.record ?? {}))) {
    throw new GazetteError('SubscribersInvalid', 'the header row has no `email` column', {
      file,
      line: 1,
    });
  }
  return validate(rowLines(source, rows), file);
}

/**
 * Each row with the line it starts on. The rows' raw texts follow each other to the end of the
 * file (blank lines before a row included in its own), so one pass counts the lines; the
 * parser's own count is where a row ends, and takes the CR LF inside a quoted field for two.
 */
function rowLines(
  text: string,
  rows: { record: Record<string, string>; raw: string }[],
): { value: unknown; line: number }[] {
  const newlines = (s: string) => s.split('\n').length - 1;
  const start = text.length - rows.reduce((n, row) => n + row.raw.length, 0);
  let line = 1 + newlines(text.slice(0, start));
  return rows.map(({ record, raw }) => {
    const blank = /^(?:[ \t]*\r?\n)*/.exec(raw)?.[0] ?? '';
    const at = line + newlines(blank);
    line += newlines(raw);
    return { value: record, line: at };
  });
}

/** A JSON array of `{ email, name?, lang?, topics?, token? }`. */
export function parseSubscribersJson(text: string, file: string): Subscriber[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new GazetteError('SubscribersInvalid', `not valid JSON: ${(error as Error).message}`, {
      file,
    });
  }
  if (!Array.isArray(value)) {
    throw new GazetteError('SubscribersInvalid', 'must be an array of { "email": … } objects', {
      file,
    });
  }
  // The line each item starts on, all found in one pass over the text.
  const lines: number[] = [];
  visitJsonValues(text, 1, (path, line) => {
    if (path.length === 1) lines.push(line);
  });
  return validate(
    value.map((item, i) => ({ value: item, line: lines[i] })),
    file,
  );
}

/**
 * A reader given on the command line, checked as a row of a list: a wrong value is named by
 * the option that gave it (`--lang`), or as the address.
 */
export function parseSubscriberOptions(values: Record<string, string | undefined>): Subscriber {
  const result = subscriberSchema.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? 'email');
  const given = values[field];
  throw new GazetteError(
    'ReaderInvalid',
    `${field === 'email' ? 'the address' : `--${field}`} ${JSON.stringify(given ?? '')} ${issue?.message ?? 'is invalid'}`,
  );
}

function validate(
  rows: { value: unknown; line: number | undefined }[],
  file: string,
): Subscriber[] {
  const subscribers: Subscriber[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { value, line } of rows) {
    const result = subscriberSchema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const field = `${String(issue?.path[0] ?? '')} ${issue?.message ?? 'is invalid'}`;
      problems.push(line === undefined ? field : `line ${line}: ${field}`);
      continue;
    }
    const key = result.data.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    subscribers.push(result.data);
  }
  if (problems.length > 0) {
    const first = /^line (\d+)/.exec(problems[0] ?? '')?.[1];
    // A list that is wrong throughout (another file, a shifted column) stays readable.
    const shown = problems.slice(0, shownProblems);
    if (problems.length > shown.length) shown.push(`and ${problems.length - shown.length} more`);
    throw new GazetteError('SubscribersInvalid', `bad rows:\n    ${shown.join('\n    ')}`, {
      file,
      line: first ? Number(first) : undefined,
    });
  }
  return subscribers;
}
