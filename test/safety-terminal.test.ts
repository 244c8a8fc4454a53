import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatBug, formatProblem } from '../src/errors.ts';
import { inert, inertJson, inertMessage } from '../src/inert.ts';
import { anyText } from './arbitraries.ts';
import { baseConfig, type CliResult, runCli, startServe, tempDir, warmCache } from './helpers.ts';

/**
 * The first character of `text` that a terminal acts on instead of showing (C0 and C1 controls,
 * DEL, bidi overrides and isolates), line feeds aside unless `lineFeeds` is false; or undefined.
 */
function acting(text: string, lineFeeds = true): string | undefined {
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code === 0x0a && lineFeeds) continue;
    if (
      code <= 0x1f ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069)
    )
      return character;
  }
  return undefined;
}

/** Names of articles that try to forge lines or drive the terminal. */
const forgedName = 'a\nwarning: forged.md';
const escapeName = '\u001b[2J\u202eb.md';
const emptyName = 'c\r\nerror: forged.txt';

/**
 * A project whose articles have hostile names and front matter: a newline and a `warning:` in
 * one name; ESC and a bidi override in another, with ESC in its title and in an unknown field
 * (which yields a warning); `withError` adds an empty article whose name forges an error line.
 */
async function hostileProject(withError = false): Promise<string> {
  const dir = await tempDir();
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(baseConfig, null, 2));
  const articles = join(dir, 'articles');
  await mkdir(articles);
  await writeFile(
    join(articles, forgedName),
    '---\ndate: 2025-01-05\ncolour: red\n---\nLe train de Lima est arrivé à l’heure ce matin, une première.\n',
  );
  await writeFile(
    join(articles, escapeName),
    '---\ndate: 2025-01-06\ntitle: "\\e[31mRouge\\e[0m \\u202Eettezag"\n"\\e]0;owned\\a": 1\n---\nLa pluie est tombée toute la nuit sur Cusco, sans faire de dégâts.\n',
  );
  if (withError) await writeFile(join(articles, emptyName), '');
  return dir;
}

/** Asserts that nothing in a command's output acts on the terminal or starts a forged line. */
function assertInert(result: CliResult): void {
  for (const [name, text] of [
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ] as const) {
    assert.equal(acting(text), undefined, `${name} has a raw control character:\n${text}`);
    assert.doesNotMatch(text, /^(warning|error): forged/m, `${name} has a forged line:\n${text}`);
  }
}

describe('terminal output is inert', () => {
  it('build: file names and front matter are shown escaped, in warnings and --verbose', async () => {
    const project = await hostileProject();
    const result = await runCli(['build', '--input', 'articles', '--verbose'], project);
    assert.equal(result.code, 0, result.stderr);
    assertInert(result);
    assert.ok(
      result.stderr.includes(
        'warning: articles/a\\nwarning: forged.md:3: unknown front-matter field "colour"',
      ),
      result.stderr,
    );
    assert.ok(result.stderr.includes('warning: articles/\\x1b[2J\\u202eb.md: '), result.stderr);
    assert.ok(result.stderr.includes('"\\x1b]0;owned\\x07"'), result.stderr);
  });

  it('check: errors and warnings escaped; --json is JSON with nothing raw', async () => {
    const project = await hostileProject(true);
    const text = await runCli(['check', '--input', 'articles'], project);
    assert.equal(text.code, 1);
    assertInert(text);
    assert.ok(text.stderr.includes('error: articles/c\\r\\nerror: forged.txt: '), text.stderr);
    assert.match(text.stderr, /\[ArticleEmpty\]/);

    const json = await runCli(['check', '--input', 'articles', '--json'], project);
    assert.equal(json.code, 1);
    assert.equal(acting(json.stdout), undefined);
    const report = JSON.parse(json.stdout);
    assert.ok(report.errors.some((e: { file: string }) => e.file.endsWith(emptyName)));
    assert.ok(report.warnings.some((w: { file: string }) => w.file.endsWith(escapeName)));
  });

  it('send: titles, and the addresses and replies of the SMTP server, escaped', async () => {
    const project = await hostileProject();
    const dry = await runCli(
      [
        'send',
        '--input',
        'articles',
        '--to',
        'reader@example.org',
        '--since',
        '2025-01-01',
        '--dry-run',
      ],
      project,
    );
    assert.equal(dry.code, 0, dry.stderr);
    assertInert(dry);
    // Normalizing has already taken the controls out of the title; the line shows what is left.
    assert.ok(dry.stdout.includes('  - [31mRouge[0m ettezag\n'), dry.stdout);

    // An SMTP server whose refusal carries terminal sequences, written raw on the wire.
    const refusal = 'no such reader \u001b[2J\u001b]0;owned\u0007 \u202eevil';
    const server = createServer((socket) => {
      socket.setEncoding('utf8');
      const reply = (line: string) => socket.write(`${line}\r\n`);
      reply('220 test ESMTP');
      let pending = '';
      socket.on('data', (chunk: string) => {
        pending += chunk;
        for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
          const verb = pending.slice(0, end).split(' ')[0]?.toUpperCase();
          pending = pending.slice(end + 2);
          if (verb === 'RCPT') reply(`550 ${refusal}`);
          else if (verb === 'QUIT') socket.end('221 bye\r\n');
          else reply('250 ok');
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const sent = await runCli(
        ['send', '--input', 'articles', '--to', 'reader@example.org', '--since', '2025-01-01'],
        project,
        { GAZETTE_SMTP_URL: `smtp://127.0.0.1:${port}` },
      );
      assert.equal(sent.code, 1, sent.stderr);
      assertInert(sent);
      assert.match(sent.stderr, /\[SendFailed\]/);
      assert.ok(sent.stderr.includes(inert(refusal)), sent.stderr);
      assert.ok(inert(refusal).includes('\\x1b[2J'));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("new, init, serve and commander's own errors escape the names given to them", async () => {
    const project = await hostileProject();
    const made = await runCli(['new', 'Un titre', '--input', 'in\u001b[2Jbox'], project);
    assert.equal(made.code, 0, made.stderr);
    assertInert(made);
    assert.match(made.stdout, /^Wrote in\\x1b\[2Jbox\/[^\n]+\.md\n$/);

    const init = await runCli(['init', 'site\u001b[2J\nwarning: forged'], project);
    assert.equal(init.code, 0, init.stderr);
    assertInert(init);
    assert.ok(init.stdout.includes('cd site\\x1b[2J\\nwarning: forged\n'), init.stdout);

    const unknown = await runCli(['bu\u001b[2Jild'], project);
    assert.equal(unknown.code, 1);
    assertInert(unknown);
    assert.ok(unknown.stderr.includes("unknown command 'bu\\x1b[2Jild'"), unknown.stderr);

    const served = await serveOutput(project, ['--out', 'o\u001b[2Jut']);
    assertInert({ code: 0, stdout: served, stderr: '' });
    assert.match(served, /^Serving o\\x1b\[2Jut\/ at http:\/\/127\.0\.0\.1:\d+\/$/m);
  });
});

/** What `gazette serve` prints until it serves (from the cache: built here first), then stops it. */
async function serveOutput(project: string, args: string[]): Promise<string> {
  await warmCache(project, args);
  const serving = await startServe(project, args);
  await serving.stop();
  return serving.output();
}

describe('inert text', () => {
  it('leaves nothing a terminal acts on, and changes nothing else', () => {
    fc.assert(
      fc.property(anyText(), (text) => {
        const shown = inert(text);
        assert.equal(acting(shown, false), undefined);
        if (acting(text, false) === undefined) assert.equal(shown, text);
        assert.equal(inert(shown), shown);
      }),
    );
  });

  it('keeps only the indented line breaks of a message, so no line of it forges another', () => {
    fc.assert(
      fc.property(anyText(), anyText(), (file, message) => {
        const lines = formatProblem({ file }, message).split('\n');
        for (const line of lines) assert.equal(acting(line, false), undefined);
        for (const line of lines.slice(1)) assert.match(line, /^ /);
      }),
    );
    assert.equal(
      inertMessage('bad rows:\n    line 3: x\nline 4'),
      'bad rows:\n    line 3: x\\nline 4',
    );
  });

  it('writes JSON that parses to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), anyText(), (value, text) => {
        const json = inertJson({ value, text }, 2);
        assert.equal(acting(json), undefined);
        assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify({ value, text })));
      }),
    );
  });

  it("shows a bug's stack with its message escaped", () => {
    const shown = formatBug(new Error('cannot read a\nwarning: forged\u001b[2J'));
    assert.match(shown, /^Error: cannot read a\\nwarning: forged\\x1b\[2J\n {4}at /);
    assert.equal(acting(shown), undefined);
  });
});
