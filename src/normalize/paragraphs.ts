import { decodeHTMLStrict } from 'entities';
import { lexer, type Token } from 'marked';
import { notXmlChar } from '../xml-safe.ts';
import { type ArticleHtml, renderArticleHtml } from './article-html.ts';

/**
 * Explicit bidirectional embeddings, overrides and isolates. Text in any script displays right
 * without them; with them, a tag or a title can reverse the text that follows it in a reader's
 * window (the "Trojan Source" trick).
 */
const bidiControls = '[\\u202A-\\u202E\\u2066-\\u2069]';
/** What goes from a line in one pass: characters outside XML `Char`, and bidi controls. */
const unwanted = new RegExp(`${notXmlChar.source}|${bidiControls}`, 'g');

/**
 * Blank runs that become one space: two blanks or more, or one that is neither a space nor a
 * (narrow) no-break space. A lone no-break space stays where French typography puts one
 * (before : ; ! ? »). `\s` covers every blank but the zero-width space U+200B.
 */
const spaces = /[\s\u200B]{2,}|[^\S \u00A0\u202F]|\u200B/g;

/**
 * NFC, no characters outside XML `Char` nor bidi controls, one space between words, no blank at
 * the ends.
 */
export function cleanInline(text: string): string {
  return text.normalize('NFC').replace(unwanted, '').replace(spaces, ' ').trim();
}

/**
 * The paragraphs of an article and whether they are the text of a saved page: a `.txt`, or a
 * Markdown file with no Markdown structure at all (no heading, list, quote, code, table, rule,
 * emphasis, link or image), which is page text whatever its extension, one paragraph a line,
 * its character references decoded.
 */
export function readParagraphs(
  body: string,
  format: 'text' | 'markdown',
  firstLine = 1,
): { paragraphs: string[]; pageText: boolean; html?: ArticleHtml | undefined } {
  if (format === 'markdown' && mayHaveStructure.test(body)) {
    const tokens = lexer(body);
    if (hasStructure(tokens)) {
      const html = renderArticleHtml(tokens, urlLines(body, firstLine));
      return {
        paragraphs: html.paragraphs.map(cleanInline).filter(nonEmpty),
        pageText: false,
        html,
      };
    }
  }
  return { paragraphs: body.split('\n').map(pageLine).filter(nonEmpty), pageText: true };
}

/**
 * Where the body (opening on the file's line `firstLine`) writes each URL, asked in the order
 * they come: searched from the last one found, so that a mention earlier in the text, or
 * another URL that ends the same way, is not taken for it; by line starts found once.
 */
function urlLines(body: string, firstLine: number): (url: string) => number | undefined {
  const starts = [0];
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) starts.push(i + 1);
  let from = 0;
  const find = (text: string) => {
    const at = body.indexOf(text, from);
    return at >= 0 ? at : body.indexOf(text);
  };
  return (url) => {
    let at = find(url);
    if (at < 0) {
      try {
        at = find(decodeURI(url));
      } catch {
        // Not a URL marked encoded: it is written as it is, or not found.
      }
    }
    if (at < 0) return undefined;
    from = at + 1;
    // The last line that starts at or before it.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= at) low = middle;
      else high = middle - 1;
    }
    return firstLine + low;
  };
}

/**
 * A line of page text: the character references a scraper left undecoded (`&#039;`, `&rsquo;`,
 * `&amp;`) are the characters they stand for; only whole references, with their semicolon.
 */
const pageLine = (line: string): string =>
  cleanInline(line.includes('&') ? decodeHTMLStrict(line) : line);

const nonEmpty = (p: string) => p.length > 0;

/**
 * What Markdown structure needs: a character that marks inline markup, a link or HTML (`*`,
 * `_`, a backquote, `~`, `<`, `[`, `|`, an address with `@`, `://` or `www.`), a line opened by a
 * block's mark (`#`, `>`, `-`, `+`, `=`, the `:` of a table's alignment row, a number and `.` or
 * `)`), or an indented line (four spaces, or a tab). A text with none of them has no structure,
 * and is not lexed to learn that.
 */
const mayHaveStructure = /[*_`~<[|@]|:\/\/|www\.|^ {0,3}(?:[-+#>=:\t ]|\d+[.)])/im;

/** Block and inline tokens that only an author writing Markdown produces. */
const structural = new Set([
  'heading',
  'list',
  'blockquote',
  'code',
  'table',
  'hr',
  'html',
  'em',
  'strong',
  'del',
  'link',
  'image',
  'codespan',
]);

function hasStructure(tokens: Token[]): boolean {
  return tokens.some(
    (token) =>
      structural.has(token.type) ||
      ('tokens' in token && token.tokens !== undefined && hasStructure(token.tokens)),
  );
}
