import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../config.ts';
import { escapeHtml } from '../html-escape.ts';
import { fill, type Messages } from './messages/index.ts';

/** The per-reader values the digest is rendered with as placeholders. */
export type Placeholders = Record<'greeting' | 'unsubscribeUrl' | 'viewUrl', string> & {
  /** Absent in a digest frozen before the subscription service. */
  preferencesUrl?: string;
};

/**
 * The placeholders' names as a template may write them literally. They are a template's words
 * only: in a rendered digest each holds its digest's key (`digestPlaceholders`).
 */
export const placeholders: Placeholders = {
  greeting: '%%GAZETTE_GREETING%%',
  unsubscribeUrl: '%%GAZETTE_UNSUBSCRIBE_URL%%',
  viewUrl: '%%GAZETTE_VIEW_URL%%',
  preferencesUrl: '%%GAZETTE_PREFERENCES_URL%%',
};

/**
 * The placeholders of one digest, filled for each reader after MJML (which never runs per
 * reader): `%%GAZETTE_GREETING_<key>%%`, where the key is a hash of everything the digest
 * shows. An article cannot hold its own digest's key (it would have to hold a hash of itself),
 * so no text of an article is ever taken for a placeholder; and the same digest always gets
 * the same key, so that rendering stays deterministic. They hold no character that Handlebars,
 * MJML or HTML would change.
 */
export function digestPlaceholders(shown: string): Placeholders {
  const key = createHash('sha256').update(shown).digest('hex').slice(0, 20);
  return {
    greeting: `%%GAZETTE_GREETING_${key}%%`,
    unsubscribeUrl: `%%GAZETTE_UNSUBSCRIBE_URL_${key}%%`,
    viewUrl: `%%GAZETTE_VIEW_URL_${key}%%`,
    preferencesUrl: `%%GAZETTE_PREFERENCES_URL_${key}%%`,
  };
}

/** A template's literal placeholders, as the expressions that give the digest's own. */
export function templatePlaceholders(source: string): string {
  let result = source;
  for (const [name, literal] of Object.entries(placeholders))
    result = result.replaceAll(literal, `{{@root.placeholders.${name}}}`);
  return result;
}

/** Who a digest goes to. */
export interface Recipient {
  email: string;
  name?: string | undefined;
  /** Identifies the reader to the unsubscribe page. */
  token?: string | undefined;
}

export type PersonalValues = Placeholders;

/** The order the values are filled in, whatever order a digest's placeholders were read in. */
const placeholderNames = ['greeting', 'unsubscribeUrl', 'viewUrl', 'preferencesUrl'] as const;

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
    preferencesUrl: config.subscriptions.url
      ? `${config.subscriptions.url}preferences?token=${encodeURIComponent(recipient?.token ?? '')}`
      : '',
  };
}

/**
 * The digest for one recipient: values HTML-escaped in the HTML part, as they are in text. A
 * value left out stays a placeholder, to be filled later: a digest sent for real has its view
 * URL (its archive page) filled once, and each reader's own values per message.
 */
export function personalize(
  digest: { html: string; text: string; placeholders: Placeholders },
  values: Partial<PersonalValues>,
): { html: string; text: string } {
  const marks = digest.placeholders;
  const names = placeholderNames.filter(
    (name) => values[name] !== undefined && marks[name] !== undefined,
  );
  // A function, not a string: a reader's name may hold `$&` or `$'`, which a replacement
  // string would read as patterns.
  const replace = (source: string, encode: (s: string) => string) =>
    names.reduce(
      (text, name) => text.replaceAll(marks[name] ?? '', () => encode(values[name] ?? '')),
      source,
    );
  return { html: replace(digest.html, escapeHtml), text: replace(digest.text, (s) => s) };
}
