import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { controlsMessage, isHeaderText, mailbox } from './address.ts';
import { GazetteError, GazetteErrors } from './errors.ts';
import { lineOfJsonValue } from './json-lines.ts';
import { expressionProblem } from './normalize/page/page-rules.ts';
import { packageRoot } from './package-root.ts';
import { defaultDatabaseFile } from './subscriptions/schema.ts';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** An ISO 639-1 code that Unicode CLDR knows, such as `fr`, `en` or `es`. */
export const languageCode = z
  .string()
  .regex(/^[a-z]{2}$/, 'must be a two-letter ISO 639-1 code such as "fr"')
  .refine((code) => languageNames.of(code) !== undefined, 'is not a known ISO 639-1 language');

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })
  .transform((url) => (url.endsWith('/') ? url : `${url}/`));

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as "Europe/Paris"');

/** A regular expression of the config, in JavaScript syntax, matched against whole lines. */
const lineExpression = z
  .string()
  .min(1, 'must not be empty')
  .superRefine((source, context) => {
    const problem = expressionProblem(source);
    if (problem)
      context.addIssue({
        code: 'custom',
        message: `${JSON.stringify(source)} is not a valid regular expression: ${problem}`,
      });
  });

/** The largest `maxArticleSize`, in megabytes. */
export const maxArticleMegabytes = 1.25;

/** The schema of `gazette.config.json`. Every field is documented in the README. */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Feed title, also the digest's sender name when `sender` has none. */
  title: z.string().trim().min(1, 'must not be empty').refine(isHeaderText, controlsMessage),
  /** Feed subtitle. Default: none. */
  subtitle: z.string().trim().refine(isHeaderText, controlsMessage).optional(),
  /** Base of every link and of the entries' tag URIs; a trailing slash is added. */
  siteUrl: httpUrl,
  /** The feed's author; entries without their own author get this one. */
  author: z.strictObject({
    name: z.string().trim().min(1, 'must not be empty').refine(isHeaderText, controlsMessage),
    email: z.email('must be an email address').optional(),
  }),
  /** Language assumed when an article's language cannot be detected. */
  language: languageCode,
  /**
   * Articles larger than this many megabytes (of the file) are refused. Default 1, at most 1.25:
   * escaped as HTML in a feed, an article's text can grow sevenfold (a line of one `"` becomes
   * `<p>&quot;</p>`), and XML parsers refuse a text of more than 10,000,000 bytes.
   */
  maxArticleSize: z
    .number('must be a number of megabytes')
    .positive('must be more than 0')
    .max(
      maxArticleMegabytes,
      `must be at most ${maxArticleMegabytes}: a feed holding a larger article could have a text longer than XML parsers accept`,
    )
    .default(1),
  /** Time zone for dates written without one, and for dates shown in the digest. Default `UTC`. */
  timeZone: timeZone.default('UTC'),
  digest: z
    .strictObject({
      /** Subject and heading of the digest. Default: the feed title. */
      title: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .refine(isHeaderText, controlsMessage)
        .optional(),
      /** How many entries the digest holds at most, newest first. Default 10. */
      limit: z.int('must be a whole number').min(1).max(500).default(10),
      /** Items are grouped by their main tag when the digest has more than this many. Default 5. */
      groupAbove: z.int('must be a whole number').min(1).default(5),
      /** The sender's postal address or contact line, shown in the footer. Default: none. */
      contact: z.string().trim().optional(),
      /**
       * Where a reader unsubscribes with one click (RFC 8058); `{token}` becomes the reader's
       * token. Default: `<siteUrl>unsubscribe?token={token}`.
       */
      unsubscribeUrl: z
        .url({ protocol: /^https$/, error: 'must be an absolute https URL' })
        .optional(),
      /** Address that unsubscribe emails go to. Default: the sender's address. */
      unsubscribeEmail: z.email('must be an email address').optional(),
      /** DKIM signing of the digest. Default: unsigned (the relay may sign). */
      dkim: z
        .strictObject({
          domain: z.string().min(1),
          selector: z.string().min(1),
          /** PEM file of the private key, relative to the config file. */
          privateKeyFile: z.string().min(1),
        })
        .optional(),
    })
    .default({ limit: 10, groupAbove: 5 }),
  /**
   * The digest's From: `Name <address>` or an address. The name may hold any character but
   * line breaks and other controls; it is quoted in the header as needed.
   */
  sender: mailbox,
  feeds: z
    .strictObject({
      /** Entries in the main feed, newest first; older ones stay in archive pages. Default 50. */
      limit: z.int('must be a whole number').min(1).max(10_000).default(50),
      /** A WebSub hub announced in every feed. Default: none. */
      hub: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
      /** A tag gets its own feed once this many entries carry it. Default 5. */
      tagMinEntries: z.int('must be a whole number').min(1).default(5),
    })
    .default({ limit: 50, tagMinEntries: 5 }),
  /**
   * The project's own rules of page furniture, for saved pages (`.txt`, and Markdown without
   * Markdown structure) and, `drop` and `keep` only, for Markdown articles. Each is a list of
   * regular expressions in JavaScript syntax, each matched against a whole line (as if written
   * `^(?:…)$`, with the `u` flag, case counting: `[Pp]ublicité`), on the line as Gazette cleaned
   * it (inline markup removed, spaces folded). Default: both empty.
   */
  boilerplate: z
    .strictObject({
      /** Lines that are furniture wherever they stand, e.g. `Publicité`, `Lire aussi : .*`. */
      drop: z.array(lineExpression).default([]),
      /** Lines that are never furniture, whatever a built-in or learned rule says. Wins over `drop`. */
      keep: z.array(lineExpression).default([]),
    })
    .default({ drop: [], keep: [] }),
  subscriptions: z
    .strictObject({
      /**
       * The SQLite file of the readers' store, relative to the config file; it holds personal
       * data and is never committed. GAZETTE_DATABASE_URL (postgres://…) puts the store in a
       * PostgreSQL database instead. Default `gazette.db`.
       */
      database: z.string().trim().min(1, 'must not be empty').default(defaultDatabaseFile),
      /**
       * The public address of `gazette listen` (behind a reverse proxy): where the sign-up form
       * posts, and where the messages' unsubscribe and preferences links lead. Default: none.
       */
      url: z
        .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })
        .transform((url) => (url.endsWith('/') ? url : `${url}/`))
        .optional(),
      /**
       * The service is reached through a reverse proxy that sets X-Forwarded-For: the client's
       * address, for the rate limits, is the one the proxy gives. Default false: the
       * connection's own.
       */
      trustProxy: z.boolean().default(false),
    })
    .default({ database: defaultDatabaseFile, trustProxy: false }),
  send: z
    .strictObject({
      /**
       * Subscriber list (CSV or JSON), relative to the config file: imported into the store at
       * each send, which then goes to its readers only. Default: none, the store's active readers.
       */
      subscribers: z.string().min(1).optional(),
      /**
       * The first send takes the entries of this many days; later, an entry that appears with an
       * earlier date than the last send is news if dated at most this many days ago. Default 7.
       */
      firstWindowDays: z.number().positive().default(7),
      /** Sending to more recipients than this needs `--yes`. Default 10. */
      confirmAbove: z.int('must be a whole number').min(0).default(10),
      /** Messages per second at most. Default 10. */
      rateLimit: z.number().positive().default(10),
      /** Attempts after a temporary failure (4xx, dropped connection). Default 4. */
      retries: z.int('must be a whole number').min(0).max(20).default(4),
      /** Seconds before the first retry; each later one waits twice as long. Default 2. */
      retryDelay: z.number().min(0).default(2),
      /**
       * Seconds the SMTP server has to accept the connection, to greet, and to answer each
       * command, before the attempt fails as a temporary failure. Default 60: a relay answers
       * in seconds, and a stalled one would otherwise hold the send for nodemailer's 10 minutes.
       */
      timeout: z.number().positive().max(3600).default(60),
    })
    .default({
      firstWindowDays: 7,
      confirmAbove: 10,
      rateLimit: 10,
      retries: 4,
      retryDelay: 2,
      timeout: 60,
    }),
});

export type Config = z.input<typeof configSchema>;
/** The configuration once validated, with every default filled in. */
export type ResolvedConfig = z.output<typeof configSchema> & {
  digest: { title: string; unsubscribeUrl: string; unsubscribeEmail: string };
};

/**
 * Validates parsed JSON; `file` is how the user names the config file in messages, `text` the
 * file's text, when there is one, for the line of a wrong field.
 */
export function parseConfig(value: unknown, file: string, text?: string): ResolvedConfig {
  const result = configSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const problems = configProblems(result.error.issues, value).map(({ path, message }) => {
      const field = path.length ? path.join('.') : '(top level)';
      const line = text !== undefined ? lineOfJsonValue(text, path) : undefined;
      return new GazetteError('ConfigInvalid', `${field}: ${message}`, { file, line });
    });
    // In the order of the file, as the user reads it.
    problems.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0));
    if (problems.length === 1 && problems[0]) throw problems[0];
    throw new GazetteErrors(problems);
  }
  const config = result.data;
  const senderAddress = config.sender.address;
  return {
    ...config,
    sender: { name: config.sender.name || config.title, address: senderAddress },
    digest: {
      ...config.digest,
      title: config.digest.title ?? config.title,
      unsubscribeUrl:
        config.digest.unsubscribeUrl ??
        `${config.subscriptions.url ?? config.siteUrl}unsubscribe?token={token}`,
      unsubscribeEmail: config.digest.unsubscribeEmail ?? senderAddress,
    },
  };
}

/**
 * Every problem of a config, each at the path of the field it is about. An unknown field close
 * to a known one of its object ("siteURL", "limt") says which it may be; a required field that
 * such a misspelling stands for is not reported again as missing.
 */
function configProblems(
  issues: z.core.$ZodIssue[],
  value: unknown,
): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownFields(issue.path);
    const given = fieldsOf(value, issue.path);
    for (const key of issue.keys) {
      const guess = closest(
        key,
        known.filter((k) => !given.includes(k)),
      );
      if (guess) meant.add([...issue.path, guess].join('.'));
      problems.push({
        path: [...issue.path, key],
        message: `unknown field "${key}"${guess ? `: did you mean "${guess}"?` : known.length > 0 ? ` (the fields here: ${known.join(', ')})` : ''}`,
      });
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    if (
      meant.has(issue.path.join('.')) &&
      issue.code === 'invalid_type' &&
      issue.input === undefined
    )
      continue;
    problems.push({ path: issue.path, message: describeIssue(issue) });
  }
  return problems;
}

/** The fields the config's schema knows in the object at `path`. */
function knownFields(path: PropertyKey[]): string[] {
  let schema: z.core.$ZodType = configSchema;
  for (const key of [...path, undefined]) {
    // Through defaults, optionals and pipes, to the object itself.
    for (;;) {
      const def = schema._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
      const inner = def.innerType ?? def.in;
      if (!inner) break;
      schema = inner;
    }
    const shape = (schema._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
    if (!shape) return [];
    if (key === undefined) return Object.keys(shape).filter((k) => k !== '$schema');
    const next = shape[String(key)];
    if (!next) return [];
    schema = next;
  }
  return [];
}

function fieldsOf(value: unknown, path: PropertyKey[]): string[] {
  let current = value;
  for (const key of path) current = (current as Record<PropertyKey, unknown> | undefined)?.[key];
  return current && typeof current === 'object' ? Object.keys(current) : [];
}

/** The known name a mistyped one most likely stands for: same letters but case, or two edits. */
function closest(given: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of known) {
    const distance =
      name.toLowerCase() === given.toLowerCase()
        ? 0
        : editDistance(given.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return bestDistance <= Math.min(2, Math.floor(given.length / 3) + 1) ? best : undefined;
}

/** Levenshtein distance: the insertions, deletions and substitutions from `a` to `b`. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] ?? 0;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return issue.message;
}

/** Reads and validates the config file. */
export async function readConfig(path: string, displayPath: string): Promise<ResolvedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new GazetteError('ConfigNotFound', 'cannot read the config file', { file: displayPath });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const line = position ? text.slice(0, Number(position)).split('\n').length : undefined;
    throw new GazetteError('ConfigInvalidJson', `not valid JSON (${(error as Error).message})`, {
      file: displayPath,
      line,
    });
  }
  return parseConfig(value, displayPath, text);
}

/** Options of `build` as a caller gives them. */
export interface BuildOptions {
  /** Folder of articles. Default `seeds`. */
  input?: string;
  /** Output folder. Default `out`. */
  out?: string;
  /** Config file. Default `gazette.config.json`. */
  config?: string;
  /** Folder that relative paths are resolved against. Default: the current directory. */
  cwd?: string;
  /**
   * Folder of the user's templates, each of which replaces Gazette's own of the same name.
   * Default: `templates/` beside the config file.
   */
  templates?: string;
  /** Build without the invalid articles, listing them as warnings. Default false. */
  skipInvalid?: boolean | undefined;
  /** Fail on warnings too. Default false. */
  strict?: boolean | undefined;
  /**
   * Show the drafts (`draft: true`), flagged, in the feeds, pages and `entries.json`, for a
   * preview; the digest stays what `send` would send, without them. Default false: left out.
   */
  drafts?: boolean | undefined;
  /** Cache of normalized articles; `false` for none. Default `.gazette-cache` beside the config. */
  cacheDir?: string | false | undefined;
}

/** A path as Gazette uses it, and as the user wrote it (for messages). */
export interface ResolvedPath {
  path: string;
  display: string;
}

export interface ResolvedBuildOptions {
  /** The folder the options' paths are relative to, and shown relative to. */
  cwd: string;
  input: ResolvedPath;
  out: ResolvedPath;
  config: ResolvedPath;
  /** Where templates are looked for, first match wins: the user's folder, then Gazette's. */
  templates: string[];
  cacheDir: string | undefined;
}

export const defaultTemplates = join(packageRoot, 'templates');

export function resolveBuildOptions(options: BuildOptions): ResolvedBuildOptions {
  const cwd = options.cwd ?? process.cwd();
  const at = (given: string): ResolvedPath => ({ path: resolve(cwd, given), display: given });
  const config = at(options.config ?? 'gazette.config.json');
  const cacheDir =
    options.cacheDir === false
      ? undefined
      : options.cacheDir
        ? resolve(cwd, options.cacheDir)
        : join(dirname(config.path), '.gazette-cache');
  return {
    cwd,
    input: at(options.input ?? 'seeds'),
    out: at(options.out ?? 'out'),
    config,
    templates: [
      ...new Set([
        options.templates
          ? resolve(cwd, options.templates)
          : join(dirname(config.path), 'templates'),
        defaultTemplates,
      ]),
    ],
    cacheDir,
  };
}
