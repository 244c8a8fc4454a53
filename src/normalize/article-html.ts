import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { parser, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { HtmlLink, HtmlPart } from '../entry.ts';
import { escapeHtml, escapeHtmlText } from '../html-escape.ts';

/**
 * A Markdown article as HTML a reader's feed reader, page or mail program can show: rendered by
 * marked, then cleaned by sanitize-html's allowlist, so that what the author wrote as structure
 * (headings, lists, quotes, tables, code, emphasis, links, pictures, figures) stays, and nothing
 * that runs or restyles (scripts, frames, forms, event handlers, `style`, `javascript:` and
 * `data:` URLs) is kept, neither as markup nor as text.
 */

const allowedTags = [
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code'],
  ...['ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'img', 'a'],
  ...['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
  ...['em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'sub', 'sup', 'small'],
  ...['abbr', 'cite', 'q', 'kbd', 'samp', 'var', 'time'],
];

const options: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['align', 'colspan', 'rowspan', 'scope'],
    td: ['align', 'colspan', 'rowspan'],
    ol: ['start', 'reversed'],
    code: [{ name: 'class', multiple: false, values: [] }],
    abbr: ['title'],
    time: ['datetime'],
  },
  allowedClasses: { code: [/^language-[\w+#-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: true,
  // What these hold is not text to read: gone with them.
  nonTextTags: [
    ...['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
    ...['form', 'button', 'select', 'svg', 'math', 'template', 'title', 'head', 'video', 'audio'],
    // Elements whose content browsers show as raw text: markup written in them is no text.
    ...['xmp', 'noembed', 'noframes', 'plaintext'],
  ],
  parseStyleAttributes: false,
};

/** A Markdown article's HTML, and what else normalizing reads from it. */
export interface ArticleHtml {
  /** The clean HTML, its links and pictures kept apart to be resolved at build. */
  parts: HtmlPart[];
  /**
   * The text of its paragraphs, headings, list items (each opened by `• `) and quotes: no
   * markup, URL or alt text.
   */
  paragraphs: string[];
  /** The first picture, as written. */
  image: { src: string; alt: string } | undefined;
}

/** Blocks whose text is not part of the article's prose: left out of `paragraphs`. */
const notProse = new Set(['table', 'pre', 'figcaption', 'caption']);

/** Elements that end the paragraph of text before them. */
const blocks = new Set([
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'hr'],
  ...['blockquote', 'figure', ...notProse],
]);

const voidElements = new Set(['br', 'hr']);

/** Attributes as HTML writes them, each after a space. */
function attributesOf(attributes: Record<string, string>): string {
  let html = '';
  for (const [name, value] of Object.entries(attributes)) html += ` ${name}="${escapeHtml(value)}"`;
  return html;
}

/** What opens a list item's text, as page text marks one. */
const listMark = '• ';

/**
 * Renders lexed Markdown to clean HTML. `lineOf` gives the line of the file on which a URL is
 * written, for the warnings about what it points to.
 */
export function renderArticleHtml(
  tokens: Token[],
  lineOf: (url: string) => number | undefined,
): ArticleHtml {
  const clean = sanitizeHtml(parser(tokens), options);
  const document = parseDocument(clean, { decodeEntities: true });
  const parts: HtmlPart[] = [];
  const paragraphs: string[] = [];
  let image: ArticleHtml['image'];
  let text = '';
  let html = '';
  /** How many list items the walk is in: the text of each block there opens with the mark. */
  let items = 0;
  const flush = () => {
    const words = text.startsWith(listMark) ? text.slice(listMark.length) : text;
    if (words.trim()) paragraphs.push(text);
    text = items > 0 ? listMark : '';
  };
  const emit = (part: HtmlLink) => {
    parts.push(html);
    parts.push(part);
    html = '';
  };
  const visit = (nodes: ChildNode[], prose: boolean): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        html += escapeHtmlText(node.data);
        if (prose) text += node.data;
        continue;
      }
      if (node.type !== 'tag') continue;
      const element = node as Element;
      const name = element.name;
      // A picture whose address the sanitizer took (`data:`, `javascript:`) shows nothing.
      if (name === 'img' && !element.attribs.src) continue;
      const block = blocks.has(name);
      // A list item is no sentence of the story: marked as one, a summary passes it over.
      if (name === 'li') items++;
      if (block && prose) flush();
      if (name === 'img') {
        // A picture is one part: the build may size it, or leave it out when its file is gone.
        const { src = '', ...rest } = element.attribs;
        emit({
          src,
          line: lineOf(src),
          sized: 'width' in rest || 'height' in rest,
          attributes: attributesOf(rest),
        });
        image ??= { src, alt: rest.alt ?? '' };
        continue;
      }
      const { href, ...rest } = element.attribs;
      html += `<${name}`;
      if (name === 'a' && href !== undefined) emit({ href, line: lineOf(href) });
      html += `${attributesOf(rest)}>`;
      if (name === 'br' && prose) text += ' ';
      if (voidElements.has(name)) continue;
      visit(element.children, prose && !notProse.has(name));
      html += `</${name}>`;
      if (name === 'li') items--;
      if (block && prose) flush();
    }
  };
  visit(document.children, true);
  flush();
  if (html) parts.push(html);
  return { parts, paragraphs, image };
}
