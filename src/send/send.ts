import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { type BuildResult, build } from '../build.ts';
import {
  type BuildOptions,
  type ResolvedBuildOptions,
  type ResolvedConfig,
  resolveBuildOptions,
} from '../config.ts';
import type { Entry, EntryTexts } from '../entry.ts';
import { GazetteError } from '../errors.ts';
import { acquireLock } from '../lock.ts';
import { parseDate, TimeZone } from '../normalize/dates.ts';
import { isExampleHost } from '../normalize/provisional-ids.ts';
import type { BuildEngine } from '../ports.ts';
import type { DigestTemplates } from '../read/digest-files.ts';
import { type SentDigest, sentDigestsFolder } from '../read/sent-digests.ts';
import { readSubscribers, type Subscriber } from '../read/subscribers.ts';
import { digestChoice, type RenderedDigest, renderDigest } from '../render/digest.ts';
import type { MjmlCompiler } from '../render/mjml.ts';
import { personalize } from '../render/personalize.ts';
import {
  holdSendLock,
  openStore,
  type ReaderStore,
  resolveStoreLocation,
} from '../subscriptions/database.ts';
import {
  countBouncedSince,
  type ImportSummary,
  importReaders,
  listReaders,
  type Reader,
  readersByEmail,
} from '../subscriptions/readers.ts';
import { createStoreSendStore, takeOverSendFiles } from '../subscriptions/send-store.ts';
import type { Warning } from '../warnings.ts';
import { type DigestArchive, recordDigest, recordUrl, updateRecord } from './archive.ts';
import { type Delivered, deliver, type ProgressEvent } from './deliver.ts';
import { writeOutbox } from './outbox.ts';
import { type Selection, seenNow, selectNews, selectSince } from './select.ts';
import { createSmtpTransport, type MailTransport, parseSmtpUrl } from './smtp.ts';
import type { FrozenDigest, SendState } from './state.ts';
import type { SendStore } from './store.ts';
import { type DigestPlan, mainVariant, planDigests } from './variants.ts';

export type { RecipientStatus } from './deliver.ts';

/** The messages a dry run writes for each digest of a send: its first readers'. */
const outboxPerDigest = 20;

/** The lock file of a project's sends, beside its config file. */
export const sendLockFile = '.gazette-send.lock';

/** What `send` is asked: a build's options but `drafts`, for a draft is never sent. */
export interface SendOptions extends Omit<BuildOptions, 'drafts'> {
  /** Test send to these addresses: the list and its state are left alone. */
  to?: string[] | undefined;
  /** Subscriber list (CSV or JSON). Default: `send.subscribers` from the config. */
  subscribers?: string | undefined;
  /** Take the entries published since this date, instead of those not sent yet. */
  since?: string | undefined;
  /** Write the messages to `out/outbox/` instead of sending them. */
  dryRun?: boolean | undefined;
  /** Confirms a send to more than `send.confirmAbove` recipients. */
  yes?: boolean | undefined;
}

/** What `sendDigest` is asked by a preview: the digest one reader would get, nothing sent. */
interface PreviewOptions extends SendOptions {
  previewFor?: Subscriber | undefined;
}

export interface SendDeps {
  now: () => Date;
  /** The mail transport; else one is made from `smtpUrl`. */
  transport?: MailTransport | undefined;
  /** `GAZETTE_SMTP_URL`, read by the caller from the environment. */
  smtpUrl?: string | undefined;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (event: ProgressEvent) => void;
  /** MJML's compiler, for the build and the digest; default: the engine's, else this thread's. */
  compileMjml?: MjmlCompiler | undefined;
  /** The incremental engine of the build that comes first. */
  engine?: BuildEngine | undefined;
  /** `GAZETTE_DATABASE_URL`, read by the caller: the readers' store in PostgreSQL. */
  databaseUrl?: string | undefined;
}

export interface SendResult extends Delivered {
  /** Nothing was new: no digest. */
  nothingNew: boolean;
  since: string;
  digestId?: string;
  subject?: string;
  items: { title: string; url: string }[];
  /** The digest is one that an earlier send started: finished as it was then. */
  resumed: boolean;
  /** A send for real: the digest's page, where its readers' "view in browser" link leads. */
  archiveUrl?: string;
  recipients: number;
  /** Entries that appeared since the last send but are dated too long before it. */
  tooOld: { count: number; titles: string[] };
  warnings: Warning[];
  dryRun: boolean;
  /** Messages written by a dry run, relative to the output folder. */
  outbox: string[];
  /** Readers a dry run found waiting for the digest (its outbox shows the first of each). */
  waiting: number;
  /** How many readers of each digest a dry run writes the messages of. */
  shownPerDigest: number;
  /** The digest of the reader a preview asked about (`previewNextDigest`). */
  previewDigest?: RenderedDigest | undefined;
  /** The store had sent nothing yet: the news are those of the first-send window. */
  firstSend: boolean;
  /** Readers of the file that the store does not know yet (a dry run does not import them). */
  notImported: number;
  /** What an import of the subscriber file changed, when a send made one. */
  imported?: ImportSummary | undefined;
  /** Readers with nothing new in their topics: sent nothing. */
  nothingForThem: number;
  /** Readers marked as bounced since the last send (`gazette bounces`, or its refusals). */
  bouncedSince: number;
  /** The digests of the send: each one's language, topics, entries and readers. */
  plan: { language: string; topics: string[]; entries: number; readers: string[] }[];
}

/**
 * Builds, then sends the news as one digest to every recipient, exactly once each. Only one
 * send of a project runs at a time. The digest is frozen in the send state before the first
 * message goes, and a ledger records each recipient's outcome before the next is tried: a run
 * stopped at any point, or by a server that says "later", is finished by the next one, with
 * the same digest, before anything newer.
 */
export async function send(options: SendOptions, deps: SendDeps): Promise<SendResult> {
  // A mistake in the server's URL is told before anything is built.
  if (deps.smtpUrl && !deps.transport) parseSmtpUrl(deps.smtpUrl);
  const resolved = resolveBuildOptions(options);
  // A test send and a dry run change nothing of the list's: they run beside a send.
  const recording = !options.dryRun && !options.to?.length;
  const lock = recording
    ? await acquireLock(join(dirname(resolved.config.path), sendLockFile), {
        error: 'SendLocked',
        what: 'the send lock',
      })
    : undefined;
  try {
    // Even asked by a caller that slips `drafts` past the type: what is sent is never a draft.
    const building = () =>
      build(
        { ...options, drafts: false },
        {
          now: deps.now,
          compileMjml: deps.compileMjml,
          engine: deps.engine,
        },
      );
    const built = await building();
    const location = resolveStoreLocation(built.config, resolved.config, deps.databaseUrl);
    const readers = await openStore(location, { create: false }).catch((error) => {
      // A test send changes nothing of the list's, and needs no store.
      if (options.to?.length && error instanceof GazetteError && error.name === 'StoreNotFound')
        return undefined;
      throw error;
    });
    let releaseStore: (() => Promise<void>) | undefined;
    try {
      if (readers && recording) releaseStore = await holdSendLock(readers);
      const warnings: Warning[] = [];
      const host = new URL(built.config.siteUrl).hostname;
      if (isExampleHost(host))
        warnings.push({
          message: `siteUrl is at ${host}, a reserved example domain: the links your readers get lead nowhere, and the entries' ids become permanent with the first digest sent. Set the site's own address first.`,
          location: { file: resolved.config.display },
        });
      if (readers && recording) {
        const folder = dirname(resolved.out.path);
        const took = await takeOverSendFiles(readers, folder, dirname(resolved.out.display));
        if (took) warnings.push({ message: took, location: { file: location.display } });
      }
      const archive: DigestArchive = {
        folder: join(dirname(resolved.config.path), sentDigestsFolder),
        display: join(dirname(resolved.config.display), sentDigestsFolder),
      };
      const result = await sendDigest(options, deps, {
        ...built,
        readers,
        store: readers ? createStoreSendStore(readers) : undefined,
        recording,
        archive,
        // The output again, with the page of a digest recorded since the build.
        publish: async () => {
          await building();
        },
      });
      result.warnings.unshift(...warnings);
      return result;
    } finally {
      await releaseStore?.();
      await readers?.close();
    }
  } finally {
    lock?.release();
  }
}

/**
 * The digest the next `send` would send to a reader of the config's language who follows every
 * topic: the entries not sent yet (or those of a digest still being sent), worded as for that
 * reader, as `send --dry-run` writes it. Undefined when nothing is new. Nothing is written: a
 * project without a store yet previews the first send's.
 */
export async function previewNextDigest(
  built: BuildResult,
  options: BuildOptions,
  deps: Pick<SendDeps, 'now' | 'databaseUrl' | 'compileMjml' | 'engine'>,
): Promise<RenderedDigest | undefined> {
  const resolved = resolveBuildOptions(options);
  const location = resolveStoreLocation(built.config, resolved.config, deps.databaseUrl);
  const readers = await openStore(location, { create: false }).catch((error) => {
    if (error instanceof GazetteError && error.name === 'StoreNotFound') return undefined;
    throw error;
  });
  try {
    const result = await sendDigest(
      {
        ...options,
        dryRun: true,
        previewFor: { email: built.config.sender.address, lang: built.config.language },
      },
      { ...deps },
      {
        ...built,
        readers,
        store: readers ? createStoreSendStore(readers) : undefined,
        recording: false,
        archive: { folder: '', display: '' },
        publish: async () => {},
      },
    );
    return result.previewDigest;
  } finally {
    await readers?.close();
  }
}

interface SendContext {
  config: ResolvedConfig;
  entries: readonly Entry[];
  /** The build's digest, of its newest entries, and the templates it was rendered with. */
  renderedDigest: RenderedDigest;
  templates: DigestTemplates;
  /** When each entry was first built as one, by id, where the id map knows it. */
  firstSeen: ReadonlyMap<string, string>;
  /** The readers' store; none only for a test send of a project that has none. */
  readers: ReaderStore | undefined;
  store: SendStore | undefined;
  recording: boolean;
  /** Where the digests sent for real are recorded, and how the output gets their pages. */
  archive: DigestArchive;
  publish: () => Promise<void>;
  /** The texts of the entries that carry none (kept in the cache). */
  texts: EntryTexts | undefined;
}

async function sendDigest(
  options: PreviewOptions,
  deps: SendDeps,
  {
    config,
    entries,
    firstSeen,
    readers,
    store,
    recording,
    renderedDigest,
    templates,
    texts,
    archive,
    publish,
  }: SendContext,
): Promise<SendResult> {
  const resolved = resolveBuildOptions(options);
  const state = (await store?.readState()) ?? { sent: [] };
  const now = deps.now();
  const resuming = options.since ? undefined : resumable(state, entries);
  if (state.pending && options.since && recording) {
    throw new GazetteError(
      'SendIncomplete',
      `the digest "${state.pending.frozen?.subject ?? state.pending.digest}" is still being sent: send it to everyone (without --since) before another`,
    );
  }
  const selection = resuming
    ? undefined
    : options.since
      ? selectSince(entries, sinceDate(options.since, config))
      : selectNews(entries, state, now, config.send.firstWindowDays, firstSeen);
  const result = emptyResult(options, state, selection);
  const news = selection?.entries ?? [];
  if (!resuming && news.length === 0) {
    result.nothingNew = true;
    if (recording && store) await rememberSeen(store, state, entries);
    return result;
  }

  if (readers && state.lastSend)
    result.bouncedSince = await countBouncedSince(readers, state.lastSend);
  const recipients = options.previewFor
    ? [options.previewFor]
    : await resolveRecipients(options, config, resolved, readers, deps.now(), result);
  if (recording && recipients.length > config.send.confirmAbove && !options.yes) {
    throw new GazetteError(
      'ConfirmationNeeded',
      `this would send the digest to ${recipients.length} recipients (more than send.confirmAbove, ${config.send.confirmAbove})`,
    );
  }
  const digestOf = async (chosen: readonly Entry[]) =>
    // The news are most often the newest entries, whose digest the build rendered already.
    sameItems(digestChoice(chosen, config), digestChoice(entries, config))
      ? renderedDigest
      : await renderDigest(
          chosen,
          config,
          templates,
          deps.compileMjml ?? deps.engine?.compileMjml,
          texts,
        );
  const digest =
    resuming?.frozen ??
    freeze(
      await digestOf(resuming ? entries.filter((e) => resuming.entries.includes(e.id)) : news),
      entries,
    );
  const digestId = resuming?.digest ?? digestIdOf(digest);
  const chosenAt = resuming?.chosen ?? now.toISOString();
  // Each reader's own digest: their language, and the entries of their topics among its own.
  const ofDigest = new Set(digest.ids);
  const frozenVariants = resuming?.variants ?? {};
  const plans = await planDigests(recipients, {
    main: digest,
    news: entries.filter((e) => ofDigest.has(e.id)),
    frozen: frozenVariants,
    render: async (chosen, lang) =>
      freeze(
        await renderDigest(
          chosen,
          config,
          templates,
          deps.compileMjml ?? deps.engine?.compileMjml,
          texts,
          lang,
        ),
        entries,
      ),
  });
  const variants: Record<string, FrozenDigest | null> = { ...frozenVariants };
  for (const plan of plans) if (plan.key !== mainVariant) variants[plan.key] = plan.digest ?? null;
  const served = plans.flatMap((plan) => (plan.digest ? plan.readers : []));
  Object.assign(result, {
    digestId,
    subject: digest.subject,
    items: digest.items,
    recipients: served.length,
    nothingForThem: recipients.length - served.length,
    resumed: Boolean(resuming),
    plan: plans.map((plan) => ({
      language: plan.lang,
      topics: plan.topics,
      entries: plan.digest?.ids.length ?? 0,
      readers: plan.readers.map((reader) => reader.email),
    })),
  });
  // A test send goes to its addresses whatever the list's readers had.
  const done = options.to?.length || !store ? new Map() : await store.readOutcomes(digestId);
  const digestFor = digestsByReader(plans);

  if (options.previewFor) {
    result.previewDigest = served.length > 0 ? digestFor(options.previewFor) : undefined;
    return result;
  }
  if (options.dryRun) {
    const waiting = (reader: Subscriber) => !done.has(reader.email.toLowerCase());
    // What each digest looks like for its first readers: a list of thousands needs no more.
    const shown = plans.flatMap((plan) =>
      plan.digest ? plan.readers.filter(waiting).slice(0, outboxPerDigest) : [],
    );
    result.outbox = await writeOutbox(resolved.out.path, digestFor, config, shown, now);
    result.waiting = served.filter(waiting).length;
    result.skipped = served.length - result.waiting;
    return result;
  }
  // What this digest's send saw: recorded when it was frozen, kept while it is resumed.
  const seen = resuming?.frozen && state.seen ? state.seen : seenNow(entries, state.sent);
  const newVariants = Object.keys(variants).length > Object.keys(frozenVariants).length;
  if (recording && store && (!resuming?.frozen || newVariants)) {
    await store.writeState({
      ...state,
      seen,
      pending: {
        digest: digestId,
        entries: digest.ids,
        chosen: chosenAt,
        frozen: digest,
        variants,
      },
    });
  }
  // A digest sent for real has its page, which its readers' "view in browser" link leads to:
  // recorded, and in the output, before the first reader gets the link. A resumed sending finds
  // its record, and the build before it has published the page already.
  let record: SentDigest | undefined;
  let sending = digestFor;
  if (recording) {
    const recorded = await recordDigest(archive, { digestId, digest, chosen: chosenAt, config });
    if (recorded.created) await publish();
    record = recorded.record;
    const viewUrl = recordUrl(record, config);
    result.archiveUrl = viewUrl;
    const viewed = new Map<RenderedDigest, RenderedDigest>();
    sending = (reader) => {
      const own = digestFor(reader);
      let made = viewed.get(own);
      if (!made) {
        made = { ...own, ...personalize(own, { viewUrl }) };
        viewed.set(own, made);
      }
      return made;
    };
  }
  const transport = deps.transport ?? createTransport(deps.smtpUrl, config);
  const recorder = recording ? await store?.openRecorder() : undefined;
  try {
    Object.assign(
      result,
      await deliver({
        digestOf: sending,
        digestId,
        config,
        recipients: served,
        transport,
        done,
        recorder,
        now: deps.now,
        sleep: deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
        onProgress: deps.onProgress,
      }),
    );
  } finally {
    transport.close?.();
  }
  if (record && store) {
    const outcomes = await store.readOutcomes(digestId);
    updateRecord(archive, record, {
      recipients: [...outcomes.values()].filter((outcome) => outcome.result === 'sent').length,
      complete: result.pending === 0,
      now: deps.now(),
    });
  }
  if (recording && store && result.pending === 0) {
    // Every recipient is served or refused for good: the digest is complete.
    const ids = new Set(digest.ids);
    await store.writeState({
      sent: [...new Set([...state.sent, ...digest.ids])],
      lastSend: chosenAt,
      seen: seen.filter((id) => !ids.has(id)),
    });
  }
  return result;
}

/**
 * The digest an earlier send started, if any. One that a version of Gazette before frozen
 * digests started is rendered again from its entries, if any of them is still there.
 */
function resumable(state: SendState, entries: readonly Entry[]): SendState['pending'] {
  const pending = state.pending;
  if (pending?.frozen) return pending;
  const ids = new Set(pending?.entries);
  return entries.some((e) => ids.has(e.id)) ? pending : undefined;
}

function emptyResult(
  options: SendOptions,
  state: SendState,
  selection: Selection | undefined,
): SendResult {
  const tooOld = [...(selection?.tooOld ?? [])].sort(
    (a, b) => Date.parse(b.published) - Date.parse(a.published),
  );
  return {
    nothingNew: false,
    since: selection?.since ?? state.lastSend ?? '',
    items: [],
    resumed: false,
    recipients: 0,
    sent: 0,
    skipped: 0,
    failed: [],
    pending: 0,
    deferred: [],
    tooOld: { count: tooOld.length, titles: tooOld.slice(0, 3).map((e) => e.title) },
    warnings: [],
    dryRun: Boolean(options.dryRun),
    outbox: [],
    firstSend:
      !options.since && !options.to?.length && state.lastSend === undefined && !state.pending,
    notImported: 0,
    nothingForThem: 0,
    bouncedSince: 0,
    plan: [],
    waiting: 0,
    shownPerDigest: outboxPerDigest,
  };
}

/** A send with nothing new still records what it saw, so that it is not news later. */
async function rememberSeen(
  store: SendStore,
  state: SendState,
  entries: readonly Entry[],
): Promise<void> {
  const seen = seenNow(entries, state.sent);
  if (JSON.stringify(seen) !== JSON.stringify(state.seen))
    await store.writeState({ ...state, seen });
}

/** The digest as it will be sent, with what the summary shows of its entries. */
function sameItems(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function freeze(digest: RenderedDigest, entries: readonly Entry[]): FrozenDigest {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    ...digest,
    items: digest.ids.map((id) => ({
      title: byId.get(id)?.title ?? id,
      url: byId.get(id)?.url ?? '',
    })),
  };
}

/** Each reader's digest, by address, from the plans of a send. */
function digestsByReader(plans: readonly DigestPlan[]): (reader: Subscriber) => RenderedDigest {
  const byReader = new Map<string, RenderedDigest>();
  for (const plan of plans)
    if (plan.digest)
      for (const reader of plan.readers) byReader.set(reader.email.toLowerCase(), plan.digest);
  return (reader) => {
    const digest = byReader.get(reader.email.toLowerCase());
    if (!digest) throw new Error(`no digest planned for ${reader.email}`);
    return digest;
  };
}

/** A digest is known by the entries it holds (and their versions). */
function digestIdOf(digest: RenderedDigest): string {
  return createHash('sha256')
    .update(digest.ids.join('\n'))
    .update(digest.date)
    .digest('hex')
    .slice(0, 16);
}

function sinceDate(since: string, config: ResolvedConfig): Date {
  const date = parseDate(since, new TimeZone(config.timeZone));
  if (Number.isNaN(date.getTime())) {
    throw new GazetteError('ConfigInvalid', `--since: "${since}" is not a date such as 2025-01-05`);
  }
  return date;
}

/**
 * The catalogue's error for a send that left some recipients unserved, or undefined: pending
 * ones first (the next send serves them), then those refused for good.
 */
export function sendProblem(result: SendResult): GazetteError | undefined {
  const refused = result.failed.length;
  if (result.pending > 0) {
    const why = result.stopped
      ? `the connection failed (${result.stopped}), so the run stopped`
      : 'the server said "try later" until the retries ran out';
    return new GazetteError(
      'SendIncomplete',
      `${result.pending} recipient(s) not served yet: ${why}${refused > 0 ? `; ${refused} refused for good` : ''}`,
    );
  }
  if (refused > 0)
    return new GazetteError('SendFailed', `${refused} recipient(s) could not be served`);
  return undefined;
}

/**
 * Whom the digest goes to: the addresses of a test send; else the readers of the subscriber
 * file (`--subscribers`, or the config's `send.subscribers`), imported into the store first and
 * left out when the store knows them as not active; else the store's active readers.
 */
async function resolveRecipients(
  options: SendOptions,
  config: ResolvedConfig,
  resolved: ResolvedBuildOptions,
  readers: ReaderStore | undefined,
  now: Date,
  result: SendResult,
): Promise<Subscriber[]> {
  if (options.to?.length) return options.to.map((email) => ({ email }));
  if (!readers) throw new Error("a send for the list needs the readers' store");
  const given = options.subscribers ?? config.send.subscribers;
  if (!given) {
    const active = await listReaders(readers, 'active');
    if (active.length === 0)
      throw new GazetteError('NoRecipients', "the readers' store has no active reader", {
        file: readers.location.display,
      });
    return active.map(recipientOf);
  }
  const path = options.subscribers
    ? resolve(resolved.cwd, options.subscribers)
    : resolve(dirname(resolved.config.path), given);
  const listed = await readSubscribers(path, given);
  if (listed.length === 0)
    throw new GazetteError('NoRecipients', 'the subscriber list is empty', { file: given });
  if (!options.dryRun)
    result.imported = await importReaders(readers, listed, {
      how: `imported from ${basename(given)}`,
      now,
    });
  const known = await readersByEmail(
    readers,
    listed.map((reader) => reader.email),
  );
  const recipients: Subscriber[] = [];
  for (const reader of listed) {
    const stored = known.get(reader.email.toLowerCase());
    if (!stored) {
      // Only a dry run meets a reader the store does not know: the send imports them first.
      result.notImported++;
      recipients.push({ email: reader.email, name: reader.name, lang: reader.lang });
    } else if (stored.status === 'active') recipients.push(recipientOf(stored));
  }
  if (recipients.length === 0)
    throw new GazetteError(
      'NoRecipients',
      'no reader of the subscriber list is active: each unsubscribed or bounced',
      { file: given },
    );
  return recipients;
}

function recipientOf(reader: Reader): Subscriber {
  return {
    email: reader.email,
    name: reader.name,
    lang: reader.lang,
    topics: reader.topics,
    token: reader.token,
  };
}

function createTransport(smtpUrl: string | undefined, config: ResolvedConfig): MailTransport {
  if (!smtpUrl) throw new GazetteError('SmtpNotConfigured', 'GAZETTE_SMTP_URL is not set');
  return createSmtpTransport(smtpUrl, config);
}
