import { inert, inertLines, inertMessage } from './inert.ts';

/**
 * The catalogue of problems a user can cause and fix. Each has a permanent name (tests and
 * scripts match on it), a message that says what happened, and a hint that says what to do.
 * Anything thrown that is not a GazetteError is a bug in Gazette.
 */
export const errorCatalogue = {
  ConfigNotFound:
    'Run `gazette init` to make a project with its config, or point to the file with --config <file>.',
  ConfigInvalidJson: 'Fix the JSON syntax at the place shown.',
  ConfigInvalid: 'Correct the field as described; the README lists every field.',
  InputNotFound: 'Check the path given to --input.',
  InputEmpty: 'Add .txt or .md articles to the folder, or point --input at another one.',
  ArticleUnreadable: 'Check that the file exists and that you may read it.',
  ArticleTooLarge: 'Split the article, or raise maxArticleSize in the config.',
  ArticleBinary: 'Remove the file from the input folder, or give it another extension.',
  FrontMatterSyntax: 'Fix the YAML at the place shown, between the two --- lines.',
  FrontMatterUnclosed:
    'Close the front matter with a line of three dashes (---) after its last field, before the text.',
  FrontMatterLanguage:
    'Only YAML front matter is read: open the block with a line of three dashes alone (---).',
  FrontMatterInvalid: 'Correct the field as described; the README lists the recognised fields.',
  FileNameDateInvalid:
    'Rename the file with a real date (YYYY-MM-DD-title.md), or give it a `date` in front matter.',
  ArticleEmpty: 'Give the article some text, or remove the file.',
  IdMapInvalid: 'Restore gazette.ids.json from version control; without it ids would change.',
  DuplicateSlug: 'Give one of the two articles its own `slug` in front matter, or rename its file.',
  DuplicateId: 'Give one of the two articles its own `id` or `slug` in front matter.',
  TemplateNotFound: 'Restore the template, or check the templates folder.',
  TemplateInvalid: 'Fix the template at the place shown.',
  SubscribersNotFound: 'Check the path given to --subscribers (or send.subscribers in the config).',
  SubscribersInvalid:
    'Fix the row shown; the file needs an `email` column, and may have `name`, `lang`, `topics`.',
  NoRecipients:
    'Add readers with `gazette subscribers import <file.csv>` or `gazette subscribers add <email>`, or give --to <address> for a test send.',
  SmtpNotConfigured:
    'Set GAZETTE_SMTP_URL, e.g. smtp://user:password@smtp.example.org:587, or use --dry-run.',
  ConfirmationNeeded: 'Check the list, then run the same command with --yes.',
  SendFailed:
    'The servers of the addresses listed above refused them for good (5xx): correct them or remove them from the list; sending again will not retry them.',
  SendStateInvalid:
    'Restore the file from a backup, or delete it to start again from the first-send window.',
  DigestRecordInvalid:
    'Restore the record from version control (commit gazette.digests/ with the send state), or name it as the message says; deleting it takes its digest’s page off the site, which its readers’ "view in browser" link leads to.',
  StrictWarning: 'Fix the warning, or build without --strict.',
  PortInUse: 'Stop what uses the port, or choose another with --port.',
  CacheChanged:
    'Another command changed the cache meanwhile: build again (deleting the cache folder is always safe).',
  OutputFolderUnsafe:
    'Choose an output folder of its own, such as out/ (--out): Gazette replaces it as a whole.',
  OutputLocked:
    'Another build is writing this output folder: wait for it to end, or stop it, then build again.',
  SendLocked:
    'Another send of this project is running: let it finish (a send that was killed leaves no lock behind).',
  SendIncomplete:
    'Run send again later: the readers still pending are served first, before anything newer.',
  PortInvalid: 'Give a port number from 1 to 65535 (0: any free port), e.g. --port 8080.',
  BaseUrlInvalid:
    'Give the absolute http:// or https:// address the preview is reached at, e.g. --base-url https://preview.example.net/.',
  SmtpUrlInvalid:
    'Set GAZETTE_SMTP_URL to smtp://user:password@host:port (or smtps:// for TLS from the start).',
  OutputNotWritable: 'Check that the output folder can be written, or choose another with --out.',
  InitNotEmpty: 'Run init in a new or empty folder, or give it another folder: gazette init <dir>.',
  ArticleExists: 'Choose another title, or edit the existing article.',
  StoreNotFound:
    "Create the readers' store with `gazette subscribers import <file.csv>` (or `gazette subscribers add <email>`), or point to the one your sends use: `subscriptions.database` in the config, or GAZETTE_DATABASE_URL.",
  StoreInvalid:
    'Point `subscriptions.database` (or GAZETTE_DATABASE_URL) at the store Gazette made, or restore it from a backup.',
  StoreUnreachable:
    'Check that the database server runs and that GAZETTE_DATABASE_URL (postgres://user:password@host:5432/name) names it, its user and its password.',
  StoreNewer: 'Upgrade Gazette to the version that last used this store, or a later one.',
  DatabaseUrlInvalid:
    'Set GAZETTE_DATABASE_URL to postgres://user:password@host:5432/name, or unset it to use the SQLite file of `subscriptions.database`.',
  ServiceUrlMissing:
    'Set `subscriptions.url` in the config to the public address of `gazette listen` (behind your reverse proxy), e.g. https://news.example.org/subscriptions/.',
  MailboxNotFound:
    'Give the path of an mbox file, a Maildir or a folder of .eml files holding the bounces.',
  ReaderInvalid: 'Correct the value shown; `gazette subscribers add --help` lists the options.',
  ReaderNotFound: 'Check the address; `gazette subscribers list` lists the readers of the store.',
  ReaderLeft:
    'A reader who unsubscribed or whose address bounced is only brought back by signing up again, through the form.',
  ArticleNotInInput:
    'Give the path of an article of the input folder (--input), relative to the working folder or to the input folder.',
} as const;

export type ErrorName = keyof typeof errorCatalogue;

/** Where a problem is: a file path (as the user would type it) and, when known, a 1-based line. */
export interface Location {
  file: string;
  line?: number | undefined;
}

/** `file:line: `, `file: ` or nothing; the file name made inert, as everything user-given. */
export function formatLocation(location: Location | undefined): string {
  if (!location) return '';
  return `${inert(location.file)}${location.line ? `:${location.line}` : ''}: `;
}

/** `file:line: message`, ready for the terminal: the one form of every problem Gazette prints. */
export function formatProblem(location: Location | undefined, message: string): string {
  return `${formatLocation(location)}${inertMessage(message)}`;
}

/**
 * A bug's stack trace for the terminal: its message may quote a file name or a server's reply,
 * so the message is made inert whole and the lines of the trace one by one.
 */
export function formatBug(error: unknown): string {
  if (!(error instanceof Error)) return inert(String(error));
  const head = error.message ? `${error.name}: ${error.message}` : error.name;
  const stack = error.stack ?? head;
  if (!stack.startsWith(head)) return inertLines(stack);
  return `${inert(head)}${inertLines(stack.slice(head.length))}`;
}

/** A problem the user can fix. Printed without a stack trace. */
export class GazetteError extends Error {
  override readonly name: ErrorName;
  readonly location: Location | undefined;
  readonly hint: string;

  constructor(name: ErrorName, message: string, location?: Location) {
    super(message);
    this.name = name;
    this.location = location;
    this.hint = errorCatalogue[name];
  }

  /** `file:line: message (what to do)`, the form every user-facing error takes. */
  format(): string {
    return `${formatProblem(this.location, this.message)}\n  ${this.hint} [${this.name}]`;
  }
}

/** Several problems found in one pass, reported together. */
export class GazetteErrors extends Error {
  readonly errors: GazetteError[];

  constructor(errors: GazetteError[]) {
    super(`${errors.length} problem${errors.length === 1 ? '' : 's'} found`);
    this.name = 'GazetteErrors';
    this.errors = errors;
  }
}

export function isUserError(error: unknown): error is GazetteError | GazetteErrors {
  return error instanceof GazetteError || error instanceof GazetteErrors;
}
