import { lexer, type Token, type Tokens } from 'marked';

// Characters outside XML 1.0's Char production (controls other than tab and newline, U+FFFE,
// U+FFFF, lone surrogates) cannot appear in any output format, so they never enter an entry.
export const notXmlChar =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NFC, no characters outside XML `Char`, one space between words, no blank at the ends. */
export function cleanInline(text: string): string {
  return text
    .normalize('NFC')
    .replace(notXmlChar, '')
    .replace(/[\s\u00A0\u2000-\u200B\u202F\u205F\u3000]+/g, (space) =>
      // Keep a no-break space where French typography uses one (before : ; ! ? »).
      space === '\u00A0' || space === '\u202F' ? space : ' ',
    )
    .trim();
}

/**
 * Splits an article body into paragraphs of plain text. In plain text every line is a
 * paragraph; Markdown is parsed, its blocks become paragraphs and its inline markup is dropped.
 */
export function parseParagraphs(body: string, format: 'text' | 'markdown'): string[] {
  const blocks = format === 'markdown' ? markdownBlocks(body) : body.split(/\n/);
  return blocks.map(cleanInline).filter((p) => p.length > 0);
}

function markdownBlocks(body: string): string[] {
  const blocks: string[] = [];
  const visit = (tokens: Token[]): void => {
    for (const token of tokens) {
      switch (token.type) {
        case 'paragraph':
        case 'heading':
          blocks.push(inlineText((token as Tokens.Paragraph).tokens));
          break;
        case 'blockquote':
          visit((token as Tokens.Blockquote).tokens);
          break;
        case 'list':
          for (const item of (token as Tokens.List).items) visit(item.tokens);
          break;
        case 'text':
          blocks.push(inlineText((token as Tokens.Text).tokens ?? [token]));
          break;
        case 'code':
          blocks.push((token as Tokens.Code).text);
          break;
        default:
          break;
      }
    }
  };
  visit(lexer(body));
  return blocks;
}

function inlineText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      if ('tokens' in token && token.tokens && token.tokens.length > 0)
        return inlineText(token.tokens);
      if (token.type === 'br') return ' ';
      if (token.type === 'image') return (token as Tokens.Image).text;
      if (token.type === 'html') return '';
      if (token.type === 'escape' || token.type === 'codespan' || token.type === 'text')
        return decodeEntities((token as Tokens.Text).text);
      return 'text' in token ? String(token.text) : token.raw;
    })
    .join('');
}

// marked escapes &, <, > and quotes in inline text; turn them back into characters.
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );
}
