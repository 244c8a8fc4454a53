import type { Messages } from './messages.ts';

export const fr: Messages = {
  locale: 'fr-FR',
  readMore: 'Lire la suite',
  colon: '\u00A0:',
  readingTime: '{minutes} min de lecture',
  articleCount: { one: '{count} article', other: '{count} articles' },
  dateRange: 'du {from} au {to}',
  source: 'Source\u00A0:',
  tags: 'Sujets\u00A0:',
  feedLink: 'S’abonner au flux',
  footer: 'Vous recevez ce message parce que vous êtes abonné à {title}.',
  feedUrlLabel: 'Adresse du flux, à coller dans votre lecteur de flux',
  noEntries: 'Aucun article pour le moment.',
  viewInBrowser: 'Voir dans le navigateur',
  unsubscribe: 'Se désabonner',
  andMore: { one: 'et {count} autre article', other: 'et {count} autres articles' },
  greeting: 'Bonjour {name},',
  greetingNoName: 'Bonjour,',
  otherTopics: 'Autres nouvelles',
};
