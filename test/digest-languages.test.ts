import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { baseConfig, runCli, tempDir } from './helpers.ts';

/** Two articles of one language, as Markdown with front matter, and what its digest must say. */
interface Case {
  language: string;
  digestTitle: string;
  articles: { name: string; date: string; title: string; tags: string[]; body: string }[];
  /** In out/digest.html and out/digest.txt alike. */
  words: string[];
  /** Only in the plain text part: a label with the language's colon, before a URL. */
  textLines: RegExp[];
  /** The newest article's day, as the language writes dates. */
  date: string;
  /** The index page's heading over the feed's address. */
  indexWords: string;
}

const cases: Case[] = [
  {
    language: 'pt',
    digestTitle: 'Boletim da redação',
    articles: [
      {
        name: '2025-05-20-chuvas.md',
        date: '2025-05-20T09:30:00-03:00',
        title: 'Chuvas deixam cidades do Rio Grande do Sul em alerta',
        tags: ['Rio Grande do Sul', 'chuvas'],
        body:
          'A Defesa Civil do Rio Grande do Sul emitiu nesta terça-feira um alerta para a região metropolitana de Porto Alegre, onde o nível do rio Guaíba voltou a subir depois de três dias de chuva forte.\n\n' +
          'Segundo o órgão, as famílias que moram perto das margens devem deixar suas casas até o fim da tarde. As escolas municipais de quatro cidades suspenderam as aulas.',
      },
      {
        name: '2025-05-22-safra.md',
        date: '2025-05-22T14:00:00-03:00',
        title: 'Safra de soja bate recorde em Mato Grosso apesar da seca',
        tags: ['Mato Grosso', 'agricultura'],
        body:
          'A colheita de soja em Mato Grosso chegou a um volume recorde nesta safra, de acordo com o instituto que acompanha a produção do estado, mesmo depois de um verão mais seco do que o esperado.\n\n' +
          'Os produtores atribuem o resultado às novas variedades de sementes e ao plantio antecipado. O preço da saca, porém, caiu nas últimas semanas.',
      },
    ],
    words: ['Continue lendo', 'Cancelar inscrição', 'Olá,', '2 artigos', 'min de leitura'],
    textLines: [
      /^Continue lendo: https:\/\/news\.example\.org\//m,
      /^Assuntos: /m,
      /^Cancelar inscrição: /m,
      /^Ver no navegador: /m,
    ],
    date: '22 de maio de 2025',
    indexWords: 'Assine o feed',
  },
  {
    language: 'de',
    digestTitle: 'Der Newsletter',
    articles: [
      {
        name: '2025-05-20-hochwasser.md',
        date: '2025-05-20T09:30:00+02:00',
        title: 'Hochwasser in Bayern: Feuerwehr räumt Teile von Passau',
        tags: ['Bayern', 'Hochwasser'],
        body:
          'Nach tagelangem Regen hat die Stadt Passau am Dienstagmorgen mehrere Straßen in der Altstadt räumen lassen, weil der Pegel der Donau schneller stieg als von den Behörden erwartet.\n\n' +
          'Die Feuerwehr brachte nach eigenen Angaben rund zweihundert Menschen in Sicherheit. Die Schulen in der Innenstadt bleiben bis zum Ende der Woche geschlossen.',
      },
      {
        name: '2025-05-22-bahn.md',
        date: '2025-05-22T14:00:00+02:00',
        title: 'Bahn kündigt neue Verbindungen zwischen Berlin und Wien an',
        tags: ['Deutsche Bahn', 'Verkehr'],
        body:
          'Die Deutsche Bahn will vom kommenden Fahrplanwechsel an zusätzliche Direktverbindungen zwischen Berlin und Wien anbieten, wie das Unternehmen am Donnerstag in Frankfurt mitteilte.\n\n' +
          'Die Züge sollen über Prag fahren und die Reisezeit um fast eine Stunde verkürzen. Fahrgastverbände begrüßten die Pläne, verlangen aber pünktlichere Züge.',
      },
    ],
    words: ['Weiterlesen', 'Abmelden', 'Guten Tag,', '2 Artikel', 'Min. Lesezeit'],
    textLines: [
      /^Weiterlesen: https:\/\/news\.example\.org\//m,
      /^Themen: /m,
      /^Abmelden: /m,
      /^Im Browser ansehen: /m,
    ],
    date: '22. Mai 2025',
    indexWords: 'Feed abonnieren',
  },
  {
    language: 'fr',
    digestTitle: 'La lettre',
    articles: [
      {
        name: '2025-05-20-greve.md',
        date: '2025-05-20T09:30:00+02:00',
        title: 'Grève des contrôleurs aériens : des centaines de vols annulés à Paris',
        tags: ['Paris', 'transport aérien'],
        body:
          'La Direction générale de l’aviation civile a demandé mardi aux compagnies de réduire d’un tiers leurs vols au départ des aéroports parisiens, en raison d’une grève des contrôleurs aériens.\n\n' +
          'Les syndicats réclament des recrutements et une revalorisation des salaires. Le mouvement doit durer jusqu’à jeudi soir.',
      },
      {
        name: '2025-05-22-vendanges.md',
        date: '2025-05-22T14:00:00+02:00',
        title: 'Le gel d’avril réduit de moitié la récolte dans le Val de Loire',
        tags: ['Val de Loire', 'viticulture'],
        body:
          'Les viticulteurs du Val de Loire estiment avoir perdu près de la moitié de leur future récolte après les nuits de gel du mois d’avril, selon un premier bilan de la chambre d’agriculture.\n\n' +
          'Les exploitations les plus touchées pourront demander une aide d’urgence. Le ministère promet une réponse avant l’été.',
      },
    ],
    words: ['Lire la suite', 'Se désabonner', 'Bonjour,', '2 articles', 'min de lecture'],
    textLines: [/^Lire la suite\u00A0: https:\/\/news\.example\.org\//m, /^Sujets\u00A0: /m],
    date: '22 mai 2025',
    indexWords: 'S’abonner au flux',
  },
  {
    language: 'en',
    digestTitle: 'The Briefing',
    articles: [
      {
        name: '2025-05-20-strike.md',
        date: '2025-05-20T09:30:00+01:00',
        title: 'Rail strike halts most trains between London and Manchester',
        tags: ['London', 'rail'],
        body:
          'Most trains between London and Manchester were cancelled on Tuesday as drivers walked out over pay, the operator said, advising passengers to travel only if their journey was essential.\n\n' +
          'The union said further strikes would follow next month unless the company improved its offer. Talks are due to resume on Friday.',
      },
      {
        name: '2025-05-22-harvest.md',
        date: '2025-05-22T14:00:00+01:00',
        title: 'Dry spring leaves farmers in East Anglia counting the cost',
        tags: ['East Anglia', 'farming'],
        body:
          'Farmers in East Anglia say the driest spring in decades has stunted wheat and barley crops, and some have begun selling livestock early because pasture has failed.\n\n' +
          'The farmers’ union has asked the government to bring forward support payments. Rain is forecast for the weekend.',
      },
    ],
    words: ['Read more', 'Unsubscribe', 'Hello,', '2 articles', 'min read'],
    textLines: [/^Read more: https:\/\/news\.example\.org\//m, /^Topics: /m],
    date: '22 May 2025',
    indexWords: 'Subscribe to the feed',
  },
  {
    language: 'es',
    digestTitle: 'El boletín',
    articles: [
      {
        name: '2025-05-20-sequia.md',
        date: '2025-05-20T09:30:00+02:00',
        title: 'La sequía obliga a restringir el riego en Andalucía',
        tags: ['Andalucía', 'sequía'],
        body:
          'La Junta de Andalucía aprobó este martes nuevas restricciones al riego agrícola en tres provincias, después de que los embalses de la cuenca del Guadalquivir bajaran del veinte por ciento.\n\n' +
          'Los agricultores reclaman ayudas directas y advierten de que la cosecha de aceite será menor. El Gobierno central estudia un plan de emergencia.',
      },
      {
        name: '2025-05-22-metro.md',
        date: '2025-05-22T14:00:00+02:00',
        title: 'Madrid abre la nueva línea de metro hasta el aeropuerto',
        tags: ['Madrid', 'transporte'],
        body:
          'La Comunidad de Madrid inauguró el jueves la ampliación de la línea de metro que une el centro de la ciudad con el aeropuerto, tras cuatro años de obras y varios retrasos.\n\n' +
          'Los trenes circularán cada seis minutos en hora punta. La tarifa será la misma que en el resto de la red.',
      },
    ],
    words: ['Seguir leyendo', 'Darse de baja', 'Hola:', '2 artículos', 'min de lectura'],
    textLines: [/^Seguir leyendo: https:\/\/news\.example\.org\//m, /^Temas: /m],
    date: '22 de mayo de 2025',
    indexWords: 'Suscribirse al canal',
  },
];

async function buildCase(c: Case) {
  const dir = await tempDir();
  const config = {
    ...baseConfig,
    language: c.language,
    digest: { ...baseConfig.digest, title: c.digestTitle },
  };
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(config, null, 2));
  await mkdir(join(dir, 'articles'));
  for (const a of c.articles) {
    const front = `---\ntitle: "${a.title}"\ndate: ${a.date}\ntags: [${a.tags.join(', ')}]\n---\n`;
    await writeFile(join(dir, 'articles', a.name), `${front}\n${a.body}\n`);
  }
  const run = await runCli(['build', '--input', 'articles'], dir);
  assert.equal(run.code, 0, run.stderr);
  const read = (name: string) => readFile(join(dir, 'out', name), 'utf8');
  return {
    html: await read('digest.html'),
    text: await read('digest.txt'),
    index: await read('index.html'),
  };
}

describe('the digest speaks the articles’ language', () => {
  for (const c of cases) {
    it(`in ${c.language}: its wording and dates, in HTML and in plain text`, async () => {
      const { html, text, index } = await buildCase(c);
      assert.match(html, new RegExp(`<html lang="${c.language}"`));
      for (const words of c.words) {
        assert.ok(html.includes(words), `digest.html has "${words}"`);
        assert.ok(text.includes(words), `digest.txt has "${words}"`);
      }
      for (const line of c.textLines) assert.match(text, line);
      assert.ok(html.includes(c.date), `digest.html dates "${c.date}"`);
      assert.ok(text.includes(c.date), `digest.txt dates "${c.date}"`);
      assert.ok(index.includes(c.indexWords), `index.html has "${c.indexWords}"`);
      const others = cases.filter((o) => o.language !== c.language);
      for (const o of others) {
        const readMore = o.words[0] ?? '\0';
        assert.ok(!text.includes(readMore), `no "${readMore}" of ${o.language}`);
      }
    });
  }
});
