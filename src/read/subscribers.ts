import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { controlsMessage, emailAddress, isHeaderText } from '../address.ts';
import { languageCode } from '../config.ts';
import { GazetteError } from '../errors.ts';
import { visitJsonValues } from '../json-lines.ts';
import type { Recipient } from '../render/personalize.ts';

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
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
  token: optionalText,
});

/** How many bad rows an error lists at most. */
const shownProblems = 20;

/** A reader of the digest. */
export type Subscriber = Recipient & { lang?: string | undefined };

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

/** A JSON array of `{ email, name?, lang?, token? }`. */
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
      problems.push(
        `line ${line ?? '?'}: ${String(issue?.path[0] ?? '')} ${issue?.message ?? 'is invalid'}`,
      );
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
