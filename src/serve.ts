import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { allowedHosts, isAllowedHost } from './allowed-hosts.ts';
import { type BuildResult, outputFiles } from './build.ts';
import { GazetteError } from './errors.ts';
import { publishedTypes } from './read/read-linked-files.ts';
import type { RenderedDigest } from './render/digest.ts';
import { feedFiles } from './render/feed-order.ts';
import { messagesFor } from './render/messages/index.ts';
import { personalize, personalValues } from './render/personalize.ts';
import {
  injectAfterBodyStart,
  injectBeforeBodyEnd,
  type PreviewInfo,
  renderPreviewPage,
  renderReloadScript,
  rewriteSiteUrl,
} from './render/preview-page.ts';
import { type BuildFailure, failureOf, renderErrorPanel } from './render/serve-error.ts';
import { openServed, type Served } from './served-file.ts';

export type { PreviewInfo } from './render/preview-page.ts';

export interface ServeOptions {
  /** Folder to serve: the build's output. */
  outDir: string;
  /** Port to listen on; 0 for any free port. */
  port: number;
  /** Address to listen on. Default `127.0.0.1`: the preview is for this machine only. */
  host?: string;
  /**
   * Where the links of the served files lead instead of the site, such as a tunnel's
   * `https://preview.example.net/` (`parseBaseUrl`). Default: the address each request was
   * made to, so that a click stays on the preview from whichever machine it was opened.
   */
  baseUrl?: string | undefined;
}

export interface PreviewServer {
  /** Where the server listens, such as `http://127.0.0.1:4321/`. */
  url: string;
  /**
   * Shows `info`, of a build that succeeded, on the preview page from now on, clears the failure
   * shown if any, and tells every open page to reload.
   */
  reload(info: PreviewInfo): void;
  /**
   * Shows `error`, which a build threw, at the top of every page served until the next
   * `reload`, and tells every open page to reload. The files served are the last good build's.
   */
  showError(error: unknown): void;
  /** Ends the open live-reload connections and stops the server. */
  close(): Promise<void>;
}

/** The preview page of the digest. */
export const previewPath = '/__gazette/preview';
/** The HTML part of the digest the next send would send, which the preview page shows. */
const previewDigestPath = '/__gazette/preview/digest.html';
/** The live-reload event stream (Server-Sent Events) that served pages listen to. */
export const eventsPath = '/__gazette/events';

/** The page a request for a missing file gets, when the output has one. */
const notFoundPage = '404.html';

// The text files of the output, whose links to the site are rewritten to lead to the preview.
// Any other file (a picture, the digest as a message) is sent as it is.
const rewritten = new Set(['.html', '.xml', '.json', '.txt']);

// A text file larger than this is streamed as it is, its links left alone: rewritten, it is
// held whole in memory for each request, and no build writes one so large.
const rewriteLimit = 64 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.eml': 'message/rfc822',
  '.png': 'image/png',
};

// The feeds go out with the media types their autodiscovery links announce.
const feedTypes: Record<string, string> = {
  [feedFiles.atom]: 'application/atom+xml; charset=utf-8',
  [feedFiles.rss]: 'application/rss+xml; charset=utf-8',
  [feedFiles.json]: 'application/feed+json; charset=utf-8',
};

/** What the preview shows of a build: the digest, and the entries of the main feed. */
export function previewInfoOf(
  result: BuildResult,
  /** The digest the next send would send (`previewNextDigest`); null: nothing is new. */
  next: RenderedDigest | null = result.renderedDigest,
): PreviewInfo {
  const shown =
    next && personalize(next, personalValues(undefined, result.config, messagesFor(next.language)));
  return {
    subject: next?.subject ?? '',
    preheader: next?.preheader ?? '',
    htmlBytes: next ? Buffer.byteLength(next.html) : 0,
    html: shown?.html,
    text: shown?.text,
    entries: result.entries.slice(0, result.config.feeds.limit),
    siteUrl: result.config.siteUrl,
  };
}

/**
 * `--base-url`: the root of a site the served files' links are to lead to, such as a tunnel's
 * `https://preview.example.net`, as `ServeOptions.baseUrl` takes it; else a user error. An
 * origin only: the output is served at the root, where a path of its own would lead nowhere.
 */
export function parseBaseUrl(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (
    url &&
    /^https?:$/.test(url.protocol) &&
    !url.username &&
    !url.password &&
    url.pathname === '/' &&
    !url.search &&
    !url.hash
  )
    return `${url.origin}/`;
  throw new GazetteError(
    'BaseUrlInvalid',
    `--base-url ${JSON.stringify(text)} is not the address of a site's root: give an http:// or https:// address with no path, query or password, such as https://preview.example.net`,
  );
}

/**
 * Serves the output folder on this machine, with the preview page of the digest, and reloads
 * every open page when told to. Files are read on each request (a build replaces the folder).
 * Text files (pages, feeds, the digest) are sent with their links to the site rewritten to
 * the preview, and a failed build's problems on top of each page; any other file is streamed:
 * a large one costs each client a small buffer, not its size. Files on disk are never changed.
 * Only requests that name the address listened on are answered, and only files really inside
 * the folder.
 */
export async function startPreviewServer(
  options: ServeOptions,
  info: PreviewInfo,
): Promise<PreviewServer> {
  const root = resolve(options.outDir);
  const host = options.host ?? '127.0.0.1';
  const clients = new Set<ServerResponse>();
  let current = info;
  let failure: BuildFailure | undefined;
  let generation = 0;
  let hosts = new Set<string>();

  const respond = async (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req.headers.host, hosts)) {
      const names = [...hosts].join(', ');
      return send(
        res,
        req,
        403,
        'text/plain; charset=utf-8',
        `Refused: this preview answers ${names} only, not another host name.\n`,
      );
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, req, 405, 'text/plain; charset=utf-8', 'Method not allowed', {
        Allow: 'GET, HEAD',
      });
    }
    const target = req.url ?? '/';
    const path = decodePath(target);
    if (path === undefined) return send(res, req, 400, 'text/plain; charset=utf-8', 'Bad request');
    if (path === eventsPath)
      return openEvents(res, Number(query(target).get('since') ?? generation));
    // What the page shows is taken before its file is read: a build that ends meanwhile
    // reloads it.
    const script = renderReloadScript(eventsPath, generation);
    const panel = failure && renderErrorPanel(failure);
    const { siteUrl } = current;
    // The host was checked above: a name of this server, or of the base URL.
    const base = options.baseUrl ?? `http://${req.headers.host}/`;
    const linked = (text: string) => rewriteSiteUrl(text, siteUrl, base);
    // A page in a frame (the digest in the preview's, which may not run scripts) leaves the
    // reloading, and the failure, to the page around it.
    const framed = /^i?frame$/.test(String(req.headers['sec-fetch-dest']));
    const page = (html: string) => {
      if (framed) return linked(html);
      const shown = panel ? injectAfterBodyStart(linked(html), panel) : linked(html);
      return injectBeforeBodyEnd(shown, script);
    };
    const missing = async () => {
      const html = await readServed(await openServed(root, `/${notFoundPage}`, ''));
      if (html === undefined) return send(res, req, 404, 'text/plain; charset=utf-8', 'Not found');
      return send(res, req, 404, contentTypes['.html'], page(html));
    };
    if (path === previewPath) {
      const preview = renderPreviewPage(current, { htmlUrl: previewDigestPath });
      return send(res, req, 200, contentTypes['.html'], page(preview));
    }
    if (path === previewDigestPath) {
      if (current.html === undefined)
        return send(res, req, 404, 'text/plain; charset=utf-8', 'Nothing new to send');
      return send(res, req, 200, contentTypes['.html'], page(current.html));
    }
    // Once open, a file stays readable even if a build swaps the folder meanwhile.
    const found = await openServed(root, path, outputFiles.index);
    if (found?.kind === 'folder') {
      // Built from the folder found, not from the request: never a redirect to another host.
      const location = urlPath(root, found.path).replace(/\/?$/, '/');
      return send(res, req, 301, 'text/plain; charset=utf-8', 'Moved', { Location: location });
    }
    if (!found) return missing();
    // A request that tries to leave the folder is no reader's broken link: it gets nothing of
    // the output, not even its page for missing files.
    if (found.kind === 'outside')
      return send(res, req, 404, 'text/plain; charset=utf-8', 'Not found');
    const extension = extname(found.path);
    const type =
      feedTypes[relative(root, found.path)] ??
      contentTypes[extension] ??
      publishedTypes.get(extension.toLowerCase()) ??
      'application/octet-stream';
    if (!rewritten.has(extension) || found.size > rewriteLimit)
      return stream(res, req, type, found);
    const text = await readServed(found);
    if (text === undefined) return missing();
    return send(res, req, 200, type, extension === '.html' ? page(text) : linked(text));
  };

  const openEvents = (res: ServerResponse, since: number) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n');
    clients.add(res);
    res.on('close', () => clients.delete(res));
    if (since < generation) res.write(reloadEvent(generation));
  };

  const server = createServer((req, res) => {
    respond(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      send(res, req, 500, 'text/plain; charset=utf-8', String(error));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
  hosts = allowedHosts(host, port);
  // A tunnel may pass on the name it was reached at: the one the user gave is answered too.
  if (options.baseUrl) hosts.add(new URL(options.baseUrl).host);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    reload(info) {
      current = info;
      failure = undefined;
      generation += 1;
      for (const client of clients) client.write(reloadEvent(generation));
    },
    showError(error) {
      failure = failureOf(error);
      generation += 1;
      for (const client of clients) client.write(reloadEvent(generation));
    },
    close() {
      for (const client of clients) client.end();
      clients.clear();
      return new Promise((done) => {
        // An error here only says that the server was already closed.
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

function reloadEvent(generation: number): string {
  return `event: reload\ndata: ${generation}\n\n`;
}

/** The request's path, percent-decoded; undefined when it cannot be decoded. */
function decodePath(target: string): string | undefined {
  const raw = target.split(/[?#]/, 1)[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function query(target: string): URLSearchParams {
  const at = target.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : target.slice(at + 1));
}

/** The text of a file opened by `openServed`, which it closes; undefined for anything else. */
async function readServed(found: Served | undefined): Promise<string | undefined> {
  if (found?.kind !== 'file') return undefined;
  try {
    return await found.handle.readFile('utf8');
  } catch {
    return undefined;
  } finally {
    await found.handle.close();
  }
}

/** Sends an opened file as it is read, at the pace the client takes it; closes the file. */
async function stream(
  res: ServerResponse,
  req: IncomingMessage,
  type: string,
  file: Served & { kind: 'file' },
): Promise<void> {
  res.writeHead(200, headers(type, file.size));
  if (req.method === 'HEAD' || file.size === 0) {
    await file.handle.close();
    return void res.end();
  }
  // No further than the size announced: a file that grew since would break the response.
  const body = file.handle.createReadStream({ end: file.size - 1 });
  // A client that leaves early ends the pipeline, which destroys both ends and closes the file.
  await pipeline(body, res).catch(() => undefined);
}

/** The URL path of a file or folder of `root`. */
function urlPath(root: string, file: string): string {
  return `/${relative(root, file).split(sep).map(encodeURIComponent).join('/')}`;
}

function send(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  type: string | undefined,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers(type, Buffer.byteLength(body)), ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function headers(type: string | undefined, length: number): Record<string, string | number> {
  return {
    'Content-Type': type ?? 'application/octet-stream',
    'Content-Length': length,
    // Every build replaces the files: a reload must never show an older one.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}
