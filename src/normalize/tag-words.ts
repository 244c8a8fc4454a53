import { foldPlural, stemmerFor } from './keyword-stem.ts';
import type { Facet, Language } from './locales.ts';

/**
 * The words a newsroom editor would strike from a list of tags, per language: units of time,
 * page labels, news agencies, greetings, titles and roles that stand before a name, quantities,
 * and the words that show the next word is a noun. Lowercase; compared on lowercase words.
 */

/** Units of time and days relative to today: they date a story rather than say what it is. */
const timeWords: Record<string, string> = {
  fr: `seconde minute heure jour journée semaine mois an année décennie siècle matin matinée
    après-midi soir soirée nuit midi minuit week-end weekend aujourd'hui hier demain lendemain
    veille avant-veille surlendemain fois instant moment période trimestre semestre printemps
    été automne hiver`,
  en: `second minute hour day week month year decade century morning afternoon evening night
    midnight noon weekend today yesterday tomorrow tonight time times moment period quarter
    fortnight spring summer autumn fall winter`,
  es: `segundo minuto hora día jornada semana mes año década siglo mañana tarde noche mediodía
    medianoche madrugada finde hoy ayer anteayer anoche vez momento período periodo trimestre
    semestre primavera verano otoño invierno`,
  pt: `segundo minuto hora dia jornada semana mês ano década século manhã tarde noite meio-dia
    meia-noite madrugada hoje ontem anteontem amanhã vez momento período trimestre semestre
    primavera verão outono inverno`,
  de: `sekunde minute stunde tag woche monat jahr jahrzehnt jahrhundert morgen vormittag mittag
    nachmittag abend nacht mitternacht wochenende heute gestern vorgestern übermorgen mal moment
    zeitraum quartal halbjahr frühling frühjahr sommer herbst winter`,
};

/** Labels of the page around an article (credits, dates, buttons) and greetings. */
const labelWords: Record<string, string> = {
  fr: `photo photos crédit crédits légende publié publiée actualisé actualisée modifié lire
    partager commenter suivre suivez abonnez abonnez-vous découvrez cliquez connexion
    accueil direct merci bonjour bonsoir salut bienvenue félicitations`,
  en: `photo photos credit credits caption published posted updated share follow subscribe click
    login home live thanks thank hello welcome congratulations`,
  es: `foto fotos crédito créditos publicado publicada actualizado actualizada lee leer compartir
    seguir sigue síguenos suscríbete suscribirse consulta haz inicio portada vivo directo
    gracias hola bienvenido bienvenidos bienvenida felicidades`,
  pt: `foto fotos crédito créditos publicado publicada atualizado atualizada actualizado leia ler
    compartilhar partilhar seguir siga assine assinar acompanhe saiba veja confira clique login
    início capa vivo direto obrigado obrigada olá bem-vindo bem-vinda parabéns`,
  de: `foto fotos bild veröffentlicht aktualisiert lesen teilen folgen abonnieren anmelden
    klicken login startseite live liveticker danke hallo willkommen glückwunsch`,
};

/** Agencies whose name signs a wire: a tag only when the article is about them. */
const agencyNames = `AFP, EFE, dpa, Reuters, AP, ANSA, Lusa, Xinhua, Kyodo, Yonhap, Belga, APA, SDA, epd, KNA,
  Notimex, Télam, apro, Bloomberg, Anadolu, TASS, RIA Novosti, Sputnik, Prensa Latina, Europa Press,
  Agência Brasil, Agencia Brasil, Agence France-Presse, Agence France Presse, Associated Press,
  Deutsche Presse-Agentur, Agência Lusa, Agência Estado, Estadão Conteúdo, Folhapress,
  Thomson Reuters`;

/** Titles and roles that stand before a name: never a name's first word, nor a tag. */
const roleWords: Record<string, string> = {
  fr: `président présidente vice-président vice-présidente ministre premier première secrétaire
    sénateur sénatrice député députée maire juge général générale colonel capitaine lieutenant
    sergent commandant pape roi reine prince princesse monsieur madame mademoiselle m mme mlle
    docteur dr professeur pr maître me chancelier chancelière gouverneur gouverneure ambassadeur
    ambassadrice cardinal monseigneur mgr abbé père sœur frère commissaire procureur procureure
    directeur directrice patron patronne porte-parole chef cheffe sélectionneur entraîneur préfet
    préfète conseiller conseillère avocat avocate président-directeur dirigeant dirigeante
    candidat candidate opposant opposante leader`,
  en: `president vice-president vice prime minister secretary senator sen rep representative
    congressman congresswoman governor gov mayor judge justice general gen colonel col captain
    capt lieutenant lt sergeant sgt admiral commander chancellor pope king queen prince princess
    sir dame lord lady mr mrs ms miss dr prof professor chief ceo chairman chairwoman chair
    director commissioner ambassador archbishop bishop cardinal father rev reverend sheikh emir
    coach officer inspector detective sheriff deputy speaker spokesman spokeswoman spokesperson
    lawyer attorney candidate leader`,
  es: `presidente presidenta vicepresidente vicepresidenta ministro ministra canciller secretario
    secretaria senador senadora diputado diputada congresista alcalde alcaldesa gobernador
    gobernadora juez jueza magistrado magistrada general coronel capitán teniente sargento
    comandante papa rey reina príncipe princesa señor señora señorita sr sra srta don doña doctor
    doctora dr dra profesor profesora embajador embajadora cardenal monseñor padre sor fiscal
    director directora vocero vocera portavoz jefe jefa comisario comisaria entrenador técnico
    mandatario mandataria abogado abogada candidato candidata líder dirigente exalcalde
    expresidente expresidenta exministro exministra`,
  pt: `presidente presidenta vice-presidente ministro ministra chanceler secretário secretária
    senador senadora deputado deputada vereador vereadora prefeito prefeita autarca governador
    governadora juiz juíza desembargador desembargadora general coronel capitão tenente sargento
    comandante papa rei rainha príncipe princesa senhor senhora sr sra dom dona doutor doutora dr
    dra professor professora embaixador embaixadora cardeal padre irmã procurador procuradora
    diretor diretora director directora porta-voz chefe comissário comissária treinador técnico
    advogado advogada candidato candidata líder dirigente ex-presidente ex-ministro ex-ministra`,
  de: `präsident präsidentin vizepräsident vizepräsidentin kanzler kanzlerin bundeskanzler
    bundeskanzlerin minister ministerin ministerpräsident ministerpräsidentin bundespräsident
    bundespräsidentin staatssekretär staatssekretärin senator senatorin abgeordnete abgeordneter
    bürgermeister bürgermeisterin oberbürgermeister oberbürgermeisterin richter richterin general
    oberst hauptmann leutnant papst könig königin prinz prinzessin herr frau dr prof professor
    professorin botschafter botschafterin kardinal bischof pfarrer sprecher sprecherin chef chefin
    vorsitzende vorsitzender trainer trainerin kommissar kommissarin politiker politikerin
    anwalt anwältin kandidat kandidatin`,
};

/** Endings of German compounds that name a role: `EU-Kommissionspräsidentin`, `SPD-Politiker`. */
export const germanRoleEnding =
  /(?:präsident|kanzler|minister|sprecher|chef|vorsitzende|politiker|trainer|kommissar|meister|sekretär|forscher|experte|expert|wissenschaftler|ökonom|leiter|direktor|professor|analyst|journalist|aktivist|anwalt|anwält|gründer|richter|botschafter|bischof|spieler|sänger)(?:in|r)?$/u;

/** Quantities and units: a count or a measure, not a topic ("millones de euros", "tonnes"). */
const quantityWords: Record<string, string> = {
  fr: `million millions milliard milliards millier milliers centaine centaines dizaine dizaines
    pourcent pourcentage tonne tonnes kilo kilos kilomètre kilomètres mètre mètres litre litres
    hectare hectares euro euros point points nombre total moitié tiers quart
    beaucoup peu nombreux nombreuses`,
  en: `million millions billion billions trillion thousand thousands hundred hundreds dozen dozens
    euro euros percent percentage cent cents pence ton tons tonne tonnes kilo kilos kilometer kilometers kilometre kilometres
    mile miles meter meters metre metres liter liters litre litres acre acres hectare hectares
    point points basis number total half third many few lot lots bit couple plenty`,
  es: `millón millones millar millares mil miles billón billones centenar centenares decena decenas
    ciento cientos euro euros porcentaje tonelada toneladas kilo kilos kilómetro kilómetros metro metros
    litro litros hectárea hectáreas punto puntos número total mitad tercio cuarto muchos muchas
    pocos pocas`,
  pt: `milhão milhões milhar milhares mil bilhão bilhões bilião biliões centena centenas dezena
    dezenas euro euros porcentagem percentagem tonelada toneladas quilo quilos quilômetro quilômetros
    quilómetro quilómetros metro metros litro litros hectare hectares ponto pontos número total
    metade terço
    muitos muitas poucos poucas`,
  de: `million millionen milliarde milliarden tausend tausende tausenden hundert hunderte
    hunderten dutzend dutzende prozent prozentpunkt basispunkt punkt euro tonne tonnen kilo
    kilometer meter liter hektar zahl anzahl hälfte drittel viertel viele wenige`,
};

/** Number words up to twenty and the tens: "trece trabajadores" is a count, not a topic. */
const numberWords: Record<string, string> = {
  fr: `un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize
    vingt trente quarante cinquante soixante cent cents premier première deuxième troisième
    quatrième cinquième sixième septième huitième neuvième dixième`,
  en: `one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    first second third fourth fifth sixth seventh eighth ninth tenth`,
  es: `uno una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince
    dieciséis veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien primer
    primero primera segunda tercer tercero tercera quinto quinta sexto sexta séptimo séptima
    octavo octava noveno novena décimo décima`,
  pt: `um uma dois duas três quatro cinco seis sete oito nove dez onze doze treze catorze quatorze
    quinze dezesseis dezasseis vinte trinta quarenta cinquenta sessenta setenta oitenta noventa
    cem primeiro primeira segunda terceiro terceira quinto quinta sexto sexta sétimo sétima
    oitavo oitava nono nona décimo décima`,
  de: `eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn
    zwanzig dreißig vierzig fünfzig hundert erste ersten zweite dritte vierte fünfte sechste
    siebte achte neunte zehnte`,
};

/**
 * Words after which the next word is a noun (or an adjective before one): articles,
 * possessives, demonstratives and prepositions that do not take an infinitive. German needs
 * none: its nouns are capitalised.
 */
const nounCues: Record<string, string> = {
  fr: `le la les l' un une des du au aux ce cet cette ces son sa ses leur leurs mon ma mes ton ta
    tes notre nos votre vos chaque plusieurs quelques aucun aucune certains certaines dans sur
    sous avec contre chez entre vers selon`,
  en: `the a an this these those its his their our your my each every several some any no of in
    on for with from by about into against between among during per under over`,
  es: `el la los las un una unos unas del al lo su sus este esta estos estas ese esa esos esas
    aquel aquella cada varios varias algunos algunas ningún ninguna nuestro nuestra nuestros
    nuestras mi mis tu tus en con contra entre sobre desde hacia durante mediante según tras`,
  pt: `o os as um uma uns umas do da dos das no na nos nas ao aos à às pelo pela pelos pelas num
    numa seu sua seus suas este esta estes estas esse essa esses essas aquele aquela cada vários
    várias alguns algumas nenhum nenhuma nosso nossa nossos nossas em com contra entre sobre
    desde durante segundo após`,
  de: '',
};

/**
 * Articles that open a verb's object ("cierra los colegios", "annonce une réforme"): a noun is
 * followed by a preposition or an adjective, seldom by an article. Those that also follow nouns
 * as prepositions ("des", "a") are left out.
 */
const objectCues: Record<string, string> = {
  fr: `le la les l' un une`,
  en: 'the a an his their its',
  es: 'el la los las un una unos unas',
  pt: 'o os as um uma uns umas',
  de: '',
};

/** Words after which the next word is a verb: subject pronouns, clitics, negations, modals. */
const verbCues: Record<string, string> = {
  fr: `il elle ils elles on je tu nous vous se s' ne n' qui`,
  en: 'will would can could may might must shall should did does do not he she it they we who',
  es: 'se no lo le les me te nos',
  pt: 'se não lhe lhes me te nos',
  de: '',
};

/** Cues that also stand before an infinitive ("de limiter", "a comprar"). */
const infinitiveCues: Record<string, string> = {
  fr: `de d' à`,
  en: '',
  es: 'de a',
  pt: 'de a',
  de: '',
};

/** The infinitive's endings, where a cue may stand before one. */
export const infinitiveEnding: Record<string, RegExp> = {
  fr: /\p{L}{2}(?:er|ir|re)$/u,
  es: /\p{L}{2}(?:ar|er|ir)$/u,
  pt: /\p{L}{2}(?:ar|er|ir)$/u,
};

/** Words that name a step of a scale or a part of a text before its number: "Category 5". */
const scaleWords: Record<string, string> = {
  fr: 'catégorie niveau phase article alinéa chapitre section étape',
  en: 'category level phase stage article section chapter grade tier',
  es: 'categoría nivel fase artículo capítulo sección etapa',
  pt: 'categoria nível fase artigo capítulo seção secção etapa',
  de: 'kategorie stufe phase artikel paragraf kapitel abschnitt',
};

const toSets = (lists: Record<string, string>) =>
  new Map(
    Object.entries(lists).map(([language, words]) => [
      language,
      new Set(words.split(/\s+/).filter(Boolean)),
    ]),
  );
const empty = new Set<string>();
const sets = {
  time: toSets(timeWords),
  label: toSets(labelWords),
  role: toSets(roleWords),
  quantity: toSets(quantityWords),
  number: toSets(numberWords),
  nounCue: toSets(nounCues),
  verbCue: toSets(verbCues),
  objectCue: toSets(objectCues),
  infinitiveCue: toSets(infinitiveCues),
  scale: toSets(scaleWords),
};

/** One of the lists above for a language (English's when the language has none). */
export function wordsOf(list: keyof typeof sets, language: string): Set<string> {
  const byLanguage = sets[list];
  const own = byLanguage.get(language);
  if (own || list === 'nounCue' || list === 'verbCue' || list === 'objectCue') return own ?? empty;
  return byLanguage.get('en') ?? empty;
}

/** English compound adjectives: "London-based", "Saudi-led", "state-owned", "Soviet-era". */
export const compoundAdjective =
  /\p{L}-(?:based|led|backed|owned|born|run|funded|linked|listed|made|style|era|wide|bound|driven|related|focused|controlled|allied|aligned|affiliated|supported|sponsored|registered|headquartered|operated|friendly|specific)$/u;

const agencies = new Set(agencyNames.split(/,\s*/).map((name) => name.toLowerCase()));

/** Whether a (lowercase) word or phrase is a news agency's name or code. */
export function isAgency(lower: string): boolean {
  return agencies.has(lower);
}

/** The stems of a list's words in a language, so that plurals and inflections match too. */
const stemsOf =
  (list: 'time' | 'quantity'): Facet<Set<string>> =>
  (language) => {
    const stem = stemmerFor(language);
    return new Set([...wordsOf(list, language.code)].map((w) => stem(w)));
  };
const timeStems = stemsOf('time');
const quantityStems = stemsOf('quantity');
/** German writes a day's part as one word with its day ("Dienstagabend"). */
const germanDayPart =
  /^(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)(?:morgen|vormittag|mittag|nachmittag|abend|nacht)s?$/u;

function inflectionOf(stemsFacet: Facet<Set<string>>, lower: string, language: Language): boolean {
  const stem = stemmerFor(language);
  const stems = language.get(stemsFacet);
  // Snowball leaves some short plurals ("dias"): the plural is folded first too.
  return stems.has(stem(lower)) || stems.has(stem(foldPlural(lower)));
}

/** Whether a (lowercase) word is a unit of time or a day relative to today, in any inflection. */
export function isTimeWord(lower: string, language: Language): boolean {
  return (
    inflectionOf(timeStems, lower, language) ||
    (language.code === 'de' && germanDayPart.test(lower))
  );
}

/** Whether a (lowercase) word is a quantity or a unit, in any inflection ("Metern"). */
export function isQuantity(lower: string, language: Language): boolean {
  return inflectionOf(quantityStems, lower, language);
}
