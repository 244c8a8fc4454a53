import yaml from 'js-yaml';
import { GazetteError } from '../errors.ts';
import { dateFromFileName, readDate } from '../normalize/dates.ts';
import type { Warning } from '../warnings.ts';
import { type FrontMatter, frontMatterFields, frontMatterSchema } from './front-matter.ts';
import { splitFrontMatter } from './split-front-matter.ts';

/** An article split into validated front matter and its body. */
export interface ParsedArticle {
  frontMatter: FrontMatter;
  body: string;
  format: 'text' | 'markdown';
  /** The line of the file the body opens on, and the one front matter names the picture on. */
  lines: { body: number; image?: number | undefined };
}

/**
 * Splits front matter (in `.md` files, and in `.txt` files that start with `---`) from the body
 * and validates it. `file` names the file in messages.
 */
export function parseArticle(
  text: string,
  path: string,
  file: string,
): { article: ParsedArticle; warnings: Warning[] } {
  const format = /\.(md|markdown)$/i.test(path) ? 'markdown' : 'text';
  const unmarked = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const source = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  const { yaml: frontMatter, body } = splitFrontMatter(source, file);
  if (frontMatter === undefined) {
    checkFileNameDate(path, file);
    return { article: { frontMatter: {}, body, format, lines: { body: 1 } }, warnings: [] };
  }
  let data: Record<string, unknown>;
  try {
    // The core schema keeps dates as strings, so that a date without a zone can be read in the
    // configured time zone instead of being taken as UTC by the YAML parser.
    data = (yaml.load(frontMatter, { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw yamlProblem(error, frontMatter, file);
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new GazetteError('FrontMatterSyntax', 'front matter must be a list of `field: value`', {
      file,
      line: 2,
    });
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    throw new GazetteError('FrontMatterInvalid', `${field}: ${issue?.message ?? 'is invalid'}`, {
      file,
      line: lineOfField(source, field),
    });
  }
  if (result.data.date === undefined) checkFileNameDate(path, file);
  const warnings = Object.keys(data)
    .filter((key) => !frontMatterFields.includes(key))
    .map((key) => ({
      message: `unknown front-matter field "${key}" is ignored`,
      location: { file, line: lineOfField(source, key) },
    }));
  const lines = {
    body: countLines(source.slice(0, source.length - body.length)),
    image: result.data.image === undefined ? undefined : lineOfField(source, 'image'),
  };
  return { article: { frontMatter: result.data, body, format, lines }, warnings };
}

/** The 1-based line on which a text that follows `before` opens. */
function countLines(before: string): number {
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The parser's complaint, at the place of its cause. The parser notices an unclosed `[` or `{`
 * only where the next field begins, lines later: the bracket that is never closed is named.
 * Lines are the file's (the front matter begins on line 2), columns count from 1.
 */
function yamlProblem(error: unknown, frontMatter: string, file: string): GazetteError {
  const mark = (error as { mark?: { line: number; column: number; position: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? (error as Error).message;
  if (!mark)
    return new GazetteError('FrontMatterSyntax', `front matter is not valid YAML: ${reason}`, {
      file,
    });
  const open = /flow (collection|mapping|sequence)/.test(reason)
    ? unclosedBracket(frontMatter, mark.position)
    : undefined;
  const at = open ?? { line: mark.line, column: mark.column };
  const what = open ? `the ${open.bracket} on this line is never closed (${reason})` : reason;
  return new GazetteError(
    'FrontMatterSyntax',
    `front matter is not valid YAML at column ${at.column + 1}: ${what}`,
    { file, line: at.line + 2 },
  );
}

/** The innermost `[` or `{` still open at `end`, outside quotes and comments. */
function unclosedBracket(
  text: string,
  end: number,
): { bracket: string; line: number; column: number } | undefined {
  const open: { bracket: string; at: number }[] = [];
  let quote: string | undefined;
  for (let i = 0; i < Math.min(end, text.length); i++) {
    const char = text[i] ?? '';
    if (quote) {
      if (char === quote && text[i - 1] !== '\\') quote = undefined;
      else if (char === '\n') quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const next = text.indexOf('\n', i);
      i = next < 0 ? text.length : next - 1;
    } else if (char === '[' || char === '{') open.push({ bracket: char, at: i });
    else if (char === ']' || char === '}') open.pop();
  }
  const last = open.at(-1);
  if (!last) return undefined;
  const before = text.slice(0, last.at);
  const line = before.split('\n').length - 1;
  return { bracket: last.bracket, line, column: last.at - (before.lastIndexOf('\n') + 1) };
}

/** The 1-based line on which a top-level front-matter field is written. */
function lineOfField(source: string, field: string): number | undefined {
  const lines = source.split('\n');
  for (let i = 1; i < lines.length && lines[i] !== '---'; i++) {
    if (lines[i]?.startsWith(`${field}:`)) return i + 1;
  }
  return undefined;
}

/**
 * A date at the start of the file name dates the article when its front matter does not: an
 * impossible one (`2025-02-30-lima.md`) is a typo to fix, not a reason to date it otherwise.
 */
function checkFileNameDate(path: string, file: string): void {
  const written = dateFromFileName(path);
  if (written === undefined) return;
  const date = readDate(written);
  if ('problem' in date) {
    throw new GazetteError('FileNameDateInvalid', `in the file name, ${date.problem}`, { file });
  }
}
