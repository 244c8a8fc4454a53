import { isDangling } from './function-words.ts';
import { isAbbreviation } from './sentences.ts';
import { isAgency as isAgencyName } from './tag-words.ts';

/**
 * The dateline an article's body opens with, in the agencies' formats: "BOGOTÁ, 3 mars (AFP) -",
 * "Cúcuta (Colombia), 20 ene (EFE).-", "MEXICO CITY (Reuters) -", "Lima, 12 de mayo de 2025.–",
 * "Brasília –", "Santiago du Chili.", "WASHINGTON: ", "PORTO ALEGRE Um…".
 */
export interface Dateline {
  /** The place, as written; an all-caps place in proper case (`RIO DE JANEIRO` -> `Rio de Janeiro`). */
  location: string | null;
  /** The agency code in parentheses (`AFP`, `apro`, `dpa/AFP`), when the dateline has one. */
  agency: string | null;
  /** The region or country the place is given in (`Colombia`, `Ontario`), when it is. */
  region: string | null;
  /** The text after the dateline: it starts with the article's first word. */
  rest: string;
}

/** A dateline found among the body's first paragraphs. */
export interface FoundDateline extends Dateline {
  /** The paragraph it opens (0 when none is found). */
  index: number;
  /** The dateline as written ("Cúcuta (Colombia), 20 ene (EFE).-"), '' when none is found. */
  text: string;
}

/** How far into the body an agency's dateline may stand under lines the page reader kept. */
const datelineReach = 3;

/**
 * The dateline of the body: at the start of its first paragraph, in any format; else, a caption
 * or a label kept above it, at the start of one of the next paragraphs in an agency's format
 * (with a date or an agency: "SANTIAGO, March 3 (Reuters) -"), where the article then begins.
 */
export function findDateline(paragraphs: string[]): FoundDateline {
  for (let index = 0; index < Math.min(paragraphs.length, datelineReach); index++) {
    const paragraph = paragraphs[index] ?? '';
    const dateline = splitDateline(paragraph, index > 0);
    if (dateline.location !== null) {
      const text = paragraph.slice(0, paragraph.length - dateline.rest.length).trim();
      return { ...dateline, index, text };
    }
  }
  return { ...noDateline(paragraphs[0] ?? ''), index: 0, text: '' };
}

/** A word of a place: a capital, then letters, apostrophes or hyphens ("Saint-Denis", "L'Aquila"). */
const placeWord = String.raw`\p{Lu}[\p{L}’'-]*`;
/** Lowercase words inside place names: "Rio de Janeiro", "Santiago du Chili", "Frankfurt am Main". */
const particle =
  '(?:de la|de los|an der|de|del|du|des|da|do|dos|das|di|la|le|am|an|im|upon|on|sur|en|y)';
const place = `(${placeWord}(?:(?: |/)(?:${particle} )?${placeWord}){0,4})`;
/** A short group in parentheses: the country ("(Colombia)") or the agency ("(EFE)", "(dpa/AFP)"). */
const group = String.raw`\(([^()\n]{1,30})\)`;
/** The first word of the article, or nothing when the dateline stands alone. */
const opening = String.raw`(?:\s+(?=[\p{Lu}\p{N}«"“¿¡‘'])|\s*$)`;

/**
 * Place, country, date and agency, then a dash ("-", "–", "—", ".-", ".–", "--"); or with a date
 * or an agency, a dateline on a line of its own.
 */
const withDash = new RegExp(
  String.raw`^${place}(?:\s*${group})?(?:,\s*([^()\n–—-]{1,30}?))?(?:\s*${group})?(?:\s*\.?\s*([-–—]{1,2})${opening}|\s*$)`,
  'u',
);
/** A place in brackets, then the article's first word: "(Ottawa) Le gouvernement…". */
const inBrackets = new RegExp(String.raw`^\(${place}\)\s+(?=[\p{Lu}«"“])`, 'u');
/** A place alone, then a full stop ("Santiago du Chili. Le…") or a colon after capitals. */
const withStop = new RegExp(String.raw`^${place}\s*([.:])\s+(?=[\p{Lu}«"“])`, 'u');
/** A place in capitals, no punctuation, then the article's first word ("PORTO ALEGRE Um…"). */
const bare = /^(\p{Lu}[\p{Lu}’'-]+(?:[ /]\p{Lu}[\p{Lu}’'-]*){0,3}) (?=\p{Lu}\p{Ll}*\s)/u;

/**
 * Words that open a text and are not places: labels and kickers ("Exclusive:", "ANÁLISIS"),
 * words of speech ("Oui.", "Thanks."), time words, titles ("PRIME MINISTER Keir Starmer"), in
 * the five languages.
 */
const notPlaces = new Set(
  `exclusive exclusif exclusive exclusivo exclusiva exklusiv analysis analyse análisis análise
  interview entretien entrevista interviú opinion opinión opinião meinung kommentar commentaire
  comment editorial éditorial edito tribune chronique column columna coluna kolumne breaking urgent
  urgente eilmeldung live direct vivo directo direto update mise actualización atualização
  aktualisiert factbox explainer décryptage decryptage reportage report reportaje reportagem bericht
  enquête investigation investigación investigação recherche portrait perfil porträt focus fokus
  dossier zoom vidéo video vídeo photos fotos podcast récit témoignage testimonio depoimento
  review critique crítica kritik brief briefing bref breves kurz hintergrund background contexto
  contexte fact check faktencheck vérification verificación verificação special spécial especial
  feature insight exclusivité flash alerte alert alerta watch watching news noticias notícias
  nachrichten info infos actualité actualidad atualidade politique politics política politik
  économie economy economía economia wirtschaft sport sports deportes esportes international
  internacional world monde mundo welt société society sociedad sociedade gesellschaft culture
  cultura kultur santé health salud saúde gesundheit sciences science ciencia ciência wissenschaft
  tech tecnología tecnologia technik handel opinionen entrevue oui non yes no sí sim não ja nein
  bien bon voilà merci thanks gracias obrigado obrigada danke enfin bref alors mais donc ensuite
  puis hier demain today yesterday tomorrow hoy ayer mañana hoje ontem amanhã heute gestern
  morgen okay ok well so but then pero entonces bueno claro exacto exactement absolument
  absolutely exactly certainly sure vraiment really hello bonjour hola olá hallo attention
  achtung warning note nota anzeige publicité advertisement publicidad publicidade lire read
  lea leia lesen photo foto by par por von president président presidente präsident minister
  ministre ministro prime premier chancellor kanzler kanzlerin governor gouverneur gobernador
  governador mayor maire alcalde prefeito bürgermeister senator sénateur senador king roi rey rei
  könig pope pape papa papst`.split(/\s+/),
);

/** The dateline `text` opens with; `agencyOnly`, only one with a date or an agency's code. */
export function splitDateline(text: string, agencyOnly = false): Dateline {
  const dashed = withDash.exec(text);
  const alone = dashed && dashed[5] === undefined && !dashed[2] && !dashed[3];
  const dated = dashed && (dashed[2] || dashed[3] || dashed[4]);
  // Under a caption, a place in capitals before a dash is a dateline too ("MEXICO CITY — …").
  const capitalsDash = dashed?.[5] !== undefined && isCapitals(dashed?.[1] ?? '');
  if (
    dashed &&
    !alone &&
    (dated || !agencyOnly || capitalsDash) &&
    isPlace(dashed[1]) &&
    fitsDate(dashed[3])
  ) {
    // A lone group after the place is the agency unless a second one follows ("Cúcuta (Colombia),
    // 20 ene (EFE)"). After the date stands the agency, known or not ("18 nov (AIN).-"); right
    // after the place, only a known one: else it is the country ("(Colombia)").
    const agency = dashed[4] ?? (dashed[3] === undefined ? dashed[2] : undefined);
    // A region written short ("Va.", "Tenn.") is an abbreviation, not a keyword.
    const region = [dashed[2] === agency ? undefined : dashed[2], ...(dashed[3]?.split(',') ?? [])]
      .map((part) => part?.trim())
      .find((part) => isRegion(part) && !dashed[0].includes(`${part}.`));
    return {
      ...found(
        dashed[1],
        agency && (agency === dashed[4] || isAgency(agency)) ? agency : null,
        text,
        dashed[0].length,
      ),
      region: region ?? null,
    };
  }
  // "(Ottawa) Le gouvernement…": the place in brackets, as some papers print it.
  const bracketed = inBrackets.exec(text);
  if (
    bracketed?.[1] &&
    isPlace(bracketed[1]) &&
    !/^\p{Lu}{2,6}$/u.test(bracketed[1]) &&
    !isCredit(bracketed[1])
  )
    return found(bracketed[1], null, text, bracketed[0].length);
  if (agencyOnly) return noDateline(text);
  const stopped = withStop.exec(text);
  if (stopped?.[1] && isPlace(stopped[1])) {
    // A colon follows a dateline in capitals ("ISLAMABAD: "); after a word in lowercase, a kicker.
    // A title's abbreviation is no place: "Rep. Martin Heinrich…", "Former Rep. Dick Armey…".
    const last = stopped[1].slice(stopped[1].lastIndexOf(' ') + 1);
    if ((stopped[2] === '.' && !isAbbreviation(last)) || isCapitals(stopped[1]))
      return found(stopped[1], null, text, stopped[0].length);
  }
  // Without punctuation: a place of two words or more ("PORTO ALEGRE Dois anos…"), or of one
  // before an article or a preposition ("PARIS Le…"); "NASA Administrator" is no dateline.
  const plain = bare.exec(text);
  const place = plain?.[1];
  if (plain && place && isPlace(place) && isCapitals(place) && place.length >= 4) {
    const next = text.slice(plain[0].length).split(' ', 1)[0] ?? '';
    const words = place.split(/[ /]/);
    const named = words.length >= 2 && words.some((word) => word.length >= 4);
    if (named || languages.some((language) => isDangling(next, language)))
      return found(place, null, text, plain[0].length);
  }
  return noDateline(text);
}

const languages = ['fr', 'en', 'es', 'pt', 'de'];
const noDateline = (text: string): Dateline => ({
  location: null,
  agency: null,
  region: null,
  rest: text,
});

function found(place: string, agency: string | null, text: string, end: number): Dateline {
  const location = isCapitals(place) && place.length > 3 ? properCase(place) : place;
  return { location, agency, region: null, rest: text.slice(end).trim() };
}

/** Month names in the five languages, lowercased: a dateline's date is no region. */
const months = new Set(
  languages.flatMap((language) =>
    Array.from({ length: 12 }, (_, month) =>
      new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' })
        .format(Date.UTC(2000, month, 1))
        .toLowerCase(),
    ),
  ),
);

/** A region or country after the place: words with capitals, no date, no label. */
function isRegion(text: string | undefined): text is string {
  if (!text || !/^\p{Lu}\p{L}+(?: (?:\p{Lu}\p{L}+|of|de|do|del|da))*$/u.test(text)) return false;
  const words = text.toLowerCase().split(' ');
  return words.length <= 4 && !words.some((word) => months.has(word) || notPlaces.has(word));
}

const isCapitals = (text: string) => text === text.toUpperCase() && text !== text.toLowerCase();

function isPlace(candidate: string | undefined): candidate is string {
  if (!candidate || candidate.length > 40) return false;
  const words = candidate.toLowerCase().split(/[\s/]+/);
  return !words.some((word) => notPlaces.has(word) && !particles.has(word));
}

/**
 * What follows the comma is a date ("3 mars", "May 15", "5"), a country in a word or two, or a
 * state written short ("S.D.", "Tenn.", "N.Y.").
 */
function fitsDate(date: string | undefined): boolean {
  if (date === undefined) return true;
  const text = date.trim();
  return (
    /\d/.test(text) ||
    /^\p{Lu}\p{L}+(?: \p{Lu}\p{L}+){0,2}$/u.test(text) ||
    /^\p{Lu}[\p{Ll}.]{0,4}(?:\p{Lu}\.?)?$/u.test(text)
  );
}

/**
 * Agencies and broadcasters credited together ("CBS/AP", "AFP & Reuters"): an agency's name and
 * codes in capitals, no place.
 */
function isCredit(text: string): boolean {
  const parts = text.split(/\s*[/&,]\s*/);
  const agency = (part: string) => isAgencyName(part.toLowerCase());
  return parts.some(agency) && parts.every((part) => agency(part) || /^\p{Lu}{2,6}$/u.test(part));
}

/** An agency's code: a word or two, no sentence ("AFP", "apro", "dpa/AFP", "Europa Press"). */
function isAgency(text: string): boolean {
  return /^[\p{L}][\p{L}./&-]*(?: [\p{L}][\p{L}./&-]*){0,2}$/u.test(text.trim());
}

const particles = new Set(
  'de del du des da do dos das di la le les los las el am an der im upon on sur en y e et und'.split(
    ' ',
  ),
);

/** "RIO DE JANEIRO" -> "Rio de Janeiro", "CHÂLONS-EN-CHAMPAGNE" -> "Châlons-en-Champagne". */
function properCase(text: string): string {
  let first = true;
  return text.toLowerCase().replace(/\p{L}+/gu, (word, offset: number) => {
    const after = text.charAt(offset - 1);
    const elided = (word === 'd' || word === 'l') && /['’]/.test(text.charAt(offset + 1));
    const keepLower = !first && (particles.has(word) || elided) && !/['’]/.test(after);
    first = false;
    return keepLower ? word : word.charAt(0).toUpperCase() + word.slice(1);
  });
}
