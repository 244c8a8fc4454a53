import type { ResolvedConfig } from '../config.ts';
import type { EntryImage, TextEntry } from '../entry.ts';
import type { ParsedArticle } from '../read/parse-article.ts';
import { findDateline } from './dateline.ts';
import { dateFromFileName, formatDate, parseDate, type TimeZone } from './dates.ts';
import { withoutSiteName } from './headline.ts';
import { slugFromPath, tagUri } from './ids.ts';
import { readWords } from './keyword-words.ts';
import { maxKeywordSentences } from './keywords.ts';
import { detectLanguage, detectorWindow } from './language.ts';
import type { Locales } from './locales.ts';
import { noPageRules, type PageReading, type PageRules } from './page/page-reading.ts';
import { readMarkdownPage, readPage } from './page/read-page.ts';
import { cleanInline, readParagraphs } from './paragraphs.ts';
import { splitParagraphs } from './sentences.ts';
import { chooseSummary } from './summary.ts';
import { chooseTags } from './tags.ts';
import { chooseTitle } from './title.ts';
import { countWords } from './tokens.ts';

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
 * `locales` what the build knows of its languages and time zones so far (its owner's memo,
 * which changes no result); `onPage` is shown the page as read (whether it is page text, and every line's
 * verdict).
 */
export function normalizeEntry(
  article: ParsedArticle,
  context: ArticleContext,
  config: ResolvedConfig,
  locales: Locales,
  rules: PageRules = noPageRules,
  onPage?: (page: PageReading, pageText: boolean) => void,
): TextEntry | null {
  const fm = article.frontMatter;
  const {
    paragraphs: lines,
    pageText,
    html,
  } = readParagraphs(article.body, article.format, article.lines.body);
  // Page text is read for its header, body and tail; a Markdown article's structure is its own.
  const page: PageReading = pageText ? readPage(lines, rules) : readMarkdownPage(lines, rules);
  onPage?.(page, pageText);
  const paragraphs = page.body;
  if (paragraphs.length === 0) return null;

  const code = fm.lang ?? detectLanguage(opening(paragraphs), config.language);
  const language = locales.language(code);
  const dateline = findDateline(paragraphs);
  const { location, agency, region, rest } = dateline;
  // The article starts at its dateline: a line kept above it (a caption) is not its lead.
  const leadParagraphs = [...(rest ? [rest] : []), ...paragraphs.slice(dateline.index + 1)];
  const bySentence = splitParagraphs(leadParagraphs, language);
  // An address written in the text is read by nobody as words: not a keyword, nor a title's;
  // a summary shows its sentence whole, as written.
  const lexical = bySentence.map((p) => p.map(withoutAddresses));
  const sentences = lexical.flat();

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
  const given = (fm.tags ?? []).map(cleanInline);
  const { keywords, tags, names } = chooseTags({
    headline: page.headline && withoutSiteName(page.headline),
    standfirst: page.standfirst,
    paragraphs: lexical,
    read,
    dateline: dateline.text,
    place: location,
    agency,
    region,
    topic: page.topic,
    siteTags: page.siteTags,
    language,
    given,
  });
  const title = fm.title
    ? cleanInline(fm.title)
    : chooseTitle({
        headline: page.headline,
        standfirst: page.standfirst,
        sentences,
        language,
        place: location,
        agency,
        names: [...given, ...names],
        text: paragraphs.join('\n'),
      });

  const zone = locales.timeZone(config.timeZone);
  const published = resolvePublished(fm.date, context, zone);
  const updated = fm.updated ? parseDate(fm.updated, zone) : published;
  const slug = fm.slug ?? slugFromPath(context.path);
  const publishedText = formatDate(published, zone);
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
    html: html?.parts ?? null,
    image: entryImage(fm, article.lines.image, html?.image),
    keywords,
    tags,
    language: code,
    published: publishedText,
    updated: formatDate(new Date(Math.max(updated.getTime(), published.getTime())), zone),
    author: fm.author ? { name: cleanInline(fm.author.name), email: fm.author.email } : null,
    source: fm.source ?? null,
    location,
    wordCount,
    readingMinutes: Math.max(1, Math.round(wordCount / wordsPerMinute)),
    ...(fm.draft ? { draft: true } : {}),
  };
}

/** A web address written in the text, up to the space or mark that ends it. */
const address = /(?:\bhttps?:\/\/|\bwww\.)[^\s<>"«»]*[^\s<>"«».,;:!?)\]'’]/giu;

/** The sentence with the addresses it writes taken out, and the spaces around them folded. */
function withoutAddresses(sentence: string): string {
  if (!sentence.includes('http') && !sentence.includes('www.')) return sentence;
  return sentence
    .replace(address, '')
    .replace(/\(\s*\)/g, '')
    .replace(/ +(?=[,.)])/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Front matter's picture, else the first of the article's HTML. */
function entryImage(
  fm: ParsedArticle['frontMatter'],
  line: number | undefined,
  first: { src: string; alt: string } | undefined,
): EntryImage | null {
  const size = { width: null, height: null, type: null, length: null };
  if (fm.image) {
    return {
      url: fm.image,
      alt: cleanInline(fm.imageAlt ?? ''),
      ...size,
      width: fm.imageWidth ?? null,
      height: fm.imageHeight ?? null,
      line,
    };
  }
  return first ? { url: first.src, alt: cleanInline(first.alt), ...size } : null;
}

/** The first paragraphs, enough for the language detector, which reads no further. */
function opening(paragraphs: string[]): string {
  let text = '';
  for (const paragraph of paragraphs) {
    text += text ? `\n${paragraph}` : paragraph;
    if (text.length >= detectorWindow) break;
  }
  return text;
}

/** Front-matter date, else a date in the file name, else the last commit, else the file's time. */
function resolvePublished(date: string | undefined, context: ArticleContext, zone: TimeZone): Date {
  const written = date ?? dateFromFileName(context.path);
  if (written) return parseDate(written, zone);
  if (context.committed) return new Date(context.committed);
  return new Date(Math.floor(context.modified.getTime() / 1000) * 1000);
}
