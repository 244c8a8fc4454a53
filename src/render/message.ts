import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../config.ts';
import type { RenderedDigest } from './digest.ts';
import { messagesFor } from './messages/index.ts';
import { personalize, personalValues, type Recipient } from './personalize.ts';

/** A Message-ID that depends only on what the digest holds (and who it is for). */
export function digestMessageId(
  digest: RenderedDigest,
  config: ResolvedConfig,
  recipient?: Recipient,
): string {
  const hash = createHash('sha256')
    .update(digest.ids.join('\n'))
    .update(digest.date)
    .update(recipient ? `\n${recipient.email.toLowerCase()}` : '')
    .digest('hex')
    .slice(0, 24);
  return `<digest-${hash}@${new URL(config.siteUrl).hostname}>`;
}

export interface MessageOptions {
  /** Who the message is for; without one, it is addressed to the sender (a preview). */
  recipient?: Recipient | undefined;
  /** The Date header. Default: the digest's own date, so that a rebuild gives the same bytes. */
  date?: Date | undefined;
  /** PEM private key when `digest.dkim` is configured. */
  dkimPrivateKey?: string | undefined;
}

/**
 * The digest as one `multipart/alternative` message (plain text and HTML, both UTF-8), with
 * the list headers that let mail clients offer one-click unsubscribe (RFC 2369, RFC 8058).
 */
export async function renderMessage(
  digest: RenderedDigest,
  config: ResolvedConfig,
  options: MessageOptions = {},
): Promise<Buffer> {
  const { recipient, dkimPrivateKey } = options;
  const values = personalValues(recipient, config, messagesFor(digest.language));
  const body = personalize(digest, values);
  const messageId = digestMessageId(digest, config, recipient);
  const host = new URL(config.siteUrl).hostname;
  const dkim = config.digest.dkim;
  return composeMessage({
    from: config.sender,
    to: recipient ? { name: recipient.name ?? '', address: recipient.email } : config.sender,
    subject: digest.subject,
    date: options.date ?? new Date(digest.date),
    messageId,
    baseBoundary: messageId.slice(8, 20),
    text: body.text,
    html: body.html,
    textEncoding: 'quoted-printable',
    list: {
      id: { url: `digest.${host}`, comment: config.title },
      unsubscribe: [
        [
          values.unsubscribeUrl,
          // The reader's token in the subject says who asks, whoever forwards the request.
          `mailto:${config.digest.unsubscribeEmail}?subject=${encodeURIComponent(
            recipient?.token ? `unsubscribe ${recipient.token}` : 'unsubscribe',
          )}`,
        ],
      ],
    },
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    ...(dkim && dkimPrivateKey
      ? {
          dkim: {
            domainName: dkim.domain,
            keySelector: dkim.selector,
            privateKey: dkimPrivateKey,
            headerFieldNames:
              'from:to:subject:date:message-id:list-id:list-unsubscribe:list-unsubscribe-post:mime-version:content-type',
          },
        }
      : {}),
  });
}

/** A message's bytes, as nodemailer composes them (MIME, CR LF), without sending it. */
export async function composeMessage(
  mail: import('nodemailer/lib/mailer/index.js').Options,
): Promise<Buffer> {
  // Loaded when a message is made: every command starts without it.
  const { default: nodemailer } = await import('nodemailer');
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  const info = await composer.sendMail(mail);
  return info.message as Buffer;
}
