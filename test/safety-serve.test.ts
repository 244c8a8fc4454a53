import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { symlink, truncate, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  runCli,
  type Serving as StartedServe,
  smallProject,
  startServe,
  tempDir,
  warmCache,
} from './helpers.ts';

interface Serving extends Omit<StartedServe, 'url'> {
  url: URL;
}

/**
 * `gazette serve` on a free port, running until `stop()`; the project built here first, so that
 * it serves at once from the cache.
 */
async function serve(project: string, args: string[] = []): Promise<Serving> {
  await warmCache(project, args);
  const serving = await startServe(project, args);
  const { url } = serving;
  if (!url) {
    serving.child.kill('SIGKILL');
    assert.fail(`serve did not start:\n${serving.output()}`);
  }
  return { ...serving, url };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET of `path` exactly as written, with the `Host` header given (else the server's). */
function get(url: URL, path: string, host?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    request(
      {
        hostname: url.hostname,
        port: url.port,
        path,
        agent: false,
        headers: host === undefined ? {} : { host },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    )
      .on('error', reject)
      .end();
  });
}

/** How many bytes of body a GET of `path` receives. */
function bytesOf(url: URL, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ hostname: url.hostname, port: url.port, path, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve(bytes));
    })
      .on('error', reject)
      .end();
  });
}

/** The whole reply, as text, to a request written by hand. */
function rawRequest(url: URL, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let reply = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      reply += chunk;
    });
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
    socket.write(text);
  });
}

/** The resident memory of a process, in bytes. */
async function residentBytes(pid: number): Promise<number> {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(pid)]);
  return Number(stdout.trim()) * 1024;
}

describe('gazette serve: safety', () => {
  let project: string;
  let server: Serving;

  before(async () => {
    project = await smallProject();
    server = await serve(project);
  });
  after(() => server?.stop());

  it('serves no file whose real path is outside out/, through a link or a dot segment', async () => {
    const out = join(project, 'out');
    await writeFile(join(project, 'secret.txt'), 'the secret of the project\n');
    await symlink('/etc', join(out, '.etc'));
    await symlink(join(project, 'secret.txt'), join(out, 'secret.txt'));
    await symlink(join(project, 'articles'), join(out, 'sources'));
    // A link that stays inside out/ is served as its target.
    await symlink('atom.xml', join(out, 'feed.xml'));

    for (const path of [
      '/.etc/passwd',
      '/.etc/hostname',
      '/secret.txt',
      '/sources/2025-01-06-la-pluie.txt',
      '/sources/',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/tags/%2E%2E/%2e%2e/secret.txt',
      '/%00atom.xml',
    ]) {
      const reply = await get(server.url, path);
      assert.equal(reply.status, 404, path);
      assert.doesNotMatch(reply.body, /secret of the project|root:|pluie/, path);
    }
    const inside = await get(server.url, '/feed.xml');
    assert.equal(inside.status, 200);
    assert.match(inside.body, /Le train arrive/);
  });

  it('answers only requests that name the address it listens on (no DNS rebinding)', async () => {
    const port = server.url.port;
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
    ]) {
      assert.equal((await get(server.url, '/', host)).status, 200, host);
    }
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `localhost:${Number(port) + 1}`,
    ]) {
      for (const path of ['/', '/atom.xml', '/__gazette/preview', '/__gazette/events']) {
        const reply = await get(server.url, path, host);
        assert.equal(reply.status, 403, `${host} ${path}`);
        assert.match(String(reply.headers['content-type']), /^text\/plain/);
        assert.match(reply.body, /^Refused: this preview answers .*localhost/);
        assert.doesNotMatch(reply.body, /Le train|<html/i);
      }
    }
    // HTTP/1.0 may leave the header out: such a request names no address, and is refused too.
    const bare = await rawRequest(server.url, 'GET / HTTP/1.0\r\n\r\n');
    assert.match(bare, /^HTTP\/1\.1 403 /);
  });

  it('streams a large file: memory stays low while slow clients read it', {
    skip: !existsSync('/bin/ps') && !existsSync('/usr/bin/ps') && 'needs ps',
  }, async (t) => {
    const size = 50 * 1024 * 1024;
    // Sparse: made at once, read as zeros.
    await writeFile(join(project, 'out', 'big.bin'), '');
    await truncate(join(project, 'out', 'big.bin'), size);
    // A client that reads gets every byte (and the server has warmed up before it is measured).
    assert.equal(await bytesOf(server.url, '/big.bin'), size);
    const pid = server.child.pid ?? 0;
    const baseline = await residentBytes(pid);

    // Clients that ask for the file, take its first bytes, then stop reading.
    const clients: Socket[] = [];
    const heads: Promise<string>[] = [];
    for (let i = 0; i < 8; i++) {
      const socket = connect(Number(server.url.port), server.url.hostname);
      clients.push(socket);
      socket.write(`GET /big.bin HTTP/1.1\r\nHost: ${server.url.host}\r\n\r\n`);
      heads.push(
        new Promise((resolve) =>
          socket.once('data', (chunk: Buffer) => {
            socket.pause();
            resolve(chunk.toString('latin1'));
          }),
        ),
      );
    }
    try {
      for (const head of await Promise.all(heads)) {
        assert.match(head, /^HTTP\/1\.1 200 /);
        assert.match(head, new RegExp(`\r\ncontent-length: ${size}\r\n`, 'i'));
      }
      let peak = 0;
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 100));
        peak = Math.max(peak, await residentBytes(pid));
      }
      const grown = peak - baseline;
      t.diagnostic(
        `8 slow clients of a 50 MB file: server RSS grew by ${Math.round(grown / 1024 / 1024)} MB`,
      );
      // Read whole, each client would hold its own 50 MB copy: 400 MB.
      assert.ok(grown < 100 * 1024 * 1024, `grew by ${grown} bytes`);
    } finally {
      for (const socket of clients) socket.destroy();
    }

    // The clients that left did not hurt the server.
    assert.equal(await bytesOf(server.url, '/big.bin'), size);
    assert.equal((await get(server.url, '/')).status, 200);
    assert.doesNotMatch(server.output(), /bug|Error/);
  });
});

describe('gazette serve --port', () => {
  for (const port of ['abc', '-1', '70000', '1.5', '', '0x50', ' 80']) {
    it(`refuses ${JSON.stringify(port)} plainly, before building`, async () => {
      const project = await smallProject();
      const result = await runCli(['serve', '--input', 'articles', '--port', port], project);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /^error: --port ".*" is not a port number\n.*\[PortInvalid\]\n$/);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(existsSync(join(project, 'out')), false, 'nothing built');
    });
  }

  it('shows its default as a number', async () => {
    const result = await runCli(['serve', '--help'], await tempDir());
    assert.equal(result.code, 0);
    assert.match(result.stdout, /--port <number> .*\(default: 4321\)/);
  });
});
