import { escapeHtml } from '../html-escape.ts';
import { htmlBudget } from './digest.ts';

/** What the preview page shows of the last build. */
export interface PreviewInfo {
  /** The digest's subject line. */
  subject: string;
  /** The digest's inbox preview text. */
  preheader: string;
  /** Size of the digest's HTML part, in bytes. */
  htmlBytes: number;
  /** The entries as the main feed lists them, newest first. */
  entries: { title: string; url: string; published: string; summary: string }[];
  /** The config's `siteUrl`, which every link of the build starts with. */
  siteUrl: string;
  /**
   * The digest's parts as the next send would send them to a reader of the config's language,
   * with no reader's name or token; undefined when nothing is new.
   */
  html: string | undefined;
  text: string | undefined;
}

/** Where the preview page finds the digest's HTML part. */
export interface PreviewParts {
  /** URL of the HTML part, shown in frames. */
  htmlUrl: string;
}

/** The widths mail is read at: a phone, and a desktop client's reading pane. */
export const previewWidths = [
  { name: 'Phone', width: 375 },
  { name: 'Desktop', width: 640 },
] as const;

// Inline and small: a local page that loads nothing but the digest itself.
const css = `
:root { color-scheme: light dark; --fg: #1b1b1b; --muted: #595959; --bg: #fdfdfc; --line: #d4d4d4;
  --link: #0b57a4; --over: #b3261e; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e6e3; --muted: #a9a6a1; --bg: #161616; --line: #3d3d3d; --link: #8ab4f8; --over: #f2b8b5; }
}
body { max-width: 70rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; color: var(--fg); background: var(--bg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--link); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
header p, time, figcaption, .size { color: var(--muted); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.over { color: var(--over); font-weight: 600; }
.frames { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
figure { margin: 0; }
figcaption { font-size: .9rem; margin-bottom: .25rem; }
iframe { display: block; height: 50rem; border: 0; outline: 1px solid var(--line); background: #fff; }
.nothing { font-weight: 600; }
pre { max-width: 100%; overflow-x: auto; padding: 1rem; border: 1px solid var(--line); border-radius: .25rem;
  font-size: .85rem; white-space: pre; }
ol { padding: 0; list-style: none; max-width: 40rem; }
li { padding: .75rem 0; border-top: 1px solid var(--line); }
li > a { font-weight: 600; }
li p { margin: .25rem 0 0; }
time { font-size: .9rem; }
`;

/**
 * Each frame as tall as the digest in it: the frame's page runs no script of its own (the
 * sandbox lets none), and is of this origin, so this page measures it once it has loaded.
 */
const fullHeight = `<script>
for (const frame of document.querySelectorAll('iframe')) {
  const fit = () => { frame.style.height = frame.contentDocument.documentElement.scrollHeight + 'px'; };
  frame.addEventListener('load', fit);
  if (frame.contentDocument?.readyState === 'complete') fit();
}
</script>`;

/**
 * A page for checking the digest before sending it, as the next send would send it to a
 * reader of the config's language: its subject and preheader, its HTML size against Gmail's
 * budget, its HTML part at a phone's and a desktop's width, each at its full height, its
 * plain-text part, and the entries as a feed reader lists them.
 */
export function renderPreviewPage(info: PreviewInfo, parts: PreviewParts): string {
  const frames = previewWidths
    .map(
      ({ name, width }) => `<figure>
<figcaption>${name}, ${width} px</figcaption>
<iframe src="${escapeHtml(parts.htmlUrl)}" width="${width}" title="Digest at ${name.toLowerCase()} width, ${width} px" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>
</figure>`,
    )
    .join('\n');
  const text =
    info.text === undefined
      ? '<p>No plain-text part: nothing is new.</p>'
      : // HTML drops a newline right after <pre>: this one, so that the text keeps its own.
        `<pre>\n${escapeHtml(info.text)}</pre>`;
  const entries = info.entries.length
    ? `<ol>\n${info.entries.map(renderEntry).join('\n')}\n</ol>`
    : '<p>No entries.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: ${escapeHtml(info.subject)}</title>
<link rel="icon" href="data:,">
<style>${css}</style>
</head>
<body>
<header>
<h1>Digest preview</h1>
<p>The digest as the next send would send it to a reader of the site's language who follows every topic. This page and the output's pages reload by themselves after each build.</p>
</header>
<main>
<section aria-labelledby="inbox">
<h2 id="inbox">In the inbox</h2>
<dl>
<dt>Subject</dt><dd>${escapeHtml(info.subject)}</dd>
<dt>Preheader</dt><dd>${escapeHtml(info.preheader)}</dd>
<dt>HTML size</dt><dd>${renderSize(info.htmlBytes)}</dd>
</dl>
</section>
<section aria-labelledby="html-part">
<h2 id="html-part">HTML part</h2>
${info.html === undefined ? '<p class="nothing">Nothing is new since the last send: the next send sends nothing.</p>' : `<div class="frames">\n${frames}\n</div>\n${fullHeight}`}
</section>
<section aria-labelledby="text-part">
<h2 id="text-part">Plain-text part</h2>
${text}
</section>
<section aria-labelledby="feed">
<h2 id="feed">In a feed reader</h2>
${entries}
</section>
</main>
</body>
</html>
`;
}

/** "14.7 KB of 90 KB", with a meter, and a warning when Gmail would clip the digest. */
function renderSize(bytes: number): string {
  const size = `${kilobytes(bytes)} of ${kilobytes(htmlBudget)}`;
  const meter = `<meter min="0" max="${htmlBudget}" high="${htmlBudget * 0.9}" value="${bytes}" aria-label="HTML size against the budget"></meter>`;
  const line = `<span class="size">${size} (${Math.round((bytes / htmlBudget) * 100)} %)</span>`;
  const over =
    bytes > htmlBudget ? ' <span class="over">over the budget: Gmail would clip it</span>' : '';
  return `${meter} ${line}${over}`;
}

function kilobytes(bytes: number): string {
  const kb = bytes / 1024;
  return `${Number.isInteger(kb) ? kb : kb.toFixed(1)} KB`;
}

function renderEntry(entry: PreviewInfo['entries'][number]): string {
  // The date as the build wrote it, in the configured time zone: no clock or zone of this machine.
  const shown = entry.published.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}).*$/, '$1 $2');
  return `<li>
<a href="${escapeHtml(entry.url)}">${escapeHtml(entry.title)}</a>
<br><time datetime="${escapeHtml(entry.published)}">${escapeHtml(shown)}</time>
<p>${escapeHtml(entry.summary)}</p>
</li>`;
}

/**
 * The live-reload script: it listens on `eventsUrl`, and reloads the page on a `reload` event.
 * `generation` is the build the page was served from, so that a build finished while the page
 * was loading still reloads it. A page inside a frame leaves that to the page around it.
 */
export function renderReloadScript(eventsUrl: string, generation: number): string {
  const url = JSON.stringify(`${eventsUrl}?since=${generation}`);
  return `<script>if (window.top === window) new EventSource(${url}).addEventListener('reload', () => location.reload());</script>`;
}

/** `html` with `snippet` right after its first `<body>` tag, or at its start when it has none. */
export function injectAfterBodyStart(html: string, snippet: string): string {
  const first = /<body\b[^>]*>/i.exec(html);
  if (first === null) return snippet + html;
  const end = first.index + first[0].length;
  return html.slice(0, end) + snippet + html.slice(end);
}

/**
 * `text` (a page, a feed, the digest) with every link to the site made a link to `base`: each
 * occurrence of `siteUrl`, as the config spells it and as a URL parser writes it (the two differ
 * when it has capitals or spaces), plain and escaped for HTML, becomes `base`.
 */
export function rewriteSiteUrl(text: string, siteUrl: string, base: string): string {
  const spellings = new Set([siteUrl, new URL(siteUrl).href].flatMap((s) => [s, escapeHtml(s)]));
  // Longest first: where one spelling begins another, the whole of the longer one is replaced.
  const pattern = [...spellings]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))
    .join('|');
  return text.replace(new RegExp(pattern, 'g'), () => base);
}

/** `html` with `snippet` before its last `</body>`, or at its end when it has none. */
export function injectBeforeBodyEnd(html: string, snippet: string): string {
  const last = [...html.matchAll(/<\/body\s*>/gi)].at(-1);
  if (last === undefined) return html + snippet;
  return html.slice(0, last.index) + snippet + html.slice(last.index);
}
