import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Entry } from '../src/entry.ts';
import { readWords } from '../src/normalize/keyword-words.ts';
import { extractKeywords } from '../src/normalize/keywords.ts';
import { splitSentences } from '../src/normalize/sentences.ts';
import { chooseTags, maxTags, type Topics } from '../src/normalize/tags.ts';
import { baseConfig, lang, pageEntry, runCli, tempDir, textOf } from './helpers.ts';

/** Tags, keywords and names of a body given paragraph by paragraph, as normalizing chooses them. */
function topics(
  language: string,
  paragraphs: string[],
  page: {
    headline?: string;
    dateline?: string;
    place?: string;
    agency?: string;
    region?: string;
    topic?: string;
    siteTags?: string[];
    given?: string[];
  } = {},
): Topics {
  const bySentence = paragraphs.map((p) => splitSentences(p, lang(language)));
  return chooseTags({
    headline: page.headline ?? null,
    standfirst: null,
    paragraphs: bySentence,
    read: readWords(bySentence.flat(), lang(language)),
    dateline: page.dateline ?? '',
    place: page.place ?? null,
    agency: page.agency ?? null,
    region: page.region ?? null,
    topic: page.topic ?? null,
    siteTags: page.siteTags ?? [],
    language: lang(language),
    given: page.given ?? [],
  });
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Whether any of `list` holds `word` as a word, accents and case aside. */
const holds = (list: string[], word: string) =>
  list.some((item) =>
    fold(item)
      .split(/[^\p{L}\p{N}']+/u)
      .includes(fold(word)),
  );

/** Asserts that none of `words` is among the keywords or tags of a body; returns its topics. */
function assertNone(language: string, paragraphs: string[], words: string[]): Topics {
  const found = topics(language, paragraphs);
  for (const word of words)
    assert.ok(
      !holds([...found.keywords, ...found.tags], word),
      `${language}: ${found.keywords.join(', ')}`,
    );
  return found;
}

const colombia = [
  'Le président colombien Gustavo Petro a annoncé lundi une consultation populaire sur sa réforme du travail, rejetée par une commission du Sénat.',
  '« Le peuple doit décider », a lancé le chef de l’État devant ses partisans réunis sur la place Bolívar.',
  'Petro accuse les partis traditionnels de bloquer la réforme du travail depuis des mois, et il confierait le vote à la Registraduría.',
  'La consultation doit obtenir l’aval du Sénat, où la coalition présidentielle ne dispose pas de majorité.',
  'Selon l’opposition, Petro confierait le calendrier du scrutin à ses alliés, un jour après le vote de la commission.',
  'La Colombie compte près de 56 % de travailleurs informels, et les syndicats colombiens appellent à une grève.',
];

describe('tags: countries', () => {
  it('tags the country an article names, in its language, abbreviations merged', () => {
    const spanish = topics('es', [
      'El Gobierno de México pidió a EE.UU. más tiempo para cumplir el tratado de aguas.',
      'Estados Unidos reclama el agua que México no entregó durante el último ciclo.',
      'Los agricultores de Chihuahua temen que EE.UU. imponga aranceles por el faltante de agua.',
    ]);
    assert.ok(spanish.tags.includes('Estados Unidos'), spanish.tags.join(', '));
    assert.ok(spanish.tags.includes('México'), spanish.tags.join(', '));
    assert.ok(!spanish.tags.includes('EE.UU.'), spanish.tags.join(', '));

    const german = topics('de', [
      'Frankreichs Präsident Emmanuel Macron lehnt das Abkommen mit dem Mercosur ab.',
      'Die Bauern in Frankreich fürchten billige Importe aus Südamerika.',
    ]);
    assert.ok(german.tags.includes('Frankreich'), german.tags.join(', '));
    assert.ok(!german.tags.includes('Frankreichs'), german.tags.join(', '));

    // A region named after a country is not the country: "Sächsische Schweiz".
    const saxony = topics('de', [
      'Die Touren in die Sächsische Schweiz sind wegen des Niedrigwassers gestrichen.',
      'Auch in der Sächsischen Schweiz liegen die Schiffe fest, sagt die Reederei in Dresden.',
    ]);
    assert.ok(!saxony.tags.includes('Schweiz'), saxony.tags.join(', '));

    // An elided article keeps its word: one tag, spelled as the text spells it.
    const french = topics('fr', [
      "Le tribunal d'Abidjan a condamné un pharmacien pour trafic de faux médicaments en Côte d'Ivoire.",
      "La Côte d'Ivoire saisit chaque année des tonnes de faux antipaludéens.",
    ]);
    assert.ok(french.tags.includes("Côte d'Ivoire"), french.tags.join(', '));
    assert.ok(!french.tags.some((t) => t.includes("d' ")), french.tags.join(', '));
  });

  it('takes the country from an adjective of nationality, never the adjective', () => {
    const { tags } = topics('pt', [
      'O governo brasileiro anunciou um corte de 15 bilhões de reais no Orçamento deste ano.',
      'Os economistas brasileiros duvidam que o arcabouço fiscal resista a mais um ano de gastos.',
      'O corte atinge obras e programas sociais, e o arcabouço fiscal volta ao centro do debate.',
    ]);
    assert.ok(tags.includes('Brasil'), tags.join(', '));
    assert.ok(!holds(tags, 'brasileiro') && !holds(tags, 'brasileiros'), tags.join(', '));

    const french = topics('fr', colombia);
    assert.equal(french.tags[0], 'Colombie', french.tags.join(', '));
    assert.ok(!holds(french.tags, 'colombien'), french.tags.join(', '));
  });

  it("tags the country of the dateline, and not the agency's code", () => {
    const { tags } = topics(
      'es',
      [
        'Más de 32.000 personas han huido de la región del Catatumbo por los combates entre el ELN y disidencias de las FARC.',
        'La Defensoría del Pueblo pidió corredores humanitarios para los desplazados del Catatumbo.',
        'El ELN atacó a las familias de excombatientes, según la Defensoría del Pueblo.',
      ],
      { dateline: 'Cúcuta (Colombia), 20 ene (EFE).- ' },
    );
    assert.ok(tags.includes('Colombia'), tags.join(', '));
    assert.ok(!tags.includes('EFE'), tags.join(', '));
  });
});

describe('tags: people and organisations', () => {
  it('counts a name of two words in the lead once, and merges its short form into it', () => {
    const { tags, keywords } = topics('fr', colombia);
    assert.ok(tags.includes('Gustavo Petro'), tags.join(', '));
    assert.ok(!tags.includes('Petro'), tags.join(', '));
    assert.ok(!keywords.includes('Gustavo') || !keywords.includes('Petro'), keywords.join(', '));
  });

  it('reads a sentence of names and long stopwords as sentence case, and opens no name on its first word', () => {
    const coop = topics('en', [
      'The town bought its shuttered grocery store, and the co-op reopened it in May.',
      '“People kept asking who would fix this,” said Marcy Kopecky, who chairs the co-op board.',
      'Prices are a little higher than at the Walmart in Grand Island, Kopecky acknowledged.',
    ]);
    assert.ok(coop.tags.includes('Marcy Kopecky'), coop.tags.join(', '));
    // "Kopecky" is the name met before, and "Grand Island" a place, not title case.
    assert.ok(coop.tags.includes('Grand Island'), coop.tags.join(', '));
    assert.ok(!coop.keywords.includes('Kopecky'), coop.keywords.join(', '));
    const rugby = topics(
      'en',
      [
        'Late Rhys Morgan try ends losing run as Wales beat Italy.',
        'Rhys Morgan dived over in the corner with two minutes left to give Wales the win.',
        'Italy had led through a Marco Ferretti penalty, and Rhys Morgan answered.',
      ],
      { headline: 'Wales 24-21 Italy: Late Rhys Morgan try ends losing run' },
    );
    assert.ok(rugby.tags.includes('Rhys Morgan'), rugby.tags.join(', '));
    assert.ok(!rugby.tags.some((t) => t.startsWith('Late')), rugby.tags.join(', '));
  });

  it('ends a German name before an institution its particle leads to', () => {
    const heat = topics('de', [
      'Hausbesitzer sollten Angebote für Wärmepumpen vergleichen, rät Katrin Vogel von der Verbraucherzentrale Thüringen.',
      'Die Beratungsstelle in Erfurt bietet dazu eine kostenlose Beratung für Wärmepumpen an.',
      'Die EU-Kommissionspräsidentin Ursula von der Leyen hatte die Förderung von Wärmepumpen verteidigt.',
    ]);
    assert.ok(!heat.tags.some((t) => t.includes(' von der Verbraucherzentrale')), heat.tags.join());
    assert.ok(heat.tags.includes('Katrin Vogel'), heat.tags.join(', '));
    assert.ok(heat.tags.includes('Ursula von der Leyen'), heat.tags.join(', '));
  });

  it('merges a company known by its first word once named, not a place that shares it', () => {
    const deal = topics(
      'en',
      [
        'Harbourline Logistics has agreed to a takeover by Northgate Capital Partners, ending a six-week bidding contest.',
        'Northgate will pay 412p in cash for each Harbourline share.',
        'Harbourline said its board would recommend the offer, and Northgate said it would keep the head office in Felixstowe.',
      ],
      { headline: 'Harbourline agrees takeover by Northgate' },
    );
    for (const tag of ['Harbourline Logistics', 'Northgate Capital Partners'])
      assert.ok(deal.tags.includes(tag), deal.tags.join(', '));
    for (const tag of ['Harbourline', 'Northgate'])
      assert.ok(!deal.tags.includes(tag), deal.tags.join(', '));
    const andes = topics('en', [
      'Chile will open six salt flats in its northern Andes to bids from private lithium miners, the government said.',
      'Lithium prices have fallen by two thirds since 2022, and lithium miners have cut investment.',
      'The state company will keep a majority in every new contract, the mining ministry said.',
      'Bids will close in June, and the winners will be named in September.',
      '"Nobody is rushing to sign a contract when lithium sells at $10,000 a ton," said an analyst at Andes Capital.',
    ]);
    assert.ok(!andes.tags.includes('Andes Capital'), andes.tags.join(', '));
  });

  it('takes no step of a scale for a name or a keyword', () => {
    const { tags, keywords } = topics('en', [
      'Melissa made landfall near New Hope as a Category 5 hurricane.',
      'Melissa strengthened from a tropical storm to a Category 4 hurricane in a day.',
      'Jamaica declared a Level 3 emergency as the hurricane crossed the island.',
    ]);
    for (const word of ['Category', 'Level'])
      assert.ok(!tags.includes(word) && !keywords.includes(word), `${tags} / ${keywords}`);
    assert.ok(tags.includes('Jamaica'), tags.join(', '));
  });

  it('names a storm with its kind, though the text writes the kind in lowercase too', () => {
    const { tags } = topics(
      'en',
      [
        'Melissa made landfall near New Hope as a Category 5 hurricane.',
        'Melissa was crawling across the island, forecasters said, as the strongest hurricane of the year.',
      ],
      { headline: 'Hurricane Melissa slams into Jamaica as one of the strongest storms on record' },
    );
    assert.ok(tags.includes('Hurricane Melissa'), tags.join(', '));
    assert.ok(!tags.includes('Melissa'), tags.join(', '));
  });

  it('keeps a possessive inside the name it heads', () => {
    const { tags, keywords } = topics('en', [
      "Doctors at Boston Children's Hospital said the boy was stable.",
      "A spokesman for Boston Children's Hospital declined to comment on the surgery.",
      "The hospital said the surgery lasted nine hours; Mexico's health minister sent his wishes.",
    ]);
    assert.ok(tags.includes("Boston Children's Hospital"), tags.join(', '));
    assert.ok(!tags.includes('Hospital'), tags.join(', '));
    assert.ok(!keywords.includes('Boston Children'), keywords.join(', '));
    // The head of a name whose owner is a role names nothing alone; "the country's Ministry of
    // Health" is a name.
    const office = topics('en', [
      "The Information Commissioner's Office fined the retailer, the country's Ministry of Health said.",
      "Rachel Okafor, of the Information Commissioner's Office, said the fine was the largest.",
    ]);
    assert.ok(!office.tags.includes('Office'), office.tags.join(', '));
    assert.ok(office.tags.includes('Ministry of Health'), office.tags.join(', '));
    // Elsewhere a possessive still ends the name: "Mexico's health minister" is Mexico's.
    assert.ok(!keywords.some((k) => k.includes("Mexico's")), keywords.join(', '));
  });

  it('keeps the particles inside names and merges a name known by its middle', () => {
    const portuguese = topics('pt', [
      'O presidente Luiz Inácio Lula da Silva criticou nesta terça-feira o Banco Central do Brasil pela alta dos juros.',
      'Lula disse que o Banco Central do Brasil trava o crescimento da economia.',
      'Para Lula, a taxa de juros é a mais alta do mundo descontada a inflação.',
    ]);
    assert.ok(portuguese.tags.includes('Luiz Inácio Lula da Silva'), portuguese.tags.join(', '));
    assert.ok(!portuguese.tags.includes('Lula'), portuguese.tags.join(', '));
    assert.ok(portuguese.tags.includes('Banco Central do Brasil'), portuguese.tags.join(', '));

    const german = topics('de', [
      'EU-Kommissionspräsidentin Ursula von der Leyen verkündete in Montevideo eine Einigung mit den Mercosur-Staaten.',
      'Uruguays Präsident Luis Lacalle Pou sprach von einem historischen Tag für die Region.',
      'Bundeskanzler Olaf Scholz begrüßte die Einigung, Kritik kommt von den Landwirten.',
    ]);
    for (const name of ['Ursula von der Leyen', 'Luis Lacalle Pou'])
      assert.ok(german.names.includes(name), german.names.join(', '));
    assert.ok(!german.tags.some((t) => /präsident|kanzler/i.test(t)), german.tags.join(', '));
  });

  it('leaves the title before a name out of it', () => {
    const { tags } = topics('en', [
      'President Claudia Sheinbaum said on Tuesday that Mexico would not accept a tax on remittances.',
      'Sheinbaum called the measure double taxation of families who already pay taxes.',
      'The remittance tax would hit millions of Mexican workers, Sheinbaum said.',
    ]);
    assert.ok(tags.includes('Claudia Sheinbaum'), tags.join(', '));
    assert.ok(!holds(tags, 'President'), tags.join(', '));
  });
});

describe('keywords and tags: what they never are', () => {
  it('takes no verb for a topic', () => {
    const english = topics('en', [
      'Negotiators agreed on Sunday to a ceasefire in the north, officials said.',
      'Both sides agreed to stand by the ceasefire until the talks resume.',
      'The ceasefire will stand if the militias withdraw, and the mediators agreed to monitor it.',
    ]);
    for (const verb of ['agreed', 'stand'])
      assert.ok(!holds([...english.tags, ...english.keywords], verb), english.keywords.join(', '));
    assert.ok(english.keywords.includes('ceasefire'), english.keywords.join(', '));

    const french = topics('fr', colombia);
    assert.ok(
      !holds([...french.tags, ...french.keywords], 'confierait'),
      french.keywords.join(', '),
    );
    assert.ok(holds(french.tags, 'réforme'), french.tags.join(', '));

    const spanish = topics('es', [
      'El Consejo de Ministros aprobará el martes un plan de vivienda asequible.',
      'El plan aprobará la cesión de suelo público para construir viviendas de alquiler.',
      'La ministra dijo que el Gobierno aprobará también ayudas al alquiler para jóvenes.',
    ]);
    assert.ok(!holds(spanish.keywords, 'aprobará'), spanish.keywords.join(', '));
    assert.ok(holds(spanish.keywords, 'alquiler'), spanish.keywords.join(', '));

    // A simple past after a word that may stand before nouns ("lo ganó") is still a verb.
    const match = topics('es', [
      'Cipolletti perdía 1 a 0 con Sol de Mayo en Viedma, pero lo ganó 2 a 1 en el segundo tiempo.',
      'El equipo lo ganó con goles de Medina y Cárdenas, y sumó su tercer triunfo en el torneo.',
      'Con el triunfo, Cipolletti quedó en zona de clasificación del torneo.',
    ]);
    for (const verb of ['ganó', 'sumó', 'quedó'])
      assert.ok(!holds([...match.tags, ...match.keywords], verb), match.keywords.join(', '));

    // A word always followed by an article opens its object: "cierra los colegios".
    const storm = topics(
      'es',
      [
        'La Xunta cierra los colegios de 46 concellos por la borrasca.',
        'Los vecinos de la costa temen nuevas inundaciones, y la Xunta cierra los puertos.',
        'La borrasca deja rachas de 140 km/h en la costa de A Coruña.',
      ],
      { headline: 'La Xunta cierra los colegios de 46 concellos por la borrasca' },
    );
    assert.ok(!holds([...storm.tags, ...storm.keywords], 'cierra'), storm.keywords.join(', '));
    assert.ok(holds(storm.keywords, 'borrasca'), storm.keywords.join(', '));
    // English too: "investigating the robbery", never after an article or a preposition.
    const robbery = topics('en', [
      'Police are investigating the robbery of a jewellery store in Chattanooga.',
      'Detectives investigating the case said the suspect fled in a stolen car.',
      'The robbery is the third at a jewellery store this year, police said.',
    ]);
    assert.ok(!holds(robbery.keywords, 'investigating'), robbery.keywords.join(', '));
    assert.ok(holds(robbery.keywords, 'robbery'), robbery.keywords.join(', '));
    // A headline's verb in the present, which the text conjugates elsewhere: "warns", "warned".
    const warning = topics(
      'en',
      [
        'Forecasters warned on Monday that the heatwave would last until the weekend.',
        'Health officials are warning older residents to stay indoors during the heatwave.',
        'The heatwave has already closed schools in three counties.',
      ],
      { headline: 'Met Office warns heatwave will last until weekend' },
    );
    assert.ok(!holds([...warning.tags, ...warning.keywords], 'warns'), warning.keywords.join(', '));
    assert.ok(holds(warning.keywords, 'heatwave'), warning.keywords.join(', '));
    // A plural noun after an article stays a noun, though the text has the verb too.
    const protests = topics('en', [
      'The protests spread to five cities on Saturday, organisers said.',
      'Students protested outside parliament, and the protests went on into the night.',
      'Police said the protests had been peaceful.',
    ]);
    assert.ok(holds(protests.keywords, 'protests'), protests.keywords.join(', '));
    // The bare verb too, alone, when the text conjugates it and never writes it as a noun.
    const budget = topics('en', [
      'Ministers push to cut the budget deficit before the election, officials said.',
      'The finance minister pushed for deeper cuts, and pushing the plan through parliament may take weeks.',
      'The budget deficit reached 4.2 percent of output last year.',
    ]);
    assert.ok(!holds(budget.keywords, 'push'), budget.keywords.join(', '));
    assert.ok(holds(budget.keywords, 'deficit'), budget.keywords.join(', '));
  });

  it('keeps a derivation as its own keyword, and an inflection as the same one', () => {
    const strike = topics('es', [
      'Los transportadores de carga mantienen los bloqueos en cinco departamentos, informó el Ministerio de Transporte.',
      'El Ministerio de Transporte convocó a los transportadores a una mesa de diálogo el lunes.',
      'Un transportador herido fue atendido en Bogotá, y los transportadores exigen una rebaja del ACPM.',
    ]);
    assert.ok(holds(strike.keywords, 'transportadores'), strike.keywords.join(', '));
    assert.ok(holds(strike.keywords, 'Transporte'), strike.keywords.join(', '));
    assert.ok(!holds(strike.keywords, 'transportador'), strike.keywords.join(', '));
  });

  it('takes no American politician’s party and state for a keyword or a name', () => {
    const hearing = topics('en', [
      'Sen. Dick Durbin (D-Ill.) and Sen. Lindsey Graham (R-S.C.) questioned the nominee on Tuesday.',
      'Durbin (D-Ill.) said the hearing would resume after the recess, and Graham (R-S.C.) agreed.',
      'Rep. Ro Khanna (D-CA) watched the hearing from the gallery on D-Day’s anniversary.',
    ]);
    const all = [...hearing.keywords, ...hearing.tags];
    for (const label of ['D-Ill', 'R-S.C', 'D-CA'])
      assert.ok(!all.some((k) => k.includes(label)), `${label}: ${all.join(', ')}`);
    assert.ok(holds(all, 'Durbin'), all.join(', '));
  });

  it('takes no compound of a time or a number, nor "a lot", for a keyword', () => {
    const sales = topics('en', [
      'Retail sales rose 4 percent from year-earlier levels, helped by a lot of holiday spending.',
      'The year-earlier figures were hit by storms, and a lot of shops closed for two-week periods.',
      'Retail sales are watched as a sign of consumer confidence, economists said.',
    ]);
    for (const word of ['year-earlier', 'two-week', 'lot'])
      assert.ok(!holds(sales.keywords, word), `${word}: ${sales.keywords.join(', ')}`);
    assert.ok(holds(sales.keywords, 'sales'), sales.keywords.join(', '));
  });

  it('takes no count or measure for a keyword', () => {
    const english = topics('en', [
      'Unemployment fell to 3.9 percent in March, the lowest in two years, as hiring picked up.',
      'Economists had expected unemployment of 4.1 percent, and payrolls grew by 250,000.',
      'The percent of workers in part-time jobs also fell, the department said.',
    ]);
    assert.ok(!holds(english.keywords, 'percent'), english.keywords.join(', '));
    assert.ok(holds(english.keywords, 'unemployment'), english.keywords.join(', '));
    const spanish = topics('es', [
      'Las operadoras invertirán 48 millones de dólares en una planta de agua en Añelo.',
      'La planta costará 21 millones y el hospital otros 15 millones, según el convenio.',
    ]);
    assert.ok(!holds(spanish.keywords, 'millones'), spanish.keywords.join(', '));
    // A number written out counts people; the people stay ("trabajadores"), the count goes.
    const counts = topics('es', [
      'Los cuerpos de los trece trabajadores fueron hallados en un socavón de la mina.',
      'La empresa minera dijo que los trece trabajadores habían sido secuestrados el día anterior.',
      'Los familiares de los trabajadores exigen justicia a la empresa y al Gobierno.',
    ]);
    assert.ok(!holds(counts.keywords, 'trece'), counts.keywords.join(', '));
    assert.ok(holds(counts.keywords, 'trabajadores'), counts.keywords.join(', '));
  });

  it('takes no abbreviated title, state or rank for a keyword, nor for part of a name', () => {
    const hearing = topics('en', [
      'Sens. Maria Cantwell and Roger Whitfield questioned the airline chiefs on Tuesday about delays.',
      'Sen. Maria Cantwell said the airlines owed passengers refunds, and Brig. Gen. Alan Porter agreed.',
      'The hearing ended after Sen. Roger Whitfield asked for a second session on refunds.',
    ]);
    const all = [...hearing.keywords, ...hearing.tags];
    for (const abbreviation of ['Sens', 'Sen', 'Brig', 'Gen'])
      assert.ok(!holds(all, abbreviation), all.join(', '));
    assert.ok(holds(hearing.tags, 'Cantwell'), hearing.tags.join(', '));
    const shooting = topics(
      'en',
      [
        'An officer was wounded in a shootout with a robbery suspect at a shopping centre, police said.',
        'The suspect was taken to hospital in Knoxville, Tenn., and the officer is expected to recover.',
        'Police in Knoxville, Tenn., said the suspect fired first when officers arrived at the shop.',
      ],
      { dateline: 'KNOXVILLE, Tenn. -', place: 'Knoxville' },
    );
    assert.ok(!holds([...shooting.keywords, ...shooting.tags], 'Tenn'), shooting.keywords.join());
    // A rank is no topic: "the seventh inning" is about the inning.
    const game = topics('en', [
      'The Mets scored three runs in the seventh inning and beat the Marlins 5-2.',
      'Pelfrey pitched into the seventh inning, and the bullpen closed the game.',
      'The Marlins had led since the fourth inning, when Morrison hit a two-run homer.',
    ]);
    for (const rank of ['seventh', 'fourth'])
      assert.ok(!holds([...game.keywords, ...game.tags], rank), game.keywords.join(', '));
    // French: "Mme Aubry" is Aubry.
    const lille = topics('fr', [
      'Mme Aubry a annoncé dimanche sa candidature à un quatrième mandat à la mairie de Lille.',
      'Selon Mme Aubry, la ville doit poursuivre les travaux de la gare.',
      "L'opposition reproche à Mme Aubry le coût des travaux.",
    ]);
    assert.ok(!holds([...lille.keywords, ...lille.tags], 'Mme'), lille.keywords.join(', '));
    assert.ok(holds(lille.keywords, 'Aubry'), lille.keywords.join(', '));
  });

  it('takes no agency the dateline credits, known or not, nor as part of a name', () => {
    const power = topics(
      'es',
      [
        'Los comerciantes de Cuenca calculan pérdidas de hasta un 40 % por los cortes de luz de diez horas.',
        '"Abrimos a oscuras y cerramos cuando vuelve la luz", relató a AIN Marcela Ordóñez, dueña de una panadería.',
        'Expertos consultados por AIN coinciden en que la crisis de los cortes era previsible.',
        'Marcela Ordóñez dijo que tuvo que tirar dos hornadas por los cortes. (AIN)',
      ],
      { dateline: 'CUENCA (Ecuador), 18 nov (AIN).-', place: 'Cuenca', agency: 'AIN' },
    );
    assert.ok(!holds(power.tags, 'AIN'), power.tags.join(', '));
    assert.ok(power.tags.includes('Marcela Ordóñez'), power.tags.join(', '));
    // A known agency the text quotes stands apart from the name after it too.
    const quoted = topics('es', [
      'La ministra de Energía, Inés Salcedo, dijo a EFE Rodrigo Paz que los cortes terminarán en enero.',
      'Rodrigo Paz, portavoz de la ministra, confirmó las fechas de los cortes.',
    ]);
    assert.ok(!quoted.tags.some((t) => t.startsWith('EFE')), quoted.tags.join(', '));
  });

  it('takes no unit of time, month or weekday', () => {
    const cases: [string, string[], string[]][] = [
      [
        'fr',
        [
          'Le jour du scrutin, les bureaux de vote ont ouvert tôt.',
          'Chaque jour, des électeurs font la queue.',
          'Un jour plus tard, le scrutin était annulé.',
        ],
        ['jour'],
      ],
      [
        'en',
        [
          'The strike has lasted six months and the union wants more months of pay.',
          'For months the factory has been idle.',
          'The strike could last months more.',
        ],
        ['months'],
      ],
      [
        'es',
        [
          'El lunes los camioneros bloquearon las vías.',
          'Desde el lunes no llega combustible a Bogotá.',
          'El paro de camioneros sigue desde el lunes.',
        ],
        ['lunes'],
      ],
      [
        'pt',
        [
          'Ontem o temporal derrubou árvores em São Paulo.',
          'A Enel disse ontem que a luz voltará em três dias.',
          'O temporal de ontem deixou bairros sem luz.',
        ],
        ['ontem', 'dias'],
      ],
      [
        'de',
        [
          'Am Montag streikten die Lokführer erneut.',
          'Seit Montag fahren kaum Züge.',
          'Der Streik der Lokführer soll bis Montag dauern.',
        ],
        ['Montag'],
      ],
    ];
    for (const [language, paragraphs, words] of cases) assertNone(language, paragraphs, words);
  });

  it('takes no English compound adjective, no phrase cut before its noun, and no "per cent"', () => {
    const deal = topics('en', [
      'Harbourline Logistics, the Felixstowe-based port operator, has agreed to a takeover by Canadian pension investor Northgate.',
      'Northgate will pay 412p a share, a 38 per cent premium to the UK-listed group’s price before the takeover by Canadian investors was reported.',
      'Unions at the Felixstowe-based group asked Northgate for guarantees on jobs after the takeover.',
      'The UK-listed company said the takeover valued it at 1.24bn pounds, or 38 per cent more than in June.',
    ]);
    const all = [...deal.keywords, ...deal.tags];
    for (const word of ['Felixstowe-based', 'UK-listed', 'cent'])
      assert.ok(!all.includes(word), `${word}: ${all.join(', ')}`);
    assert.ok(!all.some((k) => / Canadian$/u.test(k)), all.join(', '));
    assert.ok(holds(deal.keywords, 'takeover'), deal.keywords.join(', '));
  });

  it('takes no short month or day written with its capital, and keeps the word it spells', () => {
    const shortDates: [string, string[], string[]][] = [
      [
        'en',
        [
          'Posted Sat, Apr 2: the ferry strike closed the harbour again.',
          'The ferry strike began on Mon, Mar 28, and the harbour stayed closed.',
          'Updated Sat, Apr 2: ferry operators met the union.',
        ],
        ['Apr', 'Sat', 'Mon'],
      ],
      [
        'fr',
        [
          'Publié le Sam. 2 avr. : la grève des ferries ferme le port.',
          'Depuis Mer. 30 mars, la grève des ferries bloque le port.',
          'Mis à jour Sam. 2 avr. : les armateurs reçoivent le syndicat.',
        ],
        ['Sam', 'Mer'],
      ],
    ];
    for (const [language, paragraphs, words] of shortDates) {
      const { keywords } = assertNone(language, paragraphs, words);
      assert.ok(holds(keywords, 'ferry') || holds(keywords, 'ferries'), keywords.join(', '));
    }
    // In lowercase it is a word of its own: "la mer" is the sea.
    const sea = topics('fr', [
      'La mer a envahi les quais de Dieppe pendant la tempête.',
      'Les pêcheurs disent que la mer n’avait jamais monté si haut.',
      'La mer a reculé dans la nuit, laissant des quais couverts de sable.',
    ]);
    assert.ok(holds(sea.keywords, 'mer'), sea.keywords.join(', '));
  });

  it('takes no page label, agency code or greeting for a tag, and no possessive', () => {
    const { tags } = topics(
      'en',
      [
        "Brazil's central bank raised its key rate on Wednesday, Reuters reported.",
        "Photo Reuters. The bank said Brazil's inflation was still too high.",
        'Analysts polled by Reuters expected the hike. Photo Reuters.',
        "Thanks to the hike, Brazil's currency firmed against the dollar.",
      ],
      { headline: "Brazil's central bank raises rates again" },
    );
    assert.ok(tags.includes('Brazil'), tags.join(', '));
    for (const word of ['Reuters', 'Photo', "Brazil's", 'Thanks'])
      assert.ok(!tags.includes(word), tags.join(', '));

    const spanish = topics('es', [
      'Foto EFE. Gracias a la lluvia, los embalses de Cataluña recuperan agua.',
      'Los embalses de Cataluña están al 40 %, informó la Agencia Catalana del Agua. Foto EFE.',
      'Gracias a las lluvias, la Generalitat levantará las restricciones de agua. Foto EFE.',
    ]);
    for (const word of ['Foto', 'EFE', 'Gracias'])
      assert.ok(!spanish.tags.includes(word), spanish.tags.join(', '));

    const about = topics(
      'en',
      [
        'Reuters cut 200 jobs on Monday.',
        'Reuters said the cuts would hit its newsroom in London.',
      ],
      {
        headline: 'Reuters cuts 200 jobs in its newsroom',
      },
    );
    assert.ok(about.tags.includes('Reuters'), about.tags.join(', '));
  });

  it('keeps agency names and units out of keywords too, and shows a country without its possessive', () => {
    const { keywords } = topics('en', [
      "Chile's central bank lowered its key interest rate by 25 basis points on Tuesday.",
      "The decision, reported by the Associated Press, followed Chile's slowing inflation.",
      "Economists told the Associated Press that the interest rate could fall again, as Chile's copper exports slow.",
      'Another cut of 25 basis points would bring the interest rate to 4.5 percent, the AP was told.',
    ]);
    for (const word of ['basis', 'Associated Press', 'AP', "Chile's"])
      assert.ok(!keywords.includes(word), keywords.join(', '));
    assert.ok(keywords.includes('Chile'), keywords.join(', '));

    // A brand always written with it keeps it.
    const brand = topics('en', [
      "Sotheby's sold a painting by Frida Kahlo for a record price in New York.",
      "The sale at Sotheby's lasted twelve minutes, and Sotheby's staff applauded.",
      "Sotheby's said the buyer was a museum in Mexico.",
    ]);
    assert.ok(brand.keywords.includes("Sotheby's"), brand.keywords.join(', '));
  });

  it('ends a name at its possessive, and gives initials their full stop', () => {
    const { keywords, tags } = topics('en', [
      "Nassau's Mulvey tips his hat to Mangano as he leaves the police department.",
      'Lawrence Mulvey, the county police commissioner, thanked Mangano on Friday.',
      'Mulvey said the U.S. Attorney had praised the department, and Mangano agreed.',
    ]);
    const all = [...keywords, ...tags];
    assert.ok(!all.includes('Nassau Mulvey'), all.join(', '));
    assert.ok(tags.includes('Lawrence Mulvey'), tags.join(', '));
    assert.ok(!all.some((k) => /\bU\.S(?!\.)/.test(k)), all.join(', '));
  });

  it('tags the topic the site files the article under, when the text speaks of it', () => {
    const paragraphs = [
      'Vor 1.350 Zuschauern hat der SV Spittal das Derby gegen den SV Seeboden mit 3:1 gewonnen.',
      'Damit verbessert sich Spittal auf den dritten Platz der Kärntner Liga.',
      'Seeboden bleibt nach der Niederlage im Tabellenkeller der Kärntner Liga.',
    ];
    assert.ok(topics('de', paragraphs, { topic: 'Kärntner Liga' }).tags.includes('Kärntner Liga'));
    // A section's name the text only writes as a common noun is no tag.
    const region = topics(
      'pt',
      [
        'A região do Douro perdeu mil viticultores em dez anos, diz o instituto.',
        'Na região, o preço da pipa caiu pelo terceiro ano.',
      ],
      { topic: 'Região' },
    );
    assert.ok(!region.tags.includes('Região'), region.tags.join(', '));
    // A competition's name in title case is a name, even when it opens on a number.
    const rugby = topics(
      'en',
      [
        'Rhys Morgan’s try two minutes from time gave Wales a 24-21 victory over Italy in Cardiff and ended a run of 17 consecutive Six Nations defeats.',
        'Italy had led for most of the second half after Marco Ferretti kicked three penalties.',
        'Morgan dived over in the corner after Owen Lloyd-Jenkins found him with a cross-field kick.',
        'Ferretti missed a late penalty that would have levelled the match for Italy.',
      ],
      { topic: 'Six Nations' },
    );
    assert.ok(rugby.tags.includes('Six Nations'), rugby.tags.join(', '));
  });

  it("counts the dateline's place and region among the keywords", () => {
    const paragraphs = [
      'Police say at least 50 vehicles were involved in a chain-reaction crash in dense fog on the main highway.',
      'The crash left dozens of people injured, police said, and the highway was closed for hours.',
    ];
    const { keywords, tags } = topics('en', paragraphs, {
      dateline: 'ABU DHABI, United Arab Emirates -',
      place: 'Abu Dhabi',
      region: 'United Arab Emirates',
    });
    assert.ok(keywords.includes('Abu Dhabi'), keywords.join(', '));
    assert.ok(keywords.includes('United Arab Emirates'), keywords.join(', '));
    // A wire's dateline is where it was filed: no tag unless the body names the place.
    assert.ok(!tags.includes('Abu Dhabi'), tags.join(', '));
  });

  it('does not take a German noun for a name because it is capitalised, yet keeps it as a topic', () => {
    const { names, keywords } = topics('de', [
      'Nach langen Verhandlungen haben die Europäische Union und der Mercosur eine Einigung über das Abkommen erzielt.',
      'Das Abkommen soll Zölle auf Autos und Maschinen abschaffen.',
      'Die Verhandlungen über das Abkommen dauerten mehr als zwanzig Jahre, die Einigung gilt als Durchbruch.',
    ]);
    for (const noun of ['Verhandlungen', 'Einigung', 'Abkommen', 'Zölle'])
      assert.ok(!names.includes(noun), names.join(', '));
    assert.ok(names.includes('Europäische Union') || names.includes('EU'), names.join(', '));
    assert.ok(keywords.includes('Abkommen'), keywords.join(', '));
    assert.ok(
      !keywords.some((k) => /^(erzielt|abschaffen|dauerten)$/.test(k)),
      keywords.join(', '),
    );
  });
});

describe('keywords in Portuguese and German', () => {
  it('drops their stopwords and merges inflections by their stems', () => {
    const portuguese = extractKeywords(
      [
        'A vindima também começou mais cedo no Douro, porque o calor ainda não deu tréguas.',
        'Os viticultores já colhem as uvas, e a vindima também deve render menos vinho.',
        'A quebra da vindima ainda preocupa os viticultores do Douro.',
      ],
      lang('pt'),
    ).map((k) => k.text);
    assert.ok(portuguese.includes('vindima'), portuguese.join(', '));
    for (const stopword of ['também', 'ainda', 'já', 'porque'])
      assert.ok(!portuguese.includes(stopword), portuguese.join(', '));

    const german = extractKeywords(
      [
        'Die Verhandlung über den Tarifvertrag ist gescheitert.',
        'Nach der dritten Verhandlung sieht die Gewerkschaft keine Einigung mehr.',
        'Weitere Verhandlungen sind nicht geplant, der Tarifvertrag bleibt offen.',
      ],
      lang('de'),
    ).map((k) => k.text);
    const forms = german.filter((k) => /^Verhandlung/.test(k));
    assert.equal(forms.length, 1, german.join(', '));
    for (const stopword of ['nicht', 'keine', 'mehr', 'über'])
      assert.ok(!german.includes(stopword), german.join(', '));
  });

  it('gives at most six tags, those of the front matter first', () => {
    const { tags } = topics('fr', colombia, { given: ['Amérique latine'] });
    assert.equal(tags[0], 'Amérique latine');
    assert.ok(tags.length <= maxTags, tags.join(', '));
  });
});

describe('tags: the site’s own', () => {
  const frenchPage = (tagLine: string) => [
    'Accueil > Tech',
    'Bandeaux cookies : la CNIL inflige une amende record à une plateforme de mode',
    'Par Claire Martin',
    'Publié le 12 mars 2025 à 10h14',
    "La Commission nationale de l'informatique et des libertés a sanctionné mardi la plateforme Vestio pour des bandeaux qui rendaient le refus des cookies plus difficile que leur acceptation.",
    'Le montant de l’amende tient compte du nombre de personnes concernées, selon la CNIL.',
    'Depuis les lignes directrices prises en application du RGPD, refuser doit être aussi simple qu’accepter.',
    'Vestio a annoncé son intention de faire appel devant le Conseil d’État.',
    tagLine,
    '12 commentaires',
  ];

  it('are tags when the text speaks of them, and go with the tag line', () => {
    const entry = pageEntry(frenchPage('Mots-clés : CNIL, RGPD, Vie privée, E-commerce'));
    // RGPD, met once in a sentence, is a tag because the site tags the article with it.
    assert.ok(entry.tags.includes('RGPD'), entry.tags.join(', '));
    // The text speaks neither of e-commerce nor of "vie privée".
    assert.ok(!entry.tags.includes('E-commerce'), entry.tags.join(', '));
    assert.ok(!entry.tags.includes('Vie privée'), entry.tags.join(', '));
    assert.ok(!textOf(entry).some((p) => p.includes('Mots-clés')), textOf(entry).join('\n'));
    // Without the site's tag line, a word met once after the lead is no tag.
    const bare = pageEntry(frenchPage('Partager cet article'));
    assert.ok(!bare.tags.includes('RGPD'), bare.tags.join(', '));
  });

  it('are read from a list under its label, whatever form the text gives them', () => {
    const entry = pageEntry([
      'Hochwasser im Süden: Pegel der Donau steigen weiter',
      'Von Jonas Weber',
      '3. Juni 2024, 08:12 Uhr',
      'Passau – Die Pegel der Donau sind in der Nacht weiter gestiegen. In Passau wurde die Altstadt geräumt, die Feuerwehr pumpte Keller leer.',
      'Die Landesregierung kündigte Soforthilfen für die betroffenen Gemeinden an. Nach Angaben der Behörden sind in Bayern mehr als 3000 Menschen in Notunterkünften.',
      'Auch in Regensburg bereitet sich die Stadt auf Hochwasser vor.',
      'Schlagworte',
      'Hochwasser',
      'Notunterkunft',
      'Unwetter',
    ]);
    // "Notunterkunft" is written "Notunterkünften" in the text; the storm ("Unwetter") is not.
    assert.ok(entry.tags.includes('Notunterkunft'), entry.tags.join(', '));
    assert.ok(!entry.tags.includes('Unwetter'), entry.tags.join(', '));
    assert.ok(!textOf(entry).includes('Schlagworte'), textOf(entry).join('\n'));
  });
});

describe('tags: finer points', () => {
  it('keeps the capitalised stopwords a name holds ("New York", "World Cup")', () => {
    const final = topics('en', [
      'Fans in New York and New Jersey queued overnight for tickets to the World Cup final.',
      'The World Cup final will be played at MetLife Stadium in New Jersey on July 19.',
      'Hotels in New York said rooms for the final had been booked for months.',
      'It is the first World Cup final in the United States since 1994.',
    ]);
    const all = [...final.keywords, ...final.tags];
    for (const name of ['New York', 'New Jersey', 'World Cup'])
      assert.ok(all.includes(name), `${name}: ${all.join(', ')}`);
    // Nor is the end of "New Jersey" the island of Jersey.
    for (const part of ['York', 'Jersey', 'Cup'])
      assert.ok(!all.includes(part), `${part}: ${all.join(', ')}`);
    // Not a stopword that opens a clause after a quotation mark: "Let", "Like".
    const quoted = topics('en', [
      'The coach said: "Let us enjoy this one, we earned it."',
      'Players celebrated the win with fans at the stadium, and the coach thanked the fans.',
      'The win puts the team top of the league for the first time this season.',
    ]);
    assert.ok(!quoted.keywords.includes('Let'), quoted.keywords.join(', '));
  });

  it('does not take a longer name or a stadium for the country it holds', () => {
    const english = topics('en', [
      'Mexico City police closed the main avenues on Sunday for the marathon.',
      'The Mexico City marathon drew 30,000 runners, organisers said.',
      'Runners from Kenya won both races in Mexico City.',
    ]);
    assert.ok(!english.tags.includes('Mexico'), english.tags.join(', '));
    assert.ok(english.tags.includes('Kenya'), english.tags.join(', '));
    const french = topics('fr', [
      "L'AS Cherbourg a battu Vitré au stade Maurice-Postaire samedi.",
      'Les Cherbourgeois recevront Avranches au stade Maurice-Postaire dans quinze jours.',
    ]);
    assert.ok(!french.tags.includes('Maurice'), french.tags.join(', '));
    for (const verb of ['battu', 'recevront'])
      assert.ok(!french.tags.includes(verb), french.tags.join(', '));
  });

  it('merges the first of two surnames into the full name, not a word of an institution', () => {
    const spanish = topics('es', [
      'La fiscalía acusó al empresario Óscar Velarde Quispe de lavar oro ilegal desde Madre de Dios.',
      'Velarde exportó el oro a través de una organización benéfica, según la fiscalía.',
      'El juez dijo que Velarde conocía el origen del oro.',
    ]);
    assert.ok(spanish.tags.includes('Óscar Velarde Quispe'), spanish.tags.join(', '));
    assert.ok(!spanish.tags.includes('Velarde'), spanish.tags.join(', '));
    const french = topics('fr', [
      "L'Université Paris Descartes ouvre un centre de recherche sur le sommeil.",
      'Le centre accueillera des patients de Paris et de la région.',
      'Paris compte déjà deux centres du sommeil, selon l’université.',
    ]);
    assert.ok(
      !french.tags.includes('Université Paris Descartes') || french.tags.includes('Paris'),
      french.tags.join(', '),
    );
  });

  it("tags the dateline's place when the body names it again, not a wire's bureau", () => {
    const local = topics(
      'pt',
      [
        'O Tribunal de Vila Real condenou hoje o antigo presidente da junta a três anos de prisão.',
        'A defesa vai recorrer da decisão do tribunal.',
      ],
      { dateline: 'Vila Real – ', place: 'Vila Real' },
    );
    assert.ok(local.tags.includes('Vila Real'), local.tags.join(', '));
    const wire = topics(
      'en',
      [
        "Chile's government opened bids for lithium contracts in the Atacama salt flats on Monday.",
        'Companies from Chile and China are expected to bid for the contracts.',
      ],
      { dateline: 'SANTIAGO, May 5 (Reuters) - ', place: 'Santiago' },
    );
    assert.ok(!wire.tags.includes('Santiago'), wire.tags.join(', '));
  });

  it('in German, takes a name after a title once, and nouns side by side for no name', () => {
    const { names, tags } = topics('de', [
      'Vor zwei Jahren ließ Präsident Lula die illegalen Goldsucher vertreiben, nun sind sie zurück.',
      'Seit Jahren gewährt Kolumbien Venezolanern Aufenthaltsrecht und Zugang zu Schulen.',
      'Die Goldsucher arbeiten in Passau nicht, aber in Passau wird über die Minen berichtet.',
    ]);
    assert.ok(names.includes('Lula'), names.join(', '));
    assert.ok(!tags.some((t) => t.includes('Venezolanern')), tags.join(', '));
    assert.ok(tags.includes('Passau'), tags.join(', '));

    // A verb between two nouns joins a subject to its object: no phrase of the three.
    const ruling = topics(
      'de',
      [
        'Streamingdienste müssen Kündigung per Klick ermöglichen, hat der Bundesgerichtshof entschieden.',
        'Der Bundesgerichtshof gab der Verbraucherzentrale recht: Streamingdienste müssen Kündigung leicht machen.',
      ],
      { headline: 'Streamingdienste müssen Kündigung per Klick ermöglichen' },
    );
    const phrases = [...ruling.keywords, ...ruling.tags].filter((k) => k.includes(' '));
    assert.ok(!phrases.some((k) => k.includes('müssen')), ruling.keywords.join(', '));
    assert.ok(holds(ruling.keywords, 'Kündigung'), ruling.keywords.join(', '));
  });

  it('takes no time word in any inflection, no day part, season or quantity', () => {
    const { tags, keywords } = topics('de', [
      'Der Gemeinderat hat am Dienstagabend beschlossen, das Strandbad ab dem Sommer zu öffnen.',
      'Der Pegel der Donau stieg am Dienstagabend auf mehr als zehn Metern.',
      'Im Sommer soll das Strandbad jeden Tag öffnen, der Pegel liegt bei sechs Metern.',
    ]);
    assert.ok(!holds(tags, 'Metern'), tags.join(', '));
    for (const word of ['Dienstagabend', 'Sommer', 'Tag'])
      assert.ok(
        !holds([...tags, ...keywords], word),
        `${tags.join(', ')} / ${keywords.join(', ')}`,
      );
    assert.ok(holds([...tags, ...keywords], 'Strandbad'), keywords.join(', '));
  });

  it('keeps a conjunction out of a tag, and one thing in one tag', () => {
    const portuguese = topics('pt', [
      'As urgências de obstetrícia de Lisboa e Vale do Tejo vão fechar por turnos em agosto.',
      'A escala das urgências em Lisboa e Vale do Tejo depende de médicos tarefeiros.',
    ]);
    assert.ok(!portuguese.tags.includes('Lisboa e Vale'), portuguese.tags.join(', '));
    const german = topics('de', [
      'Die EU und die Schweiz haben ein Vertragspaket ausgehandelt, sagte die EU-Kommission.',
      'Die Europäische Union will das Vertragspaket noch dieses Jahr unterzeichnen.',
      'In der Schweiz soll das Stimmvolk über die Projekte abstimmen, und die Projekten fehlt Geld.',
    ]);
    assert.ok(german.tags.includes('EU'), german.tags.join(', '));
    assert.ok(!german.tags.includes('Europäische Union'), german.tags.join(', '));
    assert.ok(
      !(german.tags.includes('Projekte') && german.tags.includes('Projekten')),
      german.tags.join(', '),
    );
  });
});

describe('gazette build: tags of saved pages in Portuguese and German', () => {
  it('tags their countries and the people they are about', async () => {
    const project = await tempDir();
    await writeFile(join(project, 'gazette.config.json'), JSON.stringify(baseConfig));
    await mkdir(join(project, 'articles'));
    await writeFile(
      join(project, 'articles', 'lula.txt'),
      [
        'Lula critica juros altos e cobra o Banco Central',
        'Brasília – O presidente Luiz Inácio Lula da Silva voltou a criticar nesta terça-feira a taxa básica de juros fixada pelo Banco Central do Brasil.',
        'Para Lula, os juros altos travam o crescimento e o emprego no país.',
        'O Banco Central do Brasil mantém a taxa em 15 % ao ano desde junho.',
        'Economistas avaliam que os juros devem continuar altos enquanto a inflação não ceder.',
      ].join('\n'),
    );
    await writeFile(
      join(project, 'articles', 'mercosur.txt'),
      [
        'EU und Mercosur einigen sich auf Freihandelsabkommen',
        'Montevideo (dpa) - Die Europäische Union und der Mercosur haben sich nach 25 Jahren Verhandlungen auf ein Freihandelsabkommen geeinigt.',
        'EU-Kommissionspräsidentin Ursula von der Leyen sprach in Montevideo von einem historischen Tag.',
        'Das Freihandelsabkommen soll Zölle auf Autos, Maschinen und Chemikalien senken.',
        'Landwirte in Frankreich protestieren gegen das Freihandelsabkommen.',
      ].join('\n'),
    );
    const result = await runCli(['build', '--input', 'articles'], project);
    assert.equal(result.code, 0, result.stderr);
    const { entries } = JSON.parse(
      await readFile(join(project, 'out', 'entries.json'), 'utf8'),
    ) as {
      entries: Entry[];
    };
    const tagsOf = (path: string) => entries.find((e) => e.path === path)?.tags ?? [];
    const lula = tagsOf('lula.txt');
    assert.ok(lula.includes('Luiz Inácio Lula da Silva'), lula.join(', '));
    assert.ok(lula.includes('Banco Central do Brasil'), lula.join(', '));
    const mercosur = tagsOf('mercosur.txt');
    assert.ok(mercosur.includes('Ursula von der Leyen'), mercosur.join(', '));
    assert.ok(
      mercosur.some((t) => t === 'EU' || t === 'Europäische Union'),
      mercosur.join(', '),
    );
    assert.ok(!mercosur.includes('dpa') && !holds(mercosur, 'Jahren'), mercosur.join(', '));
  });
});
