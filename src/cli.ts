#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { styleText } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { type BuildResult, build } from './build.ts';
import type { CheckOptions } from './check.ts';
import { type BuildOptions, readConfig } from './config.ts';
import { formatBug, formatProblem, GazetteError, GazetteErrors, isUserError } from './errors.ts';
import { inert, inertJson, inertLines } from './inert.ts';
import { packageRoot } from './package-root.ts';
import type { SendDeps, SendOptions, SendResult } from './send/send.ts';
import type { PreviewServer } from './serve.ts';
import { formatWarning } from './warnings.ts';

// Each command imports what only it needs when it runs (SMTP, the server, the file watcher),
// so that `--help` and a plain build start without them.

/** The folder the user typed the command in: npm scripts run in the package's folder. */
const cwd = process.env.INIT_CWD ?? process.cwd();

const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));

const program = new Command()
  .name('gazette')
  .description('Turns a folder of articles into Atom, RSS and JSON feeds and an email digest.')
  .version(version)
  .showSuggestionAfterError()
  .configureOutput({ outputError: (text, write) => write(inertLines(text)) })
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1));

program
  .option('-q, --quiet', 'print problems only')
  .option('--verbose', 'print every file written');

program
  .command('build')
  .description('Build the feeds, entries and digest from a folder of articles.')
  .option('-i, --input <dir>', 'folder of .txt and .md articles', 'seeds')
  .option('-o, --out <dir>', 'output folder, replaced as a whole', 'out')
  .option('-c, --config <file>', 'configuration file', 'gazette.config.json')
  .option('-w, --watch', 'build again on every change of an article, a template or the config')
  .option(
    '--cache-dir <dir>',
    'cache of normalized articles (default: .gazette-cache beside the config)',
  )
  .option('--no-cache', 'normalize every article again')
  .option('--skip-invalid', 'build without the invalid articles, listed as warnings')
  .option('--strict', 'fail on warnings too')
  .addHelpText(
    'after',
    `
Examples:
  $ gazette build
  $ gazette build --watch
  $ gazette build --input articles --out public
  $ gazette build --config site/gazette.config.json --strict`,
  )
  .action(async (options: BuildOptions & { out: string; cache: boolean; watch?: boolean }) => {
    const cacheDir = options.cache === false ? false : options.cacheDir;
    const buildOptions = { ...options, cacheDir, cwd };
    if (!options.watch) {
      const started = performance.now();
      const progress = progressBar();
      let result: Awaited<ReturnType<typeof build>>;
      try {
        result = await build(buildOptions, {
          now: () => new Date(),
          onProgress: progress?.update,
          onLockWait: waitingFor(options.out),
        });
      } finally {
        // Stopped whatever happened: a bar left running would keep the process alive.
        progress?.stop();
      }
      printSummary(result, options.out, performance.now() - started);
      return;
    }
    const { watchBuild } = await import('./watch.ts');
    await watchBuild(buildOptions, {
      now: () => new Date(),
      onLockWait: waitingFor(options.out),
      onBuild: (result, milliseconds) => printRebuild(result, milliseconds),
      onError: (error) => reportError(error),
    });
    if (!program.opts().quiet) console.error('Watching for changes; Ctrl-C to stop.');
  });

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
    if (!program.opts().quiet) {
      console.log(`Created in ${inert(dir)}/: ${created.join(', ')}`);
      console.log('Next:');
      if (dir !== '.') console.log(`  cd ${inert(dir)}`);
      console.log('  gazette build      # after editing gazette.config.json');
      console.log('  gazette serve      # preview the site and the digest');
    }
  });

program
  .command('new')
  .argument('<title>', "the article's title")
  .description('Write a new article with its front matter filled in: <input>/<date>-<slug>.md.')
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
        { now: () => new Date(), timeZone: config.timeZone },
      );
      if (!program.opts().quiet) console.log(`Wrote ${inert(relative(cwd, path))}`);
    },
  );

program
  .command('check')
  .description('Check the config and every article, writing nothing. For CI: exit 1 on a problem.')
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
    const report = await check({ ...options, cwd }, { now: () => new Date() });
    if (options.json) console.log(inertJson(report, 2));
    else {
      if (report.explanation) {
        const { renderExplanation } = await import('./render/explain.ts');
        console.log(renderExplanation(report.explanation, process.stdout.columns || 120));
        console.log('');
      }
      for (const w of report.warnings)
        console.error(
          `${paint('yellow', 'warning:')} ${formatWarning({ message: w.message, location: w.file ? { file: w.file, line: w.line } : undefined })}`,
        );
      for (const e of report.errors)
        console.error(
          `${paint('red', 'error:')} ${formatProblem(e.file ? { file: e.file, line: e.line } : undefined, e.message)} [${e.name}]`,
        );
      if (!program.opts().quiet)
        console.log(
          `${report.ok ? 'OK' : 'Problems found'}: ${report.entries} valid entr${report.entries === 1 ? 'y' : 'ies'}, ${report.errors.length} error(s), ${report.warnings.length} warning(s).`,
        );
    }
    if (!report.ok) process.exitCode = 1;
  });

program
  .command('serve')
  .description(
    'Build, watch, and serve out/ on this machine, with live reload and a digest preview.',
  )
  .option('-i, --input <dir>', 'folder of .txt and .md articles', 'seeds')
  .option('-o, --out <dir>', 'output folder, replaced as a whole', 'out')
  .option('-c, --config <file>', 'configuration file', 'gazette.config.json')
  .option('-p, --port <number>', 'port on 127.0.0.1 (0: any free port)', parsePort, 4321)
  .addHelpText(
    'after',
    `
Open the printed address for the site, and /__gazette/preview for the digest at phone and
desktop widths, its text part, subject, preheader and size.

Examples:
  $ gazette serve
  $ gazette serve --port 8080 --input articles`,
  )
  .action(async (options: BuildOptions & { out: string; port: number }) => {
    const outDir = resolve(cwd, options.out);
    const [{ watchBuild }, { previewInfoOf, previewPath, startPreviewServer }] = await Promise.all([
      import('./watch.ts'),
      import('./serve.ts'),
    ]);
    let server: PreviewServer | undefined;
    await watchBuild(
      { ...options, cwd },
      {
        now: () => new Date(),
        onLockWait: waitingFor(options.out),
        onBuild: (result, milliseconds) => {
          printRebuild(result, milliseconds);
          server?.reload(previewInfoOf(result));
        },
        onError: (error) => reportError(error),
        onFirstBuild: async (result) => {
          server = await startPreviewServer(
            { outDir, port: options.port },
            previewInfoOf(result),
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
          console.log(`Serving ${inert(options.out)}/ at ${server.url}`);
          console.log(`Digest preview: ${new URL(previewPath, server.url).href}`);
        },
      },
    );
  });

program
  .command('send')
  .description('Build, then send the entries not sent yet as one digest, once to each subscriber.')
  .option('-i, --input <dir>', 'folder of .txt and .md articles', 'seeds')
  .option('-o, --out <dir>', 'output folder, replaced as a whole', 'out')
  .option('-c, --config <file>', 'configuration file', 'gazette.config.json')
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
    const { onProgress, stop } = createProgress();
    let result: SendResult;
    try {
      const { send } = await import('./send/send.ts');
      result = await send(
        { ...options, cwd },
        { now: () => new Date(), smtpUrl: process.env.GAZETTE_SMTP_URL, onProgress },
      );
    } finally {
      stop();
    }
    printSend(result);
    const { sendProblem } = await import('./send/send.ts');
    const problem = sendProblem(result);
    if (problem) throw problem;
  });

/** `--port`: a whole number from 0 (any free port) to 65535, else a user error, not a bug. */
function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (port >= 0 && port <= 65535) return port;
  throw new GazetteError('PortInvalid', `--port ${JSON.stringify(text)} is not a port number`);
}

/** A progress bar on a terminal; a plain line per recipient otherwise. */
function createProgress(): { onProgress: SendDeps['onProgress']; stop: () => void } {
  if (!process.stderr.isTTY) {
    return {
      onProgress: ({ done, total, email, status, detail }) => {
        if (status !== 'skipped')
          console.error(
            `${status} ${inert(email)}${detail ? `: ${inert(detail)}` : ''} (${done}/${total})`,
          );
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar(
    {
      format: 'Sending [{bar}] {value}/{total} · {rate}/s · ETA {eta_formatted}',
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  let started = false;
  const start = Date.now();
  return {
    onProgress: ({ done, total }) => {
      if (!started) {
        bar.start(total, 0, { rate: '0' });
        started = true;
      }
      const rate = (done / Math.max(0.001, (Date.now() - start) / 1000)).toFixed(1);
      bar.update(done, { rate });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function printSend(result: SendResult): void {
  printTooOld(result.tooOld);
  if (result.nothingNew) {
    console.log(`Nothing new since ${inert(String(result.since))}: no digest was sent.`);
    return;
  }
  const mode = result.dryRun ? 'Would send' : 'Digest';
  console.log(
    `${mode} "${inert(String(result.subject))}" (${result.items.length} entr${result.items.length === 1 ? 'y' : 'ies'}) to ${result.recipients} recipient(s):`,
  );
  for (const item of result.items) console.log(`  - ${inert(item.title)}`);
  if (result.resumed)
    console.log('An earlier send started this digest: it is finished as it was then.');
  if (result.dryRun) {
    console.log(
      `Messages written to the outbox: ${result.outbox.length} (.eml files in out/outbox/).`,
    );
    return;
  }
  console.log(
    `sent ${result.sent}, failed ${result.failed.length}, skipped ${result.skipped} (already served)${result.pending > 0 ? `, pending ${result.pending}` : ''}`,
  );
  for (const failure of result.failed)
    console.error(`  failed ${inert(failure.email)}: ${inert(failure.reason)}`);
  for (const later of result.deferred)
    console.error(`  pending ${inert(later.email)}: ${inert(later.reason)}`);
  for (const warning of result.warnings)
    console.error(`${paint('yellow', 'warning:')} ${formatWarning(warning)}`);
}

/** The entries that appeared since the last send with a date too old to be news. */
function printTooOld({ count, titles }: SendResult['tooOld']): void {
  if (count === 0) return;
  const some = titles.map((t) => `"${inert(t)}"`).join(', ');
  console.log(
    `Left out as too old: ${count} entr${count === 1 ? 'y' : 'ies'} new to the list but dated more than send.firstWindowDays before: ${some}${count > titles.length ? ', …' : ''}`,
  );
}

const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
const paint = (style: 'red' | 'yellow' | 'dim', text: string) =>
  color ? styleText(style, text) : text;

function printWarnings(result: BuildResult): void {
  for (const warning of result.warnings) {
    console.error(`${paint('yellow', 'warning:')} ${formatWarning(warning)}`);
  }
}

/**
 * What was written, with sizes: files one by one, folders of many files (archive pages, tag
 * feeds) as one line unless --verbose; then the warnings, once.
 */
function printSummary(result: BuildResult, out: string, milliseconds: number): void {
  printWarnings(result);
  if (program.opts().quiet) return;
  const count = result.entries.length;
  const normalized = result.normalized.length;
  console.log(
    `Built ${count} entr${count === 1 ? 'y' : 'ies'} into ${inert(out)}/ in ${formatTime(milliseconds)} (${normalized} normalized, ${count - normalized} from the cache)`,
  );
  const groups = new Map<string, { files: number; bytes: number }>();
  for (const file of result.written) {
    const folder =
      file.path.includes('/') && !program.opts().verbose
        ? `${file.path.split('/')[0]}/`
        : file.path;
    const group = groups.get(folder) ?? { files: 0, bytes: 0 };
    groups.set(folder, { files: group.files + 1, bytes: group.bytes + file.bytes });
  }
  for (const [path, { files, bytes }] of groups) {
    const name = inert(path);
    const label = name.endsWith('/') ? `${name} (${files} file${files === 1 ? '' : 's'})` : name;
    console.log(`  ${label.padEnd(24)} ${formatBytes(bytes).padStart(10)}`);
  }
}

/** Tells that another build writes the output folder, which this one waits for. */
function waitingFor(out: string): (holder: number) => void {
  return (holder) =>
    console.error(
      `Waiting for another Gazette build (pid ${holder}) to finish writing ${inert(out)}/…`,
    );
}

/** One line per rebuild in --watch. */
function printRebuild(result: BuildResult, milliseconds: number): void {
  printWarnings(result);
  if (program.opts().quiet) return;
  const time = new Date().toTimeString().slice(0, 8);
  const changed = result.normalized.length;
  const which = changed > 0 && changed <= 3 ? `: ${inert(result.normalized.join(', '))}` : '';
  console.log(
    `${paint('dim', time)} built ${result.entries.length} entries in ${formatTime(milliseconds)}, ${changed} normalized${which}`,
  );
}

/** A progress bar on a terminal, once a build has run for a second; nothing otherwise. */
function progressBar():
  | { update: (done: number, total: number) => void; stop: () => void }
  | undefined {
  if (!process.stderr.isTTY || program.opts().quiet) return undefined;
  const started = Date.now();
  let bar: SingleBar | undefined;
  return {
    update: (done, total) => {
      if (!bar && Date.now() - started < 1000) return;
      bar ??= new SingleBar(
        {
          format: 'Normalizing [{bar}] {value}/{total} · ETA {eta_formatted}',
          stream: process.stderr,
          clearOnComplete: true,
        },
        Presets.shades_classic,
      );
      if (bar.getTotal() !== total) bar.start(total, done);
      bar.update(done);
      if (done >= total) bar.stop();
    },
    stop: () => bar?.stop(),
  };
}

function formatTime(milliseconds: number): string {
  return milliseconds < 1000
    ? `${Math.round(milliseconds)} ms`
    : `${(milliseconds / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A user's mistake, plainly; a bug, with its stack. Returns the exit code. */
function reportError(error: unknown): number {
  if (isUserError(error)) {
    const errors = error instanceof GazetteErrors ? error.errors : [error];
    for (const e of errors) console.error(`${paint('red', 'error:')} ${e.format()}`);
    if (errors.length > 1) console.error(`${errors.length} problems; nothing was written.`);
    return 1;
  }
  console.error('Gazette hit a bug (this is not a problem with your input):');
  console.error(formatBug(error));
  return 2;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
