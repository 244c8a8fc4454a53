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
  'abonnez-vous|abonnez vous|réabonnez-vous|inscrivez-vous|inscrivez vous|soutenez|aidez-nous|' +
    'faites un don|donnez|rejoignez|suivez-nous|suivez|téléchargez|connectez-vous|identifiez-vous|' +
    'créez|recevez|découvrez|profitez|essayez|testez|retrouvez|cliquez|activez|partagez|lisez|' +
    'écrivez-nous|écrivez|contactez-nous|envoyez-nous',
  // en
  'sign up|subscribe|donate|support|help us|contact us|write to us|email us|send us|tell us|' +
    'make a gift|give a gift|' +
    'follow|join|download|register|log in|sign in|click|tap|become|make a donation|give now|' +
    'give today|chip in|contribute|unlock|start your|try|get|enjoy|share|read|listen|watch',
  // es, and as Argentina and Uruguay address the reader
  'suscríbete|suscríbase|apóyanos|apóyenos|apoya|apoye|haz una donación|haz clic|hazte|únete|' +
    'síguenos|sigue|descarga|descárgate|regístrate|regístrese|inicia sesión|recibe|colabora|' +
    'contribuye|dona|disfruta|súmate|ayúdanos|ayúdenos|escríbenos|escriba|envíanos|contáctanos|' +
    'accedé|suscribite|registrate|seguinos|apoyanos|sumate|hacete|descargá|ingresá|recibí|mirá',
  // pt
  'assine|inscreva-se|cadastre-se|apoie|doe|faça uma doação|faça parte|faça login|' +
    'seja assinante|seja membro|seja sócio|junte-se|siga-nos|siga|baixe|receba|participe|acesse|' +
    'colabore|contribua|clique|leia|ouça|ajude|torne-se|envie-nos|escreva-nos|escreva|' +
    'fale conosco|fale connosco|fale com|contacte-nos',
  // de
  'abonnieren Sie|jetzt abonnieren|unterstützen Sie|spenden Sie|jetzt spenden|werden Sie|' +
    'folgen Sie|laden Sie|registrieren Sie|melden Sie sich|testen Sie|lesen Sie|holen Sie sich|' +
    'sichern Sie sich|erhalten Sie|klicken Sie|hören Sie|schreiben Sie uns|kontaktieren Sie uns|' +
    'schicken Sie uns',
].join('|');
/**
 * At the start of the line or of a clause (after . ! ? : ; … or a dash), and followed by a word
 * in lower case: "Lee también", not "Lee Jae-myung".
 */
// Case-sensitive, so that "lower case next" means lower case: each word as it opens a clause
// (capitalised) or follows a colon or a dash (as written).
const imperative = new RegExp(
  `(?:^|[.!?:;…)]\\s+|\\s[-–—|]\\s+)[¿¡]?(?:${imperatives
    .split('|')
    .flatMap((w) => [w, `${w.charAt(0).toUpperCase()}${w.slice(1)}`])
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, '\\s+'))
    .join('|')})(?=\\s+[\\p{Ll}\\p{N}«"“']|\\s*[.!:,…]|$)`,
  'u',
);

const reader = anyWord('vous|votre|vos|you|your|yours|tu|te|tú|usted|ustedes|tus|você|vocês|lhe');
/**
 * The "you" of German: the formal one capitalised (lower-case "sie" is "they"), the familiar
 * one but for "du", which is also French.
 */
const readerDe =
  /(?<![\p{L}])(?:Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihnen|dein|deine|deinen|dich)(?![\p{L}])/u;
const publisherWords =
  'nous|notre|nos|we|our|ours|nosotros|nuestro|nuestra|nuestros|nuestras|nosso|nossa|nossos|' +
  'nossas|nós|wir|unser|unsere|unseren|unserem|unserer|uns';
// Case-sensitive so that "US" (the country) is not "us".
const publisher = new RegExp(
  `(?<![\\p{L}])(?:us|${publisherWords
    .split('|')
    .map((w) => `${w}|${w[0]?.toUpperCase()}${w.slice(1)}`)
    .join('|')})(?![\\p{L}])`,
  'u',
);

/** What appeals offer or ask for. */
const offers = anyWord(
  'facebook|instagram|youtube|tiktok|linkedin|threads|bluesky|' +
    "newsletter|newsletters|lettre d'information|infolettre|boletín|boletim|abonnement|" +
    'abonnés|subscription|subscribers|suscripción|suscriptores|assinatura|assinantes|abo|' +
    'abonnenten|don|dons|donation|donations|donación|doação|spende|spenden|app|application|' +
    'aplicación|aplicativo|appli|canal|channel|kanal|whatsapp|telegram|google news|' +
    'journalisme indépendant|independent journalism|periodismo independiente|' +
    'jornalismo independente|unabhängigen journalismus|essai gratuit|free trial|prueba gratis|' +
    'teste grátis|premier mois|first month|primer mes|primeiro mês|ersten monat|' +
    'sans engagement|cancel anytime|cancel at any time|résiliable à tout moment|sin permanencia|' +
    'cancela cuando quieras|sem fidelização|sem fidelidade|cancele quando quiser|jederzeit kündbar|' +
    'ohne mindestlaufzeit|socio|sócio|membre|member|membership|mitglied|alertes|' +
    'alerts|alertas|notifications|inbox|email|e-mail|mail|correo|caixa de entrada|boîte mail|' +
    'postfach|unlimited access|accès illimité|acceso ilimitado|acesso ilimitado|' +
    'unbegrenzten zugang|unbegrenzter zugang|unbegrenzten zugriff|for free|free of charge|' +
    'gratuitement|gratis|grátis|kostenlos',
);

/** The site speaking of itself: "Este site utiliza cookies", "This website uses". */
const thisSite =
  /(?<![\p{L}])(?:ce site|cette page|this (?:site|website|page)|este (?:sitio|site|portal)|esta (?:página|web)|diese (?:website|webseite|seite))(?![\p{L}])/iu;
/** A price or a period of a subscription: "1 € le premier mois", "desde S/ 15 al mes". */
const price =
  /\d\s?(?:€|\$|£)|(?:€|\$|£|R\$|S\/)\s?\d|(?<![\p{L}])(?:par mois|par an|per month|a month|per year|a year|al mes|por mes|al año|por año|por mês|por ano|ao mês|im monat|pro monat|im jahr|pro jahr)(?![\p{L}])/iu;
/** An e-mail address: where the page asks to be written to. */
const mailbox = /[\w.-]+@[\w-]+\.[\w.]+|https?:\/\/|www\./u;

const reporting = anyWord(
  'a déclaré|a dit|a affirmé|selon|said|says|according to|told|dijo|afirmó|declaró|según|' +
    'disse|afirmou|segundo|sagte|erklärte|laut',
);

/** Questions to the reader about what they read. */
const likedIt =
  /(?:aimez-vous|vous aimez|vous avez aimé) ce que vous|cet article vous a (?:plu|intéressé)|(?:did|do) you (?:like|enjoy)|like what you(?:'re| are)? read|(?:te|le) (?:gustó|ha gustado)|gostou (?:d[aeo]st[ae]|do|da)|hat ihnen (?:dieser|der) (?:artikel|beitrag)/iu;
/**
 * A question to the reader about an account or a subscription they may have, or about reading
 * on: "Already a subscriber?", "Sie haben bereits ein Abonnement?", "¿Quieres seguir leyendo?".
 */
const accountQuestion =
  /^[¿]?(?:(?:are you |you(?:'re| are) )?already (?:a )?(?:subscriber|member|registered)|already have an? (?:account|subscription)|want to (?:keep|continue) reading|(?:vous êtes |êtes-vous )?déjà (?:abonnée?|inscrite?)|vous avez déjà un (?:compte|abonnement)|envie de lire la suite|vous voulez lire la suite|(?:ya )?(?:eres|es usted) (?:suscriptora?|socio|socia)|ya tienes (?:una )?(?:cuenta|suscripción)|(?:quieres|quiere) seguir leyendo|já (?:é|és) (?:assinante|cadastrad[oa])|já tem (?:uma )?(?:conta|assinatura)|quer (?:continuar|seguir) lendo|(?:sie haben|haben sie|du hast|hast du) (?:bereits|schon) (?:ein(?:en)? )?(?:abonnement|abo|konto|zugang)|(?:sie wollen|wollen sie|möchten sie|sie möchten) weiterlesen|(?:sie wollen|wollen sie|möchten sie|sie möchten) mehr\b[^.!?]{0,40}\blesen|(?:want|would you like) to read more|envie d'en lire plus|(?:quieres|quiere) leer más|quer ler mais|(?:sie sind|sind sie) (?:bereits|schon) (?:abonnent|abonnentin|registriert))[^.!?]{0,40}\?/iu;
/** Paywalls and account prompts. */
const paywall =
  /réservée? aux abonnés|article gratuit|free articles? (?:left|remaining)|artículos? gratuitos?|artigos? gratuitos?|kostenlose[rn]? artikel|cet article vous est offert|gehört zum angebot von|ohne abonnement|ihnen geschenkt|this article (?:was|has been) gifted|gifted to you|regalado por un suscriptor|presente de (?:um|uma) assinante|il vous reste \d|déjà abonné|la suite est réservée|subscribers? only|for subscribers|already a subscriber|(?:subscribe|log in|sign in) to (?:continue|read)|to continue reading(?=\s*[,:.…]|\s*$)|exclusiv[oa]s? para (?:suscriptores|assinantes)|(?:réservés|reserved|reservados|vorbehalten)[^.]{0,20}(?:abonnés|subscribers|suscriptores|assinantes|abonnenten)|ya eres suscriptor|para (?:seguir|continuar) leyendo(?=\s*[,:.…]|\s*$)|já é assinante|para (?:continuar|seguir) lendo(?=\s*[,:.…]|\s*$)|nur für abonnenten|bereits abonnent|artikel freischalten|jetzt weiterlesen|s[oó]lo para suscriptores|desbloque(?:ie|a) (?:este|o|el) (?:conteúdo|contenido|artigo|artículo)|unlock this (?:article|story)|débloquez cet article/iu;
/** What a consent banner is about: cookies, or what the site stores on the reader's device. */
const cookieWords =
  /cookie|traceurs|trackers|rastreadores|(?:information|informations|información|informações|informationen) (?:on|sur|en|no|auf) (?:your|a|votre|un|su|un|seu|um|ihrem|einem) (?:device|appareil|dispositivo|gerät)/iu;
/** What a consent banner asks: to accept, refuse or set what the site stores. */
const consent =
  /accept|consent|allow|autoris|permit|erlaub|zulass|refus|naveg|personnalis|personaliz|choix|audience|publicité|advertising|publicidad|publicidade|werbung|partenaires|partners|socios|parceiros|paramétr|param[eè]tres|préférences|settings|preferences|privacy|confidentialité|navigation|browsing|expérience|experience|experiencia|experiência|aceptar|rechazar|configura|aceitar|rejeitar|akzeptieren|ablehnen|einstellungen|zustimm|einwillig|datenschutz|privacidad|privacidade/iu;
/** The heading of a consent banner speaks of the reader's privacy ("Le respect de votre vie privée"). */
const privacy =
  /vie privée|privacy|privacidad|privacidade|privatsphäre|données personnelles|personal data|datos personales|dados pessoais|personenbezogene daten/iu;
/** A request to turn the browser's JavaScript on, in the five languages. */
const javascript =
  /(?:enable|turn on|activate|allow|activez|activer|autorisez|activa|habilita|habilite|active|ative|ativar|habilitar|aktivieren sie|aktivieren)\b[^.]{0,40}\bjavascript\b|\bjavascript\b[^.]{0,40}(?:enabled|activé|activado|ativado|aktiviert|désactivé|desactivado|desativado|deaktiviert|disabled)/iu;
/** Quotation marks: an appeal in quotes is someone's words that the article reports. */
const quoted = /[«»“”„"]/u;
/** An invitation to comment, addressed to the reader ("Rellena tu nombre para comentar"). */
const commentPrompt = /comment|comentar|comentário|kommentier/iu;
/** The verbs of subscription and donation buttons, opening a short line. */
const button =
  /^(?:become (?:an? )?(?:\S+ )?(?:sponsor|member|supporter|subscriber|patron)|devenez (?:\S+ )?(?:membre|abonnée?|donat(?:eur|rice)|mécène)|hazte (?:socio|socia|suscriptora?|mecenas)|torne-se (?:assinante|apoiador|membro)|werden sie (?:mitglied|abonnent(?:in)?|unterstützer(?:in)?)|assine|assinar|abonnez-vous|s'abonner|je m'abonne|subscribe|suscríbete|suscribite|suscribirse|abonnieren|jetzt abonnieren|sign up|inscrivez-vous|donate|faire un don|faites un don|dona|doe|spenden|jetzt spenden|join|únete|hazte socio|seja assinante|apoie|support us|soutenez-nous|follow us|suivez-nous|síguenos|seguinos|siga-nos|sigam-nos|folgen sie uns|folge uns)(?![\p{L}])/iu;
const newsletterWord = /newsletter|boletín|boletim|infolettre/iu;
const endsWithStop = /\.\s*$/;
const commentRules =
  /(?:comment|commentaire|comentario|comentário|kommentar|diskut|discut|debat|réag|conversation|conversa)[\p{L}]*.{0,80}(?:moder|charte|normas|regras|regeln|richtlinien|netiquette|guidelines|community|communauté|comunidad|comunidade)/iu;
/** A notice about the comments themselves (closed, moderated, whose opinion they are). */
const commentNotice =
  /^(?:les |the |los |os |die )?(?:commentaires|comments|commenting|comentarios|comentários|kommentare|kommentarfunktion)(?!\s+(?:du|de|des|d'|of|del|do|da|dos|der|von|zu)\s)[^.]{0,120}(?:désactiv|fermé|closed|disabled|desativad|desactivad|cerrad|deaktiviert|geschlossen|modér|moderat|moderad|moderiert|responsab|verantwort|opinião d|opinion d|opinion of|opinión d|meinung der)/iu;
/** Who answers for an opinion page, and how its author spells. */
const disclaimer =
  /n'engagent que|de la seule responsabilité de leurs? auteurs?|d[ae] exclusiva responsabilidade d|do not necessarily (?:reflect|represent)|no (?:reflejan|representan) necesariamente|não (?:refletem|reflectem|representam) necessariamente|geben nicht (?:unbedingt|notwendigerweise|zwingend) die meinung|(?:views|opinions) expressed|opinions exprimées|opiniones expresadas|opiniões expressas|escreve (?:segundo|de acordo com) (?:a antiga ortografia|o (?:antigo|novo) acordo ortográfico)/iu;
const aboutArticle =
  /(?:retrouvez|lisez|find|read|encuentre|encuentra|lea|leia|encontre|lesen sie|finden sie) (?:cet article|this (?:article|story)|este artículo|este artigo|esta reportagem|diesen artikel|diesen beitrag)[^.]{0,30}(?:édition|edition|edición|edição|ausgabe)|(?:cet article|cette chronique|cet entretien|this article|this story|a version of this|este artículo|esta entrevista|este artigo|esta reportagem|esta matéria|dieser artikel|dieser beitrag)[^.]{0,60}(?:paru|publié|appeared|appears|was published|originally published|se publicó|fue publicad|foi publicad|erschien|erschienen|mis à jour|has been updated|fue actualizad|foi atualizad|wurde aktualisiert|is more than|a plus d|date de plus d|tiene más de|tem mais de|ist (?:mehr|älter) als)|notre édition du|our print edition|edición impresa|edição impressa|gedruckten ausgabe/iu;
const correction =
  /^(?:correction|corrigendum|korrigendum|richtigstellung|rectificatif|rectification|erratum|errata|fe de errores|fe de erratas|corrección|correção|korrektur|berichtigung|clarification|editor['’]s note|note de la rédaction|nota del editor|nota de la redacción|nota da redação|nota do editor|anmerkung der redaktion|hinweis der redaktion)(?:\s*[:.(–—-]|\s+\d|\s+\p{Lu}\p{Ll}+\.? \d)|(?:an? )?(?:earlier|previous) version of this (?:article|story)|une (?:précédente|première) version de cet article|una versión anterior de (?:este|esta)|uma versão anterior (?:deste|desta)|eine frühere version dieses/iu;

/** The reader asked to report a mistake: "Une erreur s’est glissée ? Signalez-la", "Report an error". */
const reportError =
  /(?:signal(?:ez|er)|report|reportar|informar|comunicar|melden|avis(?:ez|er)|avísanos|avise)[^.?!]{0,40}(?:erreur|error|erro|fehler|coquille|typo|faute)|(?:erreur|error|erro|fehler|coquille|faute)[^.?!]{0,60}[?!.]\s*(?:signal|report|melde|avís|avis|comuníque|informe|escr[ií]ba)/iu;

/** What a cookie button does: manage, set, accept or refuse. */
const cookieButton =
  /g[ée]r(?:er|ez)|gestion|manage|settings|preferences|verwalten|einstellungen|gestionar|configura|gerenciar|gerir|param[èeé]tr|pr[ée]f[ée]rences|accept|refus|reject|akzeptier|ablehn|aceptar|rechazar|aceitar|rejeitar/iu;

/** The article itself, named by its page: "cet article", "esta nota", "diesem Beitrag". */
const thisPiece =
  /(?:cet article|cette page|this (?:article|story|page)|esta nota|este artículo|esta noticia|este artigo|esta notícia|esta matéria|diese[mn]? (?:artikel|beitrag|text))/iu;

/** A page hiding what a third party serves until the reader consents: an embed's notice. */
const blockedEmbed =
  /(?:content|contenu|contenido|conteúdo|inhalt|inhalte|embed|vídeo|video|tweet|post)[^.]{0,60}(?:third part|tiers|terceros|terceiros|dritt|bloqu|blocked|blockiert|masqu|hidden)|(?:third[- ]party|tiers|terceros|terceiros|externe[rn]?) (?:content|contenu|contenido|conteúdo|inhalte?)/iu;

/** How a publication says who pays for it, or that reading it costs nothing. */
/** The page saying what its journalism lives on: "Notre journalisme dépend de vous". */
const ourJournalism =
  /^(?:our|notre|nuestro|o nosso|nosso|unser) (?:journalism|journalisme|periodismo|jornalismo|journalismus) (?:relies|depends|needs|lives|dépend|a besoin|vit|depende|necesita|vive|precisa|braucht|lebt)\b/iu;
/**
 * A station or a paper living on its public: "Public radio depends on listeners like you", "O
 * jornalismo de qualidade precisa de si".
 */
const likeYou =
  /(?:journalism|journalisme|periodismo|jornalismo|journalismus)[^.]{0,40}(?:needs you|a besoin de vous|(?:te|le|los) necesita|precisa de (?:si|você|vocês)|braucht (?:Sie|dich|euch))|(?:depends|relies|counts|runs) on (?:listeners|readers|viewers|members|supporters|donors|people) like you|(?:dépend|vit) (?:de|grâce à des) (?:lecteurs|lectrices|auditeurs|auditrices|téléspectateurs|membres|donateurs) comme vous|(?:depende|vive) de (?:lectores|oyentes|audiencias|socios|donantes|leitores|ouvintes|espectadores|sócios|doadores) como (?:tú|usted|ustedes|você|vocês)|(?:lebt|hängt) (?:von|ab von) (?:Lesern|Leserinnen|Hörern|Hörerinnen|Zuschauern|Mitgliedern|Spendern) wie (?:Ihnen|dir)/iu;
const funding =
  /funded by|paid for by|free to read|free for everyone|no (?:billionaire|paywall)|shareholders|financé(?:e|s)? par|gratuit pour tous|en accès libre|sans actionnaire|financiad[oa]s? por|gratis para todos|sin accionistas|financiad[oa]s? por|gratuit[oa] para todos|sem acionistas|finanziert (?:durch|von)|kostenlos (?:für alle|lesbar|zugänglich)|ohne aktionäre|keine aktionäre/iu;
/** The site's other pages, where the page sends its reader ("… on our website"). */
const sitePage = anyWord(
  'website|site|site web|sitio|sitio web|web|página web|página|webseite|seite|sportseite|' +
    'homepage|portal',
);
/** When a newsletter comes: a schedule or the reader's mailbox. */
const delivery =
  /inbox|in your (?:mail|e-mail|email)|every (?:morning|day|evening|week|weekday)|each (?:morning|week)|weekdays|boîte (?:mail|aux lettres|de réception)|chaque (?:matin|jour|soir|semaine)|bandeja de entrada|cada (?:mañana|día|semana)|todas las mañanas|caixa de entrada|todas as manhãs|toda (?:manhã|semana)|todos os dias|postfach|posteingang|jeden (?:morgen|tag|abend)|werktags|täglich|wöchentlich/iu;

/** The site's own newsletter, named as such: "in this weekly newsletter", "notre lettre". */
const ownNewsletter =
  /(?:this|our|cette|notre|nuestro|nuestra|este|esta|nosso|nossa|unser|unseren|unserem|diesem|dieser|diesen)\s+(?:\p{L}+\s+)?(?:newsletter|boletín|boletim|infolettre|lettre d['’]information)/iu;
/**
 * Comments open only to subscribers or to those logged in: "Commenting is only available to
 * readers with a premium subscription", "Debe iniciar sesión para comentar".
 */
const commentGate =
  /(?:comment|commenter|commentaires?|comentar|comentarios?|comentários?|kommentieren|kommentare?)[^.]{0,60}(?:subscri|abonn|suscri|assinant|premium|log in|sign in|logged in|connecté|iniciar sesión|inicia sesión|login|anmeld|registrier)|(?:log in|sign in|connectez-vous|iniciar sesión|inicia sesión|inicie sesión|faça login|melden sie sich an|anmelden)[^.]{0,40}(?:comment|comentar|kommentieren)/iu;

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
  // A trial at a price is a subscription's: "Testen Sie … einen Monat für 0,99 Euro".
  if (
    /abonn|subscri|suscr|assin|\babo\b|premium|unlock|débloqu|desbloque|freischalt|testen sie|try it|essayez/iu.test(
      text,
    )
  )
    return 'appeal: subscription';
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
  let addressedMemo: boolean | undefined;
  let oursMemo: boolean | undefined;
  const addressed = () => (addressedMemo ??= reader.test(text) || readerDe.test(text));
  const ours = () => (oursMemo ??= publisher.test(text) || thisSite.test(text));
  if (cookieWords.test(text) && (addressed() || ours()) && consent.test(text))
    return 'cookie banner';
  // "Manage cookie settings", "Cookie-Einstellungen verwalten": a button, not a sentence.
  if (words <= 5 && cookieWords.test(text) && cookieButton.test(text) && !endsWithStop.test(text))
    return 'cookie banner';
  if (
    words <= 40 &&
    blockedEmbed.test(text) &&
    (cookieWords.test(text) || (consent.test(text) && addressed())) &&
    !reporting.test(text)
  )
    return 'cookie banner';
  // The page's own script turned off: "Please turn on JavaScript to view this content".
  if (words <= 25 && javascript.test(text) && !reporting.test(text)) return 'embed notice';
  // Only when the page asks its reader about itself: "The report found an error" is news.
  if (
    words <= 30 &&
    reportError.test(text) &&
    !reporting.test(text) &&
    (addressed() || ours() || thisPiece.test(text))
  )
    return 'correction note';
  if (words > 30 && quoted.test(text)) return null;
  if (words <= 60 && privacy.test(text) && (addressed() || ours()) && !reporting.test(text)) {
    return words <= 12 ? 'cookie banner' : 'privacy notice';
  }
  if (words <= 3 && newsletterWord.test(text)) return 'appeal: newsletter';
  if (words <= 40) {
    if (commentNotice.test(text)) return 'comment widget';
    if (words <= 25 && commentGate.test(text) && !reporting.test(text) && !quoted.test(text))
      return 'comment widget';
    if (commentRules.test(text) && (addressed() || ours())) return 'comment widget';
    if (words <= 20 && commentPrompt.test(text) && addressed()) return 'comment widget';
    if (disclaimer.test(text)) return 'disclaimer';
    if (aboutArticle.test(text)) return 'edition note';
  }
  if (words <= 80 && correction.test(text)) return 'correction note';
  if (accountQuestion.test(text)) return appealKind(text);
  // The page telling its reader who pays for it, what its newsletter brings and when, or where
  // else on the site to look; the words of the class first, the reader and the page after.
  const tellsReader = () => !quoted.test(text) && addressed() && !reporting.test(text);
  if (words <= 80 && funding.test(text) && ours() && tellsReader()) return 'appeal: donation';
  if (words <= 30 && ourJournalism.test(text) && !quoted.test(text)) return 'appeal: donation';
  if (words <= 30 && likeYou.test(text) && !quoted.test(text) && !reporting.test(text))
    return 'appeal: donation';
  // An offer and its price, under its label or to the reader: "Offre numérique : 1 € le premier
  // mois, puis 12,99 € par mois, sans engagement" (a news story quotes a price in a sentence).
  const offer = () => price.test(text) && offers.count(text) >= 2;
  const labelled = /^[^:.!?]{2,30}\s?:\s/u.test(text);
  if (words <= 30 && !quoted.test(text) && !reporting.test(text) && offer())
    if (labelled || ours() || addressed()) return appealKind(text);
  if (words <= 40 && newsletterWord.test(text) && delivery.test(text) && tellsReader())
    return 'appeal: newsletter';
  if (words <= 25 && ownNewsletter.test(text) && !quoted.test(text) && !reporting.test(text))
    return 'appeal: newsletter';
  if (words <= 30 && sitePage.test(text) && ours() && tellsReader()) return 'read-also link';
  if (words <= 30 && (likedIt.test(text) || paywall.test(text))) return appealKind(text);
  // A button or a promotion's heading: "Assine a Folha", "Sign up to This is Europe".
  if ((words <= 4 || (words <= 8 && !endsWithStop.test(text))) && button.test(text)) {
    return appealKind(text);
  }
  if (!imperative.test(text)) {
    return words <= 30 && offers.test(text) && ours() && addressed() ? appealKind(text) : null;
  }
  // A question to the reader, then what to do: "¿Tienes una pista? Escríbenos".
  if (words <= 10 && /\?\s+\S/u.test(text) && !quoted.test(text)) return appealKind(text);
  // A report that quotes an appeal is still a report.
  if (words > 8 && reporting.test(text)) return null;
  const offered = offers.test(text);
  const priced = price.test(text) || mailbox.test(text);
  const signals = Number(ours()) + Number(addressed()) + Number(offered) + Number(priced);
  // A long line must say more than once that it is the page speaking to its reader.
  if (words > 40 && !(signals >= 2 && (ours() || addressed() || (offered && priced)))) return null;
  return signals > 0 ? appealKind(text) : null;
}
