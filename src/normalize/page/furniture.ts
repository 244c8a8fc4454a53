import { appealOf } from './appeals.ts';
import { captionOf, isByline, signOffOf } from './credits.ts';
import { anyWord, opening } from './cue.ts';
import { labelOf } from './labels.ts';
import type { LineShape } from './line-shape.ts';
import { readTimestamp } from './timestamps.ts';

/**
 * The furniture class of one line of a saved page, judged on its own (its place in the page is
 * judged in read-page.ts), or null. Cheap tests of shape come first; a long line of running
 * text is only asked whether it speaks to the reader.
 */
export function furnitureOf(shape: LineShape): string | null {
  const { text, words } = shape;
  if (words <= 10) {
    const label = labelOf(text);
    if (label) return label;
    if (duration.test(text) || durationLabel.test(text)) return 'player control';
    // A player's label with the length of what it plays: "Écouter cet article (4 min)".
    const timed = text.replace(playLength, '');
    if (timed !== text && labelOf(timed) === 'player control') return 'player control';
    if (adBreak.test(text) && adWord.test(text)) return 'ad label';
    if (commentCount.test(text)) return 'comment widget';
    if (skipLink.test(text)) return 'navigation';
  }
  if (words <= 30) {
    const time = timeOf(text, words);
    if (time) return time;
    if (isByline(text, words)) return 'byline';
    const link = linkOf(text, shape) ?? (words <= 10 ? labelBeforeSeparator(text) : null);
    if (link) return link;
  }
  return (
    signOffOf(text, words) ?? captionOf(text, words, shape.endsSentence) ?? appealOf(text, words)
  );
}

/** Links that skip to a part of the page: "Skip to main contentSkip to navigation". */
const skipLink =
  /^(?:skip to|jump to|aller (?:au|à la)|passer au|ir (?:al|a la|para o)|saltar (?:al|a)|pular para|zum inhalt|direkt zu)/iu;

/** A count of comments as a link: "Read 123 comments", "Voir les 12 commentaires". */
const commentCount =
  /^(?:read|view|show|see|all|voir|lire|les|ver|leer|los|ler|os|alle)?\s*(?:les |los |os )?\d+\s+(?:comments?|commentaires?|réactions?|comentarios?|comentários?|kommentare?)$/iu;

/**
 * A label, then what the widget adds to it after a bullet or a colon: "Listen to this article
 * · 5:12 min Learn more", "Partager : Facebook".
 */
function labelBeforeSeparator(text: string): string | null {
  const cut = text.search(/\s?[·•|:–—]\s/u);
  if (cut <= 0) return null;
  const label = labelOf(text.slice(0, cut));
  return label && label !== 'section label' && label !== 'tag list' ? label : null;
}

/** A player's length: "Video Duration 01 minutes 42 seconds", "Durée : 2 min 30". */
const durationLabel =
  /^(?:(?:video|vidéo|vídeo|audio|áudio)\s+)?(?:duration|durée|duración|duração|dauer|länge|laufzeit)\b[\s:]*\d/iu;
/** Where an article resumes after an ad: "Artikel wird nach der Anzeige fortgesetzt". */
const adBreak = /continu|la suite|sigue|segue|fortgesetzt|weiterlesen|weiter nach/iu;
const adWord =
  /advertis|publicit|publicidad|publicidade|anúncio|anuncio|anzeige|werbung|\b(?:this|the|an) ad\b/iu;

/** A media player's time: "3:45", "00:00 / 03:45", "1x". */
/** The length of what a player plays, closing its label: " (4 min)", " · 5:12", " – 3 minutes". */
const playLength =
  /\s*[(·|–—-]?\s*\d{1,2}(?::\d{2})?\s*(?:min(?:utes?|utos?|uten|s)?|sec(?:onds?)?|seg(?:undos)?|sek(?:unden)?)?\.?\)?\s*$/iu;
const duration =
  /^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*\/\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?$|^\d(?:[.,]\d+)?x$/;

function timeOf(text: string, words: number): string | null {
  // A time has a number, or is a few words ("Yesterday", "Hace un momento").
  if (words > 6 && !/\d/.test(text)) return null;
  const time = readTimestamp(text);
  if (!time) return null;
  if (time.kind !== 'rest') return time.kind;
  if (isByline(time.rest, words)) return 'byline';
  // "Jane Doe | 22/05/2025": a name beside a date, set apart from it.
  return time.names && words <= 10 && /\s[|·•–—-]\s/.test(text) ? 'byline' : null;
}

const readAlso = opening(
  "plus d'actualités|more news|más noticias|mais notícias|mehr nachrichten|mehr aus|" +
    'à lire aussi|a lire aussi|lire aussi|lire également|voir aussi|à voir aussi|à écouter|' +
    'à regarder|à découvrir|sur le même sujet|read more|read also|also read|read next|' +
    'lisez|lisez aussi|lisez également|weiterlesen|lesen sie|leia|lea|read|' +
    'more on this story|more on this|related coverage|related stories|related article|' +
    'see also|lee también|lea también|lee además|lea además|leer más|lee más|' +
    'te puede interesar|le puede interesar|también te puede interesar|ver también|' +
    'mira también|noticias relacionadas|leia também|leia mais|leia ainda|veja também|' +
    'veja mais|saiba mais|confira também|assista também|lesen sie auch|lesen sie mehr|' +
    'lesen sie hier|auch interessant|mehr zum thema|mehr dazu|siehe auch',
);
/** Words that open a link only when a colon or an arrow follows them ("Watch: …"). */
const linkWord = opening(
  'à voir|à lire|a lire|related|recommended|watch|listen|more|confira|assista|zum thema',
);
/** Links to a video, a gallery or a live page ("VÍDEO: …"): furniture, unless the headline. */
const mediaLink =
  /^(?:vídeo|video|vidéo|videos|vidéos|podcast|audio|áudio|galerie|galería|galeria|gallery|fotos|photos|diaporama|infographie|infografía|infográfico|grafik|live|en direct|en vivo|ao vivo|direct)\s*[:|»›>]/iu;
/** The same in capitals before a full stop, as French sites write them: "VIDÉO. Le tracé…". */
const mediaKicker =
  /^(?:VIDÉO|VIDEO|VÍDEO|VIDÉOS|VIDEOS|PHOTOS|FOTOS|DIAPORAMA|INFOGRAPHIE|PODCAST|AUDIO|CARTE|MAP|GRAFIK)\.\s+\p{Lu}/u;
/** The section an article is filed in: "Publicado en: Sociedad", "Veröffentlicht in: Lokales". */
const filedIn =
  /^(?:publicado en|publicado em|publicada em|publié dans|publiée dans|veröffentlicht in|posted in|filed in)\s*:\s*\p{Lu}[^.!?]*$/iu;
/**
 * An e-mail address: on a short line, how to write to the author or the newsroom. Its parts
 * are bounded as the standard bounds them, so that a long run of letters is read in linear time.
 */
const email = /[\p{L}\d._%+-]{1,64}@[\p{L}\d-]{1,63}(?:\.[\p{L}\d-]{1,63})+/u;
const tagLine = opening(
  'tags|mots-clés|mots clés|mots-clefs|sujets|thèmes|topics|suggested topics|related topics|' +
    'temas|etiquetas|palavras-chave|assuntos|tópicos|themen|schlagwörter|schlagworte|' +
    'stichworte|keywords|filed under|archivado en|arquivado em|catégories|categories|' +
    'categorías|categorias|kategorien',
);
const shareVerb = opening(
  'share|share this|share on|partager|partagez|partager sur|compartir|comparte|compartir en|' +
    'compartilhe|compartilhar|compartilhar no|teilen|teile|teilen auf|teilen per|send|envoyer|' +
    'enviar',
);
const networks = anyWord(
  'facebook|twitter|x|whatsapp|linkedin|telegram|bluesky|threads|instagram|pinterest|reddit|' +
    'flipboard|messenger|mastodon|tiktok|youtube|xing|e-mail|email|mail|sms|copy link|' +
    'copier le lien|copiar enlace|copiar link|link kopieren|imprimir|print|drucken|imprimer',
);
const listSeparator = /\s[>›»/|•·]\s|\s?[>›»]\s?/g;
const endsFullStop = /[\p{Ll}\p{N}]{2}\.[»"”’)\]]*$/u;

export const mediaLinkReason = 'media link';

/**
 * A headline after its section's label ("Opinion | …", "EXCLUSIVA: …", "EN VIVO | …"): the
 * headline without the label, or null when the line opens with no label.
 */
export function afterLabel(text: string): string | null {
  const found = /^([^:|]{2,30}?)\s*[:|]\s+(?=\S)/u.exec(text);
  if (!found) return null;
  const label = found[1] ?? '';
  const known = labelOf(label) === 'section label' || mediaLink.test(`${label}:`);
  return known ? text.slice(found[0].length) : null;
}

/** Read-also links, tag lines, share rows, breadcrumbs: lines that are links, not text. */
function linkOf(text: string, shape: LineShape): string | null {
  const also = readAlso.exec(text);
  if (also) {
    const rest = text.slice(also[0].length);
    // "Lire aussi : …", "Lisez « … »", or a link's words with no full stop: "Veja mais notícias".
    if (
      /^\s*[:|»›>–—-]/.test(rest) ||
      /^\s*[«"“][^«»"“”]{8,}[»"”]$/u.test(rest) ||
      (/^\s+\S/.test(rest) && !shape.endsSentence && shape.words <= 15)
    )
      return 'read-also link';
  }
  if (mediaLink.test(text) || mediaKicker.test(text)) return mediaLinkReason;
  const word = linkWord.exec(text);
  if (word && /^\s*[:|»›>]/.test(text.slice(word[0].length))) return 'read-also link';
  if (tagLine.test(text) && /^[^:]{1,24}:\s*\S/.test(text)) return 'tag list';
  if (shape.words <= 6 && filedIn.test(text)) return 'tag list';
  if (shape.words <= 10 && text.includes('@') && email.test(text) && !shape.endsSentence)
    return 'contact line';
  if (shareVerb.test(text) && !endsFullStop.test(text)) {
    if (networks.test(text) || /^\S+\s*:?\s*$/.test(text)) return 'share row';
  }
  if (shape.words <= 14 && !shape.endsSentence) {
    const found = networks.count(text);
    if (found >= 2 && found >= shape.words - 3) return 'share row';
  }
  // A row of the site's links: "Mentions légales - Confidentialité - Contact".
  if (shape.words <= 16 && !shape.endsSentence) {
    const parts = text.split(/\s[|·•–—-]\s/);
    if (parts.length >= 2 && parts.every((p) => labelOf(p) !== null)) return 'navigation';
  }
  if (shape.words <= 24 && !shape.endsSentence && !text.includes('«')) {
    const parts = text.split(listSeparator);
    if (parts.length >= 3 && parts.every((p) => p.trim().split(/\s+/).length <= 5))
      return 'breadcrumb';
  }
  return null;
}
