import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isDangling } from '../src/normalize/function-words.ts';
import { isQuoteOpen } from '../src/normalize/quotes.ts';
import { splitSentences } from '../src/normalize/sentences.ts';
import { chooseSummary } from '../src/normalize/summary.ts';
import { chooseTitle, type TitleSource } from '../src/normalize/title.ts';
import { lang, pageEntry } from './helpers.ts';

/** A title made from a lead sentence alone. */
function derived(sentence: string, language: string, more: Partial<TitleSource> = {}): string {
  return chooseTitle({
    headline: null,
    sentences: [sentence],
    language: lang(language),
    place: null,
    agency: null,
    names: [],
    text: sentence,
    ...more,
  });
}

const lastWord = (title: string) => title.split(' ').at(-1) ?? '';

describe('titles from the lead sentence', () => {
  it('is never cut before the verb, in each language', () => {
    const cases: [string, string, string][] = [
      [
        'fr',
        'Le président colombien Gustavo Petro, élu en 2022 sur un programme de gauche et confronté à un Congrès hostile, a annoncé la convocation d’une consultation populaire sur sa réforme du travail.',
        'a annoncé',
      ],
      [
        'en',
        'The governor of the central bank of the Republic of Colombia, appointed last year by a divided board, said interest rates would stay at their highest level in two decades until inflation eases.',
        'said',
      ],
      [
        'es',
        'La ministra de Hacienda del Gobierno de Pedro Sánchez, María Jesús Montero, que negocia con los socios desde enero, presentó este martes unos presupuestos que elevan el gasto social.',
        'presentó',
      ],
      [
        'pt',
        'O ministro da Fazenda do governo do presidente Luiz Inácio Lula da Silva, Fernando Haddad, em entrevista coletiva na capital federal, anunciou o congelamento de R$ 31 bilhões no Orçamento.',
        'anunciou',
      ],
      [
        'de',
        'Nach mehr als 25 Jahren Verhandlungen haben die Europäische Union und die südamerikanischen Mercosur-Staaten eine politische Einigung über ein umfassendes Freihandelsabkommen erzielt.',
        'erzielt',
      ],
    ];
    for (const [language, sentence, verb] of cases) {
      const title = derived(sentence, language);
      assert.ok(title.includes(verb), `${language}: ${title}`);
      assert.ok(title.length <= 122, `${language}: ${title.length}`);
      assert.ok(!isDangling(lastWord(title), language), `${language}: ${title}`);
    }
  });

  it('closes a German clause with its verb when cut inside it', () => {
    const title = derived(
      'Die Bundesregierung hat nach langen Beratungen mit den Ländern und den kommunalen Spitzenverbänden ein neues Gesetz zur Förderung der Wärmepumpen in Wohngebäuden beschlossen.',
      'de',
    );
    assert.ok(title.startsWith('Die Bundesregierung hat'), title);
    assert.ok(title.endsWith(' beschlossen'), title);
  });

  it('never ends on an article, a preposition or a conjunction, Portuguese and German included', () => {
    const lead: Record<string, string> = {
      pt: 'O governo federal anunciou nesta quinta-feira o congelamento de bilhões do Orçamento de 2025 para cumprir a meta fiscal e o limite de gastos do arcabouço fiscal com uma margem de tolerância para os ministérios.',
      de: 'Die Regierung hat am Mittwoch in Berlin einen Plan für den Ausbau der Stromnetze vorgestellt und will damit die Kosten für die Verbraucher in den kommenden Jahren deutlich senken und den Ausbau der Windkraft beschleunigen.',
      es: 'El Gobierno aprobó este martes un plan de ayudas para los agricultores afectados por la sequía que dispone de 800 millones de euros para los próximos tres años en las regiones del sur y del este.',
      fr: 'Le gouvernement a présenté mercredi un plan pour les agriculteurs touchés par la sécheresse qui prévoit 800 millions d’euros pour les trois prochaines années dans les régions du sud et de l’est du pays.',
      en: 'The government unveiled on Wednesday a plan for farmers hit by the drought that sets aside 800 million euros for the next three years in the regions of the south and of the east of the country.',
    };
    for (const [language, sentence] of Object.entries(lead)) {
      const words = sentence.split(' ');
      // Every length of the sentence, so that every word gets its turn at the end.
      for (let n = 12; n <= words.length; n++) {
        const title = derived(words.slice(0, n).join(' '), language);
        assert.ok(!isDangling(lastWord(title), language), `${language}: ${title}`);
        assert.ok(title.length <= 122, title);
      }
    }
  });

  it('never ends inside a preposition of several words', () => {
    const cases: [string, string][] = [
      [
        'pt',
        'Uma equipa de paleontólogos portugueses identificou uma nova espécie de dinossauro herbívoro a partir de fósseis recolhidos nas arribas da Lourinhã, com cerca de 150 milhões de anos.',
      ],
      [
        'es',
        'El Gobierno mantuvo este martes el plan de ayudas para los agricultores del sur del país a pesar de las críticas de las organizaciones agrarias y de la oposición.',
      ],
      [
        'fr',
        'Le gouvernement maintient son plan d’aide aux agriculteurs touchés par la sécheresse dans le sud du pays à partir de lundi, malgré les critiques des syndicats agricoles.',
      ],
    ];
    for (const [language, sentence] of cases) {
      const words = sentence.split(' ');
      for (let n = 12; n <= words.length; n++) {
        const title = derived(words.slice(0, n).join(' '), language);
        assert.ok(!/ (?:a|à) (?:partir|pesar)$/.test(title), `${language}: ${title}`);
      }
    }
  });

  it('never ends on a subject pronoun, but keeps a country written in capitals', () => {
    const title = derived(
      'Keith Brown, the father of a well known piano group, was finally given what he deserved after years of abuse of his daughters.',
      'en',
      {},
    );
    assert.ok(!/ (he|she|they)$/.test(title), title);
    assert.equal(
      derived('The European Union agreed new sanctions against the US.', 'en'),
      'The European Union agreed new sanctions against the US',
    );
  });

  it('knows the Portuguese and German words a title must not end on', () => {
    for (const word of [
      'de',
      'do',
      'da',
      'em',
      'no',
      'na',
      'para',
      'com',
      'um',
      'uma',
      'e',
      'ou',
      'que',
    ])
      assert.ok(isDangling(word, 'pt'), word);
    for (const word of [
      'der',
      'die',
      'das',
      'den',
      'dem',
      'des',
      'ein',
      'eine',
      'und',
      'oder',
      'mit',
    ])
      assert.ok(isDangling(word, 'de'), word);
    for (const word of ['von', 'zu', 'für', 'auf', 'in', 'im', 'am', 'bei', 'nach', 'über'])
      assert.ok(isDangling(word, 'de'), word);
    assert.ok(!isDangling('Mercosur', 'de'));
    assert.ok(!isDangling('fiscal', 'pt'));
  });

  it('takes a time before the sentence for no verb, and leaves no verb without its object', () => {
    const wallaby = derived(
      'Il y a sept semaines, un wallaby du zoo de Saint-Martin-la-Plaine, dans la Loire, s’est échappé de son enclos grâce à un trou dans son grillage près de la clôture.',
      'fr',
    );
    assert.ok(wallaby.includes('s’est échappé'), wallaby);
    const flood = derived(
      'Há dois anos, a maior enchente da história do Rio Grande do Sul deixou mais de 180 mortos no estado e inundou um terço da capital gaúcha.',
      'pt',
    );
    assert.ok(!flood.endsWith('inundou'), flood);
    assert.ok(flood.includes('deixou'), flood);
  });

  it('leaves out the weekday, as a headline does', () => {
    assert.equal(
      derived('Le Sénat a adopté mardi le projet de loi sur l’eau.', 'fr'),
      'Le Sénat a adopté le projet de loi sur l’eau',
    );
    assert.equal(
      derived('O governo anunciou nesta quinta-feira (22) um corte de gastos.', 'pt'),
      'O governo anunciou um corte de gastos',
    );
    assert.equal(
      derived('Emmanuel Macron a annoncé lundi soir 10 décembre une série de mesures.', 'fr'),
      'Emmanuel Macron a annoncé une série de mesures',
    );
    assert.equal(
      derived('Murieron el lunes 10 personas en el accidente de la autopista.', 'es'),
      'Murieron 10 personas en el accidente de la autopista',
    );
    // At the very end too; but two days of a span stay together.
    assert.equal(
      derived('The central bank held its benchmark rate at 4.5 percent on Thursday.', 'en'),
      'The central bank held its benchmark rate at 4.5 percent',
    );
    assert.equal(
      derived('Un surveillant est décédé dans la nuit de mercredi à jeudi à la prison.', 'fr'),
      'Un surveillant est décédé dans la nuit de mercredi à jeudi à la prison',
    );
  });

  it('keeps the weekday a future names: the day is then the news', () => {
    const future: [string, string][] = [
      ['El servicio de trenes se reanudará el lunes por la mañana.', 'es'],
      ['Le Sénat votera mardi le projet de loi sur l’eau.', 'fr'],
      ['The Senate will vote on Monday on the water bill.', 'en'],
      ['Der Bundestag wird am Montag über das Gesetz abstimmen.', 'de'],
    ];
    // The title is the sentence without its full stop.
    for (const [sentence, language] of future)
      assert.equal(derived(sentence, language), sentence.slice(0, -1));
    assert.equal(
      derived('The Senate voted on Monday to pass the water bill.', 'en'),
      'The Senate voted to pass the water bill',
    );
  });

  it('leaves out ages, as a headline does', () => {
    const title = derived(
      'Un habitant de Sète âgé de 47 ans a été condamné jeudi par le tribunal correctionnel de Montpellier à six mois de prison avec sursis pour des menaces contre le maire.',
      'fr',
    );
    assert.ok(!title.includes('47'), title);
    assert.ok(title.includes('condamné'), title);
    const english = derived(
      'John Smith, 47, was sentenced on Tuesday to six months in prison for posting threatening comments about the mayor of his town on the town hall website.',
      'en',
    );
    assert.ok(english.startsWith('John Smith was sentenced to six months'), english);
  });

  it('leaves out how a court voted before what it decided', () => {
    const cases: [string, string, RegExp][] = [
      [
        'pt',
        'O Supremo Tribunal Federal decidiu, por oito votos a três, que a União deve compensar os estados pelas perdas com a redução do ICMS sobre combustíveis, num julgamento de dois anos.',
        /^O Supremo Tribunal Federal decidiu que a União deve compensar os estados/u,
      ],
      [
        'es',
        'El Tribunal Supremo ha decidido, por siete votos a cuatro, que el Gobierno debe indemnizar a las comunidades autónomas por la rebaja del IVA de la luz aprobada en 2022.',
        /^El Tribunal Supremo ha decidido que el Gobierno debe indemnizar/u,
      ],
      [
        'en',
        'The Supreme Court ruled, by six votes to three, that the federal government must repay the states for the fuel tax cut it imposed in 2022.',
        /^The Supreme Court ruled that the federal government must repay the states/u,
      ],
      [
        'de',
        'Das Bundesverfassungsgericht entschied, mit sechs zu zwei Stimmen, dass die Wahlrechtsreform in Teilen gegen das Grundgesetz verstößt und nachgebessert werden muss.',
        /^Das Bundesverfassungsgericht entschied, dass die Wahlrechtsreform in Teilen gegen das Grundgesetz verstößt$/u,
      ],
    ];
    for (const [language, sentence, expected] of cases)
      assert.match(derived(sentence, language), expected, language);
  });

  it('never cuts inside a name', () => {
    const title = derived(
      'Más de 32.000 personas han sido desplazadas por los enfrentamientos entre la guerrilla del Ejército de Liberación Nacional y disidencias de las FARC en la región del Catatumbo.',
      'es',
    );
    assert.ok(!title.endsWith('del Ejército'), title);
    assert.ok(!title.endsWith('Ejército de Liberación'), title);
  });
});

describe('titles cut to length', () => {
  it('keeps a short sentence whole, without its full stop', () => {
    assert.equal(derived('La neige tombe sur Paris.', 'fr'), 'La neige tombe sur Paris');
  });

  it('cuts a long sentence at the end of a clause after its verb', () => {
    assert.equal(
      derived(
        'El Gobierno aprobó este martes un plan de ayudas para los agricultores afectados por la sequía, dotado con 800 millones de euros.',
        'es',
      ),
      'El Gobierno aprobó un plan de ayudas para los agricultores afectados por la sequía',
    );
  });

  it('keeps a German verb with its object clause, set off by a comma', () => {
    const title = derived(
      'Die Landesregierung von Nordrhein-Westfalen hat am Dienstag beschlossen, die Förderung für kommunale Schwimmbäder bis 2030 um 120 Millionen Euro aufzustocken, wie ein Sprecher mitteilte.',
      'de',
    );
    assert.ok(!/beschlossen$/.test(title), title);
    assert.match(title, /^Die Landesregierung .* hat beschlossen, die Förderung .* aufzustocken$/u);
  });

  it('keeps a unit written as a sign with its number', () => {
    assert.equal(
      derived('La participación en la segunda vuelta fue del 78 %.', 'es'),
      'La participación en la segunda vuelta fue del 78 %',
    );
    assert.equal(
      derived('Le prix du gazole a encore augmenté de 12 €.', 'fr'),
      'Le prix du gazole a encore augmenté de 12 €',
    );
    assert.match(
      derived(
        'El Banco Central redujo este martes su tasa de política monetaria en 25 puntos básicos, hasta el 4,75 %, en una decisión unánime que ya descontaba el mercado.',
        'es',
      ),
      /4,75 %$/u,
    );
  });

  it('leaves out the phrases of time or concession that open a long sentence', () => {
    assert.equal(
      derived(
        "Pendant cinquante jours, tandis que le pays se confinait pour se protéger de l'épidémie, ce jeune anesthésiste-réanimateur a tenu son journal de bord, chaque soir, pour une agence.",
        'fr',
      ),
      'Ce jeune anesthésiste-réanimateur a tenu son journal de bord, chaque soir, pour une agence',
    );
    assert.equal(
      derived(
        'While inflation eased for a third month in a row and wages kept rising across the country, the central bank held its benchmark rate at 4.5 percent on Thursday.',
        'en',
      ),
      'The central bank held its benchmark rate at 4.5 percent',
    );
    // An attribution is part of the news; and a lowercase noun after the comma opens no subject.
    const according = derived(
      "Selon le ministère de l'Intérieur, qui publiait mardi ses chiffres annuels, les cambriolages ont reculé de 12 % dans les communes rurales du département.",
      'fr',
    );
    assert.match(according, /^Selon le ministère/u);
    const apposition = derived(
      "Alors que Jeanne Martin, candidate à la primaire de la gauche était l'invitée de la radio locale, lors de son interview, la journaliste lui a demandé son programme pour la ville.",
      'fr',
    );
    assert.ok(!/^Candidate/u.test(apposition), apposition);
  });

  it('takes no apposition out of a quotation, nor out of a sentence that opens on a preposition', () => {
    const quoted = derived(
      '"Comme beaucoup d’habitants de la vallée, je suis empreint d’une immense tristesse en apprenant la nouvelle", a indiqué le maire de cette commune des Vosges, dont l’ancien curé est mort.',
      'fr',
    );
    assert.ok(!/vallée a indiqué/u.test(quoted), quoted);
    const opening = derived(
      'Avec 3.000 discothèques et autant de bars musicaux, le monde de la nuit, fragilisé déjà avant la crise sanitaire, se désole d’être la dernière roue du carrosse des aides publiques.',
      'fr',
    );
    assert.ok(!/musicaux se désole/u.test(opening), opening);
  });

  it('takes the first sentence of a long quotation, closed, rather than cut it open', () => {
    assert.equal(
      derived(
        '« Il avait beau avoir des milliers d’admirateurs, il était très seul en réalité. J’étais la seule épaule sur laquelle il pouvait pleurer quand la tournée finissait et que tout le monde repartait », a confié l’animatrice.',
        'fr',
      ),
      '« Il avait beau avoir des milliers d’admirateurs, il était très seul en réalité »',
    );
    assert.equal(
      derived(
        '"We can confirm at this stage that five people have died. At least seventy people are in a critical condition in the three hospitals of the district," the regional police chief told reporters.',
        'en',
      ),
      '"We can confirm at this stage that five people have died"',
    );
    // A straight quotation that ends on a quoted word closes: it is no open quotation.
    assert.equal(isQuoteOpen(`"Il est complètement en 'nervous breakdown'"`), false);
  });

  it('never ends on a preposition or a conjunction of the longer lists', () => {
    const title = derived(
      "Ce sont pas moins de 1 200 personnes que devra recruter l'agence de renseignement française durant les trois prochaines années pour faire face aux nouvelles menaces.",
      'fr',
    );
    assert.ok(!/ durant$/u.test(title), title);
    for (const [word, language] of [
      ['durant', 'fr'],
      ['parce', 'fr'],
      ['because', 'en'],
      ['despite', 'en'],
      ['pues', 'es'],
      ['pois', 'pt'],
      ['nachdem', 'de'],
    ] as const)
      assert.ok(isDangling(word, language), `${language}: ${word}`);
  });

  it('never exceeds the limit, even for one enormous word', () => {
    assert.ok([...derived('x'.repeat(10_000), 'fr')].length <= 110);
  });

  it('keeps a sentence’s own kicker', () => {
    assert.equal(
      derived('Brexit: what changes for travellers at the border', 'en', { place: 'London' }),
      'Brexit: what changes for travellers at the border',
    );
  });
});

describe('kickers', () => {
  const sentence = 'Le gouvernement a présenté un plan contre la sécheresse.';
  const text = `${sentence} Le Chili manque d’eau depuis dix ans. Au Chili, les nappes baissent. Le ministre Carlos Soto défend le plan. AFP. Selon l’AFP, le plan coûtera cher.`;

  it('is the dateline’s place, set off as the language does', () => {
    assert.equal(
      derived(sentence, 'fr', { place: 'Santiago', text }),
      'Santiago : le gouvernement a présenté un plan contre la sécheresse',
    );
    assert.equal(
      derived('The government unveiled a plan against the drought.', 'en', { place: 'Santiago' }),
      'Santiago: The government unveiled a plan against the drought',
    );
  });

  it('is followed in French, Spanish and Portuguese by a lowercase function word, never a lowercase name', () => {
    const rain = 'Al menos dos personas murieron por las lluvias en la región.';
    assert.equal(
      derived(rain, 'es', { place: 'Valparaíso', text: rain }),
      'Valparaíso: al menos dos personas murieron por las lluvias en la región',
    );
    const team = 'Uma equipa de paleontólogos identificou uma nova espécie de dinossauro.';
    assert.equal(
      derived(team, 'pt', { place: 'Lisboa', text: team }),
      'Lisboa: uma equipa de paleontólogos identificou uma nova espécie de dinossauro',
    );
    // "La Paz" is a name: the text never writes its article in lowercase.
    const city = 'La Paz amaneció sin agua por tercer día consecutivo.';
    assert.equal(
      derived(city, 'es', { place: 'Bolivia', text: `${city} En La Paz faltan cisternas.` }),
      'Bolivia: La Paz amaneció sin agua por tercer día consecutivo',
    );
    // "el Gobierno": the text writes the article in lowercase before the same word.
    const plan = 'El Gobierno anunció un plan contra la sequía.';
    assert.equal(
      derived(plan, 'es', { place: 'Santiago', text: `${plan} Ayer el Gobierno lo detalló.` }),
      'Santiago: el Gobierno anunció un plan contra la sequía',
    );
  });

  it('is short', () => {
    const long = 'Santiago de Compostela y Comarca Metropolitana';
    assert.equal(
      derived(sentence, 'fr', { place: long, text }),
      'Le gouvernement a présenté un plan contre la sécheresse',
    );
  });

  it('is a country or person the article names twice, and never one named once', () => {
    assert.equal(
      derived(sentence, 'fr', { names: ['Carlos Soto', 'Chili'], text }),
      'Chili : le gouvernement a présenté un plan contre la sécheresse',
    );
    assert.equal(
      derived(sentence, 'fr', { names: ['Carlos Soto'], text }),
      'Le gouvernement a présenté un plan contre la sécheresse',
    );
  });

  it('is a country or a person, never an organisation', () => {
    const lead = 'El Gobierno anunció un plan contra la sequía.';
    const body = `${lead} Mercosur y La Libertad Avanza lo apoyan. Mercosur pide fondos y La Libertad Avanza también. Javier Milei habló. Milei insistió.`;
    assert.equal(
      derived(lead, 'es', {
        names: ['Mercosur', 'La Libertad Avanza', 'Javier Milei'],
        text: body,
      }),
      'Javier Milei: El Gobierno anunció un plan contra la sequía',
    );
  });

  it('is never the agency', () => {
    assert.equal(
      derived(sentence, 'fr', { names: ['AFP'], text }),
      'Le gouvernement a présenté un plan contre la sécheresse',
    );
    assert.equal(
      derived(sentence, 'es', { names: ['Andes'], agency: 'Andes', text: `${text} Andes Andes` }),
      'Le gouvernement a présenté un plan contre la sécheresse',
    );
  });

  it('is not a place the title already names by its first word', () => {
    const title = derived('Le tribunal de Cherbourg a condamné un habitant pour menaces.', 'fr', {
      place: 'Cherbourg-en-Cotentin',
    });
    assert.equal(title, 'Le tribunal de Cherbourg a condamné un habitant pour menaces');
  });

  it('is not a name the title already holds', () => {
    const title = derived('Le Chili manque d’eau depuis dix ans.', 'fr', {
      names: ['Chili'],
      text,
    });
    assert.equal(title, 'Le Chili manque d’eau depuis dix ans');
  });
});

describe('the page’s headline', () => {
  it('is preferred to a title made from the lead', () => {
    const entry = pageEntry([
      'Accueil > International > Amériques',
      'Au Chili, la sécheresse vide les réservoirs de la capitale',
      'Par Marie Dupont',
      'Santiago du Chili. Les réservoirs qui alimentent la capitale chilienne sont au plus bas depuis quarante ans, selon les autorités.',
      'Le gouvernement a annoncé un plan de rationnement qui entrera en vigueur le mois prochain dans plusieurs quartiers.',
      'Les agriculteurs de la vallée centrale réclament des aides pour compenser leurs pertes de récoltes.',
    ]);
    assert.equal(entry.title, 'Au Chili, la sécheresse vide les réservoirs de la capitale');
    assert.equal(entry.location, 'Santiago du Chili');
  });

  it('is kept as written when short enough, cut after its verb when too long', () => {
    const source = {
      sentences: ['Le Sénat a voté la réforme des retraites après trois semaines de débats.'],
      language: lang('fr'),
      place: 'Paris',
      agency: null,
      names: [],
      text: '',
    };
    assert.equal(
      chooseTitle({ ...source, headline: 'Le Sénat vote lundi la réforme des retraites' }),
      'Le Sénat vote lundi la réforme des retraites',
    );
    const long = chooseTitle({
      ...source,
      headline:
        'Le Sénat adopte la réforme des retraites après trois semaines de débats houleux, malgré l’opposition unanime des syndicats et de la gauche',
    });
    assert.equal(
      long,
      'Le Sénat adopte la réforme des retraites après trois semaines de débats houleux',
    );
  });

  it('stays whole when it is a quotation', () => {
    const headline =
      '« La forêt amazonienne est en train de passer du statut de puits de carbone à celui de source d’émissions, et cela change tout »';
    const title = chooseTitle({
      headline,
      sentences: [
        'Elle est sans équivalent depuis le début des relevés.',
        'Dans le sud-est, la forêt émet désormais plus de carbone qu’elle n’en absorbe.',
      ],
      language: lang('fr'),
      place: null,
      agency: null,
      names: [],
      text: '',
    });
    assert.equal(title, headline);
  });

  it('is checked against the standfirst too', () => {
    const headline = '« La forêt amazonienne devient une source de carbone »';
    const title = chooseTitle({
      headline,
      standfirst:
        'La climatologue Ana Paula Ferreira alerte sur un point de bascule de la forêt amazonienne.',
      sentences: ['Quelle est l’ampleur de la sécheresse ?', 'Elle est sans équivalent.'],
      language: lang('fr'),
      place: null,
      agency: null,
      names: [],
      text: '',
    });
    assert.equal(title, headline);
  });

  it('is not taken when it speaks of nothing the article speaks of: a banner', () => {
    const title = chooseTitle({
      headline: 'Nous utilisons des cookies pour améliorer votre expérience de navigation',
      sentences: [
        'Le Chili va ouvrir six salars du nord du pays aux compagnies minières privées.',
        'Les contrats de lithium dureront jusqu’à trente ans.',
      ],
      language: lang('fr'),
      place: null,
      agency: null,
      names: [],
      text: '',
    });
    assert.equal(
      title,
      'Le Chili va ouvrir six salars du nord du pays aux compagnies minières privées',
    );
  });

  it('is not taken when it is a label or a byline', () => {
    for (const headline of ['ENTREVISTA', 'Live updates', 'By Daniel Ortiz']) {
      const title = chooseTitle({
        headline,
        sentences: ['The storm made landfall in Jamaica as a Category 5 hurricane.'],
        language: lang('en'),
        place: null,
        agency: null,
        names: [],
        text: '',
      });
      assert.equal(title, 'The storm made landfall in Jamaica as a Category 5 hurricane', headline);
    }
  });
});

describe('summaries', () => {
  it('open with the standfirst, and a short one is followed by the lead’s news', () => {
    const standfirst =
      'La masacre de trece trabajadores en una mina de Pataz expuso cómo la minería ilegal se ha convertido en la principal economía criminal del Perú.';
    const entry = pageEntry([
      'ANÁLISIS',
      'Pataz, la tierra del oro donde manda el crimen',
      standfirst,
      'Por Rosa Villanueva',
      'Lima, 12 de mayo de 2025.– Los cuerpos de los trece trabajadores fueron hallados el 4 de mayo con signos de ejecución.',
      'El Gobierno declaró el toque de queda en la provincia y suspendió por treinta días la actividad minera.',
      'Es la cuarta vez en poco más de un año que se decreta el estado de emergencia en Pataz.',
    ]);
    assert.equal(
      entry.summary,
      `${standfirst} Los cuerpos de los trece trabajadores fueron hallados el 4 de mayo con signos de ejecución.`,
    );
    assert.equal(entry.title, 'Pataz, la tierra del oro donde manda el crimen');
    // A standfirst of thirty words or more says enough; a short lead sentence says no news.
    const long = `${standfirst.slice(0, -1)}, y el Gobierno respondió con el estado de emergencia en toda la provincia.`;
    const page = (first: string, lead: string) =>
      pageEntry([
        'ANÁLISIS',
        'Pataz, la tierra del oro donde manda el crimen',
        first,
        'Por Rosa Villanueva',
        `Lima, 12 de mayo de 2025.– ${lead}`,
        'El Gobierno declaró el toque de queda en la provincia y suspendió por treinta días la actividad minera.',
      ]).summary;
    const lead =
      'Los cuerpos de los trece trabajadores fueron hallados el 4 de mayo con signos de ejecución.';
    assert.equal(page(long, lead), long);
    assert.equal(page(standfirst, 'Hay miedo en el pueblo.'), standfirst);
    // A teaser of two short sentences is followed by the lead, however long the lead's one
    // sentence: together they may run half again as long as a summary made of the body.
    const teaser = 'El exalcalde deberá devolver 2,3 millones de soles. La pena es efectiva.';
    const agencyLead =
      'El Juzgado Penal Colegiado de Huaral condenó este jueves a ocho años de prisión efectiva al exalcalde provincial Rubén Alvarado Paredes por el delito de peculado, tras hallarlo responsable de desviar fondos municipales a una agencia de publicidad de su sobrino mediante campañas de radio y televisión que, según la fiscalía, nunca se difundieron en ninguno de los distritos de la provincia durante los cuatro años de su gestión.';
    assert.equal(page(teaser, agencyLead), `${teaser} ${agencyLead}`);
    // A site may print its standfirst without the full stop: the summary ends the sentence.
    assert.equal(page(long.slice(0, -1), lead), long);
    // Three short sentences say all a summary may: the lead does not follow them.
    const three = 'Pataz vive del oro. Ahora vive con miedo. Un reportaje desde la mina.';
    assert.equal(page(three, lead), three);
    // More than three: the summary keeps three of them.
    const five = `${three} Las bandas cobran peaje. Nadie denuncia.`;
    const kept = page(five, lead);
    assert.equal(splitSentences(kept, lang('es')).length, 3, kept);
    assert.ok(five.includes(splitSentences(kept, lang('es'))[0] ?? '-'), kept);
  });

  it('hold no interviewer’s question', () => {
    const summary = chooseSummary({
      standfirst: null,
      headline: null,
      paragraphs: [
        ['Quelle est l’ampleur de la sécheresse qui frappe l’Amazonie ?'],
        [
          'Elle est sans équivalent depuis le début des relevés.',
          'À Manaus, le rio Negro est descendu à 12 mètres en octobre, un niveau jamais observé.',
        ],
        ['Vous parlez d’un point de bascule. De quoi s’agit-il ?'],
        [
          'Une forêt tropicale fabrique une partie de sa propre pluie, et la déforestation l’affaiblit.',
        ],
      ],
      language: lang('fr'),
    });
    assert.ok(!summary.includes('?'), summary);
    assert.ok(!summary.includes('point de bascule'), summary);
    assert.ok(summary.includes('rio Negro'), summary);
  });

  it('take two quotations glued without a space for two sentences', () => {
    assert.deepEqual(
      splitSentences('Il a parlé de "sécurité.""Nous verrons", a-t-il ajouté.', lang('fr')),
      ['Il a parlé de "sécurité."', '"Nous verrons", a-t-il ajouté.'],
    );
  });

  it('keep quotations whole, even when the splitter cuts inside one', () => {
    const paragraph =
      '« Nous ne reculerons pas ! Le peuple doit décider ! » a lancé le président devant ses partisans. Le Sénat doit encore approuver la consultation populaire.';
    const sentences = splitSentences(paragraph, lang('fr'));
    assert.equal(
      sentences[0],
      '« Nous ne reculerons pas ! Le peuple doit décider ! » a lancé le président devant ses partisans.',
    );
    const summary = chooseSummary({
      standfirst: null,
      headline: null,
      paragraphs: [
        [
          'Le président a défendu sa réforme devant le Congrès.',
          '"Nous voulons que les travailleurs aient droit à la journée de huit heures.',
          'Les députés le savent.',
          'Le pays le sait aussi.',
        ],
        ['La réforme du travail sera soumise au Sénat le mois prochain, selon le gouvernement.'],
      ],
      language: lang('fr'),
    });
    assert.ok(!summary.includes('huit heures'), summary);
    assert.ok(!summary.includes('Les députés le savent'), summary);
    assert.ok(summary.includes('Congrès'), summary);
  });

  it('tell an opening straight quote from a closing one, when the source lost a mark', () => {
    // The first sentence opens a quotation it never closes, then one more that it closes: a
    // count of marks would read it and every quotation after it inside out.
    const summary = chooseSummary({
      standfirst: null,
      headline: null,
      paragraphs: [
        [
          'Le parquet a ouvert une enquête pour "corruption de mineurs", "diffusion d\'images et de "propositions sexuelles", a-t-il indiqué.',
          'Un dossier de signalement collectif a été envoyé au procureur de Lyon par les familles.',
          '"Je pouvais faire ce qu\'il voulait.',
          'Il me conseillait d\'acheter certains objets et de ne rien dire à mes parents".',
        ],
      ],
      language: lang('fr'),
    });
    assert.ok(summary.startsWith('Le parquet a ouvert une enquête'), summary);
    assert.ok(!summary.includes('conseillait'), summary);
  });

  it('hold no fragment of a sentence', () => {
    const summary = chooseSummary({
      standfirst: null,
      headline: null,
      paragraphs: [
        [
          'Le train met quatre heures pour relier Porto à la Régua.',
          'E é.',
          'Oui.',
          'La ligne devait être électrifiée jusqu’à la frontière avant 2030.',
        ],
      ],
      language: lang('fr'),
    });
    assert.equal(
      summary,
      'Le train met quatre heures pour relier Porto à la Régua. La ligne devait être électrifiée jusqu’à la frontière avant 2030.',
    );
  });

  it('end a sentence and hold no caption, list item, timestamp or headline', () => {
    const summary = chooseSummary({
      standfirst: 'Teaser without a full stop',
      headline: 'Storm hits the coast',
      paragraphs: [
        ['Storm hits the coast.'],
        ['Published Oct. 28, 2025, 6:04 a.m. ET, updated at 9:10 a.m.'],
        ['The storm made landfall near the port at noon, with winds of 185 mph.'],
        ['Residents wait at a shelter in Kingston. Photo: Jane Roe'],
        ['- 530,000 customers without power.'],
        ['Officials opened more than 880 shelters across the island.'],
      ],
      language: lang('en'),
    });
    assert.equal(
      summary,
      'The storm made landfall near the port at noon, with winds of 185 mph. Officials opened more than 880 shelters across the island.',
    );
  });
});

describe('titles over arbitrary text', () => {
  it('stay within the limit and never end on a dangling word', () => {
    const words = fc.constantFrom(
      'le',
      'de',
      'gouvernement',
      'a',
      'annoncé',
      'um',
      'für',
      'und',
      'Petro',
      ',',
      'the',
      'said',
      'que',
      'da',
      'plan',
      '«',
      '»',
      'eine',
      'Einigung',
      'erzielt',
      'x'.repeat(30),
    );
    fc.assert(
      fc.property(
        fc.array(words, { maxLength: 60 }),
        fc.constantFrom('fr', 'en', 'es', 'pt', 'de'),
        (list, language) => {
          const title = derived(`${list.join(' ')}.`, language);
          assert.ok(title.length <= 122, title);
          const last = lastWord(title);
          if (title.split(' ').length > 1) assert.ok(!isDangling(last, language), title);
        },
      ),
    );
  });
});
