import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { lexer, type Token } from 'marked';
import { parseConfig } from '../src/config.ts';
import type { Entry } from '../src/entry.ts';
import { normalizeEntry } from '../src/normalize/normalize-entry.ts';
import { furnitureOf } from '../src/normalize/page/furniture.ts';
import { lineShape } from '../src/normalize/page/line-shape.ts';
import {
  lineFingerprint,
  noPageRules,
  type PageReading,
  type PageRules,
} from '../src/normalize/page/page-reading.ts';
import { readPage } from '../src/normalize/page/read-page.ts';
import { readParagraphs } from '../src/normalize/paragraphs.ts';
import { parseArticle } from '../src/read/parse-article.ts';
import {
  baseConfig,
  fixtures,
  locales,
  makeProject,
  runCli,
  seedParagraphs,
  textOf,
} from './helpers.ts';

const folder = join(fixtures, 'page-reading');
const furniture = (line: string) => furnitureOf(lineShape(line));

async function readFixture(name: string, rules: PageRules = noPageRules): Promise<PageReading> {
  const text = await readFile(join(folder, name), 'utf8');
  return readPage(readParagraphs(text, 'text').paragraphs, rules);
}

/** The verdict's reason of the line that starts with `start`. */
function reasonOf(page: PageReading, start: string): string {
  const line = page.lines.find((l) => l.text.startsWith(start));
  assert.ok(line, `no line starts with ${start}`);
  return line.reason;
}

describe('page furniture, by class, in five languages', () => {
  const classes: Record<string, string[]> = {
    'cookie banner': [
      'Wir und unsere Partner speichern Informationen auf Ihrem Gerät und greifen darauf zu, um Werbung zu personalisieren. Alle akzeptieren | Einstellungen',
      'We and our partners store and access information on your device to measure audiences. Accept all | Manage choices',
      'Cookie-Einstellungen verwalten',
      'Gérer les cookies et traceurs',
      'This video is hosted by a third party. To watch it, please allow marketing cookies.',
      'Ce contenu est hébergé par un tiers. Pour l’afficher, autorisez les cookies de réseaux sociaux.',
      'Nous et nos partenaires utilisons des cookies pour mesurer l’audience et personnaliser les publicités. Vous pouvez modifier vos choix à tout moment.',
      'We use cookies to improve your experience on our website. By clicking Accept, you agree to our use of cookies.',
      'Utilizamos cookies propias y de terceros para analizar tu navegación. Si continúas navegando, aceptas su uso.',
      'Este site utiliza cookies para melhorar a sua experiência. Ao continuar a navegar, você concorda com a nossa política de privacidade.',
      'Wir nutzen Cookies, um Ihnen die bestmögliche Erfahrung zu bieten. Mit „Zustimmen“ willigen Sie in die Verarbeitung ein.',
      'Tout accepter',
      'Accept all',
      'Aceptar todas',
      'Rejeitar',
      'Alle ablehnen',
      'Le respect de votre vie privée est notre priorité',
    ],
    byline: [
      'Avec notre correspondante à Lima, Claire Dubois',
      'Das Gespräch führte Anna Weber.',
      '(Lukas Huber, 12.3.2025)',
      'Com o nosso correspondente em Luanda, Pedro Matos',
      'Par Claire DUVAL et Marc HENRY (AFP)',
      'Propos recueillis par Élise Martin',
      'By Sarah Connolly and Tom Reed, Reuters',
      'Por María José Ortega | EFE',
      'Texto: João Pereira | Fotos: Ana Luz',
      'Por Carlos Lima - Repórter da Agência Brasil - Recife',
      'Texto de João Pedro Almeida',
      'Ein Beitrag von Tobias Hart, Leipzig',
      'De la Redacción',
      'Envoyée spéciale à Kharkiv',
      'Crónica de Marta Gil desde Quito',
      'Colaboração para o Jornal do Sul, em Curitiba',
      'Claire Moreau Brussels correspondent',
      'Sports reporter',
      'Senior correspondent',
      'Jonas Keller Wirtschaftskorrespondent',
      'Par notre envoyée spéciale à Kiev, Claire Dubois',
      'Redação',
      'Staff and agencies',
      'Redaktion',
      'Von Katrin Schulz, dpa',
      'Das Gespräch führte Max Bauer',
      'Publicado em 03/02/2025 - 08:15 Por Rita Souza',
    ],
    timestamp: [
      'Publié le 03/03/2025 à 18h42, mis à jour le 04/03/2025 à 07h10',
      'Mis à jour il y a 2 heures',
      'Published March 3, 2025 at 6:42 p.m. GMT',
      'Published: 9:47pm Wed 5 March 2025',
      'Última actualización: 03/12/2026',
      'Publiziert am 21.03.2026 09.15 Uhr, aktualisiert um 10.40 Uhr',
      'Dernière mise à jour le 3 décembre 2026',
      'Updated 14 min ago',
      '4:45 p.m. ET',
      'Actualizado: 12 de mayo de 2025, 10:32',
      'Hace 3 horas',
      '6:12 p. m.',
      'Atualizado há 2 horas',
      '22/05/2025 19h12',
      'Stand: 06.12.2024, 17:05 Uhr',
      'vor 3 Stunden',
      'Mittwoch, 4. März 2025',
    ],
    'reading time': [
      'Lecture : 4 min.',
      '5 min read',
      'Tiempo de lectura: 3 minutos',
      'Lesezeit: 2 Min.',
    ],
    'photo caption': [
      'Volunteers sort donated food at the Ord market on Feb. 21. The store reopened as a co-op. Dana Whitfield/Prairie Public Media hide caption',
      'Winzer Paul Haas in seinem Keller in Bernkastel: »Der Jahrgang wird klein« Foto: Lena Hartmann / Tal-Bote',
      'Les quais du port de Brest, en février. | ARCHIVES LE TÉLÉGRAMME',
      'Contêineres no porto de Paranaguá (PR) 04/02/2025 REUTERS/Rodolfo Buhrer',
      'Des manifestants devant le Parlement, à Lima, le 3 mars 2025. Photo Ernesto BENAVIDES / AFP',
      'Residents wade through floodwater in Porto Alegre, Brazil, May 6, 2024. REUTERS/Diego Vara',
      'Bomberos trabajan en la zona del incendio, en Viña del Mar. EFE/ Adriana Thomasa',
      'O presidente durante cerimônia no Palácio do Planalto. Foto: Marcelo Camargo/Agência Brasil',
      'Der Hafen von Santos am Dienstag. Foto: Andre Penner/AP/dpa',
      'Le port de Valparaiso vu du ciel (Photo : Martin Bernetti / AFP)',
      'Casa de bombas no bairro Sarandi durante obras - Marina Duarte/Diário do Sul',
    ],
    'photo credit': [
      'Photo L’Écho du Bocage – S. M.',
      'Carla Mendes for The Courier',
      'Julia Krüger für die Rundschau',
      'Photo : Thomas Le Goff / Le Télégramme',
      'Foto: Cristóbal Escobar',
      'Photograph: Carlos Barria/Reuters',
      '— Foto: Reprodução/TV Globo',
      'File photo',
      'Photo d’illustration',
      'Foto de archivo',
      'Imagem ilustrativa',
      'Symbolbild',
    ],
    breadcrumb: [
      'Accueil > International > Amériques',
      'Home / World / Americas / Brazil',
      'Portada › Internacional › América Latina',
      'Startseite » Politik » Ausland',
    ],
    'section label': [
      'EN DIRECT',
      'ANÁLISIS',
      'Entretien',
      'Opinião',
      'Meinung',
      'Live updates',
      'Ce qu’il faut savoir',
      'What you need to know',
      'Lo que debes saber',
      'O que sabemos',
      'Was wir wissen',
    ],
    'player control': [
      'Écouter cet article (4 min)',
      'Listen to this article · 5:12',
      'Écoutez cet article',
      'Audio duration 3 minutes 12 seconds',
      'Durée : 4 min 05',
      'Ouvir',
      'Écouter l’article',
      'Listen to this article',
      'Carregando...',
      'Escuchar noticia',
      'Artikel anhören',
      '00:00 / 03:12',
      'Listen to this article · 5:12 min Learn more',
    ],
    'live-blog control': [
      'Share this entry',
      'Copy link to this post',
      'Link zum Beitrag kopieren',
      'Show key events only',
      'Moments clés',
      'Share',
      'Copy link',
      'Copier le lien',
      'Load more updates',
      'Mostrar mais',
      'Weitere Einträge laden',
    ],
    'read-also link': [
      'Recomendado para usted',
      'Weiterlesen: Warum die Reform seit Jahren stockt',
      'Lisez « Le port de Brest mise sur l’éolien »',
      'À lire aussi : La sécheresse menace les récoltes de café au Brésil',
      'Read more: Why hurricanes are getting stronger, faster',
      'Lea también: El Congreso aprueba la reforma de pensiones',
      'Leia também: Entenda o que muda com o novo arcabouço fiscal',
      'Lesen Sie auch: Was das Abkommen für Verbraucher bedeutet',
      'Mehr zum Thema',
      'Related Coverage',
      'More from The Evening Post',
      'Mehr aus Hamburg',
      'Les plus vus',
      'Alle Artikel zum Thema Energiewende',
      'Todas las noticias sobre Bolivia',
      'All our coverage of the election',
      'Mais vistos',
      'Meistgesehen',
      'Mais de Economia',
      'Recommended for you',
      'Recomendados para ti',
      'Empfohlen für Sie',
      'Não perca',
      'Don’t miss',
    ],
    'media link': ['VIDÉO. Le tracé du futur tramway dévoilé', 'PHOTOS. Les images de la crue'],
    'ad label': [
      'Der Artikel wird unter der Werbung fortgesetzt',
      'Espaço publicitário',
      'Story continues after this advertisement',
      'Article continues after this ad',
      'Anuncio',
      'Message from our sponsor',
      'Publicité',
      'Passer la publicité',
      'Advertisement',
      'Publicidad',
      'Publicidade',
      'Anzeige',
      'Werbung',
    ],
    'share row': [
      'Partager sur Facebook Partager sur X Copier le lien',
      'Teilen: Facebook WhatsApp E-Mail',
      'Compartilhe: Facebook Twitter WhatsApp',
      'Facebook Twitter LinkedIn E-mail',
    ],
    'share and follow row': [
      'Suivez-nous sur Instagram et sur notre chaîne WhatsApp',
      'Síguenos en Google News',
      'Siga-nos no Instagram e receba as notícias do dia',
      'Folgen Sie uns auf Instagram und Threads',
      'Síguenos en Twitter',
      'Follow us',
    ],
    'appeal: donation': [
      'Soutenez notre rédaction indépendante : faites un don déductible de vos impôts.',
      'Support independent journalism. Donate today and help fund our reporting.',
      'Notre journalisme dépend de vous.',
      'Nuestro periodismo depende de ti.',
      '¿Te gustó este reportaje? Apoya el periodismo independiente: hazte socio desde 5 euros al mes.',
      'Chaque jour, notre équipe de journalistes enquête sur le terrain, loin des pressions des annonceurs et des actionnaires, pour vous offrir une information libre et vérifiée. Cette indépendance a un prix : elle ne tient que grâce à vous. Rejoignez les 30.000 lecteurs qui nous soutiennent déjà et faites un don, même modeste, avant la fin de l’année.',
      'Public radio relies on members like you. Make a gift to WXYZ today.',
      'Notre radio vit grâce à des auditeurs comme vous. Faites un don.',
      'Esta emisora depende de oyentes como usted. Haz una donación hoy.',
      'A rádio pública depende de ouvintes como você. Faça uma doação.',
      'Unser Sender lebt von Hörern wie Ihnen. Jetzt spenden.',
      'O jornalismo independente precisa de si. Assine e apoie.',
    ],
    'appeal: newsletter': [
      'Our editor picks her favourite stories in this weekly newsletter.',
      'Kostenlos anmelden',
      'Suscribirme',
      'Inscrivez-vous à notre newsletter et recevez l’essentiel de l’actualité chaque matin.',
      'The Morning Brief newsletter brings you the day’s top stories. Sign up here.',
      'Suscríbete a nuestro boletín semanal.',
      'Newsletter abonnieren',
      'Free newsletter',
    ],
    appeal: [
      'Sign up to This is Europe',
      '¿Tienes una pista? Escríbenos',
      'Tem uma denúncia? Fale com a redação',
      'Offre numérique : 1 € le premier mois, puis 12,99 € par mois, sans engagement.',
      'Oferta digital: 1 € el primer mes, después 9,99 € al mes, sin permanencia.',
    ],
    'appeal: subscription': [
      'Unlock the Editor’s Digest for free',
      'Abonnez-vous pour lire la suite – 1 € le premier mois, sans engagement.',
      'Gostaria de continuar lendo? Assine o Jornal do Sul por R$ 1,90 no primeiro mês.',
      'Dieser Artikel ist nur für Abonnenten verfügbar.',
      'Assine a Folha',
      'Para continuar leyendo, suscríbete',
      'Este artículo es solo para suscriptores',
      'Desbloqueie este conteúdo',
      'Dieser Artikel gehört zum Angebot von SPIEGEL+. Sie können ihn auch ohne Abonnement lesen, weil er Ihnen geschenkt wurde.',
      'Digital-Abo: 1 € im ersten Monat, danach 9,99 € pro Monat, jederzeit kündbar.',
      'Assinatura digital: R$ 1,90 no primeiro mês, depois R$ 29,90 por mês.',
      'Sie wollen mehr aus Dresden lesen? Testen Sie Elbtal-Kurier Plus einen Monat für 0,99 Euro.',
      'Want to read more? Subscribe to the Ledger for £1 a week.',
    ],
    'app prompt': [
      'Download our app to get breaking news alerts on your phone.',
      'Téléchargez notre application pour ne rien manquer.',
    ],
    'agency sign-off': [
      'jpr/ag/mr',
      '© Agence France-Presse',
      'mc/jgb/lcm',
      'ACL // JMR',
      'EFE',
      '(Avec AFP)',
      'Reporting by Diego Ortiz; Editing by Jane Merriman',
      'Nuestras normas: Los principios de confianza de Thomson Reuters.',
      'dpa-infocom, dpa:250304-930-123456/2',
      'Edição: Fernando Fraga',
      'Com informações da Agência Brasil',
      'Mit Material von dpa und AFP',
      'Le Monde avec AFP',
      'Avec AFP et Reuters',
      'With reporting by AP',
      'Con EFE y Europa Press',
      'Associated Press writer Maria Verza contributed to this report.',
    ],
    copyright: [
      'Le Courrier du Léon est édité par Presse Bretonne SAS, RCS Brest 412 345 678.',
      'Diário do Vale é uma publicação da Editora Vale Ltda. CNPJ 12.345.678/0001-90.',
      '© 2025 Agencia EFE. Todos los derechos reservados.',
      'Este conteúdo pode ser reproduzido desde que citada a fonte: Agência Brasil.',
      'Politique de confidentialité · Mentions légales · Publicité · © 2025 Le Courrier du Sud',
      'Términos y condiciones · Cómo anunciar · Copyright 2025 Diario del Litoral S.A.',
    ],
    'comment widget': [
      'Os comentários são exclusivos para assinantes.',
      'Les commentaires sont réservés aux abonnés.',
      'Commenting is only available to readers with a premium subscription.',
      'Kommentieren ist nur für Abonnentinnen und Abonnenten möglich.',
      'Debe iniciar sesión para comentar.',
      'Commentaires (12)',
      'Be the first to comment',
      'Los comentarios son moderados y deben respetar nuestras normas de convivencia.',
      'Os comentários não representam a opinião do jornal.',
      'Die Kommentarfunktion ist geschlossen.',
      'Read 123 comments',
      'Rellena tu nombre y apellido para comentar',
      'Commenting has been disabled for this live blog.',
      'Comments are closed.',
      'Les commentaires sont fermés.',
      'Los comentarios están cerrados.',
    ],
    'tag list': [
      'Mots-clés : Chili, incendies, climat',
      'Tags: Brazil, economy, inflation',
      'Temas: Uruguay, sequía, agua',
      'Publicado en: Sociedad',
      'Veröffentlicht in: Lokales',
      'Themen: Klima, Chile',
    ],
    'edition note': [
      'Cet article est paru dans notre édition du 12 mars.',
      'This article is more than 1 year old',
      'Cet article date de plus de 2 ans',
      'A version of this article appears in print on March 4, 2025, Section A, Page 1 of the New York edition with the headline: Chile Burns.',
    ],
    'correction note': [
      'Correction 12 March 2025',
      'Vous avez repéré une erreur dans cet article ? Signalez-la à la rédaction.',
      '¿Encontraste un error en esta nota? Avísanos.',
      'Correction : une précédente version de cet article indiquait à tort que le vote avait eu lieu mardi.',
      'An earlier version of this story misstated the number of victims.',
    ],
    disclaimer: ['Os artigos de opinião são da exclusiva responsabilidade dos seus autores.'],
    navigation: [
      'Skip to main contentSkip to navigation',
      'Zum Inhalt springen',
      'Menú',
      'Se connecter',
      'Print this page',
      'Article précédent',
      'Próxima notícia',
      'Mentions légales - Confidentialité - Contact',
      'Termos de uso | Privacidade',
      'Impressum · Kontakt · Barrierefreiheit',
      'Taille du texte',
      'Schriftgröße',
      'Aumentar letra',
    ],
    'privacy notice': [
      'Privacy Notice: Newsletters may contain info about charities and online ads. For more information see our Privacy Policy.',
    ],
    'edition line': ['Édition numérique n° 18 342 du 14/01/2025', 'Edição n.º 3514 · 27.03.2025'],
    'contact line': [
      'Contact the author: maria.lopez@ledger.example',
      'Kontakt: lena.schmidt@tagblatt.example',
    ],
    'form field': ['E-Mail-Adresse', 'Your email address', 'Adresse e-mail'],
    'embed notice': [
      'Please turn on JavaScript to view this content',
      'Pour voir ce contenu, activez JavaScript dans votre navigateur.',
      'Bitte aktivieren Sie JavaScript, um dieses Video zu sehen.',
    ],
  };
  for (const [kind, lines] of Object.entries(classes)) {
    it(kind, () => {
      for (const line of lines) assert.equal(furniture(line), kind, line);
    });
  }
});

describe('never lose the article', () => {
  it('keeps sentences that speak of cookies, newsletters, donations, comments and subscriptions as news', () => {
    for (const line of [
      'La Cnil a infligé mercredi une amende de 75 millions d’euros à un site de vente en ligne qui déposait des cookies sans le consentement des internautes.',
      'Google said on Tuesday it would stop using third-party cookies in its Chrome browser by the end of next year, after objections from regulators.',
      'Le nombre d’abonnés à la newsletter de la mairie a doublé depuis le début de la crise, selon un rapport publié lundi.',
      'Les dons aux associations ont reculé de 12 % en 2024, selon France Générosités.',
      'The charity said donations had fallen by a third and urged supporters to give what they could before the winter.',
      'Las suscripciones a los servicios de streaming crecieron un 18 % en América Latina durante el último trimestre.',
      'Google said the change would let publishers show third-party content only after readers allow cookies, a shift regulators welcomed.',
      'La Cour a jugé que l’éditeur, une SAS inscrite au registre du commerce de Nantes, devait corriger l’erreur dans son édition du lendemain.',
      'Die Werbung für Sportwetten soll nach dem Entwurf auch im Internet eingeschränkt werden, heißt es weiter.',
      'The report found an error in the census data.',
      'The new law will allow third-party content to be blocked by default.',
      'The cookie crackdown',
      'Werbung nach der Wahl',
      'By the end of June',
      'By Monday.',
      'Os comentários do ministro sobre a reforma da Previdência provocaram reações no Congresso nesta terça-feira.',
      'Die Zahl der Abonnenten der Tageszeitung ist im vergangenen Jahr um fünf Prozent gesunken, teilte der Verlag mit.',
      '« Abonnez-vous à nos chaînes et partagez nos vidéos », a lancé le youtubeur devant le tribunal, qui l’a condamné à deux ans de prison.',
      'Support for the measure has grown among farmers, who say the subsidies will help them survive another dry season.',
      'Par ailleurs, le gouvernement a annoncé une hausse de 3 % du budget de la santé.',
      'By Friday, the storm had weakened to a tropical depression and moved out to sea.',
      'Don’t miss the deadline, the tax office warned taxpayers on Monday.',
      'More from the north than from the south voted for the reform.',
      'Mais de 300 famílias deixaram as casas por causa da cheia.',
      'Plus de Français partent en vacances cet été, selon l’Insee.',
      'Vidéo. Les images ont été tournées par un passant, selon la police.',
      'Staff at the hospital said the ward had been closed since Friday.',
      'Texto de Lei Orçamentária é aprovado na Câmara após três semanas de debate.',
      'Follow us to the border, the smugglers told the families, according to the report.',
      'Con EFE y otras agencias en la sala, el juez leyó la sentencia.',
      'Para continuar leyendo el informe, los diputados pidieron una copia impresa.',
      'Redação final do projeto foi aprovada nesta terça-feira.',
      'Ads continue to run on the channel, the regulator said.',
      'Times Names New Chief Correspondent',
      'Die Polizei veröffentlichte ein Foto: Es zeigt den mutmaßlichen Täter vor der Bank.',
      'Crónica de una muerte anunciada vuelve a los escenarios de Bogotá.',
      'All our coverage of the election was reviewed by an independent panel, the broadcaster said.',
      'The regulator said the app stored information on a device without asking, and fined the company.',
      'The bank told customers to enable JavaScript after the update, according to its website.',
      'Última sesión del año en el Congreso.',
      'Key events of the summit were broadcast live on state television.',
      'The ministry opened a hotline and an address, ayuda@gob.example, for the families of the victims.',
      'Publicado en el boletín oficial, el decreto entra en vigor el lunes.',
      '¿Quién pagará la obra? El alcalde no lo dijo.',
      'Lee Jae-myung said on Monday that our two countries should deepen their trade ties.',
      'Von der Leyen sagte, die Einigung sei ein historischer Schritt.',
      'La photo du président, prise à Bogotá le 3 mars, a fait le tour des réseaux sociaux.',
      'Share prices fell 3% in early trading after the announcement.',
      'Le procès reprendra lundi 13 janvier.',
      'Desde o início do ano, pelo menos três partos ocorreram em ambulâncias a caminho de hospitais, segundo o INEM.',
      'Le nouveau forfait coûte 9,99 € par mois, sans engagement, le premier mois étant offert aux clients qui changent d’opérateur.',
      'La plataforma cobra 9,99 € al mes tras el primer mes gratuito y suma ya dos millones de suscriptores en España.',
      'The station said the fund drive depends on listeners like you, according to its director.',
      'Ce que l’on sait de l’accident, survenu mardi soir, reste encore très partiel selon la préfecture.',
      'Readers can comment on the plan until Friday, the council said, and subscribers will get a printed copy.',
      'Our newsletter was hacked last week, the company said.',
      'Los comentarios del ministro sobre la reforma irritaron a los gobernadores, que exigieron una disculpa.',
      'The museum is open for free on Sundays until the end of the year.',
    ]) {
      assert.equal(furniture(line), null, line);
    }
  });

  it('keeps a clean article whole, however its paragraphs are drawn', async () => {
    // The seeds' paragraphs that no rule marks on their own: where they stand must not matter.
    const paragraphs = (await seedParagraphs()).filter((p) => furniture(p) === null);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...paragraphs), { minLength: 1, maxLength: 12 }),
        (article) => {
          assert.deepEqual(readPage(article, noPageRules).body, article);
        },
      ),
    );
  });

  it('keeps the list that closes an article, and what its bullets mark', () => {
    const page = readPage(
      [
        'Inondations : quatre départements bretons en vigilance rouge',
        'Par Jean Martin',
        'Les inondations ont touché quatre départements bretons ce week-end, selon la préfecture de région, qui a recensé plus de 300 interventions des pompiers.',
        'Les communes les plus touchées sont les suivantes :',
        'Quimperlé',
        'Morlaix',
        '- Guingamp, où le Trieux a débordé',
        'Partager sur Facebook',
        'Newsletter',
      ],
      noPageRules,
    );
    assert.deepEqual(page.body.slice(1), [
      'Les communes les plus touchées sont les suivantes :',
      'Quimperlé',
      'Morlaix',
      '- Guingamp, où le Trieux a débordé',
    ]);
  });

  it('gives every line one verdict, in order, and a body drawn from the page', () => {
    const line = fc.oneof(
      fc.constantFrom('Publicité', 'Par Jean Dupont', 'Lire aussi : Un titre', 'Share', 'jpr/ag'),
      fc.string({ minLength: 1, maxLength: 120 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const page = readPage(lines, noPageRules);
        assert.deepEqual(
          page.lines.map((l) => l.text),
          lines,
        );
        let at = 0;
        for (const paragraph of page.body) {
          at = lines.indexOf(paragraph, at) + 1;
          assert.ok(at > 0, paragraph);
        }
      }),
    );
  });
});

describe('the article in the page', () => {
  it('finds the header, the body and the tail of an agency dispatch', async () => {
    const page = await readFixture('depeche-fr.txt');
    assert.equal(
      page.headline,
      'Portugal : le Parlement adopte la semaine de quatre jours dans la fonction publique',
    );
    assert.match(page.standfirst ?? '', /^Le texte, voté à une courte majorité/);
    assert.match(page.body[0] ?? '', /^LISBONNE, 12 nov \(AFP\)/);
    assert.equal(
      page.body.at(-1),
      "Un premier bilan doit être présenté au Parlement à l'automne 2027.",
    );
    assert.equal(page.body.length, 6);
    // Traps: a union's newsletter and an appeal for donations, reported.
    assert.ok(page.body.some((p) => p.includes("38.000 abonnés à sa lettre d'information")));
    assert.ok(page.body.some((p) => p.includes('a lancé un appel aux dons')));
    assert.equal(reasonOf(page, 'Accueil > Monde'), 'breadcrumb');
    assert.equal(reasonOf(page, 'Monde'), 'section label');
    assert.equal(reasonOf(page, 'Des fonctionnaires manifestent'), 'photo caption');
    assert.equal(reasonOf(page, 'ims/pz/cn'), 'agency sign-off');
    assert.equal(reasonOf(page, 'Inscrivez-vous'), 'appeal: newsletter');
  });

  it('keeps a live blog’s entries and their headings, without times and controls', async () => {
    const page = await readFixture('live-en.txt');
    assert.equal(
      page.headline,
      'Wildfires force thousands to flee as heat wave grips southern Chile',
    );
    assert.equal(page.standfirst, null);
    assert.deepEqual(
      page.body.filter((p) => lineShape(p).words < 10),
      [
        'Evacuation orders extended to three more towns',
        'Why the fires spread so fast',
        'President asks residents to register for aid',
      ],
    );
    assert.ok(page.body.some((p) => p.includes("sign up for the government's emergency bonus")));
    assert.equal(reasonOf(page, '5:40 p.m. ET'), 'timestamp');
    assert.equal(
      reasonOf(page, 'Firefighters from Argentina'),
      'related headlines under a read-also',
    );
    assert.equal(reasonOf(page, 'Load more updates'), 'live-blog control');
  });

  it('reads an interview: quotation headline, standfirst, questions kept, widgets gone', async () => {
    const page = await readFixture('gespraech-de.txt');
    assert.equal(page.headline, '„Ohne Wasserstoff aus Südamerika wird die Energiewende teurer“');
    assert.match(page.standfirst ?? '', /^Chile und Brasilien wollen/);
    assert.equal(page.body[0], 'Frau Kessler, wie weit sind die Projekte in Südamerika?');
    assert.equal(page.body.length, 6);
    assert.equal(reasonOf(page, 'Das Gespräch führte'), 'byline');
    assert.equal(reasonOf(page, '03:48'), 'player control');
    assert.equal(reasonOf(page, 'Chile setzt auf'), 'related headlines under a read-also');
    assert.equal(reasonOf(page, 'Die Kommentarfunktion'), 'comment widget');
  });

  it('reads a brief with no headline, and its tail', async () => {
    const page = await readFixture('breve-es.txt');
    assert.equal(page.headline, null);
    assert.equal(page.body.length, 2);
    assert.ok(page.body[1]?.includes('suscripciones al servicio de alertas'));
    assert.equal(reasonOf(page, 'abc/def'), 'agency sign-off');
    assert.equal(
      reasonOf(page, 'Argentina y Uruguay firman'),
      'related headlines under a read-also',
    );
  });

  it('cuts a copyright notice run into the last paragraph, and keeps news about copyright', () => {
    const lines = [
      'Letters to the editor',
      'The lawmakers listened. House Bill 477 is no more, and the state is a democracy after all.',
      'Jennifer Leiser, Salt Lake City. Copyright 2011 The Salt Lake Tribune. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
    ];
    const page = readPage(lines, noPageRules);
    assert.equal(page.body.at(-1), 'Jennifer Leiser, Salt Lake City.');
    assert.match(reasonOf(page, 'Jennifer Leiser'), /copyright notice/);
    // The notice must reserve rights or set terms: a sentence on copyright is the article's.
    const news = readPage(
      [
        'The court ruled on Tuesday in favour of the authors, who had sued the platform.',
        'The authors said the ruling was a victory. Copyright cases have doubled since 2020, lawyers said.',
      ],
      noPageRules,
    );
    assert.equal(
      news.body.at(-1),
      'The authors said the ruling was a victory. Copyright cases have doubled since 2020, lawyers said.',
    );
  });

  it('tells a long donation appeal from a report on a blood donation campaign', async () => {
    const page = await readFixture('assinatura-pt.txt');
    assert.equal(
      page.headline,
      'Governo lança campanha de doação de sangue após queda de 20% nos estoques',
    );
    assert.equal(page.body.length, 2);
    assert.match(page.body[0] ?? '', /^São Paulo – O Ministério da Saúde/);
    assert.equal(reasonOf(page, 'O jornalismo independente depende de você'), 'appeal: donation');
    assert.equal(reasonOf(page, 'Publicado em 14/06/2025'), 'byline');
  });
});

describe('the standfirst', () => {
  const lead =
    'SANTIAGO, 5 fév (AFP) - Les incendies qui ravagent la région de Valparaiso ont fait au moins 112 morts, selon un dernier bilan publié lundi par les autorités chiliennes.';
  const next =
    'Le président Gabriel Boric a décrété deux jours de deuil national et imposé un couvre-feu dans les zones les plus touchées.';

  it('is the summary under the headline, above the byline, even past a timestamp', () => {
    const standfirst =
      'Le bilan des incendies de forêt s’alourdit au Chili, où le président a décrété deux jours de deuil national.';
    const page = readPage(
      [
        'Chili : au moins 112 morts dans les incendies de Valparaiso',
        'Publié le 05/02/2024 à 10h12',
        standfirst,
        'Par Ana GARCÍA (AFP)',
        lead,
        next,
      ],
      noPageRules,
    );
    assert.equal(page.standfirst, standfirst);
    assert.deepEqual(page.body, [lead, next]);
  });

  it('is the line under the headline printed again below the page’s title, above the byline', () => {
    const standfirst =
      'Mathis Lavoie struck 2:14 into overtime as the Kirkcaldy side overturned a two-goal deficit.';
    const headline = 'Fife Flyers edge Dundee Stars in overtime to reach the cup final';
    const page = readPage(
      [
        `${headline} | Tayside Chronicle`,
        'Skip to content',
        'Sport > Ice hockey',
        'ICE HOCKEY',
        headline,
        standfirst,
        'By Euan Dalgleish',
        'Sports reporter',
        'Published: 9:47pm Wed 5 March 2025',
        lead,
        next,
      ],
      noPageRules,
    );
    assert.equal(page.standfirst, standfirst);
    assert.deepEqual(page.body, [lead, next]);
  });

  it('is not the lead paragraph, which only a photo’s caption follows', () => {
    const page = readPage(
      [
        'Chili : au moins 112 morts dans les incendies de Valparaiso',
        lead,
        'Des pompiers à Viña del Mar, le 4 février 2024. Photo Javier TORRES / AFP',
        next,
      ],
      noPageRules,
    );
    assert.equal(page.standfirst, null);
    assert.deepEqual(page.body, [lead, next]);
  });
});

describe('rules a project and a folder add', () => {
  it('keeps what boilerplate.keep matches, drops what boilerplate.drop matches', async () => {
    const rules: PageRules = {
      keep: [/^Publicité$/],
      drop: [/^Un premier bilan/],
      learned: new Set(),
    };
    const page = await readFixture('depeche-fr.txt', rules);
    assert.equal(reasonOf(page, 'Publicité'), 'kept: boilerplate.keep');
    assert.ok(page.body.includes('Publicité'));
    assert.equal(reasonOf(page, 'Un premier bilan'), 'config: boilerplate.drop');
    assert.ok(!page.body.some((p) => p.startsWith('Un premier bilan')));
  });

  it('drops learned lines that are not news sentences, and keeps a repeated background sentence', () => {
    const background =
      'The Andean country, the world’s second-largest copper producer, has been hit by protests since the new mining code was announced in March.';
    const lines = [
      'The Andes Wire — independent news from the Andes',
      'Copper prices jump as Chilean miners walk out',
      'SANTIAGO, June 3 — Workers at three of Chile’s largest copper mines went on strike on Monday, demanding a share of record profits.',
      'Andes Wire bureaus in Santiago and Lima',
      background,
      'The unions said the strike would last until the companies return to the table.',
      'Independent journalism from Santiago, Lima and La Paz',
    ];
    const learned = new Set(
      [lines[0], lines[3], background, lines[6]].map((l) => lineFingerprint(l ?? '')),
    );
    const page = readPage(lines, { keep: [], drop: [], learned });
    assert.ok(page.body.includes(background));
    assert.equal(
      reasonOf(page, 'Andes Wire bureaus'),
      'learned: recurs in 3+ articles of the folder',
    );
    assert.equal(
      reasonOf(page, 'Independent journalism'),
      'learned: recurs in 3+ articles of the folder',
    );
    assert.equal(
      reasonOf(page, 'The Andes Wire —'),
      'learned: recurs in 3+ articles of the folder',
    );
    assert.equal(page.headline, 'Copper prices jump as Chilean miners walk out');
  });
});

describe('Markdown and page text', () => {
  const config = parseConfig(baseConfig, 'gazette.config.json');
  const entryOf = async (name: string) => {
    const text = await readFile(join(folder, name), 'utf8');
    const { article } = parseArticle(text, name, name);
    return normalizeEntry(
      article,
      { path: name, committed: undefined, modified: new Date(0) },
      config,
      locales,
    );
  };

  it('takes no tag from the site’s name printed after the headline in the page’s title', () => {
    const text = [
      'Fife Flyers edge Dundee Stars in overtime to reach cup final | Tayside Chronicle',
      'Skip to content',
      'Fife Flyers edge Dundee Stars in overtime to reach cup final',
      'By Euan Dalgleish',
      'Fife Flyers will play in the Challenge Cup final after Mathis Lavoie scored in overtime against Dundee Stars.',
      'Mathis Lavoie struck 2:14 into overtime as Fife Flyers overturned a two-goal deficit against Dundee Stars.',
      'Dundee Stars had led the tie since the first leg, when Fife Flyers lost 5-3 in Dundee.',
    ].join('\n');
    const { article } = parseArticle(text, 'page.txt', 'page.txt');
    const entry = normalizeEntry(
      article,
      { path: 'page.txt', committed: undefined, modified: new Date(0) },
      config,
      locales,
    );
    assert.ok(entry);
    assert.equal(entry.title, 'Fife Flyers edge Dundee Stars in overtime to reach cup final');
    const topics = [...entry.tags, ...entry.keywords];
    assert.ok(!topics.some((t) => t.includes('Tayside')), topics.join(', '));
    assert.ok(entry.tags.includes('Fife Flyers'), entry.tags.join(', '));
  });

  it('keeps a Markdown article’s headings, lists and captions, and drops its appeals', async () => {
    const entry = await entryOf('notes-md.md');
    assert.deepEqual(entry?.content, [
      'Les grandes lignes',
      "Le gouvernement a présenté mercredi un projet de loi de finances qui prévoit 40 milliards d'euros d'économies.",
      // Marked as list items, as page text marks them: a summary passes them over.
      '• Gel des pensions de retraite',
      '• Suppression de deux jours fériés',
      "• Hausse de la taxe sur les billets d'avion",
      "Source : ministère de l'Économie",
      "Le texte sera examiné par l'Assemblée nationale à partir du 20 octobre.",
    ]);
  });

  it('reads a .md file with no Markdown in it as page text, one paragraph a line', async () => {
    const entry = await entryOf('plain-page.md');
    assert.deepEqual(entry?.content, [
      "Plus de 1.500 bateaux sont attendus jusqu'à dimanche dans la rade de Brest pour les Fêtes maritimes, qui avaient été annulées en 2020 puis réduites en 2024.",
      'Les organisateurs attendent un million de visiteurs sur les quais et ont fait appel à 2.000 bénévoles, selon la mairie.',
    ]);
  });

  it('reads a .md file as page text exactly when marked finds no structure in it', () => {
    const structural = new Set([
      ...['heading', 'list', 'blockquote', 'code', 'table', 'hr', 'html'],
      ...['em', 'strong', 'del', 'link', 'image', 'codespan'],
    ]);
    const hasStructure = (tokens: Token[]): boolean =>
      tokens.some(
        (t) =>
          structural.has(t.type) ||
          ('tokens' in t && t.tokens !== undefined && hasStructure(t.tokens)),
      );
    // Pieces of text and of every Markdown mark, spaces and tabs where blocks are indented.
    const pieces = [
      ...['Le mot', 'a', 'é', '12', '.', ',', ':', '«', '»', '&amp;', '\\', '(', ')', '!'],
      ...[' ', '  ', '    ', '\t', '\n', '\n\n', '-', '+', '*', '_', '#', '>', '=', '1.', '2)'],
      ...['`', '~', '<', '[', ']', '|', '@', '---', '***', 'foo@bar.org', 'HTTPS://a.b', 'www.a.b'],
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }), (parts) => {
        const body = parts.join('');
        assert.equal(readParagraphs(body, 'markdown').pageText, !hasStructure(lexer(body)), body);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('gazette build on saved pages', () => {
  let entries: Entry[];
  before(async () => {
    const project = await makeProject(folder);
    const result = await runCli(['build', '--input', 'articles'], project);
    assert.equal(result.code, 0, result.stderr);
    entries = JSON.parse(await readFile(join(project, 'out', 'entries.json'), 'utf8')).entries;
  });

  it('builds entries from the article, without the page around it', () => {
    const dispatch = entries.find((e) => e.path === 'depeche-fr.txt');
    assert.ok(dispatch);
    assert.match(textOf(dispatch)[0] ?? '', /^Le texte, voté à une courte majorité/);
    assert.match(dispatch.title, /semaine de quatre jours/);
    for (const entry of entries) {
      const text = [entry.title, entry.summary, ...textOf(entry)].join('\n');
      for (const furnitureLine of [
        'cookies',
        'Publicité',
        'Par Inès',
        'Publié le',
        'Partager',
        'Mots-clés',
        'Advertisement',
        'Copy link',
        'Alle akzeptieren',
        'Mehr zum Thema',
        'Síguenos',
        'Ouvir',
        'Compartilhe',
      ]) {
        assert.ok(!text.includes(furnitureLine), `${furnitureLine} in ${entry.path}`);
      }
    }
  });
});

describe('furniture classes that got through on English and German pages', () => {
  const page = (lines: string[]) => readPage(lines, noPageRules);
  const roleOf = (reading: PageReading, start: string) =>
    reading.lines.find((l) => l.text.startsWith(start))?.role;
  const lead =
    'The regional council approved the new water plan on Tuesday after three months of debate among the mayors of the valley.';
  const second =
    'Der Gemeinderat hat am Dienstag nach dreimonatiger Debatte den neuen Wasserplan für das gesamte Tal beschlossen.';

  it('relative times in every language', () => {
    for (const line of [
      '12m ago',
      '3hrs ago',
      'vor 7 Min.',
      'il y a 8 min',
      'hace 20 min',
      'há 5 min',
    ])
      assert.equal(furniture(line), 'timestamp', line);
  });

  it('a caption line ending in a licensing button', () => {
    assert.equal(
      furniture(
        'Firefighters on a hillside near Valparaíso, February 2, 2024. REUTERS/Jane Roe Purchase Licensing Rights, opens new tab',
      ),
      'photo caption',
    );
    assert.equal(
      furniture('Manifestants devant le palais, le 4 mai. Acheter les droits'),
      'photo caption',
    );
    assert.equal(
      furniture('Demonstranten vor dem Rathaus am Montag. Bildrechte erwerben'),
      'photo caption',
    );
    assert.equal(furniture('The broadcaster said it would buy this photo rights package.'), null);
    assert.equal(furniture('Le groupe veut acheter les droits.'), null);
  });

  it('sign-offs naming who supplied information, and corrections', () => {
    assert.equal(furniture('Mit Informationen von Peter Lang, SWR'), 'agency sign-off');
    assert.equal(furniture('With information from Laura Diaz in Lima'), 'agency sign-off');
    assert.equal(furniture('Avec des informations de Jean Martin'), 'agency sign-off');
    assert.equal(
      furniture(
        'Corrigendum : une version précédente de cet article indiquait que le barrage mesurait 40 mètres.',
      ),
      'correction note',
    );
    assert.equal(
      furniture('Richtigstellung: Der Bürgermeister heisst Huber, nicht Meier.'),
      'correction note',
    );
  });

  it('a question to the reader about an existing subscription or about reading on', () => {
    for (const line of [
      'Already have an account? Sign in',
      'Vous êtes déjà abonné ? Connectez-vous',
      '¿Ya tienes una suscripción? Inicia sesión',
      'Já tem uma assinatura? Entre aqui',
      'Haben Sie schon ein Abo? Hier einloggen',
      'Want to keep reading? Our members get every story, the weekly edition and the archive for less than a coffee a week.',
    ])
      assert.ok(furniture(line)?.startsWith('appeal'), line);
  });

  it('appeals that say who pays for the page, promise unlimited access or time a newsletter', () => {
    assert.equal(
      furniture(
        'One more thing: we are funded by readers like you, with no shareholders to answer to.',
      ),
      'appeal: donation',
    );
    assert.equal(
      furniture(
        'Notre rédaction est financée par ses lecteurs : vous nous permettez de rester en accès libre.',
      ),
      'appeal: donation',
    );
    assert.equal(furniture('Subscribe today for unlimited access.'), 'appeal: subscription');
    assert.equal(furniture('Abonnez-vous pour un accès illimité.'), 'appeal: subscription');
    assert.equal(
      furniture(
        'Am Abend: Der Newsletter mit den Nachrichten des Tages, jeden Abend in Ihrem Postfach.',
      ),
      'appeal: newsletter',
    );
    assert.equal(
      furniture(
        'The Briefing: our newsletter with what you need to know, every weekday in your inbox.',
      ),
      'appeal: newsletter',
    );
  });

  it('a line sending the reader to another page of the site', () => {
    assert.equal(
      furniture('Alle Spielberichte finden Sie auf unserer Webseite.'),
      'read-also link',
    );
    assert.equal(furniture('You can find every result on our website.'), 'read-also link');
  });

  it('the traps stay: reports on funding, newsletters and sites', () => {
    for (const line of [
      'The newsletter, which the company sends every morning, was hacked, she said.',
      'The site was funded by shareholders until 2019, the company said.',
      'Support for the site grew among younger readers last year.',
      'Der Verein wird seit 2010 durch Spenden finanziert, sagte der Obmann.',
    ])
      assert.equal(furniture(line), null, line);
  });

  it('"More" and a kind of piece heads a list of related headlines', () => {
    for (const line of [
      'More explainers',
      'Plus de vidéos',
      'Weitere Reportagen aus Brasilien',
      'Más noticias de Chile',
      'Mais artigos',
    ])
      assert.equal(furniture(line), 'read-also link', line);
    assert.equal(furniture('More trouble ahead'), null);
    const reading = page([
      lead,
      second,
      'Weitere Erklärstücke',
      'Wie der Wasserpreis entsteht',
      'Was kostet ein Stausee?',
    ]);
    assert.equal(roleOf(reading, 'Wie der Wasserpreis'), 'furniture');
    assert.equal(roleOf(reading, 'Was kostet'), 'furniture');
    const related = page([
      lead,
      second,
      'Pour aller plus loin',
      'Comment le barrage a été financé',
    ]);
    assert.equal(roleOf(related, 'Comment le barrage'), 'furniture');
  });

  it('a one-word line that is a social network, in a row of such lines, is a share row', () => {
    const reading = page([lead, second, 'Teilen', 'WhatsApp', 'Facebook', 'X', 'E-Mail', 'Link']);
    for (const name of ['WhatsApp', 'Facebook', 'X', 'Link'])
      assert.equal(reading.lines.find((l) => l.text === name)?.reason, 'share row', name);
    // One name alone is no row.
    const alone = page(['Threads', lead, second]);
    assert.notEqual(alone.lines[0]?.reason, 'share row');
  });

  it('a title between a media label and the player length is the video’s', () => {
    const reading = page([lead, 'Vidéo', 'Le barrage vu du ciel', '02:10', second]);
    assert.equal(roleOf(reading, 'Le barrage vu'), 'furniture');
    const de = page([lead, 'Video', 'Die Flut in Regensburg', '03:05 Min', second]);
    assert.equal(roleOf(de, 'Die Flut in'), 'furniture');
  });

  it('the byline author’s name and biography under the article', () => {
    const reading = page([
      'Valley approves water plan after long debate',
      'By Laura Whitfield',
      lead,
      'The plan will cost about 40 million euros over ten years, the council said in a statement.',
      'Laura Whitfield',
      'Laura Whitfield covers local government and the environment. She joined the paper in 2021.',
    ]);
    assert.equal(roleOf(reading, 'Laura Whitfield covers'), 'furniture');
    assert.equal(reading.lines.filter((l) => l.text === 'Laura Whitfield')[0]?.role, 'furniture');
    const de = page([
      'Tal beschliesst Wasserplan nach langer Debatte',
      'Von Jonas Keller',
      second,
      'Der Plan kostet nach Angaben der Gemeinde rund 40 Millionen Euro über zehn Jahre verteilt.',
      'Jonas Keller berichtet seit 2019 über Umwelt und Energie in der Ostschweiz.',
    ]);
    assert.equal(roleOf(de, 'Jonas Keller berichtet'), 'furniture');
    // A sentence about the author's namesake in the news stays when it is not an author's note.
    const news = page([
      'Wasserplan beschlossen',
      'Von Jonas Keller',
      second,
      'Jonas Keller sagte, der Plan komme zu spät für die Bauern im Tal.',
    ]);
    assert.equal(roleOf(news, 'Jonas Keller sagte'), 'body');
  });

  it('a caption with an abbreviated date above a credit, and one under a credit above the dateline', () => {
    const above = page([
      'Firefighters clear debris on a road near Valparaíso on Sept. 14.',
      'Rodrigo Fuentes for The Coastal Times',
      lead,
      second,
    ]);
    assert.equal(roleOf(above, 'Firefighters clear debris'), 'furniture');
    const under = page([
      'PHOTO MARC-ANDRÉ TREMBLAY, LE QUOTIDIEN DU NORD',
      'Un bateau de pêche à quai à Gaspé. La saison du homard s’ouvre samedi.',
      '(Gaspé) Les pêcheurs de homard de la Gaspésie entament samedi une saison marquée par la hausse du prix du carburant.',
      'La ministre des Pêches doit annoncer lundi une aide de 30 millions aux entreprises.',
    ]);
    assert.equal(roleOf(under, 'Un bateau de pêche'), 'furniture');
    assert.equal(roleOf(under, '(Gaspé) Les pêcheurs'), 'body');
    // A short lead under a credit, the article going on without a dateline, stays.
    const brief = page([
      'El puente sobre el río Maipo se derrumbó el lunes por la tarde, poco después de que pasara el último autobús escolar, informó la municipalidad de Puente Alto.',
      'Foto: EFE',
      'Nadie resultó herido.',
      'La estructura había sido inspeccionada en marzo tras dos días de lluvias intensas.',
    ]);
    assert.equal(roleOf(brief, 'Nadie resultó herido.'), 'body');
  });

  it('a longer caption above a credit right under the byline, and not a paragraph in the body', () => {
    const header = page([
      'Los apagones de diez horas ahogan al comercio de Cuenca por la sequía en Ecuador',
      'Por Ana Lucía Torres',
      '18 nov. 2024 | 16:37 (GMT-5)',
      'Una vendedora atiende a la luz de una vela en un puesto del mercado 10 de Agosto de Cuenca (Ecuador), este lunes.',
      'AIN/Juan Carlos Peralta',
      'CUENCA (Ecuador), 18 nov (AIN).- Los comerciantes del centro histórico de Cuenca cuentan las horas sin luz desde hace tres semanas.',
      'El embalse que alimenta la principal central hidroeléctrica del país sigue cerca de su nivel mínimo.',
    ]);
    assert.equal(roleOf(header, 'Una vendedora atiende'), 'furniture');
    const inside = page([
      lead,
      'The council said the new pipes would reach the last villages of the upper valley by the end of next summer, weeks earlier than planned.',
      'Rodrigo Fuentes for The Coastal Times',
      second,
    ]);
    assert.equal(roleOf(inside, 'The council said the new pipes'), 'body');
  });

  it('a headline after its section’s label, without the label; a country before a colon stays', () => {
    const body = [
      lead,
      'The plan will cost 40 million euros over five years, the council said in a statement.',
    ];
    const opinion = page(['Opinion | Valley water plan comes three months too late', ...body]);
    assert.equal(opinion.headline, 'Valley water plan comes three months too late');
    const exclusive = page(['EXCLUSIVE: Council approves valley water plan', ...body]);
    assert.equal(exclusive.headline, 'Council approves valley water plan');
    const live = page(['EN VIVO | Aprobado el plan de agua del valle', ...body]);
    assert.equal(live.headline, 'Aprobado el plan de agua del valle');
    const asks = page([
      'The valley’s water plan passed. So why are the wells still dry?',
      'By Laura Whitfield',
      ...body,
    ]);
    assert.equal(asks.headline, 'The valley’s water plan passed. So why are the wells still dry?');
    // A link to the page's audio is no headline when a headline stands above it.
    const audio = page([
      'Valley water plan approved',
      'Audio: Listen to the council’s debate on the water plan (2:41)',
      ...body,
    ]);
    assert.equal(audio.headline, 'Valley water plan approved');
    const country = page(['Chile: council approves valley water plan', ...body]);
    assert.equal(country.headline, 'Chile: council approves valley water plan');
  });

  it('a portrait’s caption (name, age) above a bare © credit', () => {
    const reading = page([
      lead,
      'Marta Solís Rey, 52, dirige el observatorio de sequías de la Universidad de Valparaíso. Vivió diez años en Berlín.',
      '© privado',
      second,
    ]);
    assert.equal(roleOf(reading, 'Marta Solís Rey'), 'furniture');
  });

  it('the headline is looked for past the section labels, not in the site’s motto above them', () => {
    const reading = page([
      'Independent reporting for the energy industry since 1998',
      'World',
      'Europe',
      'Valley approves water plan after three months of debate',
      'By Laura Whitfield',
      lead,
      second,
    ]);
    assert.equal(reading.headline, 'Valley approves water plan after three months of debate');
    // A section label is the site's menu, not the article's topic.
    assert.equal(reading.topic, null);
    const crumbs = page([
      'Sports > Football > National 3',
      'Cherbourg holds Saint-Malo to a draw in the last minute',
      lead,
      second,
    ]);
    assert.equal(crumbs.topic, 'National 3');
  });

  it('the headline is the line that reads most as one: not a greeting above it', () => {
    const reading = page([
      'Welcome to the Valley Courier',
      'Subscribe',
      'Valley approves water plan after three months of debate',
      'By Laura Whitfield',
      lead,
      second,
    ]);
    assert.equal(reading.headline, 'Valley approves water plan after three months of debate');
    // A place set before the headline with a full stop, as regional papers print it.
    const kicked = page([
      'Bienvenue sur Le Courrier',
      'Lorient. Un vendeur de pompes à chaleur condamné pour démarchage trompeur',
      lead,
      second,
    ]);
    assert.equal(
      kicked.headline,
      'Lorient. Un vendeur de pompes à chaleur condamné pour démarchage trompeur',
    );
  });

  it('a headline that asks a question is the headline, not the body’s first sentence', () => {
    const reading = page([
      'Rubriques',
      'Le port de Brest peut-il devenir le premier port éolien de France ?',
      'La Région mise 120 millions d’euros sur un nouveau quai, mais les armateurs hésitent encore à s’engager.',
      'Par Claire Le Bihan',
      lead,
      second,
    ]);
    assert.equal(
      reading.headline,
      'Le port de Brest peut-il devenir le premier port éolien de France ?',
    );
    assert.ok(reading.standfirst?.startsWith('La Région mise 120 millions'));
  });

  it('the headline stands above its byline: the author’s line under it is not one', () => {
    const reading = page([
      'Opinião',
      'A Linha do Douro não pode parar na Régua',
      'Artur Pinheiro',
      'Professor na Universidade de Trás-os-Montes e antigo vereador em Peso da Régua',
      lead,
      second,
    ]);
    assert.equal(reading.headline, 'A Linha do Douro não pode parar na Régua');
  });

  it('a longer line without a full stop right under the headline is its standfirst', () => {
    const reading = page([
      'Mergers & Acquisitions',
      'Harbourline agrees £1.24bn takeover by Canadian pension investor Northgate',
      'Felixstowe-based port operator backs 412p-a-share cash offer after rejecting two lower approaches',
      'Tom Reddaway, Transport Correspondent',
      'Published 15 October 2024, 07:02 BST',
      lead,
      second,
    ]);
    assert.equal(
      reading.headline,
      'Harbourline agrees £1.24bn takeover by Canadian pension investor Northgate',
    );
    assert.match(reading.standfirst ?? '', /^Felixstowe-based port operator/u);
  });
});
