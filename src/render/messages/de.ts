import type { Messages } from './messages.ts';

export const de: Messages = {
  locale: 'de-DE',
  readMore: 'Weiterlesen',
  colon: ':',
  readingTime: '{minutes} Min. Lesezeit',
  articleCount: { one: '{count} Artikel', other: '{count} Artikel' },
  dateRange: 'vom {from} bis {to}',
  source: 'Quelle:',
  tags: 'Themen:',
  feedLink: 'Feed abonnieren',
  footer: 'Sie erhalten diese E-Mail, weil Sie {title} abonniert haben.',
  feedUrlLabel: 'Adresse des Feeds, zum Einfügen in Ihren Feedreader',
  noEntries: 'Noch keine Artikel.',
  viewInBrowser: 'Im Browser ansehen',
  unsubscribe: 'Abmelden',
  andMore: { one: 'und {count} weiterer Artikel', other: 'und {count} weitere Artikel' },
  greeting: 'Hallo {name},',
  greetingNoName: 'Guten Tag,',
  otherTopics: 'Weitere Nachrichten',
};
