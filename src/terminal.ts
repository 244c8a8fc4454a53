import { styleText } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import type { BuildResult, DraftCount } from './build.ts';
import { formatBug, GazetteErrors, isUserError } from './errors.ts';
import { inert } from './inert.ts';
import type { SendDeps, SendResult } from './send/send.ts';
import type { ImportSummary } from './subscriptions/readers.ts';
import { formatWarning } from './warnings.ts';

/** Where a command prints: a stream or anything that takes its text. */
export interface Output {
  write(text: string): unknown;
  /** A terminal (progress bars, colours), not a file or a pipe. */
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** The global options `--quiet` and `--verbose`. */
export interface Loudness {
  quiet?: boolean | undefined;
  verbose?: boolean | undefined;
}

/**
 * What the commands print, on the outputs they are given: summaries, progress, warnings and
 * errors. Colours only on a terminal, and never with `NO_COLOR` set.
 */
export class Terminal {
  readonly #stdout: Output;
  readonly #stderr: Output;
  readonly #color: boolean;

  constructor(stdout: Output, stderr: Output, env: Readonly<Record<string, string | undefined>>) {
    this.#stdout = stdout;
    this.#stderr = stderr;
    this.#color = Boolean(stderr.isTTY) && !env.NO_COLOR;
  }

  /** A line on standard output. */
  out(line: string): void {
    this.#stdout.write(`${line}\n`);
  }

  /** A line on standard error. */
  err(line: string): void {
    this.#stderr.write(`${line}\n`);
  }

  /** The width of the terminal standard output goes to; 120 when it is not one. */
  get columns(): number {
    return this.#stdout.columns || 120;
  }

  paint(style: 'red' | 'yellow' | 'dim', text: string): string {
    return this.#color ? styleText(style, text) : text;
  }

  /** The stream a progress bar draws on: standard error when it is a terminal. */
  #bars(): NodeJS.WritableStream | undefined {
    return this.#stderr.isTTY ? (this.#stderr as NodeJS.WritableStream) : undefined;
  }

  /** A progress bar on a terminal; a plain line per recipient otherwise. */
  createProgress(): { onProgress: SendDeps['onProgress']; stop: () => void } {
    const stream = this.#bars();
    if (!stream) {
      return {
        onProgress: ({ done, total, email, status, detail }) => {
          if (status !== 'skipped')
            this.err(
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
        stream,
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

  printSend(result: SendResult): void {
    for (const warning of result.warnings)
      this.err(`${this.paint('yellow', 'warning:')} ${formatWarning(warning)}`);
    if (result.imported) this.out(`Subscriber list: ${importSummary(result.imported)}.`);
    if (result.notImported > 0)
      this.out(
        `${result.notImported} reader(s) of the list are not in the store yet: a send imports them first.`,
      );
    if (result.bouncedSince > 0)
      this.out(
        `${result.bouncedSince} reader(s) bounced since the last send: they are sent nothing.`,
      );
    if (result.firstSend && !result.nothingNew)
      this.out(
        `First send from this store: the news are the entries of the last send.firstWindowDays days, since ${inert(String(result.since))} (--since <date> chooses another start).`,
      );
    this.printTooOld(result.tooOld);
    if (result.nothingNew) {
      this.out(`Nothing new since ${inert(String(result.since))}: no digest was sent.`);
      return;
    }
    const mode = result.dryRun ? 'Would send' : 'Digest';
    this.out(
      `${mode} "${inert(String(result.subject))}" (${result.items.length} entr${result.items.length === 1 ? 'y' : 'ies'}) to ${result.recipients} recipient(s):`,
    );
    for (const item of result.items) this.out(`  - ${inert(item.title)}`);
    if (result.resumed)
      this.out('An earlier send started this digest: it is finished as it was then.');
    if (result.nothingForThem > 0)
      this.out(
        `${result.nothingForThem} reader(s) have nothing new in their topics: they are sent nothing.`,
      );
    if (result.dryRun) {
      for (const plan of result.plan) this.out(`  ${planLine(plan)}`);
      this.out(
        `Messages written to the outbox: ${result.outbox.length} (.eml files in out/outbox/)${result.outbox.length < result.waiting ? `, those of the first ${result.shownPerDigest} readers of each digest, of ${result.waiting} waiting` : ''}.`,
      );
      return;
    }
    this.out(
      `sent ${result.sent}, failed ${result.failed.length}, skipped ${result.skipped} (already served)${result.pending > 0 ? `, pending ${result.pending}` : ''}`,
    );
    if (result.archiveUrl)
      this.out(
        `Its page, where "view in browser" leads: ${inert(result.archiveUrl)} (deploy out/ now).`,
      );
    for (const failure of result.failed)
      this.err(`  failed ${inert(failure.email)}: ${inert(failure.reason)}`);
    // A send for the list (it has a page) records a refusal for good as the reader's bounce.
    if (result.archiveUrl && result.failed.length > 0)
      this.out(
        `${result.failed.length} refused address(es) marked as bounced in the readers' store: nothing is sent to them again.`,
      );
    for (const later of result.deferred)
      this.err(`  pending ${inert(later.email)}: ${inert(later.reason)}`);
  }

  /** The entries that appeared since the last send with a date too old to be news. */
  printTooOld({ count, titles }: SendResult['tooOld']): void {
    if (count === 0) return;
    const some = titles.map((t) => `"${inert(t)}"`).join(', ');
    this.out(
      `Left out as too old: ${count} entr${count === 1 ? 'y' : 'ies'} new to the list but dated more than send.firstWindowDays before: ${some}${count > titles.length ? ', …' : ''}`,
    );
  }

  printWarnings(result: BuildResult): void {
    for (const warning of result.warnings) {
      this.err(`${this.paint('yellow', 'warning:')} ${formatWarning(warning)}`);
    }
  }

  /**
   * What was written, with sizes: files one by one, folders of many files (archive pages, tag
   * feeds) as one line unless --verbose; then the warnings, once.
   */
  printSummary(result: BuildResult, out: string, milliseconds: number, loudness: Loudness): void {
    this.printWarnings(result);
    if (loudness.quiet) return;
    const count = result.entries.length;
    const normalized = result.normalized.length;
    this.out(
      `Built ${count} entr${count === 1 ? 'y' : 'ies'} into ${inert(out)}/ in ${formatTime(milliseconds)} (${normalized} normalized, ${count - normalized} from the cache)`,
    );
    const drafts = formatDrafts(result.drafts, 'build --drafts');
    if (drafts) this.out(drafts);
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
      this.out(`  ${label.padEnd(24)} ${formatBytes(bytes).padStart(10)}`);
    }
  }

  /** Tells that another build writes the output folder, which this one waits for. */
  waitingFor(out: string): (holder: number) => void {
    return (holder) =>
      this.err(
        `Waiting for another Gazette build (pid ${holder}) to finish writing ${inert(out)}/…`,
      );
  }

  /** One line per rebuild in --watch. */
  printRebuild(result: BuildResult, milliseconds: number, loudness: Loudness, at: Date): void {
    this.printWarnings(result);
    if (loudness.quiet) return;
    const time = at.toTimeString().slice(0, 8);
    const changed = result.normalized.length;
    const which = changed > 0 && changed <= 3 ? `: ${inert(result.normalized.join(', '))}` : '';
    const drafts = formatDrafts(result.drafts, '--drafts');
    this.out(
      `${this.paint('dim', time)} built ${result.entries.length} entries in ${formatTime(milliseconds)}, ${changed} normalized${which}${drafts ? `; ${drafts}` : ''}`,
    );
  }

  /** A progress bar on a terminal, once a build has run for a second; nothing otherwise. */
  progressBar(
    loudness: Loudness,
  ): { update: (done: number, total: number) => void; stop: () => void } | undefined {
    const stream = this.#bars();
    if (!stream || loudness.quiet) return undefined;
    const started = Date.now();
    let bar: SingleBar | undefined;
    return {
      update: (done, total) => {
        if (!bar && Date.now() - started < 1000) return;
        bar ??= new SingleBar(
          {
            format: 'Normalizing [{bar}] {value}/{total} · ETA {eta_formatted}',
            stream,
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

  /** A user's mistake, plainly; a bug, with its stack. Returns the exit code. */
  reportError(error: unknown): number {
    if (isUserError(error)) {
      const errors = error instanceof GazetteErrors ? error.errors : [error];
      for (const e of errors) this.err(`${this.paint('red', 'error:')} ${e.format()}`);
      if (errors.length > 1) this.err(`${errors.length} problems; nothing was written.`);
      return 1;
    }
    this.err('Gazette hit a bug (this is not a problem with your input):');
    this.err(formatBug(error));
    return 2;
  }
}

/**
 * What became of the drafts, when there are any: left out, with how to preview them, or shown
 * (`--drafts`). The count says why an article the author sees in the folder is not in the feeds.
 */
export function formatDrafts(
  { leftOut, shown }: DraftCount,
  /** How to show them, as the command that built would be given it. */
  option: string,
): string | undefined {
  const drafts = (n: number) => `${n} draft${n === 1 ? '' : 's'}`;
  if (leftOut > 0)
    return `${drafts(leftOut)} left out (${option} to preview ${leftOut === 1 ? 'it' : 'them'})`;
  if (shown > 0) return `${drafts(shown)} shown for preview, not in the digest`;
  return undefined;
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

/** What an import of readers changed, in words. */
export function importSummary(summary: ImportSummary): string {
  const parts = [
    `${summary.added} added`,
    `${summary.updated} updated`,
    `${summary.unchanged} unchanged`,
  ];
  if (summary.left > 0) parts.push(`${summary.left} unsubscribed or bounced, as the list says`);
  if (summary.keptOut > 0)
    parts.push(`${summary.keptOut} left out (they unsubscribed or bounced, and stay so)`);
  return parts.join(', ');
}

/** A digest of a send and who gets it: `es, topics perou: 2 entries → 3 reader(s): a, b, c`. */
function planLine(plan: SendResult['plan'][number]): string {
  const shown = 5;
  const readers = plan.readers.slice(0, shown).map((email) => inert(email));
  if (plan.readers.length > shown) readers.push(`and ${plan.readers.length - shown} more`);
  const topics = plan.topics.length > 0 ? `topics ${plan.topics.join(', ')}` : 'every topic';
  const entries =
    plan.entries === 0 ? 'nothing new' : `${plan.entries} entr${plan.entries === 1 ? 'y' : 'ies'}`;
  return `${plan.language}, ${topics}: ${entries} → ${plan.readers.length} reader(s): ${readers.join(', ')}`;
}
