import { access, constants } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { idMapFile, type ReadEntriesResult, readEntries } from './build.ts';
import {
  type BuildOptions,
  type ResolvedConfig,
  readConfig,
  resolveBuildOptions,
} from './config.ts';
import { GazetteError, GazetteErrors, isUserError, type Location } from './errors.ts';
import type { Explanation } from './explain.ts';
import type { IdMap } from './normalize/identity.ts';
import type { BuildEngine } from './ports.ts';
import { readTemplates } from './read/digest-files.ts';
import { readIdMap } from './read/id-map.ts';
import { digestWarnings } from './render/digest.ts';
import { renderOutput } from './render/output.ts';
import type { Warning } from './warnings.ts';

/** One problem that would stop a build, by its catalogue name. */
export interface CheckProblem {
  name: string;
  file?: string;
  line?: number;
  message: string;
}

export interface CheckWarning {
  file?: string;
  line?: number;
  message: string;
}

/** What `check` found: plain JSON, for CI. */
export interface CheckReport {
  /** No error (and, with `strict`, no warning either): a build would succeed. */
  ok: boolean;
  /** The config file and the input folder, as the user named them. */
  config: string;
  input: string;
  /** Entries a build would publish (with `--skip-invalid` when there are errors). */
  entries: number;
  /** Drafts (`draft: true`): checked as any article, but not among `entries`. */
  drafts: number;
  errors: CheckProblem[];
  warnings: CheckWarning[];
  /** The article asked for with `explain`, as a build reads it. */
  explanation?: Explanation | undefined;
}

/** What `check` is asked: a build's options, and an article to explain. */
export interface CheckOptions extends BuildOptions {
  /** An article of the input folder (from the working folder or the input folder) to explain. */
  explain?: string | undefined;
}

export interface CheckDeps {
  now: () => Date;
  /** The engine's threads, to normalize the articles on every core; else on this thread. */
  engine?: BuildEngine | undefined;
}

/**
 * Checks the config, the id map, every article and the digest templates the way a build
 * would, and lists every problem, without writing anything: no output, no id map, no cache.
 * `skipInvalid` is ignored (every problem is listed); `strict` makes warnings fail the check.
 * With `explain`, the report also holds how that article is read, with what its folder teaches.
 */
export async function check(options: CheckOptions, deps: CheckDeps): Promise<CheckReport> {
  const resolved = resolveBuildOptions({ ...options, cacheDir: false });
  const report: CheckReport = {
    ok: false,
    config: resolved.config.display,
    input: resolved.input.display,
    entries: 0,
    drafts: 0,
    errors: [],
    warnings: [],
  };
  let config: ResolvedConfig;
  try {
    config = await readConfig(resolved.config.path, resolved.config.display);
  } catch (error) {
    report.errors = userErrors(error).map(toProblem);
    return report;
  }
  const errors: GazetteError[] = [];
  const collect = (error: unknown) => errors.push(...userErrors(error));

  let previous: IdMap = { entries: new Map() };
  try {
    const display = join(dirname(resolved.config.display), idMapFile);
    previous = await readIdMap(join(dirname(resolved.config.path), idMapFile), display);
  } catch (error) {
    collect(error);
  }
  const read = (skipInvalid: boolean) =>
    readEntries(resolved.input.path, resolved.input.display, config, previous, {
      now: deps.now(),
      skipInvalid,
      // A draft is checked as `build --drafts` reads it: its problems are problems now, not
      // only once it is published.
      drafts: true,
      engine: deps.engine,
    });
  // A strict pass names every invalid article; only when there are some does a second,
  // lenient pass count the entries that remain and gather the warnings.
  let result: ReadEntriesResult | undefined;
  try {
    result = await read(false);
  } catch (error) {
    collect(error);
    if (error instanceof GazetteErrors)
      result = await read(true).catch((again: unknown) => {
        userErrors(again); // a bug goes on up; a user error was already listed by the first pass
        return undefined;
      });
  }
  const warnings = withoutLeftOut(result?.warnings ?? [], errors);
  if (options.explain !== undefined && result) {
    try {
      // Loaded only to explain: it brings the normalizer onto this thread.
      const { explainArticle } = await import('./explain.ts');
      report.explanation = await explainArticle(
        resolved.input,
        resolved.cwd,
        options.explain,
        config,
        result.learned,
      );
    } catch (error) {
      // The article's own problem is listed once, as the folder's reading found it.
      for (const problem of userErrors(error))
        if (
          !errors.some(
            (e) => e.name === problem.name && e.location?.file === problem.location?.file,
          )
        )
          errors.push(problem);
    }
  }

  const keyFile = config.digest.dkim?.privateKeyFile;
  if (keyFile) {
    await access(resolve(dirname(resolved.config.path), keyFile), constants.R_OK).catch(() => {
      const message = 'digest.dkim.privateKeyFile: cannot read the key file';
      errors.push(new GazetteError('ConfigInvalid', message, { file: keyFile }));
    });
  }
  try {
    const templates = await readTemplates(resolved.templates, resolved.cwd);
    if (result && result.entries.length > 0) {
      // Rendered in memory only: the templates are checked as MJML's strict mode sees them.
      const { digest } = await renderOutput(result.entries, config, result.plan, templates, {
        texts: result.texts,
      }).digest;
      warnings.push(...digestWarnings(digest));
    }
  } catch (error) {
    collect(error);
  }

  report.drafts = result?.drafts.shown ?? 0;
  report.entries = (result?.entries.length ?? 0) - report.drafts;
  report.errors = errors.map(toProblem);
  report.warnings = warnings.map((w) => ({ ...locationFields(w.location), message: w.message }));
  report.ok = errors.length === 0 && !(options.strict && warnings.length > 0);
  return report;
}

/** The user errors in what was thrown; anything else is a bug and goes on up. */
function userErrors(error: unknown): GazetteError[] {
  if (!isUserError(error)) throw error;
  return error instanceof GazetteErrors ? error.errors : [error];
}

/** The lenient pass repeats each error as a "left out:" warning; the error is enough. */
function withoutLeftOut(warnings: Warning[], errors: GazetteError[]): Warning[] {
  const key = (message: string, location: Location | undefined) =>
    JSON.stringify([message, location?.file, location?.line]);
  const repeated = new Set(errors.map((e) => key(`left out: ${e.message}`, e.location)));
  return warnings.filter((w) => !repeated.has(key(w.message, w.location)));
}

function toProblem(error: GazetteError): CheckProblem {
  return { name: error.name, ...locationFields(error.location), message: error.message };
}

function locationFields(location: Location | undefined): { file?: string; line?: number } {
  if (!location) return {};
  return location.line ? { file: location.file, line: location.line } : { file: location.file };
}
