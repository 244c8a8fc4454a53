import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { type BuildResult, build } from './build.ts';
import type { CheckOptions } from './check.ts';
import { type BuildOptions, readConfig } from './config.ts';
import { formatProblem, GazetteError } from './errors.ts';
import { engineFor } from './incremental/engine.ts';
import { inert, inertJson, inertLines } from './inert.ts';
import { packageRoot } from './package-root.ts';
import type { SendOptions, SendResult } from './send/send.ts';
import type { PreviewServer } from './serve.ts';
import { type ReaderStatus, readerStatuses } from './subscriptions/schema.ts';
import { importSummary, type Loudness, type Output, Terminal } from './terminal.ts';
import { formatWarning } from './warnings.ts';

// Each command imports what only it needs when it runs (SMTP, the server, the file watcher),
// so that `--help` and a plain build start without them.

/** What a command line runs with: its folder, its environment and where it prints. */
export interface CliIo {
  /** The folder the user typed the command in. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: Output;
  stderr: Output;
}

const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));

/**
 * Runs `gazette` with the arguments the user typed (`argv`, without node and the script) and
 * returns its exit code: 0, 1 for a problem with the input, 2 for a bug. `build --watch` and
 * `serve` return once they watch, and go on until the process stops. With `threads` false, the
 * engine of every command works on this thread: a process that runs many small commands keeps
 * the normalizer and MJML loaded from one to the next.
 */
export async function main(
  argv: string[],
  io: CliIo,
  { threads = true }: { threads?: boolean } = {},
): Promise<number> {
  const { cwd } = io;
  const terminal = new Terminal(io.stdout, io.stderr, io.env);
  let exitCode = 0;
  const program = new Command()
    .name('gazette')
    .description('Turns a folder of articles into Atom, RSS and JSON feeds and an email digest.')
    .version(version, '-v, --version', 'print the version number')
    .helpOption('-h, --help', 'print this help')
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(inertLines(text)),
      getOutHelpWidth: () => io.stdout.columns || 80,
      getErrHelpWidth: () => io.stderr.columns || 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride();

  program
    .option('-q, --quiet', 'print problems only')
    .option('--verbose', 'print every file written');

  withProject(
    program
      .command('build')
      .description('Build the feeds, entries and digest from a folder of articles.'),
  )
    .option('-w, --watch', 'build again on every change of an article, a template or the config')
    .option(
      '--cache-dir <dir>',
      'cache of normalized articles (default: .gazette-cache beside the config)',
    )
    .option('--no-cache', 'normalize every article again')
    .option('--skip-invalid', 'build without the invalid articles, listed as warnings')
    .option('--strict', 'fail on warnings too')
    .option('--drafts', previewDrafts)
    .addHelpText(
      'after',
      `
  Examples:
    $ gazette build
    $ gazette build --watch
    $ gazette build --drafts
    $ gazette build --input articles --out public
    $ gazette build --config site/gazette.config.json --strict`,
    )
    .action(
      async (
        given: BuildOptions & { out: string; cache: boolean; watch?: boolean },
        command: Command,
      ) => {
        const options = draftsApart(given, command);
        const cacheDir = options.cache === false ? false : options.cacheDir;
        const buildOptions = { ...options, cacheDir, cwd };
        if (!options.watch) {
          const started = performance.now();
          const progress = terminal.progressBar(loudness());
          const engine = engineFor(buildOptions, false, threads);
          let result: Awaited<ReturnType<typeof build>>;
          try {
            result = await build(buildOptions, {
              now: () => new Date(),
              engine,
              onProgress: progress?.update,
              onLockWait: terminal.waitingFor(options.out),
            });
          } finally {
            // Stopped whatever happened: a bar left running would keep the process alive.
            progress?.stop();
            await engine.close();
          }
          terminal.printSummary(result, options.out, performance.now() - started, loudness());
          return;
        }
        const { watchBuild } = await import('./watch.ts');
        await watchBuild(buildOptions, {
          now: () => new Date(),
          threads,
          onLockWait: terminal.waitingFor(options.out),
          onBuild: (result, milliseconds) =>
            terminal.printRebuild(result, milliseconds, loudness(), new Date()),
          onError: (error) => terminal.reportError(error),
        });
        if (!loudness().quiet) terminal.err('Watching for changes; Ctrl-C to stop.');
      },
    );

  program
    .command('init')
    .argument('[dir]', 'folder to make the project in', '.')
    .description('Make a working Gazette project in an empty folder.')
    .addHelpText(
      'after',
      `
  Examples:
    $ gazette init my-gazette
    $ gazette init`,
    )
    .action(async (dir: string) => {
      const folder = resolve(cwd, dir);
      const { initProject } = await import('./init.ts');
      const { created } = await initProject(folder);
      if (!loudness().quiet) {
        terminal.out(`Created in ${inert(dir)}/: ${created.join(', ')}`);
        terminal.out('Next:');
        if (dir !== '.') terminal.out(`  cd ${inert(dir)}`);
        terminal.out('  gazette build      # after editing gazette.config.json');
        terminal.out('  gazette serve      # preview the site and the digest');
      }
    });

  program
    .command('new')
    .argument('<title>', "the article's title")
    .description(
      'Write a new article, a draft until its draft: true line is removed, with its front matter filled in: <input>/<date>-<slug>.md.',
    )
    .option('-i, --input <dir>', 'folder of articles', 'seeds')
    .option('-c, --config <file>', 'configuration file (for its time zone)', 'gazette.config.json')
    .option('--lang <code>', 'ISO 639-1 language of the article')
    .option('--tags <list>', 'comma-separated tags, e.g. Pérou,défense')
    .addHelpText(
      'after',
      `
  Examples:
    $ gazette new "Le Congrès vote le budget"
    $ gazette new "Lima under curfew" --lang en --tags Pérou,sécurité`,
    )
    .action(
      async (
        title: string,
        options: { input: string; config: string; lang?: string; tags?: string },
      ) => {
        const { newArticle } = await import('./new-article.ts');
        const config = await readConfig(resolve(cwd, options.config), options.config);
        const path = await newArticle(
          {
            title,
            input: resolve(cwd, options.input),
            lang: options.lang,
            tags: options.tags
              ?.split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          },
          { now: () => new Date(), timeZone: config.timeZone, language: config.language },
        );
        if (!loudness().quiet) terminal.out(`Wrote ${inert(relative(cwd, path))}`);
      },
    );

  program
    .command('check')
    .description(
      'Check the config and every article, writing nothing. For CI: exit 1 on a problem.',
    )
    .option('-i, --input <dir>', 'folder of .txt and .md articles', 'seeds')
    .option('-c, --config <file>', 'configuration file', 'gazette.config.json')
    .option('--strict', 'warnings are problems too')
    .option('--json', 'print the report as JSON')
    .option(
      '--explain <file>',
      'print how an article of the input folder is read: each line with its verdict and reason, then its title, summary and tags',
    )
    .addHelpText(
      'after',
      `
  Examples:
    $ gazette check
    $ gazette check --json --strict > report.json
    $ gazette check --explain seeds/2025-03-01-lima.txt`,
    )
    .action(async (options: CheckOptions & { json?: boolean }) => {
      const { check } = await import('./check.ts');
      // A session's engine: a check reads the articles twice.
      const engine = engineFor({ ...options, cwd, cacheDir: false }, true, threads);
      const report = await check({ ...options, cwd }, { now: () => new Date(), engine }).finally(
        () => engine.close(),
      );
      if (options.json) terminal.out(inertJson(report, 2));
      else {
        if (report.explanation) {
          const { renderExplanation } = await import('./render/explain.ts');
          terminal.out(renderExplanation(report.explanation, terminal.columns));
          terminal.out('');
        }
        for (const w of report.warnings)
          terminal.err(
            `${terminal.paint('yellow', 'warning:')} ${formatWarning({ message: w.message, location: w.file ? { file: w.file, line: w.line } : undefined })}`,
          );
        for (const e of report.errors)
          terminal.err(
            `${terminal.paint('red', 'error:')} ${formatProblem(e.file ? { file: e.file, line: e.line } : undefined, e.message)} [${e.name}]`,
          );
        if (!loudness().quiet)
          terminal.out(
            `${report.ok ? 'OK' : 'Problems found'}: ${report.entries} valid entr${report.entries === 1 ? 'y' : 'ies'}${report.drafts > 0 ? ` and ${report.drafts} draft${report.drafts === 1 ? '' : 's'}` : ''}, ${report.errors.length} error(s), ${report.warnings.length} warning(s).`,
          );
      }
      if (!report.ok) exitCode = 1;
    });

  withProject(
    program
      .command('serve')
      .description(
        'Build, watch, and serve out/ on this machine, with live reload and a digest preview.',
      ),
  )
    .option('-p, --port <number>', 'port to listen on (0: any free port)', parsePort, 4321)
    .option(
      '--host <address>',
      'address to listen on: 0.0.0.0 to look at the site from a phone on the same network',
      '127.0.0.1',
    )
    .option('--open', 'open the site in the browser once it is served')
    .option('--drafts', previewDrafts)
    .option(
      '--base-url <url>',
      'where the links of the served pages and feeds lead instead of siteUrl, e.g. a tunnel (default: the address the page was opened at)',
    )
    .addHelpText(
      'after',
      `
  Open the printed address for the site, and /__gazette/preview for the digest at phone and
  desktop widths, its text part, subject, preheader and size. Links to siteUrl lead to the
  preview instead (the files in the output folder keep them), and a build that fails shows its
  problems on top of the pages until it is fixed.

  Examples:
    $ gazette serve
    $ gazette serve --drafts
    $ gazette serve --port 8080 --input articles
    $ gazette serve --base-url https://preview.example.net`,
    )
    .action(
      async (
        given: BuildOptions & {
          out: string;
          port: number;
          host: string;
          open?: boolean;
          baseUrl?: string;
        },
        command: Command,
      ) => {
        const options = draftsApart(given, command);
        const outDir = resolve(cwd, options.out);
        const [
          { watchBuild },
          { parseBaseUrl, previewInfoOf, previewPath, startPreviewServer },
          { previewNextDigest },
        ] = await Promise.all([
          import('./watch.ts'),
          import('./serve.ts'),
          import('./send/send.ts'),
        ]);
        // The preview shows the digest the next send would send, from the send state; a store
        // it cannot read (a database server down) leaves it the build's digest, and says so.
        const preview = async (result: BuildResult) => {
          try {
            const next = await previewNextDigest(
              result,
              { ...options, cwd },
              { now: () => new Date(), databaseUrl: io.env.GAZETTE_DATABASE_URL },
            );
            return previewInfoOf(result, next ?? null);
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            terminal.err(
              `warning: the digest preview shows the build's digest, not the next send's: ${inert(reason)}`,
            );
            return previewInfoOf(result);
          }
        };
        // Checked before the build, which takes a while, so that a mistake shows at once.
        const baseUrl = options.baseUrl === undefined ? undefined : parseBaseUrl(options.baseUrl);
        let server: PreviewServer | undefined;
        await watchBuild(
          { ...options, cwd },
          {
            now: () => new Date(),
            threads,
            onLockWait: terminal.waitingFor(options.out),
            onBuild: async (result, milliseconds) => {
              terminal.printRebuild(result, milliseconds, loudness(), new Date());
              server?.reload(await preview(result));
            },
            onError: (error) => {
              terminal.reportError(error);
              server?.showError(error);
            },
            onFirstBuild: async (result) => {
              server = await startPreviewServer(
                { outDir, port: options.port, host: options.host, baseUrl },
                await preview(result),
              ).catch((error: NodeJS.ErrnoException) => {
                if (error.code === 'EADDRINUSE')
                  throw new GazetteError('PortInUse', `port ${options.port} is already in use`);
                if (error.code === 'EACCES')
                  throw new GazetteError(
                    'PortInvalid',
                    `port ${options.port} may not be opened by this user (below 1024 needs administrator rights)`,
                  );
                throw error;
              });
              terminal.out(`Serving ${inert(options.out)}/ at ${server.url}`);
              for (const address of networkAddresses(options.host, server.url))
                terminal.out(`  on the network: ${address}`);
              if (baseUrl) terminal.out(`Links to the site lead to ${inert(baseUrl)}`);
              terminal.out(`Digest preview: ${new URL(previewPath, server.url).href}`);
              if (options.open) openInBrowser(server.url, (line) => terminal.err(line));
            },
          },
        );
      },
    );

  withProject(
    program
      .command('send')
      .description(
        'Build, then send the entries not sent yet as one digest, once to each subscriber.',
      ),
  )
    .option('--to <address...>', 'test send to these addresses only (the list is left alone)')
    .option('--subscribers <file>', 'subscriber list, CSV or JSON (default: send.subscribers)')
    .option('--since <date>', 'send the entries published since this date')
    .option('--dry-run', 'write the messages to out/outbox/ instead of sending them')
    .option('--yes', 'confirm a send to more than send.confirmAbove recipients')
    .addHelpText(
      'after',
      `
  The SMTP server comes from the environment, never from a file:
    GAZETTE_SMTP_URL=smtp://user:password@smtp.example.org:587

  Examples:
    $ gazette send --dry-run --subscribers subscribers.csv
    $ gazette send --to me@example.org
    $ GAZETTE_SMTP_URL=smtp://localhost:25 gazette send --subscribers subscribers.csv --yes`,
    )
    .action(async (options: SendOptions) => {
      const { onProgress, stop } = terminal.createProgress();
      const engine = engineFor({ ...options, cwd }, false, threads);
      let result: SendResult;
      try {
        const { send } = await import('./send/send.ts');
        result = await send(
          { ...options, cwd },
          {
            now: () => new Date(),
            smtpUrl: io.env.GAZETTE_SMTP_URL,
            databaseUrl: io.env.GAZETTE_DATABASE_URL,
            onProgress,
            engine,
          },
        );
      } finally {
        stop();
        await engine.close();
      }
      terminal.printSend(result);
      const { sendProblem } = await import('./send/send.ts');
      const problem = sendProblem(result);
      if (problem) throw problem;
    });

  const subscribers = program
    .command('subscribers')
    .description("Manage the readers' store: import, add, remove, list and export readers.")
    .addHelpText(
      'after',
      `
  The store is the SQLite file of subscriptions.database (default gazette.db, beside the
  config), or the PostgreSQL database of GAZETTE_DATABASE_URL=postgres://user:password@host/name.
  It holds personal data: keep it out of version control.

  Examples:
    $ gazette subscribers import subscribers.csv
    $ gazette subscribers add anne@example.org --lang es --topics climat
    $ gazette subscribers list --status bounced
    $ gazette subscribers export > readers-backup.csv`,
    );
  const storeDeps = () => ({ now: () => new Date(), databaseUrl: io.env.GAZETTE_DATABASE_URL });
  const project = (options: { config: string }) => ({ config: options.config, cwd });
  withConfig(
    subscribers
      .command('import')
      .description(
        'Add the readers of a CSV or JSON list and update those known (nobody is removed; nobody who left comes back).',
      )
      .argument('<file>', 'CSV with a header row (email, name, lang, topics) or a JSON array'),
  ).action(async (file: string, options: { config: string }) => {
    const { importSubscribers } = await import('./subscriptions/subscribers-command.ts');
    const { store, value } = await importSubscribers(file, project(options), storeDeps());
    terminal.out(`Imported ${inert(file)} into ${inert(store)}: ${importSummary(value)}.`);
  });
  withConfig(
    subscribers
      .command('add')
      .description('Add a reader, or update the one of that address.')
      .argument('<email>', 'their address')
      .option('--name <name>', 'their name, for the greeting and the To header')
      .option('--lang <code>', 'the language of their digest (fr, en, es, pt, de, …)')
      .option('--topics <tags>', 'the tags they follow, separated by commas (default: all)'),
  ).action(
    async (
      email: string,
      options: { config: string; name?: string; lang?: string; topics?: string },
    ) => {
      const { addSubscriber } = await import('./subscriptions/subscribers-command.ts');
      const { store, value } = await addSubscriber(
        { email, name: options.name, lang: options.lang, topics: options.topics },
        project(options),
        storeDeps(),
      );
      terminal.out(`${inert(email)}: ${value} in ${inert(store)}.`);
    },
  );
  withConfig(
    subscribers
      .command('remove')
      .description(
        'Take readers off the list: kept as unsubscribed, with their address only, so that no import brings them back.',
      )
      .argument('<email...>', 'their addresses'),
  ).action(async (emails: string[], options: { config: string }) => {
    const { removeSubscribers } = await import('./subscriptions/subscribers-command.ts');
    const { store, value: unknown } = await removeSubscribers(
      emails,
      project(options),
      storeDeps(),
    );
    const removed = emails.length - unknown.length;
    terminal.out(`Removed ${removed} reader(s) from ${inert(store)}.`);
    if (unknown.length > 0)
      throw new GazetteError(
        'ReaderNotFound',
        `not in the store: ${unknown.map((e) => inert(e)).join(', ')}`,
      );
  });
  withConfig(
    subscribers
      .command('list')
      .description('List the readers of the store.')
      .addOption(
        new Option('--status <status>', 'only the readers of this status').choices(readerStatuses),
      )
      .option('--json', 'as JSON, for scripts'),
  ).action(async (options: { config: string; status?: string; json?: boolean }) => {
    const { listSubscribers } = await import('./subscriptions/subscribers-command.ts');
    const { value: readers } = await listSubscribers(
      options.status as ReaderStatus | undefined,
      project(options),
      storeDeps(),
    );
    if (options.json) {
      const shown = readers.map(({ token: _token, ...reader }) => reader);
      io.stdout.write(`${inertJson(shown, 2)}\n`);
      return;
    }
    for (const reader of readers)
      terminal.out(
        [
          reader.email,
          reader.status,
          reader.lang ?? '-',
          reader.topics.join(',') || '-',
          `${reader.joinedAt.slice(0, 10)} ${reader.joinedHow}`,
        ]
          .map((field) => inert(field))
          .join('  '),
      );
    terminal.out(`${readers.length} reader(s).`);
  });
  withConfig(
    subscribers
      .command('export')
      .description(
        'Print every reader as CSV, status, consent and token included, for a backup or another store.',
      ),
  ).action(async (options: { config: string }) => {
    const { listSubscribers, renderReadersCsv } = await import(
      './subscriptions/subscribers-command.ts'
    );
    const { value: readers } = await listSubscribers(undefined, project(options), storeDeps());
    io.stdout.write(inertLines(renderReadersCsv(readers)));
  });

  withConfig(
    program
      .command('bounces')
      .description(
        'Read the delivery reports (RFC 3464) of a mailbox and mark the readers whose address failed for good as bounced.',
      )
      .argument('<mailbox>', 'an mbox file, a Maildir, or a folder of .eml files')
      .addHelpText(
        'after',
        `
  Examples:
    $ gazette bounces /var/mail/lettre
    $ gazette bounces ~/Maildir`,
      ),
  ).action(async (mailbox: string, options: { config: string }) => {
    const { readBounceMailbox } = await import('./subscriptions/subscribers-command.ts');
    const { store, value } = await readBounceMailbox(mailbox, project(options), storeDeps());
    terminal.out(
      `Read ${value.messages} message(s) of ${inert(mailbox)}, ${value.reports} delivery report(s): ${value.marked.length} reader(s) marked as bounced in ${inert(store)}${value.alreadyOut > 0 ? `, ${value.alreadyOut} had left already` : ''}${value.temporary > 0 ? `, ${value.temporary} failure(s) for a while only (left as they are)` : ''}.`,
    );
    for (const email of value.marked) terminal.out(`  bounced ${inert(email)}`);
    for (const email of value.unknown) terminal.out(`  not in the store: ${inert(email)}`);
  });

  withConfig(
    program
      .command('listen')
      .description(
        'Run the subscription service: sign-up with double opt-in, confirmation, one-click unsubscribe and preferences.',
      )
      .option('-p, --port <port>', 'port to listen on', parsePort, 8025)
      .option(
        '--host <host>',
        'address to listen on (behind a reverse proxy: 127.0.0.1)',
        '127.0.0.1',
      )
      .option('-o, --out <dir>', 'the built site, for the tags readers may follow', 'out')
      .addHelpText(
        'after',
        `
  The service answers at subscriptions.url (the config) through your reverse proxy, and sends
  its confirmation messages through GAZETTE_SMTP_URL.

  Examples:
    $ gazette listen
    $ GAZETTE_SMTP_URL=smtp://user:password@smtp.example.org:587 gazette listen --port 8025`,
      ),
  ).action(async (options: { config: string; port: number; host: string; out: string }) => {
    const { listen } = await import('./subscriptions/service.ts');
    const service = await listen(
      { config: options.config, cwd, port: options.port, host: options.host, out: options.out },
      {
        now: () => new Date(),
        databaseUrl: io.env.GAZETTE_DATABASE_URL,
        smtpUrl: io.env.GAZETTE_SMTP_URL,
        log: (line) => terminal.err(inert(line)),
      },
    );
    terminal.out(
      `Subscription service at ${service.url} (readers' store: ${inert(service.store)})`,
    );
  });

  const loudness = (): Loudness => program.opts();
  // No command: what there is to run, as a question answered, not a mistake.
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // Help, the version, and a mistake in the arguments, which commander printed.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    return terminal.reportError(error);
  }
  return exitCode;
}

/** `--drafts`, of `build` and `serve` only: `send` has no such option, for it never sends a draft. */
const previewDrafts =
  'show the drafts (draft: true) in the feeds and pages, to preview them, in preview/ unless --out says where; never in the digest';

/**
 * Options with the drafts shown written apart: into `preview/` unless `--out` says where, for
 * `out/` is what gets deployed, and a draft must not go out with it.
 */
function draftsApart<T extends { drafts?: boolean | undefined; out: string }>(
  options: T,
  command: Command,
): T {
  if (!options.drafts || command.getOptionValueSource('out') !== 'default') return options;
  return { ...options, out: 'preview' };
}

/** The options of the commands that build: the articles, the output folder and the config. */
function withProject(command: Command): Command {
  return command
    .option('-i, --input <dir>', 'folder of .txt and .md articles', 'seeds')
    .option('-o, --out <dir>', 'output folder, replaced as a whole', 'out')
    .option('-c, --config <file>', 'configuration file', 'gazette.config.json');
}

/** The addresses of this machine's network a server listening on every interface is reached at. */
function networkAddresses(host: string, url: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  const port = new URL(url).port;
  return Object.values(networkInterfaces())
    .flat()
    .filter((net) => net && net.family === 'IPv4' && !net.internal)
    .map((net) => `http://${net?.address}:${port}/`);
}

/** Opens `url` in the user's browser, as the system does; says so when it cannot. */
function openInBrowser(url: string, warn: (line: string) => void): void {
  const [command, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  const child = spawn(command ?? 'xdg-open', args, { stdio: 'ignore', detached: true });
  child.on('error', () => warn(`Could not open a browser: open ${url} yourself.`));
  child.unref();
}

/** The option of the commands that only need the config: where it is. */
function withConfig(command: Command): Command {
  return command.option('-c, --config <file>', 'configuration file', 'gazette.config.json');
}

/** `--port`: a whole number from 0 (any free port) to 65535, else a user error, not a bug. */
function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (port >= 0 && port <= 65535) return port;
  throw new GazetteError('PortInvalid', `--port ${JSON.stringify(text)} is not a port number`);
}
