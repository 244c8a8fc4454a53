import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { ResolvedConfig } from '../config.ts';
import type { RenderedDigest } from './digest.ts';

/** A Message-ID that depends only on what the digest holds, so a rebuild gives the same one. */
export function digestMessageId(digest: RenderedDigest, config: ResolvedConfig): string {
  const hash = createHash('sha256')
    .update(digest.ids.join('\n'))
    .update(digest.date)
    .digest('hex')
    .slice(0, 24);
  return `<digest-${hash}@${new URL(config.siteUrl).hostname}>`;
}

/**
 * The digest as one `multipart/alternative` message (plain text and HTML, both UTF-8), byte for
 * byte the same for the same digest: the date, Message-ID and MIME boundary are all derived.
 */
export async function renderMessage(
  digest: RenderedDigest,
  config: ResolvedConfig,
  to: string = config.sender,
): Promise<Buffer> {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  const messageId = digestMessageId(digest, config);
  const info = await transport.sendMail({
    from: config.sender,
    to,
    subject: digest.subject,
    date: new Date(digest.date),
    messageId,
    baseBoundary: messageId.slice(8, 20),
    text: digest.text,
    html: digest.html,
    textEncoding: 'quoted-printable',
  });
  return info.message as Buffer;
}
