import type { ResolvedConfig } from '../config.ts';
import { escapeHtml } from './html.ts';
import { fill, type Messages } from './messages/index.ts';

/**
 * The fixed set of placeholders the digest is rendered with, once, and that are filled for
 * each recipient afterwards (MJML never runs per recipient). They hold no character that
 * Handlebars, MJML or HTML would change.
 */
export const placeholders = {
  greeting: '%%GAZETTE_GREETING%%',
  unsubscribeUrl: '%%GAZETTE_UNSUBSCRIBE_URL%%',
  viewUrl: '%%GAZETTE_VIEW_URL%%',
} as const;

/** Who a digest goes to. */
export interface Recipient {
  email: string;
  name?: string | undefined;
  /** Identifies the reader to the unsubscribe page. */
  token?: string | undefined;
}

export interface PersonalValues {
  greeting: string;
  unsubscribeUrl: string;
  viewUrl: string;
}

/** The values for one recipient; the token is URL-encoded into the unsubscribe URL. */
export function personalValues(
  recipient: Recipient | undefined,
  config: ResolvedConfig,
  messages: Messages,
): PersonalValues {
  const name = recipient?.name?.trim();
  return {
    greeting: name ? fill(messages.greeting, { name }) : messages.greetingNoName,
    unsubscribeUrl: config.digest.unsubscribeUrl.replace(
      '{token}',
      encodeURIComponent(recipient?.token ?? ''),
    ),
    viewUrl: new URL('digest.html', config.siteUrl).href,
  };
}

/** The digest for one recipient: values HTML-escaped in the HTML part, as they are in text. */
export function personalize(
  digest: { html: string; text: string },
  values: PersonalValues,
): { html: string; text: string } {
  const replace = (source: string, encode: (s: string) => string) =>
    source
      .replaceAll(placeholders.greeting, encode(values.greeting))
      .replaceAll(placeholders.unsubscribeUrl, encode(values.unsubscribeUrl))
      .replaceAll(placeholders.viewUrl, encode(values.viewUrl));
  return { html: replace(digest.html, escapeHtml), text: replace(digest.text, (s) => s) };
}
