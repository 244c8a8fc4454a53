import type { Messages } from './messages.ts';

export const pt: Messages = {
  locale: 'pt-BR',
  readMore: 'Continue lendo',
  colon: ':',
  readingTime: '{minutes} min de leitura',
  articleCount: { one: '{count} artigo', other: '{count} artigos' },
  dateRange: 'de {from} a {to}',
  source: 'Fonte:',
  tags: 'Assuntos:',
  feedLink: 'Assine o feed',
  footer: 'Você está recebendo esta mensagem porque se inscreveu em {title}.',
  feedUrlLabel: 'Endereço do feed, para colar no seu leitor de feeds',
  noEntries: 'Ainda não há artigos.',
  viewInBrowser: 'Ver no navegador',
  unsubscribe: 'Cancelar inscrição',
  andMore: { one: 'e mais {count} artigo', other: 'e mais {count} artigos' },
  greeting: 'Olá, {name},',
  greetingNoName: 'Olá,',
  otherTopics: 'Outras notícias',
};
