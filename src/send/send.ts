import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { build, readTemplates } from '../build.ts';
import { type BuildOptions, type ResolvedConfig, resolveBuildOptions } from '../config.ts';
import type { Entry } from '../entry.ts';
import { GazetteError } from '../errors.ts';
import { parseDate } from '../normalize/dates.ts';
import { readSubscribers, type Subscriber } from '../read/subscribers.ts';
import { type RenderedDigest, renderDigest } from '../render/digest.ts';
import { digestMessageId, renderMessage } from '../render/message.ts';
import { ledgerKey, openLedger, readLedger } from './ledger.ts';
import { createSmtpTransport, describeFailure, isTemporary, type MailTransport } from './smtp.ts';
import { readSendState, type SendState, writeSendState } from './state.ts';

/** Files `send` keeps beside the output folder. */
export const sendFiles = { state: '.gazette-send.json', ledger: '.gazette-ledger.jsonl' } as const;

export interface SendOptions extends BuildOptions {
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

export type RecipientStatus = 'sent' | 'failed' | 'skipped' | 'retrying';

export interface SendDeps {
  now: () => Date;
  /** The mail transport; else one is made from `smtpUrl`. */
  transport?: MailTransport | undefined;
  /** `GAZETTE_SMTP_URL`, read by the caller from the environment. */
  smtpUrl?: string | undefined;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (event: {
    done: number;
    total: number;
    email: string;
    status: RecipientStatus;
    detail?: string;
  }) => void;
}

export interface SendResult {
  /** Nothing was new: no digest. */
  nothingNew: boolean;
  since: string;
  digestId?: string;
  subject?: string;
  items: { title: string; url: string }[];
  recipients: number;
  sent: number;
  skipped: number;
  failed: { email: string; reason: string }[];
  dryRun: boolean;
  /** Messages written by a dry run, relative to the output folder. */
  outbox: string[];
}

/**
 * Builds, then sends the entries not sent yet as one digest to every recipient, exactly once
 * each: a ledger records every recipient's outcome before the next is tried, so a run stopped
 * at any point resumes where it was.
 */
export async function send(options: SendOptions, deps: SendDeps): Promise<SendResult> {
  const { config, entries } = await build(options, { now: deps.now });
  const resolved = resolveBuildOptions(options);
  const folder = dirname(resolved.out.path);
  const statePath = join(folder, sendFiles.state);
  const testSend = (options.to?.length ?? 0) > 0;
  const state = await readSendState(
    statePath,
    join(dirname(resolved.out.display), sendFiles.state),
  );

  const selection = selectEntries(entries, state, config, deps.now(), options.since, testSend);
  const base: SendResult = {
    nothingNew: selection.entries.length === 0,
    since: selection.since,
    items: selection.entries.map((e) => ({ title: e.title, url: e.url })),
    recipients: 0,
    sent: 0,
    skipped: 0,
    failed: [],
    dryRun: Boolean(options.dryRun),
    outbox: [],
  };
  if (base.nothingNew) return base;

  const recipients = await resolveRecipients(options, config, resolved.config.path);
  if (
    !testSend &&
    !options.dryRun &&
    recipients.length > config.send.confirmAbove &&
    !options.yes
  ) {
    throw new GazetteError(
      'ConfirmationNeeded',
      `this would send the digest to ${recipients.length} recipients (more than send.confirmAbove, ${config.send.confirmAbove})`,
    );
  }
  const templates = await readTemplates(resolved.templates, resolved.cwd);
  const digest = await renderDigest(selection.entries, config, templates);
  const digestId = digestIdOf(digest);
  const result: SendResult = {
    ...base,
    digestId,
    subject: digest.subject,
    recipients: recipients.length,
  };
  result.items = digest.ids.map((id) => {
    const entry = selection.entries.find((e) => e.id === id);
    return { title: entry?.title ?? id, url: entry?.url ?? '' };
  });

  if (options.dryRun) {
    result.outbox = await writeOutbox(resolved.out.path, digest, config, recipients, deps.now());
    return result;
  }
  const transport = deps.transport ?? createTransport(deps.smtpUrl, config);
  try {
    if (!testSend)
      await writeSendState(statePath, {
        ...state,
        pending: { digest: digestId, entries: digest.ids },
      });
    await deliver(
      digest,
      digestId,
      config,
      recipients,
      transport,
      join(folder, sendFiles.ledger),
      deps,
      result,
      testSend,
    );
    if (!testSend) {
      const sent = [...new Set([...state.sent, ...digest.ids])];
      await writeSendState(statePath, { sent, lastSend: deps.now().toISOString() });
    }
  } finally {
    transport.close?.();
  }
  return result;
}

/** A digest is known by the entries it holds (and their versions). */
function digestIdOf(digest: RenderedDigest): string {
  return createHash('sha256')
    .update(digest.ids.join('\n'))
    .update(digest.date)
    .digest('hex')
    .slice(0, 16);
}

/**
 * The entries of this send: those of an unfinished digest first; else, with `since`, those
 * published since then; else those not sent yet, within the first-send window when the list
 * has never had a digest.
 */
function selectEntries(
  entries: Entry[],
  state: SendState,
  config: ResolvedConfig,
  now: Date,
  since: string | undefined,
  testSend: boolean,
): { entries: Entry[]; since: string } {
  if (state.pending && !since && !testSend) {
    const ids = new Set(state.pending.entries);
    const pending = entries.filter((e) => ids.has(e.id));
    if (pending.length > 0) return { entries: pending, since: state.lastSend ?? '' };
  }
  const floor = since
    ? parseDate(since, config.timeZone)
    : state.lastSend
      ? new Date(0)
      : new Date(now.getTime() - config.send.firstWindowDays * 86_400_000);
  if (Number.isNaN(floor.getTime())) {
    throw new GazetteError('ConfigInvalid', `--since: "${since}" is not a date such as 2025-01-05`);
  }
  const sent = new Set(since ? [] : state.sent);
  const chosen = entries.filter(
    (e) => !sent.has(e.id) && Date.parse(e.published) >= floor.getTime(),
  );
  return {
    entries: chosen,
    since: state.lastSend && !since ? state.lastSend : floor.toISOString(),
  };
}

async function resolveRecipients(
  options: SendOptions,
  config: ResolvedConfig,
  configPath: string,
): Promise<Subscriber[]> {
  if (options.to?.length) return options.to.map((email) => ({ email }));
  const given = options.subscribers ?? config.send.subscribers;
  if (!given)
    throw new GazetteError('NoRecipients', 'no recipients: neither --to nor a subscriber list');
  const path = options.subscribers
    ? resolve(options.cwd ?? process.cwd(), options.subscribers)
    : resolve(dirname(configPath), given);
  const subscribers = await readSubscribers(path, given);
  if (subscribers.length === 0)
    throw new GazetteError('NoRecipients', 'the subscriber list is empty', { file: given });
  return subscribers;
}

function createTransport(smtpUrl: string | undefined, config: ResolvedConfig): MailTransport {
  if (!smtpUrl) throw new GazetteError('SmtpNotConfigured', 'GAZETTE_SMTP_URL is not set');
  return createSmtpTransport(smtpUrl, config);
}

async function writeOutbox(
  out: string,
  digest: RenderedDigest,
  config: ResolvedConfig,
  recipients: Subscriber[],
  date: Date,
): Promise<string[]> {
  const folder = join(out, 'outbox');
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  let n = 0;
  for (const recipient of recipients) {
    const name = `${String(++n).padStart(4, '0')}-${recipient.email.replace(/[^\w.@+-]/g, '_')}.eml`;
    await writeFile(join(folder, name), await renderMessage(digest, config, { recipient, date }));
    written.push(`outbox/${name}`);
  }
  return written;
}

async function deliver(
  digest: RenderedDigest,
  digestId: string,
  config: ResolvedConfig,
  recipients: Subscriber[],
  transport: MailTransport,
  ledgerPath: string,
  deps: SendDeps,
  result: SendResult,
  testSend: boolean,
): Promise<void> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const done = testSend ? new Map() : await readLedger(ledgerPath);
  const ledger = testSend ? undefined : openLedger(ledgerPath);
  const from = /<([^>]+)>/.exec(config.sender)?.[1] ?? config.sender;
  const report = (email: string, status: RecipientStatus, detail?: string) =>
    deps.onProgress?.({
      done: result.sent + result.failed.length + result.skipped,
      total: recipients.length,
      email,
      status,
      detail,
    });
  try {
    for (const recipient of recipients) {
      if (done.has(ledgerKey(digestId, recipient.email))) {
        result.skipped++;
        report(recipient.email, 'skipped');
        continue;
      }
      const messageId = digestMessageId(digest, config, recipient);
      let attempt = 0;
      for (;;) {
        try {
          // The Date header is the time of each attempt; the Message-ID never changes.
          const raw = await renderMessage(digest, config, { recipient, date: deps.now() });
          await transport.sendMail({ envelope: { from, to: [recipient.email] }, raw });
          ledger?.append({
            digest: digestId,
            email: recipient.email,
            messageId,
            result: 'sent',
            at: deps.now().toISOString(),
          });
          result.sent++;
          report(recipient.email, 'sent');
          break;
        } catch (error) {
          const failure = describeFailure(error);
          if (isTemporary(error) && attempt < config.send.retries) {
            report(recipient.email, 'retrying', failure.response);
            await sleep(config.send.retryDelay * 1000 * 2 ** attempt++);
            continue;
          }
          ledger?.append({
            digest: digestId,
            email: recipient.email,
            messageId,
            result: 'failed',
            ...failure,
            at: deps.now().toISOString(),
          });
          result.failed.push({ email: recipient.email, reason: failure.response });
          report(recipient.email, 'failed', failure.response);
          break;
        }
      }
    }
  } finally {
    ledger?.close();
  }
}
