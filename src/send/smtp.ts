import nodemailer from 'nodemailer';
import type { ResolvedConfig } from '../config.ts';
import { GazetteError } from '../errors.ts';

/** What `send` needs of a mail transport: nodemailer's, or a test's. */
export interface MailTransport {
  sendMail(mail: { envelope: { from: string; to: string[] }; raw: Buffer }): Promise<unknown>;
  close?(): void;
}

/** The SMTP server as `GAZETTE_SMTP_URL` names it. */
export interface SmtpServer {
  host: string;
  port: number;
  /** TLS from the start (`smtps://`); else STARTTLS when the server offers it. */
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
}

const urlExample = 'smtp://user:password@smtp.example.org:587';

function invalidUrl(problem: string): GazetteError {
  // The URL holds a password: no part of it is ever repeated in the message.
  return new GazetteError('SmtpUrlInvalid', `GAZETTE_SMTP_URL ${problem}`);
}

/**
 * Reads `GAZETTE_SMTP_URL`: `smtp://` or `smtps://`, an optional user and password, a host, an
 * optional port (default 587, or 465 for smtps), and nothing after them.
 */
export function parseSmtpUrl(text: string): SmtpServer {
  const encoded =
    'characters such as @ : / ? # in the user or password must be percent-encoded (@ is %40)';
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw invalidUrl(
      `is not a URL such as ${urlExample} (${encoded}, and a port is a number from 1 to 65535)`,
    );
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw invalidUrl(
      `must start with smtp:// (or smtps:// for TLS from the start), as in ${urlExample}`,
    );
  }
  if (!url.hostname) throw invalidUrl(`names no host, as in ${urlExample}`);
  const port = url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587;
  if (port < 1 || port > 65535) throw invalidUrl('has a port outside 1 to 65535');
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    throw invalidUrl(
      `must end with the host and port, with no path, query or fragment (${encoded})`,
    );
  }
  let auth: SmtpServer['auth'];
  try {
    auth =
      url.username || url.password
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined;
  } catch {
    throw invalidUrl(`has a user or password whose percent-encoding is broken (${encoded})`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, secure: url.protocol === 'smtps:', auth };
}

/**
 * A pooled SMTP transport for the server `url` names, within the configured rate; each of
 * connecting, the greeting and every later reply must come within `send.timeout`.
 */
export function createSmtpTransport(url: string, config: ResolvedConfig): MailTransport {
  const server = parseSmtpUrl(url);
  const perSecond = config.send.rateLimit;
  // nodemailer counts messages per window: whole messages per second, or one per interval.
  const window =
    perSecond >= 1
      ? { rateDelta: 1000, rateLimit: Math.floor(perSecond) }
      : { rateDelta: Math.round(1000 / perSecond), rateLimit: 1 };
  const timeout = config.send.timeout * 1000;
  const transport = nodemailer.createTransport({
    ...server,
    // One pooled connection: messages go one after the other, each recorded before the next.
    pool: true,
    maxConnections: 1,
    maxMessages: 1000,
    ...window,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
  } as never) as unknown as MailTransport;
  const name = `the SMTP server ${server.host}:${server.port}`;
  return {
    sendMail: (mail) =>
      transport.sendMail(mail).catch((error: unknown) => {
        throw explainTimeout(error, name, config.send.timeout);
      }),
    close: () => transport.close?.(),
  };
}

// The greeting's timer and the socket's start together: a server that never greets may be
// reported by either.
const timeouts: Record<string, string> = {
  CONNECT_TIMEOUT: 'could not be reached',
  GREETING_TIMEOUT: 'did not greet',
  SOCKET_TIMEOUT: 'did not answer',
};

/** A time-out said with the server and the setting it waited for; other errors as they are. */
function explainTimeout(error: unknown, server: string, seconds: number): unknown {
  const what = timeouts[(error as { timeoutType?: string }).timeoutType ?? ''];
  if (what && error instanceof Error) {
    error.message = `${server} ${what} within ${seconds} s (send.timeout)`;
  }
  return error;
}

export function describeFailure(error: unknown): { code?: number; response: string } {
  const { responseCode, response, message } = error as {
    responseCode?: number;
    response?: string;
    message?: string;
  };
  return { code: responseCode, response: (response ?? message ?? String(error)).trim() };
}
