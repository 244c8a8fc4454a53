import type { ResolvedConfig } from '../config.ts';
import { composeMessage } from '../render/message.ts';
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
  const title = config.digest.title;
  return composeMessage({
    from: config.sender,
    to: { name: reader.name ?? '', address: reader.email },
    subject: fill(words.confirmSubject, { title }),
    date,
    text: fill(words.confirmMail, { title, url }),
    textEncoding: 'quoted-printable',
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}
