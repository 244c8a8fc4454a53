import Handlebars from 'handlebars';
import type { ResolvedConfig } from '../config.ts';
import type { Entry } from '../entry.ts';
import { GazetteError } from '../errors.ts';
import { feedFiles, newestFirst } from './feeds.ts';
import { digestLanguages, fill, type Messages, messagesFor } from './messages/index.ts';
import { wrapText } from './wrap.ts';

/** The digest's templates, as text: MJML with Handlebars, and plain text with Handlebars. */
export interface DigestTemplates {
  mjml: string;
  text: string;
  /** Where the templates come from, for messages. */
  mjmlPath: string;
  textPath: string;
}

/** Everything the templates see. */
export interface DigestData {
  lang: string;
  dir: 'ltr' | 'rtl';
  subject: string;
  title: string;
  siteName: string;
  siteUrl: string;
  feedUrl: string;
  dateRange: string;
  count: string;
  footer: string;
  messages: Messages;
  /** The newest entry's update time: the digest's own date. */
  date: string;
  items: DigestItem[];
}

export interface DigestItem {
  id: string;
  title: string;
  url: string;
  date: string;
  readingTime: string;
  summary: string;
  tags: string[];
  location: string | null;
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
  date: string;
  /** Ids of the entries in the digest, newest first. */
  ids: string[];
}

/** Languages written right to left. */
export const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv']);

/** The digest's language: the one most of its entries are in, if Gazette speaks it. */
export function digestLanguage(entries: Entry[], fallback: string): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.language, (counts.get(e.language) ?? 0) + 1);
  let best = fallback;
  let bestCount = counts.get(fallback) ?? 0;
  for (const [language, count] of counts) {
    if (count > bestCount) [best, bestCount] = [language, count];
  }
  return digestLanguages.includes(best)
    ? best
    : digestLanguages.includes(fallback)
      ? fallback
      : 'en';
}

/** Chooses the digest's entries (newest first, up to the limit) and words them. */
export function resolveDigest(entries: Entry[], config: ResolvedConfig): DigestData {
  const items = newestFirst(entries).slice(0, config.digest.limit);
  const lang = digestLanguage(items, config.language);
  const messages = messagesFor(lang);
  const day = new Intl.DateTimeFormat(messages.locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: config.timeZone,
  });
  const formatDay = (iso: string) => day.format(new Date(iso));
  const newest = items[0];
  const oldest = items[items.length - 1];
  const from = oldest ? formatDay(oldest.published) : '';
  const to = newest ? formatDay(newest.published) : '';
  const count = fill(items.length === 1 ? messages.articleCount.one : messages.articleCount.other, {
    count: items.length,
  });
  const date = items.reduce(
    (d, e) => (Date.parse(e.updated) > Date.parse(d) ? e.updated : d),
    newest?.updated ?? '2000-01-01T00:00:00Z',
  );
  return {
    lang,
    dir: rtlLanguages.has(lang) ? 'rtl' : 'ltr',
    subject: to ? `${config.digest.title} · ${to}` : config.digest.title,
    title: config.digest.title,
    siteName: config.title,
    siteUrl: config.siteUrl,
    feedUrl: new URL(feedFiles.atom, config.siteUrl).href,
    dateRange: from === to ? to : fill(messages.dateRange, { from, to }),
    count,
    footer: fill(messages.footer, { title: config.title }),
    messages,
    date,
    items: items.map((e) => ({
      id: e.id,
      title: e.title,
      url: e.url,
      date: formatDay(e.published),
      readingTime: fill(messages.readingTime, { minutes: e.readingMinutes }),
      summary: e.summary,
      tags: e.tags,
      location: e.location,
    })),
  };
}

function createHandlebars(): typeof Handlebars {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('join', (list: unknown) =>
    Array.isArray(list) ? list.map(String).join(', ') : '',
  );
  return handlebars;
}

function compile(source: string, path: string, noEscape: boolean) {
  try {
    const template = createHandlebars().compile(source, { noEscape, strict: false });
    return (data: DigestData) => template(data);
  } catch (error) {
    throw new GazetteError('TemplateInvalid', (error as Error).message.split('\n')[0] ?? '', {
      file: path,
    });
  }
}

/** The digest as HTML: Handlebars fills the MJML template, MJML compiles it once. */
export async function renderDigestHtml(
  data: DigestData,
  templates: DigestTemplates,
): Promise<string> {
  let mjml: string;
  try {
    mjml = compile(templates.mjml, templates.mjmlPath, false)(data);
  } catch (error) {
    if (error instanceof GazetteError) throw error;
    throw new GazetteError('TemplateInvalid', (error as Error).message, {
      file: templates.mjmlPath,
    });
  }
  const { default: mjml2html } = await import('mjml');
  const result = await mjml2html(mjml, {
    validationLevel: 'strict',
    fonts: {},
    minify: false,
    keepComments: false,
  });
  if (result.errors.length > 0) {
    const first = result.errors[0];
    throw new GazetteError('TemplateInvalid', `MJML: ${first?.formattedMessage ?? 'invalid'}`, {
      file: templates.mjmlPath,
      line: first?.line,
    });
  }
  return result.html;
}

/** The digest as plain text, wrapped for mail readers. */
export function renderDigestText(data: DigestData, templates: DigestTemplates): string {
  const text = compile(templates.text, templates.textPath, true)(data);
  return `${wrapText(text.replace(/\n{3,}/g, '\n\n').trim())}\n`;
}

export async function renderDigest(
  entries: Entry[],
  config: ResolvedConfig,
  templates: DigestTemplates,
): Promise<RenderedDigest> {
  const data = resolveDigest(entries, config);
  return {
    subject: data.subject,
    html: await renderDigestHtml(data, templates),
    text: renderDigestText(data, templates),
    date: data.date,
    ids: data.items.map((i) => i.id),
  };
}
