import { labelKey } from './cue.ts';
import type { Judged } from './judged-line.ts';

/**
 * Furniture told by its neighbours: a share row printed one network a line, a video's title
 * between its label and its duration, the author's name and biography under the article.
 */

/** What a share row offers, one a line: networks, mail, the link itself. */
const shareTargets = new Set(
  (
    'x|twitter|facebook|linkedin|whatsapp|telegram|bluesky|threads|instagram|pinterest|reddit|' +
    'flipboard|messenger|mastodon|xing|email|e-mail|mail|sms|link|copy link|copier le lien|' +
    'lien|enlace|copiar enlace|copiar link|link kopieren|print|imprimer|imprimir|drucken'
  ).split('|'),
);
const shareLabels = new Set(['live-blog control', 'share row', 'navigation']);

/** A one-word line that is a network's name, in a row of such lines, is a share row. */
export function markShareRows(judged: Judged[]): void {
  for (let i = 0; i < judged.length; ) {
    let j = i;
    let targets = 0;
    for (; j < judged.length; j++) {
      const line = judged[j];
      if (!line || line.kept || line.shape.words > 2) break;
      if (shareTargets.has(labelKey(line.shape.text))) targets++;
      else if (!line.furniture || !shareLabels.has(line.furniture)) break;
    }
    if (targets >= 2) {
      for (let k = i; k < j; k++) {
        const line = judged[k];
        if (line && shareTargets.has(labelKey(line.shape.text))) line.furniture = 'share row';
      }
    }
    i = Math.max(j, i + 1);
  }
}

const mediaLabel = /^(?:video|vídeo|vidéo|videos|vídeos|vidéos|audio|áudio|podcast)$/iu;
/** A player's length: "01:45 Min", "3:12", "1:02:10". */
const playerLength = /^(?:\d{1,2}:)?\d{1,2}:\d{2}\s*(?:min\.?|mins?|minutes?|minuten|minutos)?$/iu;

/** A short line between a media label and the player's length is the video's title. */
export function markMediaTitles(judged: Judged[]): void {
  for (let i = 1; i + 1 < judged.length; i++) {
    const line = judged[i];
    if (!line || line.furniture || line.kept || line.shape.words > 20 || line.shape.prose) continue;
    const above = judged[i - 1];
    const below = judged[i + 1];
    if (!above || !below || above.shape.words > 1 || below.shape.words > 3) continue;
    if (mediaLabel.test(labelKey(above.shape.text)) && playerLength.test(below.shape.text.trim())) {
      line.furniture = 'video title';
    }
  }
}

/** A person's name as bylines print it: two to four capitalised words. */
const personName =
  /\p{Lu}[\p{Ll}'’-]+(?:\s(?:d[aeiou]s?|de la|van|von|del)?\s?\p{Lu}[\p{Ll}'’-]+){1,3}/gu;
const byCue = /^(?:by|par|por|von|de|written by|words by|reported by|texto?|texte)\s*:?\s+/iu;
/**
 * What an author's note says of the author, right after the name: "covers", "is a reporter",
 * "couvre", "est journaliste", "cubre", "es periodista", "cobre", "é repórter", "berichtet".
 */
const biography =
  /^,?\s(?:covers|reports on|writes about|writes on|is (?:a|an|the) [\p{L} -]{0,30}(?:reporter|correspondent|journalist|editor|writer|columnist)|joined|couvre|écrit sur|est (?:journaliste|correspondante?|reporter|rédactrice|rédacteur|chroniqueuse|chroniqueur)|a rejoint|cubre|escribe sobre|es (?:periodista|corresponsal|reportera?|editora?|redactora?)|se unió|cobre|escreve sobre|é (?:jornalista|correspondente|repórter|editora?|redatora?)|berichtet|schreibt über|ist (?:redakteurin|redakteur|korrespondentin|korrespondent|reporterin|reporter|journalistin|journalist))[\s,]/u;

/**
 * The names the byline gives; under the article, a line that is one of them alone, or that
 * opens with one and goes on as an author's note ("… covers mining in Chile"), is the author's.
 */
export function markAuthorLines(judged: Judged[]): void {
  const names = new Set<string>();
  for (const line of judged) {
    if (line.furniture !== 'byline') continue;
    const credited = line.shape.text.replace(byCue, '');
    for (const m of credited.matchAll(personName)) names.add(m[0]);
  }
  if (names.size === 0) return;
  for (const line of judged) {
    if (line.furniture || line.kept || line.shape.words > 80) continue;
    const { text } = line.shape;
    for (const name of names) {
      if (!text.startsWith(name)) continue;
      const rest = text.slice(name.length);
      if (rest.trim() === '') line.furniture = 'author line';
      else if (biography.test(rest)) line.furniture = 'author biography';
      break;
    }
  }
}
