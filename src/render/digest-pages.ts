import { escapeHtml } from '../html-escape.ts';
import { type SentDigest, sentDigestName } from '../read/sent-digests.ts';
import { fill } from './messages/index.ts';
import { keptIfSame, type OutputFile, type OutputReuse } from './output-file.ts';
import { type FeedLink, pageFrame, pageKey, type Site } from './site-pages.ts';
import type { SitemapPage } from './sitemap.ts';
import { textElement, writeDocument, type XmlElement } from './xml.ts';

/**
 * The digests' archive, from the records `send` keeps: each digest sent at its own address
 * (`digests/<date>-<id>/`, from `digest-page.html.hbs`), the list of them (`digests/`, from
 * `list.html.hbs`) and their Atom feed (`digests/atom.xml`). Made from the records alone, so
 * that a page never changes once its digest went out: it is what the readers' "view in browser"
 * link leads to.
 */

export const digestsFolder = 'digests/';
export const digestsFeedFile = `${digestsFolder}atom.xml`;

type Named = Pick<SentDigest, 'date' | 'id'>;

/** A sent digest's page, in the output folder. */
export const digestPagePath = (digest: Named) =>
  `${digestsFolder}${sentDigestName(digest)}/index.html`;

/** A sent digest's page, as readers reach it. */
export const digestPageUrl = (digest: Named, siteUrl: string) =>
  new URL(`${digestsFolder}${sentDigestName(digest)}/`, siteUrl).href;

export interface DigestArchiveOptions {
  reuse?: OutputReuse | undefined;
}

/** The archive's files, and its pages for the sitemap; nothing before a digest was sent. */
export function renderDigestArchive(
  digests: readonly SentDigest[],
  site: Site,
  { reuse }: DigestArchiveOptions = {},
): { files: Map<string, OutputFile>; sitemap: SitemapPage[] } {
  const files = new Map<string, OutputFile>();
  if (digests.length === 0) return { files, sitemap: [] };
  const { config } = site;
  const sorted = newestFirst(digests);
  const { messages, day } = site.language(config.language);
  const listUrl = new URL(digestsFolder, config.siteUrl).href;
  const feed: FeedLink = {
    type: 'application/atom+xml',
    title: `${config.title} · ${messages.digestFeed}`,
    name: messages.digestFeed,
    url: new URL(digestsFeedFile, config.siteUrl).href,
  };
  const feeds = [feed, ...site.feeds];
  for (const digest of sorted) {
    const path = digestPagePath(digest);
    const key = reuse ? pageKey(site, reuse.generation, [shownOf(digest)]) : undefined;
    const kept = key ? reuse?.keep(path, key) : undefined;
    if (kept && key) files.set(path, { kept, key });
    else
      files.set(path, {
        key,
        lazy: () => site.digestPage(pageData(site, digest, feeds, listUrl)),
      });
  }
  const items = sorted.map((digest) => ({
    // A digest in another language than the site's: screen readers then switch voice.
    lang: digest.language === config.language ? undefined : digest.language,
    url: digestPageUrl(digest, config.siteUrl),
    title: digest.subject,
    published: digest.started,
    publishedText: day(digest.started),
    summary: digest.preheader,
    tags: [],
  }));
  const listPath = `${digestsFolder}index.html`;
  const listKey = reuse ? pageKey(site, reuse.generation, [listPath, items]) : undefined;
  const keptList = listKey ? reuse?.keep(listPath, listKey) : undefined;
  if (keptList && listKey) files.set(listPath, { kept: keptList, key: listKey });
  else
    files.set(listPath, {
      key: listKey,
      lazy: () =>
        site.list({
          ...pageFrame(site, config.language),
          title: messages.digestArchive,
          heading: messages.digestArchive,
          intro: messages.digestArchiveIntro,
          description: messages.digestArchiveIntro,
          url: listUrl,
          canonical: listUrl,
          feeds,
          items,
        }),
    });
  files.set(digestsFeedFile, keptIfSame(digestsFeedFile, renderDigestsFeed(sorted, site), reuse));
  const sitemap: SitemapPage[] = [
    { url: listUrl, lastmod: sorted[0]?.started },
    ...sorted.map((digest) => ({
      url: digestPageUrl(digest, config.siteUrl),
      lastmod: digest.started,
    })),
  ];
  return { files, sitemap };
}

/** Newest first by the time their sending started; ties by name, never by the file system. */
function newestFirst(digests: readonly SentDigest[]): SentDigest[] {
  return [...digests].sort(
    (a, b) =>
      Date.parse(b.started) - Date.parse(a.started) ||
      (sentDigestName(a) < sentDigestName(b) ? 1 : -1),
  );
}

/** What a digest's page shows of its record: not its sending's progress, which goes on. */
function shownOf(digest: SentDigest) {
  const { subject, preheader, language, date, id, started, entries, html } = digest;
  return { subject, preheader, language, date, id, started, entries, html };
}

/** What `digest-page.html.hbs` sees. */
function pageData(site: Site, digest: SentDigest, feeds: FeedLink[], listUrl: string) {
  const { messages, day } = site.language(digest.language);
  const url = digestPageUrl(digest, site.config.siteUrl);
  return {
    ...pageFrame(site, digest.language),
    title: digest.subject,
    heading: digest.subject,
    description: digest.preheader,
    url,
    canonical: url,
    feeds,
    published: digest.started,
    updated: digest.started,
    sentText: fill(messages.digestSent, { date: day(digest.started) }),
    entries: digest.entries.map(({ title, url }) => ({ title, url })),
    archive: listUrl,
    email: srcdoc(digest.html),
  };
}

/**
 * The email as an `<iframe srcdoc>`'s value, written between single quotes. The email is a
 * whole document whose layout, table widths and dark style live in its own `<head>`: in a frame
 * it renders as a mail client shows it, and neither its styles nor the site's leak into the
 * other. The frame's sandbox lets no script run and gives it no origin of the site's; its links
 * open in the whole tab (the `<base>` added here) or in a new one (MJML's buttons). Only `&` and
 * `'` are escaped: its double quotes stay as written, and so do its links, as link checkers and
 * readers of the page's source see them.
 */
function srcdoc(html: string): string {
  const base = '<base target="_top">';
  const opening = /<head\b[^>]*>/i.exec(html);
  const targeted = opening
    ? `${html.slice(0, opening.index + opening[0].length)}${base}${html.slice(opening.index + opening[0].length)}`
    : `${base}${html}`;
  return targeted.replaceAll('&', '&amp;').replaceAll("'", '&#39;');
}

/** The digests' Atom feed, the newest `feeds.limit` of them, from what their records hold. */
function renderDigestsFeed(sorted: SentDigest[], site: Site): string {
  const { config } = site;
  const { messages } = site.language(config.language);
  const url = (path: string) => new URL(path, config.siteUrl).href;
  const shown = sorted.slice(0, Math.max(1, config.feeds.limit));
  const link = (attributes: Record<string, string>): XmlElement => ({ name: 'link', attributes });
  const entry = (digest: SentDigest): XmlElement => {
    const page = digestPageUrl(digest, config.siteUrl);
    const list = digest.entries
      .map(({ title, url }) => `<li><a href="${escapeHtml(url)}">${escapeHtml(title)}</a></li>`)
      .join('');
    return {
      name: 'entry',
      attributes: digest.language === config.language ? {} : { 'xml:lang': digest.language },
      children: [
        textElement('id', page),
        textElement('title', digest.subject, { type: 'text' }),
        textElement('updated', new Date(digest.started).toISOString()),
        textElement('published', new Date(digest.started).toISOString()),
        ...(digest.preheader ? [textElement('summary', digest.preheader, { type: 'text' })] : []),
        {
          name: 'content',
          attributes: { type: 'html' },
          children: [{ cdata: `<ul>${list}</ul>` }],
        },
        link({ rel: 'alternate', type: 'text/html', href: page }),
      ],
    };
  };
  return writeDocument({
    name: 'feed',
    attributes: { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': config.language },
    children: [
      textElement('id', url(digestsFeedFile)),
      textElement('title', config.digest.title, { type: 'text' }),
      textElement('subtitle', messages.digestArchiveIntro, { type: 'text' }),
      textElement('updated', new Date(shown[0]?.started ?? 0).toISOString()),
      textElement('generator', 'Gazette'),
      {
        name: 'author',
        children: [
          textElement('name', config.author.name),
          ...(config.author.email ? [textElement('email', config.author.email)] : []),
        ],
      },
      link({ rel: 'alternate', type: 'text/html', href: url(digestsFolder) }),
      link({ rel: 'self', type: 'application/atom+xml', href: url(digestsFeedFile) }),
      ...shown.map(entry),
    ],
  });
}
