#!/usr/bin/env node
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { type BuildResult, build } from './build.ts';
import type { BuildOptions } from './config.ts';
import { GazetteError, GazetteErrors, isUserError } from './errors.ts';
import { type SendDeps, type SendOptions, type SendResult, send } from './send/send.ts';
import { formatWarning } from './warnings.ts';

/** The folder the user typed the command in: npm scripts run in the package's folder. */
const cwd = process.env.INIT_CWD ?? process.cwd();

const program = new Command()
  .name('gazette')
  .description('Turns a folder of articles into Atom, RSS and JSON feeds and an email digest.')
  .showSuggestionAfterError()
  .configureOutput({ outputError: (text, write) => write(text) })
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 1));

program
  .command('build')
  .description('Build the feeds, entries and digest from a folder of articles.')
  .option('-i, --input <dir>', 'folder of .txt and .md articles', 'seeds')
  .option('-o, --out <dir>', 'output folder, replaced as a whole', 'out')
  .option('-c, --config <file>', 'configuration file', 'gazette.config.json')
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
  $ gazette build --input articles --out public
  $ gazette build --config site/gazette.config.json`,
  )
  .action(async (options: BuildOptions & { out: string; cache: boolean }) => {
    const cacheDir = options.cache === false ? false : options.cacheDir;
    const result = await build({ ...options, cacheDir, cwd }, { now: () => new Date() });
    printSummary(result, options.out);
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
      result = await send(
        { ...options, cwd },
        { now: () => new Date(), smtpUrl: process.env.GAZETTE_SMTP_URL, onProgress },
      );
    } finally {
      stop();
    }
    printSend(result);
    if (result.failed.length > 0) {
      throw new GazetteError(
        'SendFailed',
        `${result.failed.length} recipient(s) could not be served`,
      );
    }
  });

/** A progress bar on a terminal; a plain line per recipient otherwise. */
function createProgress(): { onProgress: SendDeps['onProgress']; stop: () => void } {
  if (!process.stderr.isTTY) {
    return {
      onProgress: ({ done, total, email, status, detail }) => {
        if (status !== 'skipped')
          console.error(`${status} ${email}${detail ? `: ${detail}` : ''} (${done}/${total})`);
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
  if (result.nothingNew) {
    console.log(`Nothing new since ${result.since}: no digest was sent.`);
    return;
  }
  const mode = result.dryRun ? 'Would send' : 'Sent';
  console.log(
    `${mode} "${result.subject}" (${result.items.length} entr${result.items.length === 1 ? 'y' : 'ies'}) to ${result.recipients} recipient(s):`,
  );
  for (const item of result.items) console.log(`  - ${item.title}`);
  if (result.dryRun) {
    console.log(
      `Messages written to the outbox: ${result.outbox.length} (.eml files in out/outbox/).`,
    );
    return;
  }
  console.log(
    `sent ${result.sent}, failed ${result.failed.length}, skipped ${result.skipped} (already served)`,
  );
  for (const failure of result.failed)
    console.error(`  failed ${failure.email}: ${failure.reason}`);
}

function printSummary(result: BuildResult, out: string): void {
  for (const warning of result.warnings) console.error(`warning: ${formatWarning(warning)}`);
  const count = result.entries.length;
  console.log(`Built ${count} entr${count === 1 ? 'y' : 'ies'} into ${out}/`);
  for (const file of result.written) {
    console.log(`  ${file.path.padEnd(14)} ${formatBytes(file.bytes).padStart(9)}`);
  }
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isUserError(error)) {
    const errors = error instanceof GazetteErrors ? error.errors : [error];
    for (const e of errors) console.error(`error: ${e.format()}`);
    if (errors.length > 1) console.error(`${errors.length} problems; nothing was written.`);
    process.exitCode = 1;
  } else {
    console.error('Gazette hit a bug (this is not a problem with your input):');
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 2;
  }
}
