import type { ResolvedConfig } from '../config.ts';
import type { Entry } from '../entry.ts';
import type { ParsedArticle } from '../read/parse-article.ts';
import { splitDateline } from './dateline.ts';
import { dateFromFileName, formatDate, parseDate } from './dates.ts';
import { slugFromPath, tagUri } from './ids.ts';
import { readWords } from './keyword-words.ts';
import { extractKeywords, type Keyword, keywordKey, maxKeywordSentences } from './keywords.ts';
import { detectLanguage } from './language.ts';
import { noPageRules, type PageReading, type PageRules } from './page/page-reading.ts';
import { readMarkdownPage, readPage } from './page/read-page.ts';
import { cleanInline, readParagraphs } from './paragraphs.ts';
import { splitSentences } from './sentences.ts';
import { stopwordsFor } from './stopwords.ts';
import { chooseSummary } from './summary.ts';
import { chooseTitle } from './title.ts';
import { countWords, tokenize } from './tokens.ts';

export const maxTags = 6;
/** Reading speed used for `readingMinutes`. */
const wordsPerMinute = 230;

/** What normalizing needs to know about an article besides its text. */
export interface ArticleContext {
  /** Path relative to the input folder. */
  path: string;
  /** Last commit date (ISO 8601), when the file is in a git repository. */
  committed: string | undefined;
  /** The file's modification time. */
  modified: Date;
}

/**
 * Turns a parsed article into an entry. Pure: the same article, context and config give the
 * same entry. Returns null when no text is left once page furniture is removed. `rules` are what
 * the project's config and the article's folder add to the built-in rules of page reading;
 * `onPage` is shown the page as read (whether it is page text, and every line's verdict).
 */
export function normalizeEntry(
  article: ParsedArticle,
  context: ArticleContext,
  config: ResolvedConfig,
  rules: PageRules = noPageRules,
  onPage?: (page: PageReading, pageText: boolean) => void,
): Entry | null {
  const fm = article.frontMatter;
  const { paragraphs: lines, pageText } = readParagraphs(article.body, article.format);
  // Page text is read for its header, body and tail; a Markdown article's structure is its own.
  const page: PageReading = pageText ? readPage(lines, rules) : readMarkdownPage(lines, rules);
  onPage?.(page, pageText);
  const paragraphs = page.body;
  if (paragraphs.length === 0) return null;

  const language = fm.lang ?? detectLanguage(paragraphs.join('\n'), config.language);
  const { location, agency, rest } = splitDateline(paragraphs[0] ?? '');
  const leadParagraphs = rest ? [rest, ...paragraphs.slice(1)] : paragraphs.slice(1);
  const bySentence = leadParagraphs.map((p) => splitSentences(p, language));
  const sentences = bySentence.flat();

  // Read once for the summary and the keywords.
  const read = readWords(sentences.slice(0, maxKeywordSentences), language);
  const summary = fm.summary
    ? cleanInline(fm.summary)
    : chooseSummary({
        standfirst: page.standfirst,
        headline: page.headline,
        paragraphs: bySentence,
        language,
        read,
      });
  // The headline and the standfirst name what the article is about: their words count too.
  const lead = [page.headline, page.standfirst].filter((p): p is string => p !== null);
  const ranked =
    lead.length > 0
      ? extractKeywords([...lead, ...sentences], language, [...readWords(lead, language), ...read])
      : extractKeywords(sentences, language, read);
  const keywords = ranked.map((k) => k.text);
  const given = (fm.tags ?? []).map(cleanInline);
  const fit = topics(ranked, language);
  const tags = mergeTags(given, fit);
  const title = fm.title
    ? cleanInline(fm.title)
    : chooseTitle({
        headline: page.headline,
        sentences,
        language,
        place: location,
        agency,
        names: [...given, ...fit.filter((k) => k.name).map((k) => k.text)],
        text: paragraphs.join('\n'),
      });

  const published = resolvePublished(fm.date, context, config.timeZone);
  const updated = fm.updated ? parseDate(fm.updated, config.timeZone) : published;
  const slug = fm.slug ?? slugFromPath(context.path);
  const publishedText = formatDate(published, config.timeZone);
  const day = publishedText.slice(0, 10);
  // The standfirst is the article's own text: it opens the content.
  const content = page.standfirst ? [page.standfirst, ...paragraphs] : paragraphs;
  const wordCount = content.reduce((n, p) => n + countWords(p), 0);

  return {
    id: fm.id ?? tagUri(config.siteUrl, day, slug),
    slug,
    path: context.path,
    url: new URL(`${slug}/`, config.siteUrl).href,
    title,
    summary,
    content,
    keywords,
    tags,
    language,
    published: publishedText,
    updated: formatDate(
      new Date(Math.max(updated.getTime(), published.getTime())),
      config.timeZone,
    ),
    author: fm.author ? { name: cleanInline(fm.author.name), email: fm.author.email } : null,
    source: fm.source ?? null,
    location,
    wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / wordsPerMinute)),
  };
}

/** Front-matter date, else a date in the file name, else the last commit, else the file's time. */
function resolvePublished(
  date: string | undefined,
  context: ArticleContext,
  timeZone: string,
): Date {
  const written = date ?? dateFromFileName(context.path);
  if (written) return parseDate(written, timeZone);
  if (context.committed) return new Date(context.committed);
  return new Date(Math.floor(context.modified.getTime() / 1000) * 1000);
}

/**
 * Keywords fit to be tags, best first: a tag names a topic, and a long keyword or one with a
 * stopword inside ("démanteler les laboratoires") is a phrase rather than a topic.
 */
function topics(keywords: Keyword[], language: string): Keyword[] {
  const stopwords = stopwordsFor(language);
  return keywords.filter((k) => {
    if (k.name) return true;
    const words = tokenize(k.text);
    return words.length <= 2 && !words.some((t) => stopwords.has(t.lower));
  });
}

/** Front-matter tags first, then topics not already there (up to plural and case), names first. */
function mergeTags(given: string[], topics: Keyword[]): string[] {
  const tags: string[] = [];
  const keys = new Set<string>();
  const named = [...topics.filter((k) => k.name), ...topics.filter((k) => !k.name)];
  for (const tag of [...given, ...named.map((k) => k.text)]) {
    const key = keywordKey(tag);
    if (!tag || keys.has(key)) continue;
    keys.add(key);
    tags.push(tag);
    if (tags.length >= maxTags) break;
  }
  return tags;
}
