import { anyWord } from './cue.ts';
import { countWords } from './line-shape.ts';

/**
 * What the page says to its reader rather than about the news: appeals for subscriptions,
 * donations, newsletters, apps and follows, paywalls, cookie banners, comment rules, notes
 * about the article itself. An appeal addresses the reader (an imperative at the start of a
 * clause, "you", "vous", "nuestro", "Sie"...) whatever its length; a sentence that reports in
 * the third person is the article's, whatever words it contains.
 */

/** Imperatives and calls to act, in the five languages, as they open a clause. */
const imperatives = [
  // fr
  'abonnez-vous',
  'abonnez vous',
  'réabonnez-vous',
  'inscrivez-vous',
  'inscrivez vous',
  'soutenez',
  'aidez-nous',
  'faites un don',
  'donnez',
  'rejoignez',
  'suivez-nous',
  'suivez',
  'téléchargez',
  'connectez-vous',
  'identifiez-vous',
  'créez',
  'recevez',
  'découvrez',
  'profitez',
  'essayez',
  'testez',
  'retrouvez',
  'cliquez',
  'activez',
  'partagez',
  'lisez',
  // en
  'sign up',
  'subscribe',
  'donate',
  'support',
  'help us',
  'follow',
  'join',
  'download',
  'register',
  'log in',
  'sign in',
  'click',
  'tap',
  'become',
  'make a donation',
  'give now',
  'give today',
  'chip in',
  'contribute',
  'unlock',
  'start your',
  'try',
  'get',
  'enjoy',
  'share',
  'read',
  'listen',
  'watch',
  // es
  'suscríbete',
  'suscríbase',
  'suscribite',
  'apóyanos',
  'apóyenos',
  'apoya',
  'apoye',
  'haz una donación',
  'haz clic',
  'hazte',
  'únete',
  'síguenos',
  'sigue',
  'descarga',
  'descárgate',
  'regístrate',
  'regístrese',
  'inicia sesión',
  'recibe',
  'colabora',
  'contribuye',
  'dona',
  'lee',
  'disfruta',
  // pt
  'assine',
  'inscreva-se',
  'cadastre-se',
  'apoie',
  'doe',
  'faça uma doação',
  'faça parte',
  'faça login',
  'seja assinante',
  'seja membro',
  'seja sócio',
  'junte-se',
  'siga-nos',
  'siga',
  'baixe',
  'receba',
  'participe',
  'acesse',
  'colabore',
  'contribua',
  'clique',
  'leia',
  'ouça',
  // de
  'abonnieren sie',
  'jetzt abonnieren',
  'unterstützen sie',
  'spenden sie',
  'jetzt spenden',
  'werden sie',
  'folgen sie',
  'laden sie',
  'registrieren sie',
  'melden sie sich',
  'testen sie',
  'lesen sie',
  'holen sie sich',
  'sichern sie sich',
  'erhalten sie',
  'klicken sie',
  'hören sie',
];
/**
 * At the start of the line or of a clause (after . ! ? : ; … or a dash), and followed by a word
 * in lower case: "Lee también", not "Lee Jae-myung".
 */
const imperative = new RegExp(
  `(?:^|[.!?:;…)]\\s+|\\s[-–—|]\\s+)[¿¡]?(?:${imperatives
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, '\\s+'))
    .join('|')})(?=\\s+[\\p{Ll}\\p{N}«"“']|\\s*[.!:,…]|$)`,
  'iu',
);

const reader = anyWord([
  'vous',
  'votre',
  'vos',
  'you',
  'your',
  'yours',
  'tu',
  'te',
  'tú',
  'usted',
  'ustedes',
  'tus',
  'você',
  'vocês',
]);
/** The formal and familiar "you" of German, capitalised (lower-case "sie" is "they"). */
const readerDe =
  /(?<![\p{L}])(?:Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihnen|du|dein|deine|dich|dir)(?![\p{L}])/u;
const publisherWords = [
  'nous',
  'notre',
  'nos',
  'we',
  'our',
  'ours',
  'nosotros',
  'nuestro',
  'nuestra',
  'nuestros',
  'nuestras',
  'nosso',
  'nossa',
  'nossos',
  'nossas',
  'nós',
  'wir',
  'unser',
  'unsere',
  'unseren',
  'unserem',
  'unserer',
  'uns',
];
// Case-sensitive so that "US" (the country) is not "us".
const publisher = new RegExp(
  `(?<![\\p{L}])(?:us|${publisherWords.map((w) => `${w}|${w[0]?.toUpperCase()}${w.slice(1)}`).join('|')})(?![\\p{L}])`,
  'u',
);

/** What appeals offer or ask for. */
const offers = anyWord([
  'newsletter',
  'newsletters',
  "lettre d'information",
  'infolettre',
  'boletín',
  'boletim',
  'abonnement',
  'abonnés',
  'subscription',
  'subscribers',
  'suscripción',
  'suscriptores',
  'assinatura',
  'assinantes',
  'abo',
  'abonnenten',
  'don',
  'dons',
  'donation',
  'donations',
  'donación',
  'doação',
  'spende',
  'spenden',
  'app',
  'application',
  'aplicación',
  'aplicativo',
  'appli',
  'canal',
  'channel',
  'kanal',
  'whatsapp',
  'telegram',
  'google news',
  'journalisme indépendant',
  'independent journalism',
  'periodismo independiente',
  'jornalismo independente',
  'unabhängigen journalismus',
  'essai gratuit',
  'free trial',
  'prueba gratis',
  'teste grátis',
  'premier mois',
  'first month',
  'primer mes',
  'primeiro mês',
  'ersten monat',
  'sans engagement',
  'cancel anytime',
  'socio',
  'sócio',
  'membre',
  'member',
  'membership',
  'mitglied',
  'alertes',
  'alerts',
  'alertas',
  'notifications',
  'inbox',
]);

const reporting = anyWord([
  'a déclaré',
  'a dit',
  'a affirmé',
  'selon',
  'said',
  'says',
  'according to',
  'told',
  'dijo',
  'afirmó',
  'declaró',
  'según',
  'disse',
  'afirmou',
  'segundo',
  'sagte',
  'erklärte',
  'laut',
]);

/** Questions to the reader about what they read. */
const likedIt =
  /(?:aimez-vous|vous aimez|vous avez aimé) ce que vous|cet article vous a (?:plu|intéressé)|(?:did|do) you (?:like|enjoy)|like what you(?:'re| are)? read|(?:te|le) (?:gustó|ha gustado)|gostou (?:d[aeo]st[ae]|do|da)|hat ihnen (?:dieser|der) (?:artikel|beitrag)/iu;
/** Paywalls and account prompts. */
const paywall =
  /réservée? aux abonnés|il vous reste \d|déjà abonné|la suite est réservée|subscribers? only|for subscribers|already a subscriber|(?:subscribe|log in|sign in) to (?:continue|read)|to continue reading|exclusiv[oa] para (?:suscriptores|assinantes)|ya eres suscriptor|para seguir leyendo|já é assinante|para continuar lendo|nur für abonnenten|bereits abonnent|artikel freischalten|jetzt weiterlesen/iu;
const cookieWords = /cookie|traceurs|trackers|rastreadores/iu;
/** What a consent banner asks: to accept, refuse or set what the site stores. */
const consent =
  /accept|consent|refus|paramétr|param[eè]tres|préférences|settings|preferences|privacy|confidentialité|navigation|browsing|expérience|experience|experiencia|experiência|aceptar|rechazar|configura|aceitar|rejeitar|akzeptieren|ablehnen|einstellungen|zustimm|einwillig|datenschutz|privacidad|privacidade/iu;
/** Quotation marks: an appeal in quotes is someone's words that the article reports. */
const quoted = /[«»“”„"]/u;
const commentRules =
  /(?:comment|commentaire|comentario|comentário|kommentar)[\p{L}]*.{0,80}(?:moder|charte|normas|regras|regeln|richtlinien|netiquette|guidelines|community|communauté|comunidad|comunidade)/iu;
const aboutArticle =
  /(?:cet article|cette chronique|cet entretien|this article|this story|a version of this|este artículo|esta entrevista|este artigo|esta reportagem|esta matéria|dieser artikel|dieser beitrag)[^.]{0,60}(?:paru|publié|appeared|was published|originally published|se publicó|fue publicad|foi publicad|erschien|erschienen|mis à jour|has been updated|fue actualizad|foi atualizad|wurde aktualisiert)|notre édition du|our print edition|edición impresa|edição impressa|gedruckten ausgabe/iu;
const correction =
  /^(?:correction|rectificatif|rectification|erratum|errata|fe de errores|fe de erratas|corrección|correção|korrektur|berichtigung|clarification|editor['’]s note|note de la rédaction|nota del editor|nota de la redacción|nota da redação|nota do editor|anmerkung der redaktion|hinweis der redaktion)\s*[:.(–—-]|(?:an? )?(?:earlier|previous) version of this (?:article|story)|une (?:précédente|première) version de cet article|una versión anterior de (?:este|esta)|uma versão anterior (?:deste|desta)|eine frühere version dieses/iu;

/** The kind of an appeal, named from what it asks for. */
function appealKind(text: string): string {
  if (/newsletter|boletín|boletim|lettre d|infolettre|inbox/iu.test(text))
    return 'appeal: newsletter';
  if (
    /don\b|dons\b|donat|donac|doaç|spend|soutien|soutenez|support|apoy|apoi|unterstütz|socio|sócio|member|membre|mitglied/iu.test(
      text,
    )
  )
    return 'appeal: donation';
  if (/abonn|subscri|suscri|assin|\babo\b|premium/iu.test(text)) return 'appeal: subscription';
  if (/\bapp\b|appli|aplica/iu.test(text)) return 'app prompt';
  if (
    /follow|suiv|sígu|sigue|siga|folg|whatsapp|telegram|google news|canal|channel|kanal/iu.test(
      text,
    )
  )
    return 'share and follow row';
  return 'appeal';
}

/**
 * The class of a line that speaks to the reader on the page's behalf, or null. `words` is the
 * line's word count (counted up to a bound).
 */
export function appealOf(text: string, words = countWords(text)): string | null {
  if (words > 100) return null;
  const addressed = reader.test(text) || readerDe.test(text);
  const ours = publisher.test(text);
  if (cookieWords.test(text) && (addressed || ours) && consent.test(text)) return 'cookie banner';
  if (!addressed && !ours && words > 40) return null;
  if (words > 30 && quoted.test(text)) return null;
  if (words <= 40 && commentRules.test(text) && (addressed || ours)) return 'comment widget';
  if (words <= 40 && aboutArticle.test(text)) return 'edition note';
  if (words <= 80 && correction.test(text)) return 'correction note';
  if (words <= 30 && (likedIt.test(text) || paywall.test(text))) return appealKind(text);
  const asks = imperative.test(text);
  if (asks) {
    const offered = offers.test(text);
    if (words > 60 && !(ours && (addressed || offered))) return null;
    // A report that quotes an appeal is still a report.
    if (words > 20 && reporting.test(text)) return null;
    if (ours || addressed || offered) return appealKind(text);
    return null;
  }
  if (words <= 30 && ours && addressed && offers.test(text)) return appealKind(text);
  return null;
}
