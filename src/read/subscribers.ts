import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { languageCode } from '../config.ts';
import { GazetteError } from '../errors.ts';
import type { Recipient } from '../render/personalize.ts';

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const subscriberSchema = z.object({
  // The HTML form rule: it accepts local domains such as user@localhost, which MTAs deliver.
  email: z.email({ pattern: z.regexes.html5Email, error: 'is not an email address' }),
  name: optionalText,
  lang: z.union([z.literal('').transform(() => undefined), languageCode]).optional(),
  token: optionalText,
});

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
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
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
  return validate(
    rows.map((row) => ({ value: row.record, line: row.info.lines })),
    file,
  );
}

/** A JSON array of `{ email, name?, lang?, token? }`. */
export function parseSubscribersJson(text: string, file: string): Subscriber[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
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
  // The line of each object, found from where its "email" key stands.
  const lines = [...text.matchAll(/"email"\s*:/g)].map(
    (m) => text.slice(0, m.index).split('\n').length,
  );
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
    throw new GazetteError('SubscribersInvalid', `bad rows:\n    ${problems.join('\n    ')}`, {
      file,
      line: first ? Number(first) : undefined,
    });
  }
  return subscribers;
}
