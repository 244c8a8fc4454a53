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

/** Text between tags made safe: only `&`, `<` and `>` can start markup there. */
export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => htmlEscapes[c] ?? c);
}
