/**
 * Publication and update times, reading times and "name | date" lines, in the five languages:
 * a line is a timestamp when, its date and time words taken away, nothing is left but
 * separators, or only a byline. Words alone do not make a timestamp: a number, a month, a day or
 * a relative time ("hier", "ayer", "14 min ago") must be there.
 */

const months = [
  // fr
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'janv févr fév avr juil juill sept déc',
  // en
  'january february march april may june july august september october november december',
  'jan feb mar apr jun jul aug sep oct nov dec',
  // es
  'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre',
  'ene abr ago dic',
  // pt
  'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
  'fev mai set out dez',
  // de
  'januar jänner februar märz april mai juni juli august september oktober november dezember',
  'okt',
].join(' ');

const days = [
  'lundi mardi mercredi jeudi vendredi samedi dimanche',
  'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun',
  'lunes martes miércoles jueves viernes sábado domingo',
  'segunda terça quarta quinta sexta sábado domingo segunda-feira terça-feira quarta-feira quinta-feira sexta-feira',
  'montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so',
].join(' ');

/** Words that make a line a time on their own: relative days. */
const relative =
  "aujourd'hui " +
  'hier aujourd’hui aujourd hui yesterday today tonight ayer hoy anteayer ontem hoje anteontem gestern heute vorgestern now';

/** Words around times and dates, which say nothing else. */
const around = [
  // fr
  "publié publiée publie mis mise à jour maj dernière derniere modifié modifiée actualisé actualisée le la les l' à a au aux et il y depuis de du d' h heure heures min mn minute minutes seconde secondes jour jours semaine semaines mois an ans lecture temps environ",
  // en
  'published updated posted last modified on at ago min mins minute minutes hour hours hr hrs h day days week weeks month months year years a an the of just read reading time and first edited am pm a.m p.m p m',
  'et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest wet west brt art clt cot pet mez mesz',
  // es
  'publicado publicada actualizado actualizada actualización última ultima modificado modificada act hace minuto minutos hora horas día días semana semanas mes meses año años el de del a las los en y lectura tiempo aprox',
  // pt
  'publicado publicada atualizado atualizada atualização última ultima em há minuto minutos hora horas dia dias semana semanas mês meses ano anos às as de do da e leitura tempo',
  // de
  'veröffentlicht publiziert erstellt geändert aktualisiert zuletzt stand am um uhr vor minute minuten min stunde stunden std tag tage tagen woche wochen monat monaten jahr jahren und lesezeit lesedauer ca',
].join(' ');

/** Short or ambiguous words that are times only beside a number ("may", "out", "so"). */
const weak = new Set([
  'may',
  'mar',
  'set',
  'out',
  'so',
  'do',
  'mi',
  'di',
  'sa',
  'mo',
  'fr',
  'now',
  'sun',
  'sat',
  'wed',
]);
/** The issue a page belongs to: "Édition numérique n° 18 342 du 14/01/2025", "Edição n.º 3514". */
const editionWords = new Set(
  'édition edition edición edição ausgabe issue número numéro nummer n° nº n.º no nr numérique digital impresa impressa imprimée print druckausgabe e-paper'.split(
    ' ',
  ),
);
const anchors = new Set(
  `${months} ${days} ${relative}`.split(' ').filter((w) => w.length > 2 && !weak.has(w)),
);
const vocabulary = new Set(`${months} ${days} ${relative} ${around}`.split(' '));

/** Digits with the separators of dates and times: 03/03/2025, 18h42, 6:04, 9:47pm, 2025-05-22T10:00. */
const numeric = /^\d[\d.:/h-]*(?:t\d[\d:.]*)?(?:z|h|er|e|ème|º|ª|st|nd|rd|th|am|pm|\.)?$/i;
/** A compact age, as live pages print it: "41m", "3hrs", "2d", "5min", "3std". */
const compactAge = /^\d{1,3}(?:m|min|mins|h|hr|hrs|d|s|sec|secs|j|std|t)$/i;
/** Separators that may stand between the parts of a timestamp. */
const separator = /^[|·•,;:/–—-]+$/;
/** The edges of a token that are punctuation, not part of the word. */
const edges = /^[([{"«“]+|[)\]}"»”,;:]+$/g;

/** A line read as a time: only time words, or time words then something else (`rest`). */
export type TimeReading =
  | { kind: 'timestamp' | 'reading time' | 'edition line' }
  | { kind: 'rest'; rest: string; names: boolean };

const capitalised = /^\p{Lu}/u;

/**
 * What a line is when it holds a time: 'timestamp' (only time words), 'reading time', or
 * 'rest': the time comes first and `rest` follows (a byline?), or `names` is true when all the
 * other words are capitalised, a name beside a date. Null when the line says something else.
 */
export function readTimestamp(text: string): TimeReading | null {
  const tokens = text.split(/\s+/);
  if (tokens.length > 30) return null;
  let anchored = false;
  let reading = false;
  let edition = false;
  let firstOther = -1;
  let others = 0;
  let named = 0;
  for (let i = 0; i < tokens.length; i++) {
    const raw = (tokens[i] ?? '').toLowerCase().replace(edges, '');
    if (raw === '' || separator.test(raw)) continue;
    const token = raw.endsWith('.') ? raw.slice(0, -1) : raw;
    if (numeric.test(raw) || /^\d{1,2}h\d{0,2}$/.test(token) || compactAge.test(token)) {
      anchored = true;
      continue;
    }
    if (anchors.has(token)) {
      anchored = true;
      continue;
    }
    if (editionWords.has(token) || editionWords.has(raw)) {
      edition = true;
      continue;
    }
    if (vocabulary.has(token) || vocabulary.has(raw)) {
      if (/^(lecture|read|reading|lectura|leitura|lesezeit|lesedauer)$/.test(token)) reading = true;
      continue;
    }
    others++;
    if (capitalised.test(tokens[i]?.replace(edges, '') ?? '')) named++;
    if (firstOther < 0) firstOther = i;
  }
  if (!anchored) return null;
  if (others === 0) {
    return { kind: edition ? 'edition line' : reading ? 'reading time' : 'timestamp' };
  }
  return {
    kind: 'rest',
    rest: tokens.slice(firstOther).join(' '),
    names: others === named && others <= 6,
  };
}
