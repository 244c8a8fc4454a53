/**
 * Tells the paragraphs that belong to the page around an article (appeals for money or
 * subscriptions, "read also" links, share prompts, comment widgets, agency footers) from the
 * article itself, in French, English and Spanish. A paragraph is judged by what it says to the
 * reader and by how short it is, so that a real sentence that merely mentions a subscription or
 * a donation stays.
 */

/** Cues that a paragraph addresses the reader on behalf of the publication. */
const appealCues: RegExp[] = [
  // Asking for money or support.
  /\b(soutenez|soutenir|soutien(?:ez)?)\b.{0,40}\b(notre|nos|le projet|la rédaction|le journal|travail)\b/i,
  /\b(faites|faire) un don\b|\bdons? (réguliers?|ponctuels?|mensuels?)\b|\bnous aident\b/i,
  /\b(support|donate to|help fund|chip in)\b.{0,30}\b(our|us|independent journalism|this work)\b/i,
  /\b(make|become) a (donation|member|supporter|patron)\b/i,
  /\b(apóyanos|apoya|haz una donación|hazte socio)\b.{0,40}\b(nuestro|nuestra|periodismo independiente|este proyecto)\b/i,
  // Subscribing or signing up.
  /\b(abonnez-vous|inscrivez-vous|abonnez vous)\b/i,
  /\b(subscribe|sign up)\b.{0,30}\b(newsletter|our|today|now|for free)\b/i,
  /\b(suscríbete|suscribete|regístrate)\b/i,
  /\bnewsletter\b.{0,40}\b(gratuite|free|gratuito|inscri|sign|abonn|suscr)/i,
  // Speaking to the reader about the article itself.
  /\b(aimez-vous|vous aimez|vous avez aimé) ce que vous (lisez|lisez ici)\b|\bcet article vous a plu\b/i,
  /\b(did you|do you) (like|enjoy)\b.{0,25}\b(this|reading|what you)\b|\blike what you('re| are)? read/i,
  /\b(te|le) (gustó|ha gustado)\b.{0,25}\b(artículo|leer|lo que)\b/i,
  /\bnous en sommes heureux\b|\bwe('re| are) glad\b|\bnos alegra\b/i,
  // Comment widgets.
  /\b(join|start) the (conversation|discussion)\b|\bbe the first to comment\b|\bleave a (comment|reply)\b/i,
  /\b(laissez|ajoutez|écrire) un commentaire\b|\bsoyez le premier à (commenter|réagir)\b|\bréagissez\b/i,
  /\b(deja|escribe|añade) (un|tu) comentario\b|\bsé el primero en comentar\b/i,
  // Share prompts and "read also" links.
  /\b(partagez|partager) (cet article|sur)\b|\bshare (this|on)\b|\bcompart(e|ir) (este|en)\b/i,
  /^(à lire aussi|lire aussi|à lire|voir aussi|read (more|also)|related|see also|lee también|leer más|te puede interesar)\b/i,
  // Agency footers and rights lines.
  /^\(?(avec |with |con )?(afp|reuters|ap|efe|ansa|dpa|europa press)\)?\.?$/i,
  /\b(tous droits réservés|all rights reserved|todos los derechos reservados)\b|^©|^\(c\) /i,
];

/** Whole-paragraph labels of page furniture: a heading of a comments or share box. */
const widgetLabel =
  /^(discussion|discussions|comments?|commentaires?|comentarios?|réactions|share|partager|compartir|newsletter|publicité|advertisement|publicidad|tags?|mots-clés|etiquetas)\s*:?$/i;

/** Longest paragraph that one cue marks as boilerplate, in words. */
const maxWordsOneCue = 30;
/** Longest paragraph that two cues or more mark as boilerplate, in words. */
const maxWordsTwoCues = 80;

const word = /\S+/g;

/** The number of words of the paragraph, or `limit + 1` when it has more than `limit`. */
function wordCount(paragraph: string, limit: number): number {
  let count = 0;
  word.lastIndex = 0;
  while (count <= limit && word.test(paragraph)) count++;
  return count;
}

/** True when the paragraph is page furniture rather than article text. */
export function isAppeal(paragraph: string): boolean {
  if (widgetLabel.test(paragraph)) return true;
  // A long paragraph that mentions a newsletter once is reporting, not appealing; a longer one
  // is article text whatever it says, and is not searched for cues.
  const words = wordCount(paragraph, maxWordsTwoCues);
  if (words > maxWordsTwoCues) return false;
  return countCues(paragraph, 2) >= (words <= maxWordsOneCue ? 1 : 2);
}

/** How many appeal cues the paragraph has, counting up to `enough`. */
function countCues(paragraph: string, enough: number): number {
  let cues = 0;
  for (const cue of appealCues) {
    if (cue.test(paragraph)) cues++;
    if (cues >= enough) break;
  }
  return cues;
}
