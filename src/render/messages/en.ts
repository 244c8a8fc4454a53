import type { Messages } from './messages.ts';

export const en: Messages = {
  locale: 'en-GB',
  readMore: 'Read more',
  colon: ':',
  readingTime: '{minutes} min read',
  articleCount: { one: '{count} article', other: '{count} articles' },
  dateRange: '{from} to {to}',
  source: 'Source:',
  tags: 'Topics:',
  feedLink: 'Subscribe to the feed',
  footer: 'You are receiving this because you subscribed to {title}.',
  feedUrlLabel: 'Feed address, to paste into your feed reader',
  noEntries: 'No articles yet.',
  viewInBrowser: 'View in your browser',
  unsubscribe: 'Unsubscribe',
  andMore: { one: 'and {count} more article', other: 'and {count} more articles' },
  greeting: 'Hello {name},',
  greetingNoName: 'Hello,',
  otherTopics: 'Other news',
};
