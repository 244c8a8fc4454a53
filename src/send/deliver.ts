import type { ResolvedConfig } from '../config.ts';
import type { Subscriber } from '../read/subscribers.ts';
import type { RenderedDigest } from '../render/digest.ts';
import { digestMessageId, renderMessage } from '../render/message.ts';
import { classifyFailure } from './failure.ts';
import type { LedgerRecord } from './ledger.ts';
import type { MailTransport } from './smtp.ts';
import type { OutcomeRecorder } from './store.ts';

export type RecipientStatus = 'sent' | 'failed' | 'skipped' | 'retrying' | 'pending';

export interface ProgressEvent {
  done: number;
  total: number;
  email: string;
  status: RecipientStatus;
  detail?: string | undefined;
}

/** What became of each recipient in this run. */
export interface Delivered {
  sent: number;
  /** Served by an earlier run. */
  skipped: number;
  /** Refused for good (5xx), or, in a test send, not served. */
  failed: { email: string; reason: string }[];
  /** Not served yet: told "later" until the retries ran out, or never tried. */
  pending: number;
  /** Recipients the server told "later" until the retries ran out, with its answer. */
  deferred: { email: string; reason: string }[];
  /** Why the run stopped before trying everyone: the connection failed. */
  stopped?: string | undefined;
}

export interface DeliveryOptions {
  /** Each recipient's own digest (their language, their topics). */
  digestOf: (recipient: Subscriber) => RenderedDigest;
  digestId: string;
  config: ResolvedConfig;
  recipients: Subscriber[];
  transport: MailTransport;
  /** The final outcomes of earlier runs, by lower-cased address. */
  done: Map<string, LedgerRecord>;
  /** Where outcomes are recorded; none for a test send. */
  recorder: OutcomeRecorder | undefined;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  onProgress?: ((event: ProgressEvent) => void) | undefined;
}

/**
 * Sends the digest to each recipient not yet served, one after the other, each outcome recorded
 * before the next is tried. A recipient's part ends when the server accepts the message or
 * refuses it for good; "later" is retried, then left pending for the next run. When the
 * connection itself fails, every other recipient would meet the same: the run stops, and they
 * all stay pending.
 */
export async function deliver(options: DeliveryOptions): Promise<Delivered> {
  const { digestOf, digestId, config, recipients, transport, done, recorder } = options;
  const result: Delivered = { sent: 0, skipped: 0, failed: [], pending: 0, deferred: [] };
  const from = config.sender.address;
  const report = (email: string, status: RecipientStatus, detail?: string) =>
    options.onProgress?.({
      done: result.sent + result.failed.length + result.skipped + result.pending,
      total: recipients.length,
      email,
      status,
      detail,
    });
  for (const recipient of recipients) {
    if (done.has(recipient.email.toLowerCase())) {
      result.skipped++;
      report(recipient.email, 'skipped');
      continue;
    }
    if (result.stopped !== undefined) {
      if (recorder) result.pending++;
      else result.failed.push({ email: recipient.email, reason: `not tried: ${result.stopped}` });
      continue;
    }
    const digest = digestOf(recipient);
    const messageId = digestMessageId(digest, config, recipient);
    const outcome = async (fields: Pick<LedgerRecord, 'result' | 'code' | 'response'>) =>
      await recorder?.record({
        digest: digestId,
        email: recipient.email,
        messageId,
        ...fields,
        at: options.now().toISOString(),
      });
    for (let attempt = 0; ; attempt++) {
      // The Date header is the time of each attempt; the Message-ID never changes.
      const raw = await renderMessage(digest, config, { recipient, date: options.now() });
      try {
        await transport.sendMail({ envelope: { from, to: [recipient.email] }, raw });
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind === 'refused') {
          await outcome({ result: 'refused', code: failure.code, response: failure.response });
          result.failed.push({ email: recipient.email, reason: failure.response });
          report(recipient.email, 'failed', failure.response);
          break;
        }
        if (failure.temporary && attempt < config.send.retries) {
          report(recipient.email, 'retrying', failure.response);
          await options.sleep(config.send.retryDelay * 1000 * 2 ** attempt);
          continue;
        }
        if (failure.kind === 'connection') result.stopped = failure.response;
        else result.deferred.push({ email: recipient.email, reason: failure.response });
        if (recorder) result.pending++;
        else result.failed.push({ email: recipient.email, reason: failure.response });
        report(recipient.email, recorder ? 'pending' : 'failed', failure.response);
        break;
      }
      await outcome({ result: 'sent' });
      result.sent++;
      report(recipient.email, 'sent');
      break;
    }
  }
  return result;
}
