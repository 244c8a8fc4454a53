import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config.ts';
import { formatDate, TimeZone } from '../normalize/dates.ts';
import { readSentDigests, type SentDigest, sentDigestName } from '../read/sent-digests.ts';
import { digestPageUrl } from '../render/digest-pages.ts';
import { messagesFor } from '../render/messages/index.ts';
import { personalize, personalValues } from '../render/personalize.ts';
import { notWritable, removeTemporaryLeftovers, writeFileAtomic } from '../write/atomic-file.ts';
import type { FrozenDigest } from './state.ts';

/** The folder of the records of the digests sent; `display` as the user names it. */
export interface DigestArchive {
  folder: string;
  display: string;
}

/**
 * The record of the digest `digestId`: the one an earlier run of its sending wrote, so that a
 * resumed send keeps its page and address; else a new one, written before anyone is sent its
 * link. Its day is the one its entries were `chosen` on, which a resumed send knows too.
 */
export async function recordDigest(
  archive: DigestArchive,
  {
    digestId,
    digest,
    chosen,
    config,
  }: { digestId: string; digest: FrozenDigest; chosen: string; config: ResolvedConfig },
): Promise<{ record: SentDigest; created: boolean }> {
  const records = await readSentDigests(archive.folder, archive.display);
  const known = records.find((record) => record.digest === digestId);
  if (known) return { record: known, created: false };
  const day = formatDate(new Date(chosen), new TimeZone(config.timeZone)).slice(0, 10);
  // Another digest of the same day whose id begins alike (one chance in four billion) keeps its
  // page: this one is named by the second half of its id.
  const taken = new Set(records.map(sentDigestName));
  const id = [digestId.slice(0, 8), digestId.slice(8, 16)].find(
    (part) => !taken.has(sentDigestName({ date: day, id: part })),
  );
  if (!id) throw new Error(`two digests of ${day} have the same id ${digestId}`);
  const name = { id, date: day };
  const viewUrl = digestPageUrl(name, config.siteUrl);
  // As `out/digest.html` is filled, for no reader in particular, but leading to its own page.
  const values = { ...personalValues(undefined, config, messagesFor(digest.language)), viewUrl };
  const record: SentDigest = {
    digest: digestId,
    ...name,
    subject: digest.subject,
    preheader: digest.preheader,
    language: digest.language,
    entries: digest.ids.map((id, i) => ({
      id,
      title: digest.items[i]?.title ?? id,
      url: digest.items[i]?.url ?? '',
    })),
    html: personalize(digest, values).html,
    status: 'sending',
    started: new Date(chosen).toISOString(),
    recipients: 0,
  };
  writeSentDigest(archive, record);
  return { record, created: true };
}

/**
 * The record once a run of the sending is over: how many readers have it so far, and, once
 * every reader is served or refused for good, that it was sent and when.
 */
export function updateRecord(
  archive: DigestArchive,
  record: SentDigest,
  { recipients, complete, now }: { recipients: number; complete: boolean; now: Date },
): SentDigest {
  const finished =
    complete && record.status !== 'sent'
      ? { status: 'sent' as const, finished: now.toISOString() }
      : {};
  const updated: SentDigest = { ...record, recipients, ...finished };
  if (JSON.stringify(updated) !== JSON.stringify(record)) writeSentDigest(archive, updated);
  return updated;
}

/** The URL of the page a record's digest has in the output. */
export function recordUrl(record: SentDigest, config: ResolvedConfig): string {
  return digestPageUrl(record, config.siteUrl);
}

/** Written as a whole or not at all, as the send state is. */
function writeSentDigest(archive: DigestArchive, record: SentDigest): void {
  try {
    mkdirSync(archive.folder, { recursive: true });
  } catch (error) {
    throw notWritable(error, archive.display, 'the folder');
  }
  // What a killed send was writing there.
  removeTemporaryLeftovers(archive.folder);
  const file = `${sentDigestName(record)}.json`;
  writeFileAtomic(
    join(archive.folder, file),
    `${JSON.stringify(record, null, 2)}\n`,
    join(archive.display, file),
  );
}
