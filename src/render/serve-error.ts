import { formatBug, GazetteErrors, isUserError } from '../errors.ts';
import { escapeHtml } from '../html-escape.ts';

/** A build of `serve` that failed, as the served pages show it. */
export interface BuildFailure {
  /**
   * Each problem as the terminal prints it: `file:line: message`, what to do and the error's
   * name; for a bug, its stack.
   */
  problems: string[];
  /** A bug in Gazette, not a problem with the input. */
  bug: boolean;
}

/** What the pages show of `error`, thrown by a build: each problem it carries. */
export function failureOf(error: unknown): BuildFailure {
  if (!isUserError(error)) return { problems: [formatBug(error)], bug: true };
  const errors = error instanceof GazetteErrors ? error.errors : [error];
  return { problems: errors.map((e) => e.format()), bug: false };
}

// Inline, and spelled out in full: the panel goes into any page, whose own styles must neither
// hide it nor reach into it.
const panel =
  'display:block;position:relative;z-index:2147483647;margin:0;padding:1rem 1.25rem;' +
  'background:#fdecea;color:#410e0b;border-bottom:.25rem solid #b3261e;text-align:left;' +
  'font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif';
const block =
  'display:block;margin:.5rem 0;padding:0;border:0;max-width:none;color:inherit;background:none;';
const problem = `${block}white-space:pre-wrap;overflow-wrap:anywhere;font:.9rem/1.4 ui-monospace,Menlo,Consolas,monospace`;

/**
 * The panel at the top of every page served while the last build has failed: what went wrong,
 * and that the page is the last good build's. Plain HTML, so that it shows without scripts.
 */
export function renderErrorPanel(failure: BuildFailure): string {
  const count = failure.problems.length;
  const title = failure.bug
    ? 'Gazette hit a bug while building (this is not a problem with your input):'
    : `The last build failed${count > 1 ? ` (${count} problems)` : ''}:`;
  const problems = failure.problems
    .map((text) => `<li style="${block}"><pre style="${problem}">${escapeHtml(text)}</pre></li>`)
    .join('\n');
  return `<div role="alert" data-gazette-error style="${panel}">
<p style="${block}font-weight:700">${title}</p>
<ul style="${block}list-style:none">
${problems}
</ul>
<p style="${block}">This page shows the last good build. The fix is picked up when the file is saved: Gazette builds again, and this page reloads by itself.</p>
</div>
`;
}
