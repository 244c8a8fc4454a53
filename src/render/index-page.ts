import type { ResolvedConfig } from '../config.ts';
import type { Entry } from '../entry.ts';
import { escapeHtml } from '../html-escape.ts';
import { rtlLanguages } from './digest.ts';
import { feedFiles, newestFirst } from './feed-order.ts';
import { type Messages, messagesFor } from './messages/index.ts';

const feedKinds = [
  { file: feedFiles.atom, type: 'application/atom+xml', name: 'Atom' },
  { file: feedFiles.rss, type: 'application/rss+xml', name: 'RSS' },
  { file: feedFiles.json, type: 'application/feed+json', name: 'JSON Feed' },
] as const;

// Inline and small: the page must load nothing else, and stay readable in dark mode and on phones.
const css = `
:root { color-scheme: light dark; --fg: #1b1b1b; --muted: #595959; --bg: #fdfdfc; --line: #d4d4d4; --link: #0b57a4; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e6e3; --muted: #a9a6a1; --bg: #161616; --line: #3d3d3d; --link: #8ab4f8; }
}
body { max-width: 38rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; color: var(--fg); background: var(--bg);
  font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: anywhere; }
a { color: var(--link); }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 0 0 .25rem; }
header > p, time, .tags { color: var(--muted); }
.subscribe { margin: 1.5rem 0; padding: 1rem; border: 1px solid var(--line); border-radius: .5rem; }
.subscribe h2 { font-size: 1.05rem; }
.subscribe label { display: block; font-size: .95rem; }
.subscribe input { box-sizing: border-box; width: 100%; margin: .25rem 0 .5rem; padding: .4rem .5rem; font: inherit;
  font-size: .9rem; color: inherit; background: transparent; border: 1px solid var(--line); border-radius: .25rem; }
.subscribe p { margin: 0; }
article { padding: 1.25rem 0; border-top: 1px solid var(--line); }
article p { margin: .5rem 0 0; }
time, .tags { font-size: .9rem; }
`;

/** A standalone HTML page listing the entries, newest first, with links to the feeds (`out/index.html`). */
export function renderIndexPage(entries: Entry[], config: ResolvedConfig): string {
  const messages = messagesFor(config.language);
  const lang = escapeHtml(config.language);
  const dir = rtlLanguages.has(config.language) ? 'rtl' : 'ltr';
  const feedUrl = (file: string) => escapeHtml(new URL(file, config.siteUrl).href);
  const day = new Intl.DateTimeFormat(messages.locale, {
    dateStyle: 'long',
    timeZone: config.timeZone,
  });
  const title = escapeHtml(config.title);
  const subtitle = config.subtitle ? escapeHtml(config.subtitle) : '';
  const alternates = feedKinds
    .map(
      (k) =>
        `<link rel="alternate" type="${k.type}" title="${title} (${k.name})" href="${feedUrl(k.file)}">`,
    )
    .join('\n');
  // The newest, as in the main feed: the page stays small however long the archive grows.
  const articles = newestFirst(entries)
    .slice(0, config.feeds.limit)
    .map((entry) => renderArticle(entry, config, messages, day));
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${subtitle ? `<meta name="description" content="${subtitle}">\n` : ''}${alternates}
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body>
<header>
<h1>${title}</h1>
${subtitle ? `<p>${subtitle}</p>\n` : ''}</header>
<aside class="subscribe" aria-labelledby="subscribe">
<h2 id="subscribe">${escapeHtml(messages.feedLink)}</h2>
<label for="feed-url">${escapeHtml(messages.feedUrlLabel)}</label>
<input id="feed-url" type="url" readonly value="${feedUrl(feedFiles.atom)}">
<p>${feedKinds.map((k) => `<a href="${feedUrl(k.file)}">${k.name}</a>`).join(' · ')}</p>
</aside>
<main>
${articles.length ? articles.join('\n') : `<p>${escapeHtml(messages.noEntries)}</p>`}
</main>
</body>
</html>
`;
}

function renderArticle(
  entry: Entry,
  config: ResolvedConfig,
  messages: Messages,
  day: Intl.DateTimeFormat,
): string {
  // An entry's own words may be in another language than the page's; screen readers then switch voice.
  const lang = entry.language === config.language ? '' : ` lang="${escapeHtml(entry.language)}"`;
  const tags = entry.tags.length
    ? `\n<p class="tags">${escapeHtml(messages.tags)} ${entry.tags.map(escapeHtml).join(', ')}</p>`
    : '';
  return `<article>
<h2${lang}><a href="${escapeHtml(entry.url)}">${escapeHtml(entry.title)}</a></h2>
<time datetime="${escapeHtml(entry.published)}">${escapeHtml(day.format(new Date(entry.published)))}</time>
<p${lang}>${escapeHtml(entry.summary)}</p>${tags}
</article>`;
}
