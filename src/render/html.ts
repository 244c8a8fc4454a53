import type { TextEntry } from '../entry.ts';

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML: every character that could start markup is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}

/** The entry's text as HTML paragraphs, with a link to the original when there is one. */
export function renderContentHtml(entry: TextEntry, sourceLabel: string): string {
  const paragraphs = entry.content.map((p) => `<p>${escapeHtml(p)}</p>`);
  if (entry.source) {
    const href = escapeHtml(entry.source);
    paragraphs.push(`<p>${escapeHtml(sourceLabel)} <a href="${href}">${href}</a></p>`);
  }
  return paragraphs.join('\n');
}
