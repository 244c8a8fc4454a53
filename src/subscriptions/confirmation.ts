import type { ResolvedConfig } from '../config.ts';
import { fill } from '../render/messages/index.ts';
import type { ServiceMessages } from './service-messages.ts';

/**
 * The message that asks a new reader to confirm their address (double opt-in): plain text in
 * their language, with the one link to the service's confirmation page.
 */
export async function renderConfirmation(
  config: ResolvedConfig,
  reader: { email: string; name?: string | undefined },
  { url, words, date }: { url: string; words: ServiceMessages; date: Date },
): Promise<Buffer> {
  const { default: nodemailer } = await import('nodemailer');
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  const title = config.digest.title;
  const info = await composer.sendMail({
    from: config.sender,
    to: { name: reader.name ?? '', address: reader.email },
    subject: fill(words.confirmSubject, { title }),
    date,
    text: fill(words.confirmMail, { title, url }),
    textEncoding: 'quoted-printable',
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return info.message as Buffer;
}
