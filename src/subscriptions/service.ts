import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  type BuildOptions,
  type ResolvedConfig,
  readConfig,
  resolveBuildOptions,
} from '../config.ts';
import { GazetteError } from '../errors.ts';
import { slugify } from '../normalize/ids.ts';
import { parseSubscriberOptions } from '../read/subscribers.ts';
import { createSmtpTransport, type MailTransport, parseSmtpUrl } from '../send/smtp.ts';
import { renderConfirmation } from './confirmation.ts';
import { openStore, type ReaderStore, resolveStoreLocation } from './database.ts';
import {
  type Reader,
  readerOfToken,
  setReaderPreferences,
  setReaderStatus,
  signUpReader,
} from './readers.ts';
import { readerLanguages, type ServiceMessages, serviceMessagesFor } from './service-messages.ts';
import { renderServicePage, type ServicePage, type Topic } from './service-pages.ts';

/** Where `gazette listen` runs, and for which project. */
export interface ListenOptions extends Pick<BuildOptions, 'config' | 'cwd' | 'out'> {
  /** Default 8025. */
  port?: number;
  /** Default `127.0.0.1`: the reverse proxy's side of the machine. */
  host?: string;
}

export interface ListenDeps {
  now: () => Date;
  /** `GAZETTE_DATABASE_URL`, read by the caller. */
  databaseUrl?: string | undefined;
  /** `GAZETTE_SMTP_URL`, read by the caller: where confirmation messages go. */
  smtpUrl?: string | undefined;
  /** The mail transport; else one is made from `smtpUrl`. */
  transport?: MailTransport | undefined;
  /** Where the service says what went wrong (a confirmation that could not be sent). */
  log?: (line: string) => void;
}

export interface Listening {
  /** The address the service answers at, on this machine. */
  url: string;
  /** The store it works on, as the user knows it. */
  store: string;
  close(): Promise<void>;
}

/** The largest request body the service reads: a form of a few fields. */
const maxBody = 16 * 1024;
/** Sign-ups from one client address, and confirmation messages to one address, per window. */
const limits = {
  perClient: { count: 20, windowMs: 3_600_000 },
  perAddress: { count: 3, windowMs: 86_400_000 },
};

/**
 * Runs the subscription service of a project: sign-up with double opt-in, confirmation,
 * unsubscribe (one click too, RFC 8058) and preferences, on the readers' store.
 */
export async function listen(options: ListenOptions, deps: ListenDeps): Promise<Listening> {
  const resolved = resolveBuildOptions(options);
  const config = await readConfig(resolved.config.path, resolved.config.display);
  if (!config.subscriptions.url)
    throw new GazetteError(
      'ServiceUrlMissing',
      'subscriptions.url is not set: the service cannot say where its links lead',
      { file: resolved.config.display },
    );
  if (!deps.transport) {
    if (!deps.smtpUrl) throw new GazetteError('SmtpNotConfigured', 'GAZETTE_SMTP_URL is not set');
    parseSmtpUrl(deps.smtpUrl);
  }
  const store = await openStore(resolveStoreLocation(config, resolved.config, deps.databaseUrl), {
    create: true,
  });
  const transport = deps.transport ?? createSmtpTransport(deps.smtpUrl ?? '', config);
  const handle = createServiceHandler({
    store,
    config,
    transport,
    now: deps.now,
    log: deps.log ?? (() => {}),
    topics: () => readTopics(join(resolved.out.path, 'tags', 'index.json')),
  });
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      deps.log?.(`a request failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error\n');
    });
  });
  // Slow clients may not hold connections open for long.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  const port = options.port ?? 8025;
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    await store.close();
    transport.close?.();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new GazetteError('PortInUse', `port ${port} is already in use`);
    throw error;
  }
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/`,
    store: store.location.display,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      transport.close?.();
      await store.close();
    },
  };
}

interface ServiceContext {
  store: ReaderStore;
  config: ResolvedConfig;
  transport: MailTransport;
  now: () => Date;
  log: (line: string) => void;
  /** The tags a reader may follow: those with a feed of their own. */
  topics: () => Promise<Topic[]>;
}

/** The service's answer to each request. */
export function createServiceHandler(context: ServiceContext) {
  const { store, config } = context;
  const serviceUrl = new URL(config.subscriptions.url ?? config.siteUrl);
  const perClient = new RateLimit(limits.perClient);
  const perAddress = new RateLimit(limits.perAddress);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', serviceUrl);
    const action = actionOf(url.pathname, serviceUrl.pathname);
    const method = req.method ?? 'GET';
    const answer = (status: number, page: ServicePage, words: ServiceMessages) =>
      respond(
        res,
        status,
        renderServicePage(page, { title: config.digest.title, words, siteUrl: config.siteUrl }),
      );
    const guestWords = serviceMessagesFor(languageOf(req, config));

    if (action === 'subscribe' || action === '') {
      if (method === 'GET' || method === 'HEAD')
        return answer(200, { kind: 'subscribe' }, guestWords);
      if (method !== 'POST') return notAllowed(res);
      const form = await readForm(req, res);
      if (!form) return;
      const lang = readerLanguages.includes(form.get('lang') ?? '')
        ? (form.get('lang') ?? undefined)
        : undefined;
      const words = serviceMessagesFor(lang ?? languageOf(req, config));
      // A robot fills every field: it is answered as a person would be, and nothing is done.
      if (form.get('website')) return answer(200, { kind: 'checkInbox' }, words);
      const client = clientAddress(req, config.subscriptions.trustProxy);
      if (!perClient.allow(client, context.now().getTime()))
        return answer(429, { kind: 'tooMany' }, words);
      let input: ReturnType<typeof parseSubscriberOptions>;
      try {
        input = parseSubscriberOptions({
          email: form.get('email') ?? '',
          name: form.get('name') ?? undefined,
          lang: lang ?? (readerLanguages.includes(config.language) ? config.language : undefined),
        });
      } catch {
        return answer(
          400,
          { kind: 'subscribe', problem: words.badEmail, email: form.get('email') ?? '' },
          words,
        );
      }
      const now = context.now();
      const reader = await signUpReader(store, input, {
        how: `signed up at ${serviceUrl.href} from ${client}`,
        now,
      });
      // Known or not, active or not, the answer is the same: it tells nothing of the list.
      if (reader && perAddress.allow(reader.email.toLowerCase(), now.getTime()))
        void sendConfirmation(
          context,
          reader,
          new URL(`confirm?token=${encodeURIComponent(reader.token)}`, serviceUrl).href,
        );
      return answer(200, { kind: 'checkInbox' }, words);
    }

    if (action !== 'confirm' && action !== 'unsubscribe' && action !== 'preferences')
      return answer(404, { kind: 'badLink' }, guestWords);
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return notAllowed(res);
    const reader = await readerOfToken(store, url.searchParams.get('token') ?? '');
    if (!reader) return answer(404, { kind: 'badLink' }, guestWords);
    const words = serviceMessagesFor(reader.lang ?? languageOf(req, config));
    const here = `${action}?token=${encodeURIComponent(reader.token)}`;
    const posted = method === 'POST' ? await readForm(req, res) : undefined;
    if (method === 'POST' && !posted) return;
    const now = context.now();

    if (action === 'confirm') {
      if (!posted)
        return answer(200, { kind: 'confirm', email: reader.email, action: here }, words);
      await setReaderStatus(store, reader, 'active', { now, why: 'confirmed their address' });
      return answer(
        200,
        {
          kind: 'confirmed',
          email: reader.email,
          preferences: `preferences?token=${encodeURIComponent(reader.token)}`,
        },
        words,
      );
    }
    if (action === 'unsubscribe') {
      // A GET changes nothing: mail scanners follow links, and only a person presses a button.
      if (!posted)
        return answer(200, { kind: 'unsubscribe', email: reader.email, action: here }, words);
      const oneClick = posted.get('List-Unsubscribe') === 'One-Click';
      if (reader.status !== 'unsubscribed')
        await setReaderStatus(store, reader, 'unsubscribed', {
          now,
          why: oneClick
            ? 'one-click unsubscribe from their mail client'
            : 'unsubscribed through the page',
        });
      return answer(200, { kind: 'unsubscribed', email: reader.email }, words);
    }
    const offered = await context.topics();
    if (!posted) return answer(200, preferencesPage(reader, offered, here, false), words);
    const lang = posted.get('lang') ?? '';
    const known = new Set(offered.map((topic) => topic.slug));
    const chosen = {
      lang: readerLanguages.includes(lang) ? lang : reader.lang,
      topics: [...new Set(posted.getAll('topics'))].filter((slug) => known.has(slug)),
    };
    await setReaderPreferences(store, reader, chosen);
    return answer(
      200,
      preferencesPage({ ...reader, ...chosen }, offered, here, true),
      serviceMessagesFor(chosen.lang ?? languageOf(req, config)),
    );
  };
}

function preferencesPage(
  reader: Pick<Reader, 'lang' | 'topics'>,
  offered: Topic[],
  action: string,
  saved: boolean,
): ServicePage {
  return { kind: 'preferences', action, lang: reader.lang, topics: reader.topics, offered, saved };
}

async function sendConfirmation(
  context: ServiceContext,
  reader: Reader,
  url: string,
): Promise<void> {
  try {
    const raw = await renderConfirmation(context.config, reader, {
      url,
      words: serviceMessagesFor(reader.lang),
      date: context.now(),
    });
    await context.transport.sendMail({
      envelope: { from: context.config.sender.address, to: [reader.email] },
      raw,
    });
  } catch (error) {
    context.log(
      `the confirmation to ${reader.email} could not be sent: ${(error as Error).message}`,
    );
  }
}

/**
 * What a path asks for: its last part, after the service's own path, which a proxy may keep or
 * strip (`/subscriptions/confirm` and `/confirm` are the same).
 */
function actionOf(pathname: string, base: string): string {
  const rest = pathname.startsWith(base)
    ? pathname.slice(base.length)
    : pathname.replace(/^\/+/, '');
  return rest.replace(/\/+$/, '');
}

/**
 * The client's address. Behind a proxy the config trusts, the last address of
 * X-Forwarded-For, the one the proxy added; any earlier one the client could have written.
 */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return (trustProxy && list.at(-1)) || req.socket.remoteAddress || 'unknown';
}

/** The page's language for someone the store does not know: the browser's, or the site's. */
function languageOf(req: IncomingMessage, config: ResolvedConfig): string {
  const accepted = String(req.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { code: tag.toLowerCase().slice(0, 2), q: Number.isNaN(q) ? 0 : q };
    })
    .filter((choice) => choice.q > 0 && readerLanguages.includes(choice.code))
    .sort((a, b) => b.q - a.q);
  return accepted[0]?.code ?? config.language;
}

/** A form's fields, from a body of at most `maxBody` bytes; else the request is answered. */
async function readForm(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) {
      res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('Request body too large\n');
      req.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function respond(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    // Tokens are in the addresses: no cache keeps a page, and no link passes one on.
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

function notAllowed(res: ServerResponse): void {
  res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain; charset=utf-8' });
  res.end('Method not allowed\n');
}

/** The tags with a feed of their own, as the last build listed them; none before a build. */
async function readTopics(path: string): Promise<Topic[]> {
  try {
    const index = JSON.parse(await readFile(path, 'utf8')) as { tags?: { tag?: unknown }[] };
    return (index.tags ?? [])
      .flatMap((entry) => (typeof entry.tag === 'string' ? [entry.tag] : []))
      .map((tag) => ({ tag, slug: slugify(tag) }))
      .filter((topic) => topic.slug)
      .sort((a, b) => a.tag.localeCompare(b.tag));
  } catch {
    return [];
  }
}

/** Counts events per key in a sliding window, to refuse those beyond the limit. */
class RateLimit {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly limit: { count: number; windowMs: number }) {}

  allow(key: string, now: number): boolean {
    const recent = (this.seen.get(key) ?? []).filter((at) => at > now - this.limit.windowMs);
    if (recent.length >= this.limit.count) {
      this.seen.set(key, recent);
      return false;
    }
    recent.push(now);
    // The oldest key goes first when the table is full: memory stays bounded under a flood.
    this.seen.delete(key);
    if (this.seen.size >= 100_000) this.seen.delete(this.seen.keys().next().value ?? '');
    this.seen.set(key, recent);
    return true;
  }
}
