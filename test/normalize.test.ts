import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitDateline } from '../src/normalize/dateline.ts';
import { formatDate, parseDate, TimeZone } from '../src/normalize/dates.ts';
import { slugFromPath, tagUri } from '../src/normalize/ids.ts';
import { extractKeywords } from '../src/normalize/keywords.ts';
import { detectLanguage } from '../src/normalize/language.ts';
import { furnitureOf } from '../src/normalize/page/furniture.ts';
import { lineShape } from '../src/normalize/page/line-shape.ts';
import { noPageRules } from '../src/normalize/page/page-reading.ts';
import { readPage } from '../src/normalize/page/read-page.ts';
import { cleanInline, readParagraphs } from '../src/normalize/paragraphs.ts';
import { splitSentences } from '../src/normalize/sentences.ts';
import { summarize } from '../src/normalize/summary.ts';
import { lang } from './helpers.ts';

describe('sentences', () => {
  it('does not end a sentence after an abbreviation or an initial', () => {
    assert.deepEqual(
      splitSentences('M. Dupont et Mme Durand ont vu le Dr. Martin. Ils sont partis.', lang('fr')),
      ['M. Dupont et Mme Durand ont vu le Dr. Martin.', 'Ils sont partis.'],
    );
    assert.deepEqual(
      splitSentences('The U.S. Senate voted. John F. Kennedy was cited.', lang('en')),
      ['The U.S. Senate voted.', 'John F. Kennedy was cited.'],
    );
    assert.deepEqual(
      splitSentences(
        'Sens. Ann Lee and Tom Ray spoke in Knoxville, Tenn. Officials agreed.',
        lang('en'),
      ),
      ['Sens. Ann Lee and Tom Ray spoke in Knoxville, Tenn. Officials agreed.'],
    );
    // An English abbreviation is a word in another language's text: "sens", "mich".
    assert.deepEqual(
      splitSentences('Des voix s’élèvent en ce sens. Mardi, ils ont écrit.', lang('fr')),
      ['Des voix s’élèvent en ce sens.', 'Mardi, ils ont écrit.'],
    );
    assert.deepEqual(splitSentences('Er sah mich. Dann ging er.', lang('de')), [
      'Er sah mich.',
      'Dann ging er.',
    ]);
  });

  it('keeps a closing quote with its sentence', () => {
    assert.deepEqual(splitSentences('« Partez ! » a-t-il crié. La foule a reculé.', lang('fr')), [
      '« Partez ! » a-t-il crié.',
      'La foule a reculé.',
    ]);
  });

  it('splits sentences glued without a space', () => {
    assert.deepEqual(
      splitSentences('Il neige sur les Pyrénées.Alors la route est fermée.', lang('fr')),
      ['Il neige sur les Pyrénées.', 'Alors la route est fermée.'],
    );
  });

  it('handles a paragraph far longer than the segmenter is given at once', () => {
    const paragraph = 'Une phrase assez ordinaire pour remplir la page. '.repeat(2000);
    const sentences = splitSentences(paragraph, lang('fr'));
    assert.equal(sentences.length, 2000);
  });
});

describe('datelines', () => {
  it('finds the place a text opens with', () => {
    assert.deepEqual(splitDateline('Lima. Le gouvernement a parlé.'), {
      location: 'Lima',
      agency: null,
      region: null,
      rest: 'Le gouvernement a parlé.',
    });
    assert.equal(splitDateline('PARIS (AFP) - Le Sénat a voté.').location, 'Paris');
    assert.equal(splitDateline('MADRID, 12 mar (EFE).- El Gobierno aprobó.').location, 'Madrid');
    assert.equal(splitDateline('Le gouvernement a parlé. Puis il est parti.').location, null);
  });
});

describe('boilerplate', () => {
  it('recognises appeals, prompts and widgets in three languages', () => {
    for (const paragraph of [
      'Aimez-vous ce que vous lisez?',
      'Nous en sommes heureux. Soutenez notre travail. Des dons réguliers nous aident à pérenniser le projet.',
      'Abonnez-vous à notre newsletter pour ne rien manquer.',
      'À lire aussi : Sécheresse, les nappes au plus bas',
      'Support independent journalism. Donate today and help fund our reporting.',
      'Be the first to comment',
      'Suscríbete a nuestro boletín y recibe las noticias cada mañana.',
      'Lee también: La sequía reduce la cosecha',
      '© 2025 Agencia EFE. Todos los derechos reservados.',
      '(Avec AFP)',
    ]) {
      assert.ok(furnitureOf(lineShape(paragraph)), paragraph);
    }
  });

  it('keeps real sentences that mention subscriptions or donations', () => {
    for (const paragraph of [
      "Le nombre d'abonnés au service public de l'eau a progressé de 4 % en un an, selon le rapport annuel.",
      "Many residents said they subscribe to the transit agency's text alerts, and sign-ups doubled.",
      'Les dons aux associations ont baissé de 12 % en 2024, selon France Générosités.',
      'La discussion au Sénat a duré trois jours.',
    ]) {
      assert.equal(furnitureOf(lineShape(paragraph)), null, paragraph);
    }
  });

  it('drops the trailing fragments of a comment widget', () => {
    assert.deepEqual(
      readPage(
        ['Un vrai paragraphe.', 'Discussion', 'Join the conversation', 'Be the first to comment'],
        noPageRules,
      ).body,
      ['Un vrai paragraphe.'],
    );
  });
});

describe('text', () => {
  it('normalizes to NFC, folds spaces and removes characters XML forbids', () => {
    assert.equal(cleanInline('  e\u0301te\u0301 \t a\u0007\uFFFE  b\uD800 '), 'été a b');
    assert.equal(cleanInline('\u202Eevil\u202C مرحبا'), 'evil مرحبا');
  });

  it('reads Markdown blocks as paragraphs without markup, a list item marked as one', () => {
    assert.deepEqual(
      readParagraphs(
        '# Titre\n\nUn **mot** et un [lien](https://x.org).\nSuite.\n\n- un\n- deux\n\n![alt](a.png)',
        'markdown',
      ).paragraphs,
      ['Titre', 'Un mot et un lien. Suite.', '• un', '• deux'],
    );
  });

  it('decodes the character references a scraper left in page text, and only whole ones', () => {
    assert.deepEqual(
      readParagraphs(
        '&#039;Dark Shadows&#039; update: AT&amp;T&rsquo;s deal\nLink: https://x.org/?a=1&copy=2 &amp c',
        'text',
      ).paragraphs,
      ["'Dark Shadows' update: AT&T’s deal", 'Link: https://x.org/?a=1&copy=2 &amp c'],
    );
  });
});

describe('language', () => {
  it('detects French, English and Spanish, and falls back when unsure', () => {
    assert.equal(
      detectLanguage('Le gouvernement a annoncé une nouvelle loi sur les retraites.', 'en'),
      'fr',
    );
    assert.equal(
      detectLanguage('The government announced a new pension law on Tuesday.', 'fr'),
      'en',
    );
    assert.equal(
      detectLanguage('El Gobierno anunció una nueva ley de pensiones el martes.', 'fr'),
      'es',
    );
    assert.equal(detectLanguage('123 456', 'fr'), 'fr');
  });
});

describe('summaries', () => {
  it('chooses whole sentences in text order within the budget', () => {
    const sentences = [
      'Le Sénat a adopté mardi le projet de loi sur l’eau potable.',
      'Le texte prévoit une tarification progressive de l’eau potable.',
      'Il fait beau.',
      'Les sénateurs ont rejeté un amendement sur la tarification de l’eau.',
    ];
    const summary = summarize(sentences, lang('fr'));
    assert.ok(summary.startsWith(sentences[0] ?? ''));
    assert.ok(summary.split(/\s+/).length <= 60);
    const positions = sentences.map((s) => summary.indexOf(s)).filter((p) => p >= 0);
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
  });
});

describe('keywords', () => {
  it('ranks names first and keeps their accents and case', () => {
    const keywords = extractKeywords(
      [
        'Les États-Unis ont envoyé des soldats au Pérou.',
        'Le Pérou a accepté la présence des États-Unis.',
        'Le Congrès du Pérou a voté la loi.',
      ],
      lang('fr'),
    );
    const texts = keywords.map((k) => k.text);
    assert.ok(texts.includes('États-Unis'));
    assert.ok(texts.includes('Pérou'));
    assert.ok(keywords.find((k) => k.text === 'Pérou')?.name);
  });

  it('never takes a French verb and its inverted subject for a topic', () => {
    const sentences = [
      'Le barrage a-t-il cédé sous la pluie ? Le barrage inquiète les habitants.',
      '« Le barrage tiendra », a-t-il assuré, avant la crue du fleuve.',
      'Que fera-t-on du barrage ? a-t-elle demandé aux ingénieurs du barrage.',
      'La crue du fleuve menace le barrage, dit-on, et la crue monte encore.',
    ];
    const texts = extractKeywords(sentences, lang('fr')).map((k) => k.text);
    assert.ok(texts.includes('barrage'), texts.join(', '));
    for (const text of texts) assert.doesNotMatch(text, /-(t-)?(il|elle|on)\b/, texts.join(', '));
    // In English, a word ending in "-on" is an ordinary word.
    const english = extractKeywords(
      [
        'The add-on broke the build. The add-on was removed.',
        'Nobody tested the add-on before the release of the add-on.',
      ],
      lang('en'),
    ).map((k) => k.text);
    assert.ok(english.includes('add-on'), english.join(', '));
  });
});

describe('dates and ids', () => {
  it('reads a date without a zone in the configured zone and writes the offset', () => {
    const date = parseDate('2025-07-01 10:30', new TimeZone('Europe/Paris'));
    assert.equal(date.toISOString(), '2025-07-01T08:30:00.000Z');
    assert.equal(formatDate(date, new TimeZone('Europe/Paris')), '2025-07-01T10:30:00+02:00');
    assert.equal(
      formatDate(
        parseDate('2025-01-05', new TimeZone('America/Lima')),
        new TimeZone('America/Lima'),
      ),
      '2025-01-05T00:00:00-05:00',
    );
    assert.equal(
      parseDate('2025-01-05T10:00:00+01:00', new TimeZone('UTC')).toISOString(),
      '2025-01-05T09:00:00.000Z',
    );
  });

  it('makes slugs from file names and tag URIs from the site host', () => {
    assert.equal(slugFromPath('2025-01-05-L’arrivée du Train.md'), 'l-arrivee-du-train');
    assert.equal(slugFromPath('000_8cbf9f20e154a38e.txt'), '000-8cbf9f20e154a38e');
    assert.equal(
      tagUri('https://news.example.org/blog/', '2025-01-05', 'x'),
      'tag:news.example.org,2025-01-05:x',
    );
  });
});
