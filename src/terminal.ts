import { styleText } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import type { BuildResult } from './build.ts';
import { formatBug, GazetteErrors, isUserError } from './errors.ts';
import { inert } from './inert.ts';
import type { SendDeps, SendResult } from './send/send.ts';
import { formatWarning } from './warnings.ts';

/** What the commands print on the terminal: summaries, progress, warnings and errors. */

/** The global options `--quiet` and `--verbose`. */
export interface Loudness {
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
}

/** A progress bar on a terminal; a plain line per recipient otherwise. */
export function createProgress(): { onProgress: SendDeps['onProgress']; stop: () => void } {
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

export function printSend(result: SendResult): void {
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
export function printTooOld({ count, titles }: SendResult['tooOld']): void {
  if (count === 0) return;
  const some = titles.map((t) => `"${inert(t)}"`).join(', ');
  console.log(
    `Left out as too old: ${count} entr${count === 1 ? 'y' : 'ies'} new to the list but dated more than send.firstWindowDays before: ${some}${count > titles.length ? ', …' : ''}`,
  );
}

const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
export const paint = (style: 'red' | 'yellow' | 'dim', text: string) =>
  color ? styleText(style, text) : text;

export function printWarnings(result: BuildResult): void {
  for (const warning of result.warnings) {
    console.error(`${paint('yellow', 'warning:')} ${formatWarning(warning)}`);
  }
}

/**
 * What was written, with sizes: files one by one, folders of many files (archive pages, tag
 * feeds) as one line unless --verbose; then the warnings, once.
 */
export function printSummary(
  result: BuildResult,
  out: string,
  milliseconds: number,
  loudness: Loudness,
): void {
  printWarnings(result);
  if (loudness.quiet) return;
  const count = result.entries.length;
  const normalized = result.normalized.length;
  console.log(
    `Built ${count} entr${count === 1 ? 'y' : 'ies'} into ${inert(out)}/ in ${formatTime(milliseconds)} (${normalized} normalized, ${count - normalized} from the cache)`,
  );
  const groups = new Map<string, { files: number; bytes: number }>();
  for (const file of result.written) {
    const folder =
      file.path.includes('/') && !loudness.verbose ? `${file.path.split('/')[0]}/` : file.path;
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
export function waitingFor(out: string): (holder: number) => void {
  return (holder) =>
    console.error(
      `Waiting for another Gazette build (pid ${holder}) to finish writing ${inert(out)}/…`,
    );
}

/** One line per rebuild in --watch. */
export function printRebuild(
  result: BuildResult,
  milliseconds: number,
  loudness: Loudness,
  at: Date,
): void {
  printWarnings(result);
  if (loudness.quiet) return;
  const time = at.toTimeString().slice(0, 8);
  const changed = result.normalized.length;
  const which = changed > 0 && changed <= 3 ? `: ${inert(result.normalized.join(', '))}` : '';
  console.log(
    `${paint('dim', time)} built ${result.entries.length} entries in ${formatTime(milliseconds)}, ${changed} normalized${which}`,
  );
}

/** A progress bar on a terminal, once a build has run for a second; nothing otherwise. */
export function progressBar(
  loudness: Loudness,
): { update: (done: number, total: number) => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY || loudness.quiet) return undefined;
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

export function formatTime(milliseconds: number): string {
  return milliseconds < 1000
    ? `${Math.round(milliseconds)} ms`
    : `${(milliseconds / 1000).toFixed(1)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A user's mistake, plainly; a bug, with its stack. Returns the exit code. */
export function reportError(error: unknown): number {
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
