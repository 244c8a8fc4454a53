import { relative, resolve, sep } from 'node:path';
import type { ResolvedConfig, ResolvedPath } from './config.ts';
import { GazetteError } from './errors.ts';
import { Locales } from './normalize/locales.ts';
import type { LineRole, PageReading } from './normalize/page/page-reading.ts';
import { createPageRules } from './normalize/page/page-rules.ts';
import { processArticle } from './normalize/process-article.ts';
import { type ArticleFile, listArticles, readArticle } from './read/read-articles.ts';

/** One line of the page, with Gazette's verdict on it and the reason. */
export interface ExplainedLine {
  role: LineRole;
  reason: string;
  text: string;
}

/** An article as Gazette read it: what `gazette check --explain` prints. */
export interface Explanation {
  /** The file, as the input folder's listing names it. */
  file: string;
  /** Read as a saved page (header, body and tail found), else as a Markdown article. */
  pageText: boolean;
  lines: ExplainedLine[];
  title: string;
  summary: string;
  tags: string[];
  keywords: string[];
  language: string;
  /** The dateline's place, when the body opens with one. */
  place: string | null;
}

/**
 * Reads one article of the input folder as a build does, with the lines the folder taught
 * (`learned`) and the project's rules, and tells how each of its lines was judged and what
 * the entry became. `given` is a path from the working folder or from the input folder.
 */
export async function explainArticle(
  input: ResolvedPath,
  cwd: string,
  given: string,
  config: ResolvedConfig,
  learned: ReadonlySet<string>,
): Promise<Explanation> {
  const { files } = await listArticles(input.path, input.display);
  const file = findArticle(files, given, cwd, input);
  const read = await readArticle(input.path, file, config.maxArticleSize * 1024 * 1024);
  if ('error' in read) throw read.error;
  let reading: { page: PageReading; pageText: boolean } | undefined;
  const rules = createPageRules(config.boilerplate, learned);
  const outcome = processArticle(read.article, config, new Locales(), rules, (page, pageText) => {
    reading = { page, pageText };
  });
  if ('error' in outcome) {
    const { name, message, location } = outcome.error;
    throw new GazetteError(name, message, location);
  }
  const { entry } = outcome;
  return {
    file: file.displayPath,
    pageText: reading?.pageText ?? false,
    lines: (reading?.page.lines ?? []).map(({ role, reason, text }) => ({ role, reason, text })),
    title: entry.title,
    summary: entry.summary,
    tags: entry.tags,
    keywords: entry.keywords,
    language: entry.language,
    place: entry.location,
  };
}

/** The listed article that `given` names, from the working folder or from the input folder. */
function findArticle(
  files: ArticleFile[],
  given: string,
  cwd: string,
  input: ResolvedPath,
): ArticleFile {
  const inFolder = (path: string) => relative(input.path, path).split(sep).join('/');
  const wanted = new Set([inFolder(resolve(cwd, given)), inFolder(resolve(input.path, given))]);
  const file = files.find((f) => wanted.has(f.path));
  if (file) return file;
  throw new GazetteError(
    'ArticleNotInInput',
    `not an article of the input folder ${input.display} (.txt, .md or .markdown)`,
    { file: given },
  );
}
