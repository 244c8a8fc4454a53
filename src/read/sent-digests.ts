import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GazetteError } from '../errors.ts';

/**
 * The records of the digests `send` sent for real, one JSON file each, in a folder beside the
 * config file: what each build publishes as the digests' archive. They are the project's
 * history, like the id map, so they live with the project whatever `--out` a build writes to.
 */
export const sentDigestsFolder = 'gazette.digests';

const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'is not a date');

const sentDigestSchema = z.object({
  /** The digest's id, as the send state and the ledger know it. */
  digest: z.string().min(1),
  /** Its short id, part of its page's address. */
  id: z.string().regex(/^[0-9a-f]{8}$/, 'is not 8 hexadecimal digits'),
  /** The day its sending started, in the config's time zone: the other part of the address. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a day such as 2025-01-05'),
  subject: z.string(),
  preheader: z.string(),
  language: z.string().min(1),
  /** The entries it held, in its order. */
  entries: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })),
  /** Its HTML as anyone may see it: no reader's name or token, the view URL its own page's. */
  html: z.string(),
  /** `sending` until every reader is served or refused for good. */
  status: z.enum(['sending', 'sent']),
  /** When its sending started, and when it ended. */
  started: instant,
  finished: instant.optional(),
  /** Readers it was delivered to so far. */
  recipients: z.number().int().nonnegative(),
});

/** A digest as `send` recorded it. */
export type SentDigest = z.infer<typeof sentDigestSchema>;

/** A sent digest's name: its page's folder, and its record's file without `.json`. */
export const sentDigestName = (digest: Pick<SentDigest, 'date' | 'id'>) =>
  `${digest.date}-${digest.id}`;

/**
 * Every record of `folder` (none when there is no such folder), in the order of their names.
 * `display` is the folder as the user names it. A record that does not read as one stops the
 * build, naming its file: its page would otherwise vanish from the site unnoticed.
 */
export async function readSentDigests(folder: string, display: string): Promise<SentDigest[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new GazetteError(
      'DigestRecordInvalid',
      `cannot read the folder of the digests sent (${(error as NodeJS.ErrnoException).code})`,
      { file: display },
    );
  }
  // A name that starts with a dot is a temporary file being written, or left by a killed send.
  const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  return Promise.all(
    files.map(async (name) => {
      const file = join(display, name);
      const text = await readFile(join(folder, name), 'utf8').catch((error) => {
        throw new GazetteError(
          'DigestRecordInvalid',
          `cannot be read (${(error as NodeJS.ErrnoException).code})`,
          { file },
        );
      });
      return parseSentDigest(text, name, file);
    }),
  );
}

/** One record's text, named `name` in its folder and `file` for the user. */
export function parseSentDigest(text: string, name: string, file: string): SentDigest {
  const invalid = (message: string) => new GazetteError('DigestRecordInvalid', message, { file });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`not a digest's record: ${(error as Error).message}`);
  }
  const result = sentDigestSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw invalid(`not a digest's record: ${field}: ${issue?.message ?? 'is invalid'}`);
  }
  // Its name is its page's address: a record renamed by hand would publish it elsewhere.
  const expected = `${sentDigestName(result.data)}.json`;
  if (name !== expected)
    throw invalid(
      `records the digest ${sentDigestName(result.data)}, so it must be named ${expected}`,
    );
  return result.data;
}
