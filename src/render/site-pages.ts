import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { ResolvedConfig } from '../config.ts';
import type { Entry } from '../entry.ts';
import { GazetteError } from '../errors.ts';
import type { PageTemplates, TemplateFile } from '../read/page-files.ts';
import { remember } from '../remember.ts';
import { rtlLanguages } from './digest.ts';
import { feedFiles, tagSlugOf } from './feed-order.ts';
import { type Messages, messagesFor } from './messages/index.ts';
import type { KeyMemo } from './remembered-key.ts';

/**
 * What every page of the site shares: the compiled templates (`article.html.hbs`,
 * `list.html.hbs` and the partials, which a project replaces file by file), each language's
 * wording and date format, the feeds, and where each tag's page is.
 */
export interface Site {
  config: ResolvedConfig;
  article: (data: object) => string;
  list: (data: object) => string;
  /** A sent digest's page (`digest-page.html.hbs`). */
  digestPage: (data: object) => string;
  /** A hash of the templates: part of every page's key. */
  templates: string;
  /** A hash of which tags have a page: part of the key of every page that shows tags. */
  tagPages: string;
  /** The pages' keys as the session's last build made them (`--watch`). */
  keys?: KeyMemo | undefined;
  site: { title: string; url: string };
  /** How every address of the site begins: `siteUrl`, as a URL writes it. */
  base: string;
  /** The site's feeds, as the head's autodiscovery links and the footer show them. */
  feeds: FeedLink[];
  /** Where the footer's sign-up form posts: the subscription service's, when it runs. */
  signUp: { action: string } | undefined;
  language(language: string): SiteLanguage;
  /** The address of a tag's page, when the tag has one. */
  tagUrl(tag: string): string | undefined;
  /** An entry's tags, each with its page's address when it has one. */
  tagLinks(entry: Entry): TagLink[];
}

/** A language's wording on the pages, and how it writes a day. */
export interface SiteLanguage {
  messages: Messages;
  /** The day of a time (RFC 3339) in the site's time zone, as the language writes it. */
  day(time: string): string;
}

export interface FeedLink {
  type: string;
  /** As feed readers list it (autodiscovery). */
  title: string;
  /** As the page's footer shows it. */
  name: string;
  url: string;
}

/** A tag as a page shows it: its name, and its page's address when it has one. */
export interface TagLink {
  name: string;
  url?: string | undefined;
}

/** The folder of a tag's page, beside its feed (`tags/<slug>.xml`). */
export const tagPageFolder = (slug: string) => `tags/${slug}/`;

export function createSite(
  config: ResolvedConfig,
  templates: PageTemplates,
  /** The slugs of the tags that have a page. */
  tagPages: ReadonlySet<string>,
  slugMemo: Map<string, string>,
  keys?: KeyMemo | undefined,
): Site {
  const languages = new Map<string, SiteLanguage>();
  // Asked for by every page that shows a tag: each looked up once a build.
  const tagUrls = new Map<string, string | undefined>();
  const entryTags = new Map<Entry, TagLink[]>();
  const base = new URL(config.siteUrl).href;
  const handlebars = Handlebars.create();
  handlebars.registerHelper('or', (...values: unknown[]) => values.slice(0, -1).some(Boolean));
  for (const [name, file] of Object.entries(templates.partials))
    handlebars.registerPartial(name, file.text);
  const title = config.title;
  const feeds: FeedLink[] = [
    { file: feedFiles.atom, type: 'application/atom+xml', name: 'Atom' },
    { file: feedFiles.rss, type: 'application/rss+xml', name: 'RSS' },
    { file: feedFiles.json, type: 'application/feed+json', name: 'JSON Feed' },
  ].map((feed) => ({
    type: feed.type,
    title: `${title} (${feed.name})`,
    name: feed.name,
    url: new URL(feed.file, config.siteUrl).href,
  }));
  return {
    config,
    article: compile(handlebars, templates.article),
    list: compile(handlebars, templates.list),
    digestPage: compile(handlebars, templates.digestPage),
    templates: createHash('sha256')
      .update(
        JSON.stringify(
          [
            templates.article,
            templates.list,
            templates.digestPage,
            ...Object.values(templates.partials),
          ].map((file) => file.text),
        ),
      )
      .digest('base64'),
    tagPages: createHash('sha1')
      .update([...tagPages].sort().join('\0'))
      .digest('base64'),
    keys,
    site: { title, url: config.siteUrl },
    base,
    feeds,
    signUp: config.subscriptions.url
      ? { action: new URL('subscribe', config.subscriptions.url).href }
      : undefined,
    language(language) {
      let known = languages.get(language);
      if (!known) {
        const messages = messagesFor(language);
        const format = new Intl.DateTimeFormat(messages.locale, {
          dateStyle: 'long',
          timeZone: config.timeZone,
        });
        // Thousands of entries share a few hundred days: each written once.
        const days = new Map<string, string>();
        const day = (time: string) =>
          remember(days, 100_000, time, () => format.format(new Date(time)));
        known = { messages, day };
        languages.set(language, known);
      }
      return known;
    },
    tagUrl(tag) {
      if (tagUrls.has(tag)) return tagUrls.get(tag);
      const slug = tagSlugOf(tag, slugMemo);
      const url = tagPages.has(slug) ? `${base}${encodeURI(tagPageFolder(slug))}` : undefined;
      tagUrls.set(tag, url);
      return url;
    },
    tagLinks(entry) {
      let links = entryTags.get(entry);
      if (!links) {
        links = entry.tags.map((name) => ({ name, url: this.tagUrl(name) }));
        entryTags.set(entry, links);
      }
      return links;
    },
  };
}

/** What the head partial and the page's frame need, whatever the page. */
export function pageFrame(site: Site, language: string) {
  const { messages } = site.language(language);
  return {
    lang: language,
    dir: rtlLanguages.has(language) ? 'rtl' : 'ltr',
    ogLocale: messages.locale.replace('-', '_'),
    messages,
    site: site.site,
    feeds: site.feeds,
    signUp: site.signUp,
  };
}

/**
 * A page's key: what it shows (`parts`: texts that hold no NUL, or data written as JSON), with
 * the code, settings and templates it was made with.
 */
export function pageKey(site: Site, generation: string, parts: unknown[]): string {
  const texts = parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part)));
  return createHash('sha1')
    .update(`${generation}\0${site.templates}\0${texts.join('\0')}`)
    .digest('base64');
}

/** An entry's tags as a page shows them, in one text for a key. */
export function tagsText(site: Site, entry: Entry): string {
  return site
    .tagLinks(entry)
    .map((tag) => `${tag.name}\u0001${tag.url ?? ''}`)
    .join('\u0002');
}

function compile(handlebars: typeof Handlebars, file: TemplateFile): (data: object) => string {
  const template = handlebars.compile(file.text, { strict: false });
  return (data) => {
    try {
      return template(data);
    } catch (error) {
      throw new GazetteError('TemplateInvalid', (error as Error).message.split('\n')[0] ?? '', {
        file: file.path,
      });
    }
  };
}
