import type { PageRules } from './page-reading.ts';

/** A project's own rules of page reading, as `gazette.config.json` gives them. */
export interface BoilerplateLists {
  /** Regular expressions (JavaScript syntax) of whole lines that are furniture. */
  drop: readonly string[];
  /** Regular expressions of whole lines that are never furniture, whatever else says so. */
  keep: readonly string[];
}

export const noBoilerplate: BoilerplateLists = { drop: [], keep: [] };

/**
 * An expression of the config as a whole-line matcher: anchored at both ends, so that `Publicité`
 * drops that line and not every line that mentions it, and with the `u` flag, so that `\p{L}` and
 * characters beyond the Basic Multilingual Plane mean what the user expects.
 */
export function wholeLine(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, 'u');
}

/** Why an expression cannot be used, or undefined when it compiles as a whole-line matcher. */
export function expressionProblem(source: string): string | undefined {
  try {
    wholeLine(source);
    return undefined;
  } catch (error) {
    // The engine quotes the anchored pattern, which is not what the user wrote: only its reason.
    const message = (error as Error).message;
    const quoted = `Invalid regular expression: /^(?:${source})$/u: `;
    return message.startsWith(quoted) ? message.slice(quoted.length) : message;
  }
}

/** The rules a project's lists and a folder's learned lines give to page reading. */
export function createPageRules(
  lists: BoilerplateLists,
  learned: ReadonlySet<string> = new Set(),
): PageRules {
  return { drop: lists.drop.map(wholeLine), keep: lists.keep.map(wholeLine), learned };
}
