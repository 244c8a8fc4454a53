import Handlebars from 'handlebars';
import type { ResolvedConfig } from '../config.ts';
import { type Entry, type EntryTexts, withText } from '../entry.ts';
import { GazetteError } from '../errors.ts';
import type { DigestTemplates } from '../read/digest-files.ts';
import type { Warning } from '../warnings.ts';
import { type DigestItem, fitItem, shortenText } from './digest-fit.ts';
import { feedFiles, newestFirst } from './feed-order.ts';
import { renderContentHtml } from './html.ts';
import { pictureOf } from './media.ts';
import { digestLanguages, fill, type Messages, messagesFor } from './messages/index.ts';
import { type MjmlCompiler, mjmlCompiler } from './mjml.ts';
import { digestPlaceholders, type Placeholders, templatePlaceholders } from './personalize.ts';
import { wrapText } from './wrap.ts';

/** Gmail clips a message over about 102 KB of HTML, and then drops its styles. */
export const htmlBudget = 90 * 1024;

/** Everything the templates see. */
export interface DigestData {
  lang: string;
  dir: 'ltr' | 'rtl';
  subject: string;
  title: string;
  /** Text of the inbox preview: the lead item's summary. */
  preheader: string;
  siteName: string;
  siteUrl: string;
  feedUrl: string;
  dateRange: string;
  count: string;
  footer: string;
  contact: string | undefined;
  messages: Messages;
  /** The per-reader values' places in this digest, filled for each reader after MJML. */
  placeholders: Placeholders;
  /** The newest entry's update time: the digest's own date. */
  date: string;
  /** Items by main tag (one unnamed group when the digest is short), newest first in each. */
  groups: { name: string | null; items: DigestItem[] }[];
  /** "and N more articles", when the size budget left some out. */
  more: string | null;
  /** The subscription service runs (`subscriptions.url`): each reader has a preferences link. */
  hasPreferences: boolean;
}

export interface RenderedDigest {
  subject: string;
  /** The inbox preview text. */
  preheader: string;
  /** With the per-recipient placeholders still in it. */
  html: string;
  text: string;
  date: string;
  language: string;
  /** Ids of the entries in the digest, newest first. */
  ids: string[];
  /** Entries left out to keep the HTML within the size budget. */
  dropped: number;
  /** Entries whose text was cut to keep the HTML within the size budget. */
  shortened: { title: string; path: string }[];
  /** Where each reader's own values go in `html` and `text`. */
  placeholders: Placeholders;
}

/** Locales written right to left. */
export const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv']);

/** Invisible characters after the preheader, so that no other text leaks into the preview. */
const previewSpacer = '\u034F\u200C\u00A0'.repeat(90);

/** The digest's language: the one most of its entries are in, if Gazette speaks it. */
export function digestLanguage(entries: readonly Entry[], fallback: string): string {
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

/** The entries a digest of `entries` holds, by id, before any is left out to fit. */
export function digestChoice(entries: readonly Entry[], config: ResolvedConfig): string[] {
  return newestFirst(entries)
    .slice(0, config.digest.limit)
    .map((e) => e.id);
}

/**
 * Chooses the digest's entries (newest first, up to the limit, less `drop` of the oldest) and
 * words them, each item's text cut to `itemBytes` of HTML.
 */
export function resolveDigest(
  entries: readonly Entry[],
  config: ResolvedConfig,
  drop = 0,
  itemBytes = Number.POSITIVE_INFINITY,
  /** Each item's `html`, with the label of its link to the original. */
  contentHtml: ContentHtml = (entry, label) => renderContentHtml(withText(entry), label),
  /** The language of its words and dates; default: its entries' (`digestLanguage`). */
  wording?: string,
): DigestData {
  const chosen = newestFirst(entries).slice(0, config.digest.limit);
  const items = chosen.slice(0, Math.max(1, chosen.length - drop));
  const dropped = chosen.length - items.length;
  const lang =
    wording && digestLanguages.includes(wording) ? wording : digestLanguage(items, config.language);
  const messages = messagesFor(lang);
  const day = new Intl.DateTimeFormat(messages.locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: config.timeZone,
  });
  const formatDay = (iso: string) => day.format(new Date(iso));
  const newest = chosen[0];
  const oldest = chosen[chosen.length - 1];
  const from = oldest ? formatDay(oldest.published) : '';
  const to = newest ? formatDay(newest.published) : '';
  const plural = (forms: { one: string; other: string }, count: number) =>
    fill(count === 1 ? forms.one : forms.other, { count });
  const date = chosen.reduce(
    (d, e) => (Date.parse(e.updated) > Date.parse(d) ? e.updated : d),
    newest?.updated ?? '2000-01-01T00:00:00Z',
  );
  const toItem = (e: Entry): DigestItem =>
    fitItem(
      {
        id: e.id,
        title: e.title,
        url: e.url,
        date: formatDay(e.published),
        readingTime: fill(messages.readingTime, { minutes: e.readingMinutes }),
        summary: e.summary,
        tags: e.tags,
        location: e.location,
        ...pictureItem(e),
        html: contentHtml(e, messages.source),
      },
      itemBytes,
      messages.locale,
    );
  const shown: Omit<DigestData, 'placeholders'> = {
    lang,
    dir: rtlLanguages.has(lang) ? 'rtl' : 'ltr',
    subject: to ? `${config.digest.title} · ${to}` : config.digest.title,
    title: config.digest.title,
    preheader: newest ? toItem(newest).summary : '',
    siteName: config.title,
    siteUrl: config.siteUrl,
    feedUrl: new URL(feedFiles.atom, config.siteUrl).href,
    dateRange: from === to ? to : fill(messages.dateRange, { from, to }),
    count: plural(messages.articleCount, chosen.length),
    footer: fill(messages.footer, { title: config.title }),
    contact: config.digest.contact,
    messages,
    date,
    groups: groupItems(items, config.digest.groupAbove, messages).map((g) => ({
      name: g.name,
      items: g.entries.map(toItem),
    })),
    more: dropped > 0 ? plural(messages.andMore, dropped) : null,
    hasPreferences: Boolean(config.subscriptions.url),
  };
  return { ...shown, placeholders: digestPlaceholders(JSON.stringify(shown)) };
}

/**
 * Items by their main tag (their first), groups in the order of their newest item; entries
 * whose main tag no other entry shares go together at the end.
 */
function groupItems(items: Entry[], groupAbove: number, messages: Messages) {
  if (items.length <= groupAbove) return [{ name: null, entries: items }];
  const groups = new Map<string, Entry[]>();
  for (const entry of items) {
    const tag = entry.tags[0] ?? '';
    groups.set(tag, [...(groups.get(tag) ?? []), entry]);
  }
  const named = [...groups].filter(([tag, entries]) => tag && entries.length > 1);
  const rest = items.filter((e) => !named.some(([, entries]) => entries.includes(e)));
  return [
    ...named.map(([name, entries]) => ({ name, entries })),
    ...(rest.length > 0 ? [{ name: messages.otherTopics, entries: rest }] : []),
  ];
}

function itemCount(data: DigestData): number {
  return data.groups.reduce((n, g) => n + g.items.length, 0);
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
    const template = createHandlebars().compile(templatePlaceholders(source), {
      noEscape,
      strict: false,
    });
    return (data: DigestData) => template(data);
  } catch (error) {
    throw new GazetteError('TemplateInvalid', (error as Error).message.split('\n')[0] ?? '', {
      file: path,
    });
  }
}

/** The digest as HTML: Handlebars fills the MJML template, MJML compiles it. */
export async function renderDigestHtml(
  data: DigestData,
  templates: DigestTemplates,
  compileMjml: MjmlCompiler = mjmlCompiler,
): Promise<string> {
  let mjml: string;
  try {
    mjml = compile(
      templates.mjml,
      templates.mjmlPath,
      false,
    )({
      ...data,
      preheader: `${data.preheader}${previewSpacer}`,
    });
  } catch (error) {
    if (error instanceof GazetteError) throw error;
    throw new GazetteError('TemplateInvalid', (error as Error).message, {
      file: templates.mjmlPath,
    });
  }
  const result = await compileMjml(mjml);
  if (result.errors.length > 0) {
    const first = result.errors[0];
    throw new GazetteError('TemplateInvalid', `MJML: ${first?.message ?? 'invalid'}`, {
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

/** The warnings of a digest made to fit the HTML budget: entries left out, or cut short. */
export function digestWarnings(digest: RenderedDigest): Warning[] {
  const budget = `${htmlBudget / 1024} KB of HTML, which Gmail would clip`;
  return [
    ...(digest.dropped > 0
      ? [
          {
            message: `the digest left out its ${digest.dropped} oldest entries to stay under ${budget}`,
          },
        ]
      : []),
    ...digest.shortened.map(({ title, path }) => ({
      message: `the digest shortened "${shortenText(title, 80, 'en')}" (${path}) to stay under ${budget}`,
    })),
  ];
}

/** An item's text is never cut below this while older items can be left out instead. */
const minItemBytes = 2048;

/** An entry's content as HTML, its link to the original labelled `label`. */
type ContentHtml = (entry: Entry, label: string) => string;

/**
 * Each entry's content HTML made once, however many times the digest is fitted: its text may
 * have to be read from the entry store.
 */
function contentHtmlOnce(texts: EntryTexts | undefined): ContentHtml {
  const made = new Map<Entry, { label: string; html: string }>();
  return (entry, label) => {
    let known = made.get(entry);
    if (known?.label !== label) {
      known = { label, html: renderContentHtml(withText(entry, texts), label) };
      made.set(entry, known);
    }
    return known.html;
  };
}

/** The digest's column, less its padding: a picture is never shown wider. */
const columnWidth = 592;

/** An item's picture, at most the column's width (and no wider than the picture, when known). */
function pictureItem(entry: Entry): Pick<DigestItem, 'image' | 'imageAlt' | 'imageWidth'> {
  const picture = pictureOf(entry);
  if (!picture) return { image: null, imageAlt: '', imageWidth: null };
  return {
    image: picture.url,
    imageAlt: picture.alt,
    imageWidth: Math.min(columnWidth, picture.width ?? columnWidth),
  };
}

/**
 * Renders the digest once. When its HTML would pass the size budget, the items whose text
 * would take more than an even share of the room are cut first (so that one very long item
 * does not push the others out); then the oldest items are left out (the digest then says how
 * many, and links to the rest); and a last item still too long is cut to what is left.
 */
export async function renderDigest(
  entries: readonly Entry[],
  config: ResolvedConfig,
  templates: DigestTemplates,
  compileMjml: MjmlCompiler = mjmlCompiler,
  texts?: EntryTexts,
  /** The language of its words and dates, a reader's; default: its entries'. */
  wording?: string,
): Promise<RenderedDigest> {
  const contentHtml = contentHtmlOnce(texts);
  const render = (data: DigestData) => renderDigestHtml(data, templates, compileMjml);
  const over = (html: string) => Buffer.byteLength(html) > htmlBudget;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const cutShort = (data: DigestData) =>
    data.groups.flatMap((g) =>
      g.items.flatMap((item) => {
        const entry = byId.get(item.id);
        const whole =
          entry?.summary === item.summary &&
          entry.title === item.title &&
          entry.tags.length === item.tags.length;
        return entry && !whole ? [{ title: entry.title, path: entry.path }] : [];
      }),
    );
  let drop = 0;
  let itemBytes = Number.POSITIVE_INFINITY;
  let data = resolveDigest(entries, config, 0, Number.POSITIVE_INFINITY, contentHtml, wording);
  let html = await render(data);
  const count = itemCount(data);
  // Each item's text gets an even share of the room the rest of the digest leaves (the lead
  // summary counts twice: it is the preheader too), measured with every item's text taken out;
  // a template that shows the text more often than that is met by cutting again by the excess.
  const cut = async (floor: number) => {
    const bare = resolveDigest(entries, config, drop, 0, contentHtml, wording);
    const room = htmlBudget - Buffer.byteLength(await render(bare));
    itemBytes = Math.min(itemBytes, Math.max(floor, Math.floor(room / (itemCount(bare) + 1))));
    for (let round = 0; round < 3; round++) {
      const fitted = resolveDigest(entries, config, drop, itemBytes, contentHtml, wording);
      const shortened = cutShort(fitted).length;
      if (shortened === 0) return;
      data = fitted;
      html = await render(data);
      const excess = Buffer.byteLength(html) - htmlBudget;
      if (excess <= 0 || itemBytes <= floor) return;
      itemBytes = Math.max(floor, itemBytes - Math.ceil(excess / shortened));
    }
  };
  if (over(html)) await cut(count > 1 ? minItemBytes : 0);
  while (over(html) && count - drop > 1) {
    const share = htmlBudget / Buffer.byteLength(html);
    const keep = Math.max(1, Math.min(count - drop - 1, Math.floor((count - drop) * share * 0.95)));
    drop = count - keep;
    data = resolveDigest(entries, config, drop, itemBytes, contentHtml, wording);
    html = await render(data);
  }
  if (over(html) && count > 1) await cut(0);
  return {
    subject: data.subject,
    preheader: data.preheader,
    html,
    text: renderDigestText(data, templates),
    date: data.date,
    language: data.lang,
    ids: data.groups.flatMap((g) => g.items.map((i) => i.id)),
    dropped: drop,
    shortened: cutShort(data),
    placeholders: data.placeholders,
  };
}
