import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config.ts';
import type { Subscriber } from '../read/subscribers.ts';
import type { RenderedDigest } from '../render/digest.ts';
import { renderMessage } from '../render/message.ts';

/**
 * A dry run's messages, one `.eml` per recipient in `out/outbox/`, each of their own digest;
 * their paths from `out/`.
 */
export async function writeOutbox(
  out: string,
  digestOf: (recipient: Subscriber) => RenderedDigest,
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
    await writeFile(
      join(folder, name),
      await renderMessage(digestOf(recipient), config, { recipient, date }),
    );
    written.push(`outbox/${name}`);
  }
  return written;
}
