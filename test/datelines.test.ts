import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseConfig } from '../src/config.ts';
import { findDateline, splitDateline } from '../src/normalize/dateline.ts';
import { normalizeEntry } from '../src/normalize/normalize-entry.ts';
import { parseArticle } from '../src/read/parse-article.ts';
import { baseConfig, locales } from './helpers.ts';

/** Place, agency and the first words after the dateline. */
function read(text: string): [string | null, string | null, string] {
  const { location, agency, rest } = splitDateline(text);
  return [location, agency, rest.split(' ').slice(0, 2).join(' ')];
}

describe('datelines in the agencies’ formats', () => {
  it('finds place, date and agency, and the text starts with the article’s first word', () => {
    const cases: [string, [string | null, string | null, string]][] = [
      ['BOGOTÁ, 3 mars (AFP) - Le président colombien a parlé.', ['Bogotá', 'AFP', 'Le président']],
      [
        'Cúcuta (Colombia), 20 ene (EFE).- Más de 32.000 personas huyeron.',
        ['Cúcuta', 'EFE', 'Más de'],
      ],
      [
        'CIUDAD DE MÉXICO (apro).- El gobierno federal anunció.',
        ['Ciudad de México', 'apro', 'El gobierno'],
      ],
      ['LIMA, March 3 — Peru’s Congress voted on Monday.', ['Lima', null, 'Peru’s Congress']],
      [
        'MEXICO CITY (Reuters) - Mexico’s central bank cut rates.',
        ['Mexico City', 'Reuters', 'Mexico’s central'],
      ],
      ['Brasília – O governo federal anunciou cortes.', ['Brasília', null, 'O governo']],
      ['PORTO ALEGRE Um temporal atingiu a cidade.', ['Porto Alegre', null, 'Um temporal']],
      [
        'Santiago du Chili. Le gouvernement a annoncé un plan.',
        ['Santiago du Chili', null, 'Le gouvernement'],
      ],
      [
        'Berlin (dpa) - Die Bundesregierung hat entschieden.',
        ['Berlin', 'dpa', 'Die Bundesregierung'],
      ],
      [
        'Genf/Brüssel (dpa) - Die Verhandlungen gehen weiter.',
        ['Genf/Brüssel', 'dpa', 'Die Verhandlungen'],
      ],
      [
        'RIO DE JANEIRO, 5 (Reuters) - A Petrobras anunciou.',
        ['Rio de Janeiro', 'Reuters', 'A Petrobras'],
      ],
      ['Lima, 12 de mayo de 2025.– Los cuerpos fueron hallados.', ['Lima', null, 'Los cuerpos']],
      [
        'Montevideo (dpa) - Nach 25 Jahren gibt es eine Einigung.',
        ['Montevideo', 'dpa', 'Nach 25'],
      ],
      [
        'BERLIN, 3. März (Reuters) - Die Inflation ist gesunken.',
        ['Berlin', 'Reuters', 'Die Inflation'],
      ],
      ['BOGOTA, Colombia (AP) — The president spoke.', ['Bogota', 'AP', 'The president']],
      ['ISLAMABAD: Prime Minister Sharif said on Monday.', ['Islamabad', null, 'Prime Minister']],
      ['WASHINGTON — The Senate passed the bill.', ['Washington', null, 'The Senate']],
      ['Madrid, 5 ene (EFE).- El Gobierno aprobó el decreto.', ['Madrid', 'EFE', 'El Gobierno']],
    ];
    for (const [text, expected] of cases) assert.deepEqual(read(text), expected, text);
  });

  it('takes any short agency code in parentheses, not only a known one', () => {
    assert.deepEqual(read('QUITO (Andes) - El presidente habló.'), [
      'Quito',
      'Andes',
      'El presidente',
    ]);
    assert.deepEqual(read('Washington (dpa/AFP) - Die Regierung will.'), [
      'Washington',
      'dpa/AFP',
      'Die Regierung',
    ]);
    // After the date, where agencies sign, an agency nobody lists is one too.
    assert.deepEqual(read('CUENCA (Ecuador), 18 nov (AIN).- Los comerciantes del centro.'), [
      'Cuenca',
      'AIN',
      'Los comerciantes',
    ]);
    assert.deepEqual(read('TEMUCO (Chile), 2 jul (Sur Noticias).- El alcalde firmó.'), [
      'Temuco',
      'Sur Noticias',
      'El alcalde',
    ]);
  });

  it('reads a dateline standing on a line of its own', () => {
    assert.deepEqual(splitDateline('BOGOTÁ, 3 mars (AFP)'), {
      location: 'Bogotá',
      agency: 'AFP',
      region: null,
      rest: '',
    });
  });

  it('takes a state written short, and gives the region or country the place is in', () => {
    assert.deepEqual(read('RAPID CITY, S.D. - The South Dakota National Guard met.'), [
      'Rapid City',
      null,
      'The South',
    ]);
    assert.deepEqual(read('ALBANY, N.Y. (AP) - The state senate voted.'), [
      'Albany',
      'AP',
      'The state',
    ]);
    const region = (text: string) => splitDateline(text).region;
    assert.equal(
      region('ABU DHABI, United Arab Emirates - Police say fog caused it.'),
      'United Arab Emirates',
    );
    assert.equal(region('GUELPH, Ontario, April 1 (UPI) - Eating a fatty meal.'), 'Ontario');
    assert.equal(region('Cúcuta (Colombia), 20 ene (EFE).- Más de 32.000 personas.'), 'Colombia');
    // No date, no agency, no abbreviation is a region.
    assert.equal(region('CHATTANOOGA, Tenn. - Authorities say an officer was shot.'), null);
    assert.equal(region('LIMA, March 3 — Peru’s Congress voted.'), null);
    assert.equal(region('MEXICO CITY (Reuters) - Mexico’s central bank cut rates.'), null);
  });
});

describe('places keep their spelling', () => {
  it('gives an all-caps place proper case, its particles in lowercase', () => {
    assert.equal(splitDateline('RIO DE JANEIRO – A cidade.').location, 'Rio de Janeiro');
    assert.equal(splitDateline('SÃO PAULO (Reuters) - O índice.').location, 'São Paulo');
    assert.equal(
      splitDateline('FRANKFURT AM MAIN (dpa) - Die Börse.').location,
      'Frankfurt am Main',
    );
    assert.equal(
      splitDateline('CHÂLONS-EN-CHAMPAGNE (AFP) - Le préfet.').location,
      'Châlons-en-Champagne',
    );
    assert.equal(splitDateline("COTE D'IVOIRE (AFP) - La récolte.").location, "Cote d'Ivoire");
  });

  it('keeps a mixed-case place as written', () => {
    assert.equal(splitDateline('Rio de Janeiro – A cidade.').location, 'Rio de Janeiro');
    assert.equal(
      splitDateline('Ciudad de México (EFE).- El Gobierno.').location,
      'Ciudad de México',
    );
  });
});

describe('what is not a dateline', () => {
  it('takes no kicker, label or abbreviated title for a place', () => {
    for (const text of [
      'Exclusive: The company plans to cut jobs.',
      'Entretien : Le ministre répond.',
      'EXCLUSIVO: El Gobierno prepara un decreto.',
      'Analyse: Die Regierung steht unter Druck.',
      'ANÁLISIS - La economía crece.',
      'EN DIRECT Le président parle.',
      'Live updates - The storm moves north.',
      'Oui. Nous avons parlé.',
      'Rep. Martin Heinrich announced a Senate run.',
      'Mme. Dupont a été élue.',
    ]) {
      assert.equal(splitDateline(text).location, null, text);
    }
  });

  it('takes no name in capitals followed by a title for a place', () => {
    assert.equal(splitDateline('NASA Administrator Bill Nelson said on Monday.').location, null);
    assert.equal(splitDateline('FBI Director Kash Patel testified.').location, null);
    assert.equal(splitDateline('US FBI Director Kash Patel testified.').location, null);
    assert.equal(splitDateline('PRIME MINISTER Keir Starmer said on Monday.').location, null);
  });

  it('takes a place of two words in capitals before any first word', () => {
    assert.deepEqual(read('SÃO PAULO Três pessoas morreram na enchente.'), [
      'São Paulo',
      null,
      'Três pessoas',
    ]);
    assert.deepEqual(read('BUENOS AIRES Javier Milei anunció un ajuste.'), [
      'Buenos Aires',
      null,
      'Javier Milei',
    ]);
  });

  it('leaves a sentence that opens the text alone', () => {
    const text = 'Le gouvernement a parlé. Puis il est parti.';
    assert.deepEqual(splitDateline(text), {
      location: null,
      agency: null,
      region: null,
      rest: text,
    });
  });

  it('always leaves the text’s end as the rest, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const { rest } = splitDateline(text);
        assert.ok(text.trim().endsWith(rest) || rest === text, JSON.stringify(text));
      }),
    );
  });
});

describe('the dateline among the body’s first paragraphs', () => {
  it('is found under a caption left above it, in an agency’s format only', () => {
    const caption =
      'A worker walks past brine pools at a lithium mine in the Atacama desert, August 17, 2024.';
    const found = findDateline([
      caption,
      'SANTIAGO, March 3 (Reuters) - Chile will open six salt flats to private miners.',
    ]);
    assert.deepEqual(
      { ...found },
      {
        location: 'Santiago',
        agency: 'Reuters',
        region: null,
        rest: 'Chile will open six salt flats to private miners.',
        index: 1,
        text: 'SANTIAGO, March 3 (Reuters) -',
      },
    );
    // A place in brackets, or in capitals before a dash, is a dateline under a caption too.
    assert.equal(
      findDateline([caption, '(Ottawa) Le gouvernement a répété mardi sa position.']).location,
      'Ottawa',
    );
    assert.equal(
      findDateline([caption, 'MEXICO CITY — When the notice arrived, she called a lawyer.'])
        .location,
      'Mexico City',
    );
    // A place alone with a full stop, further down, is a sentence, not a dateline.
    assert.equal(findDateline([caption, 'Lima. The government spoke.']).location, null);
  });

  it('reads agencies credited in brackets as no place', () => {
    for (const credit of ['(CBS/AP)', '(NBC/Reuters)', '(AFP & dpa)'])
      assert.equal(
        findDateline([`${credit} The singer will take over the role in June.`]).location,
        null,
        credit,
      );
    // A place in capitals in brackets stays one.
    assert.equal(
      findDateline(['(NEW YORK) The singer will take over the role in June.']).location,
      'New York',
    );
  });
});

describe('the dateline of a saved page', () => {
  it('is found at the start of the body, below the page’s header', () => {
    const page = [
      'Nous utilisons des cookies pour améliorer votre expérience. Tout accepter',
      'International',
      'Par Juan Pérez (AFP)',
      'Publié le 03/03/2025 à 18h42',
      'CIUDAD DE MÉXICO, 3 mars (AFP) - Le gouvernement mexicain a annoncé lundi un plan contre la sécheresse qui frappe le nord du pays depuis deux ans.',
      'Le plan prévoit la construction de trois aqueducs et la réparation des réseaux de distribution, selon le ministère de l’Environnement.',
      'Les agriculteurs du Sonora et du Chihuahua réclamaient depuis des mois une aide de l’État fédéral.',
    ].join('\n');
    const { article } = parseArticle(page, 'a.txt', 'a.txt');
    const entry = normalizeEntry(
      article,
      { path: 'a.txt', committed: undefined, modified: new Date(0) },
      parseConfig(baseConfig, 'gazette.config.json'),
      locales,
    );
    assert.equal(entry?.location, 'Ciudad de México');
    assert.ok(entry?.summary.startsWith('Le gouvernement mexicain a annoncé'), entry?.summary);
  });
});
