import type { Messages } from './messages.ts';

export const es: Messages = {
  locale: 'es-ES',
  readMore: 'Seguir leyendo',
  colon: ':',
  readingTime: '{minutes} min de lectura',
  articleCount: { one: '{count} artículo', other: '{count} artículos' },
  dateRange: 'del {from} al {to}',
  source: 'Fuente:',
  tags: 'Temas:',
  feedLink: 'Suscribirse al canal',
  footer: 'Recibe este mensaje porque está suscrito a {title}.',
  feedUrlLabel: 'Dirección del canal, para pegar en su lector de canales',
  noEntries: 'Todavía no hay artículos.',
  viewInBrowser: 'Ver en el navegador',
  unsubscribe: 'Darse de baja',
  andMore: { one: 'y {count} artículo más', other: 'y {count} artículos más' },
  greeting: 'Hola, {name}:',
  greetingNoName: 'Hola:',
  otherTopics: 'Otras noticias',
};
