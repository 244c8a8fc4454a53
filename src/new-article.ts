import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GazetteError } from './errors.ts';
import { formatDate, TimeZone } from './normalize/dates.ts';
import { slugify } from './normalize/ids.ts';
import { parseArticle } from './read/parse-article.ts';

export interface NewArticleOptions {
  /** The headline, written as the front matter's `title`. */
  title: string;
  /** Folder the article is written in; created if needed. */
  input: string;
  /** ISO 639-1 code written as `lang`. Default: none (the language is detected). */
  lang?: string | undefined;
  /** Written as `tags`. Default: none. */
  tags?: string[] | undefined;
}

export interface NewArticleDeps {
  now: () => Date;
  /** Zone of the date in the file name and in `date` (the config's `timeZone`). */
  timeZone: string;
}

/**
 * Writes `<input>/<YYYY-MM-DD>-<slug>.md` with its front matter filled and an empty body, and
 * returns its path. Refuses to overwrite a file, and refuses front matter the build would refuse.
 */
export async function newArticle(
  options: NewArticleOptions,
  deps: NewArticleDeps,
): Promise<string> {
  const date = formatDate(deps.now(), new TimeZone(deps.timeZone));
  const name = `${date.slice(0, 10)}-${slugify(options.title) || 'article'}.md`;
  const path = join(options.input, name);
  const text = renderArticleStub({ ...options, date });
  // The stub goes through the same parser as a build, so a bad `lang` or an empty title is
  // reported now rather than at the next build.
  parseArticle(text, name, path);
  await mkdir(options.input, { recursive: true });
  try {
    await writeFile(path, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new GazetteError('ArticleExists', 'an article with this file name already exists', {
      file: path,
    });
  }
  return path;
}

/** The text of a new article: front matter, then an empty line to write in. */
export function renderArticleStub(fields: {
  title: string;
  date: string;
  lang?: string | undefined;
  tags?: string[] | undefined;
}): string {
  const tags = (fields.tags ?? []).map((tag) => tag.trim()).filter(Boolean);
  const lines = ['---', `title: ${yamlString(fields.title.trim())}`];
  lines.push(`date: ${yamlString(fields.date)}`);
  if (tags.length > 0) lines.push(`tags: [${tags.map(yamlString).join(', ')}]`);
  if (fields.lang !== undefined) lines.push(`lang: ${yamlString(fields.lang)}`);
  lines.push('---', '', '');
  return lines.join('\n');
}

/**
 * A YAML double-quoted scalar. A JSON string is one, except that YAML refuses some characters
 * JSON leaves raw (C1 controls, DEL, U+FFFE, U+FFFF): those are escaped too.
 */
function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\ufffe\uffff]/g,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
