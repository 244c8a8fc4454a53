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
  /** The config's `language`: that of the placeholder text when `lang` is not given. */
  language?: string | undefined;
}

/**
 * The line a new article holds until its author writes it: the build refuses an article
 * without text, and a draft is checked as any article is.
 */
const placeholders: Record<string, string> = {
  de: 'Schreiben Sie hier den Artikel, dann löschen Sie oben die Zeile `draft: true`, um ihn zu veröffentlichen.',
  en: 'Write the article here, then delete the line `draft: true` above to publish it.',
  es: 'Escriba aquí el artículo y luego borre arriba la línea `draft: true` para publicarlo.',
  fr: 'Écrivez ici l’article, puis supprimez plus haut la ligne `draft: true` pour le publier.',
  pt: 'Escreva aqui o artigo e depois apague acima a linha `draft: true` para publicá-lo.',
};

/**
 * Writes `<input>/<YYYY-MM-DD>-<slug>.md`, a draft with its front matter filled and a line of
 * placeholder text, and returns its path: builds leave it out until `draft: true` is removed.
 * Refuses to overwrite a file, and refuses front matter the build would refuse.
 */
export async function newArticle(
  options: NewArticleOptions,
  deps: NewArticleDeps,
): Promise<string> {
  const date = formatDate(deps.now(), new TimeZone(deps.timeZone));
  const name = `${date.slice(0, 10)}-${slugify(options.title) || 'article'}.md`;
  const path = join(options.input, name);
  const text = renderArticleStub({ ...options, date, language: options.lang ?? deps.language });
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

/**
 * The text of a new article: front matter that makes it a draft, then a line of placeholder
 * text in `language` (English when Gazette has none in it) to write over.
 */
export function renderArticleStub(fields: {
  title: string;
  date: string;
  lang?: string | undefined;
  tags?: string[] | undefined;
  language?: string | undefined;
}): string {
  const tags = (fields.tags ?? []).map((tag) => tag.trim()).filter(Boolean);
  const lines = ['---', `title: ${yamlString(fields.title.trim())}`];
  lines.push(`date: ${yamlString(fields.date)}`);
  if (tags.length > 0) lines.push(`tags: [${tags.map(yamlString).join(', ')}]`);
  if (fields.lang !== undefined) lines.push(`lang: ${yamlString(fields.lang)}`);
  lines.push('draft: true', '---', '');
  lines.push(placeholders[fields.language ?? ''] ?? placeholders.en ?? '', '');
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
