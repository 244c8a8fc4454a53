import nodemailer from 'nodemailer';
import type { ResolvedConfig } from '../config.ts';

/** What `send` needs of a mail transport: nodemailer's, or a test's. */
export interface MailTransport {
  sendMail(mail: { envelope: { from: string; to: string[] }; raw: Buffer }): Promise<unknown>;
  close?(): void;
}

/** A pooled SMTP transport for `url` (`smtp://` or `smtps://`), within the configured rate. */
export function createSmtpTransport(url: string, config: ResolvedConfig): MailTransport {
  const perSecond = config.send.rateLimit;
  // nodemailer counts messages per window: whole messages per second, or one per interval.
  const window =
    perSecond >= 1
      ? { rateDelta: 1000, rateLimit: Math.floor(perSecond) }
      : { rateDelta: Math.round(1000 / perSecond), rateLimit: 1 };
  // One pooled connection: messages go one after the other, each recorded before the next.
  const options = { url, pool: true, maxConnections: 1, maxMessages: 1000, ...window };
  return nodemailer.createTransport(options as never) as unknown as MailTransport;
}

export function describeFailure(error: unknown): { code?: number; response: string } {
  const { responseCode, response, message } = error as {
    responseCode?: number;
    response?: string;
    message?: string;
  };
  return { code: responseCode, response: (response ?? message ?? String(error)).trim() };
}
