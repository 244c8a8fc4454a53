import { anyWord, opening } from './cue.ts';

/**
 * Who wrote, photographed, edited or sent the article: bylines, photo captions and credits,
 * agency sign-offs, in French, English, Spanish, Portuguese and German. Judged by the words
 * that open or close the line and by the shape of what follows them (a name, not a sentence).
 */

const bylineCue = opening(
  'par|by|por|von|written by|words by|reported by|story by|text by|texto|textos|text|texte|' +
    'texte et photos|texto e fotos|texto y fotos|text und fotos|reportagem|reportage|' +
    'reportaje|autor|autora|autores|author|authors|auteur|auteurs|autorin|escrito por|' +
    'publicado por|posted by|propos recueillis par|entretien réalisé par|interview by|' +
    'interview réalisée par|entrevista de|entrevista por|entrevista realizada por|' +
    'entrevistado por|ein interview von|das interview führte|das gespräch führte|fotos|photos|' +
    'imagens|bilder|edited by|editado por|de notre correspondant|de notre correspondante|' +
    'de notre envoyé spécial|de notre envoyée spéciale|de nuestro corresponsal|' +
    'de nuestra corresponsal|do nosso correspondente|from our correspondent|' +
    'von unserem korrespondenten|von unserer korrespondentin|avec notre correspondant|' +
    'avec notre correspondante|avec nos correspondants|with our correspondent|' +
    'con nuestro corresponsal|con nuestra corresponsal|com o nosso correspondente|' +
    'com a nossa correspondente|mit unserem korrespondenten|mit unserer korrespondentin|' +
    'par notre correspondant|par notre correspondante|par notre envoyé spécial|' +
    'par notre envoyée spéciale|por nuestro corresponsal|por nuestra corresponsal|' +
    'pelo nosso correspondente|pela nossa correspondente|by our correspondent|' +
    'texto de|textos de|texte de|text von|fotos de|reportagem de|reportaje de|reportage de|' +
    'ein artikel von|ein beitrag von|un article de|un artículo de|um artigo de|an article by|' +
    'a story by|a report by|colaboração para o|colaboração para a|envoyé spécial à|' +
    'envoyée spéciale à|envoyé spécial en|envoyée spéciale en|enviado especial a|' +
    'enviada especial a|enviado especial en|enviada especial en|crónica de',
);

/** Words that may stand in a byline after the name: connectors, roles, desks, agencies. */
const bylineWords = new Set(
  `de da do das dos del della di du des van von der den la le les el los las y e et and und & with avec con com mit the o a os as for pour para für in à en em aus from at chez desde
  repórter reporter reporters journaliste journalistes journalist journalists periodista periodistas jornalista jornalistas redakteur redakteurin correspondant correspondante correspondent corresponsal correspondente korrespondent korrespondentin envoyé envoyée spécial spéciale special especial enviado enviada editor editors éditeur éditrice editora chef chief senior staff writer writers rédacteur rédactrice redactor redactora redator redatora fotógrafo fotógrafa photographe photographer fotograf fotografin agência agencia agence agency agentur desk team équipe equipo equipe redaktion rédaction redacción redação newsroom bureau service services sección seção ressort international economics politics business culture science sports`.split(
    /\s+/,
  ),
);

/** The prepositions of a correspondent's place: "à Buenos Aires", "em Luanda", "in Berlin". */
const placeBefore = new Set(['à', 'a', 'au', 'aux', 'in', 'en', 'em', 'no', 'na']);

/** A newsroom signing as a whole rather than a person. */
const newsroom = opening(
  'la rédaction|la redacción|a redação|die redaktion|the editors|the editorial board|' +
    'our correspondent|notre correspondant|nuestro corresponsal|nosso correspondente|' +
    "unserem korrespondenten|the associated press|l'afp|la agencia",
);

const upper = /^[\p{Lu}(]/u;
const fullStop = /[\p{Ll}\p{N}]{2}\.[»"”’)\]]*$/u;

/**
 * A name, then the writer's beat and role, with no cue before it: "Morag Hendry Scotland
 * correspondent", "Lena Schmidt Wirtschaftsredakteurin".
 */
const nameThenRole = /^\p{Lu}\p{Ll}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]+){1,5}\s(\p{L}+(?:-\p{L}+)?)$/u;
const roleWord =
  /^(?:\p{L}+-)?(?:correspondent|reporter|editor|writer|columnist|correspondant|correspondante|journaliste|chroniqueur|chroniqueuse|corresponsal|periodista|redactor|redactora|correspondente|repórter|jornalista|colunista|\p{L}*korrespondent(?:in)?|\p{L}*redakteur(?:in)?|\p{L}*reporter(?:in)?)$/u;
const isNameThenRole = (text: string) => {
  const role = nameThenRole.exec(text)?.[1];
  if (role === undefined || !roleWord.test(role.toLowerCase())) return false;
  // A byline writes the role in lowercase; a headline in title case capitalises it ("Chile
  // Names New Correspondent"). German capitalises its nouns: a compound role is one.
  return (
    /^\p{Ll}/u.test(role) ||
    /^\p{Lu}\p{Ll}+(?:korrespondent|redakteur|reporter)(?:in)?$/u.test(role)
  );
};

/** The writer's role on a line of its own, under the name: "Sports reporter", "Senior editor". */
function isRoleAlone(text: string): boolean {
  const words = text.toLowerCase().split(/\s+/);
  return (
    words.some((word) => roleWord.test(word)) &&
    words.every((word) => roleWord.test(word) || bylineWords.has(word))
  );
}

/** True when the line is a byline: a cue, then a name (and a role, a desk, an agency). */
export function isByline(text: string, words: number): boolean {
  if (words > 24) return false;
  if (words <= 7 && isNameThenRole(text)) return true;
  if (words <= 4 && isRoleAlone(text)) return true;
  const cue = bylineCue.exec(text);
  if (!cue) return false;
  const rest = text.slice(cue[0].length).replace(/^\s*[:：-]?\s*/, '');
  if (rest === '') return false;
  if (newsroom.test(rest)) return true;
  // "… correspondant à Buenos Aires, Théo Marchand": a place may come before the name.
  const first = rest.split(/\s/, 1)[0]?.toLowerCase() ?? '';
  if (!upper.test(rest) && !placeBefore.has(first)) return false;
  let common = 0;
  let tokens = 0;
  for (const token of rest.split(/[\s,;|/–—-]+/)) {
    const word = token.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (word !== '') tokens++;
    if (word === '' || upper.test(word) || bylineWords.has(word.toLowerCase())) continue;
    common++;
  }
  // A full stop after a name alone ("Das Interview führte Nils Bergmann."); else a sentence.
  if (fullStop.test(rest)) return common === 0 && tokens >= 2 && tokens <= 4;
  return common === 0 || (common === 1 && words <= 12);
}

/** A desk's sign-off in brackets: a name and a date, "(Sarah Moser, 4.2.2026)". */
const bracketSignOff =
  /^\(\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){0,3},\s*\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}\)$/u;
/** A photographer "for" the outlet, under a picture: "Mauricio Palos for KPRN". */
const forOutlet =
  /^\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){1,2} (?:for|pour|para|für) (?:the |die |der |das |le |la |les |el |o |a )?\p{Lu}[\p{L}&'’.-]*(?: \p{Lu}[\p{L}&'’.-]*){0,2}$/u;

/** The sign-offs of agencies and desks that close a wire story. */
/** Who else worked on the story: "Associated Press writer X contributed to this report." */
const contributed =
  /contributed (?:to this report|reporting|to this story)|a contribué à (?:cet article|ce reportage)|contribuyó a (?:este|esta) (?:informe|nota|reportaje)|colaborou com (?:esta|este) (?:reportagem|texto)|hat zu diesem (?:bericht|artikel) beigetragen/iu;
/** A newsroom and the agency it rewrote: "Le Monde avec AFP", "El País con agencias". */
const withAgency =
  /^\p{Lu}[\p{L}'’ .-]{0,40}\s(?:avec|with|con|com|mit)\s(?:l'|la |a |der |den )?(?:AFP|AP|Reuters|EFE|dpa|Lusa|agences|agencies|agencias|agências|agenturen)\.?$/u;
/** Agencies' names, as sign-offs list them. */
const agency =
  '(?:AFP|AP|Reuters|EFE|dpa|Lusa|ANSA|Xinhua|Bloomberg|Europa Press|Agência Brasil|agences|agencies|agencias|agências|agenturen)';
/** A line of agencies only: "Avec AFP et Reuters", "With reporting by AP", "Com informações da Reuters". */
const agenciesOnly = new RegExp(
  `^(?:avec|with|con|com|mit)\\s(?:reporting (?:by|from)\\s|information from\\s|información de\\s|informações d[aeo]s?\\s|material von\\s|l['’]|la\\s|a\\s|der\\s)?${agency}(?:\\s*(?:,|\\set|\\sand|\\sy|\\se|\\sund|&)\\s*(?:l['’]|la\\s|a\\s|der\\s)?${agency})*\\.?$`,
  'iu',
);
/** A short source line: "Quelle: dpa", "Fuente: EFE". */
const source = /^(?:quelle|quellen|fuente|fuentes|fonte|fontes|source|sources)\s*:\s*\S/iu;
const signOffStart = opening(
  'reporting by|additional reporting by|additional reporting|writing by|editing by|' +
    'compiled by|research by|graphics by|production by|contributing reporting|rédigé par|' +
    'édité par|avec la collaboration de|con información de|con reporte de|edición de|edición:|' +
    'redacción:|edição:|edição de|revisão:|com informações|reportagem de|colaborou|' +
    'colaboraram|mit material|bearbeitet von|redaktion:|mitarbeit:|übersetzung:|übersetzt von|' +
    'mit informationen von|mit informationen der|mit informationen aus|with information from|' +
    'avec des informations de|avec les informations de|com informações de|con informaciones de',
);
const initials = /^\(?\p{L}{1,5}(?:\s?\/{1,2}\s?\p{L}{1,5}){1,6}\)?\.?$/u;
const dpaCode = /^dpa-infocom\b|(?<![\p{L}])dpa:\d{6}-/u;
const rights =
  /(?:^|\s[·|•]\s*)(?:©|\(c\)\s|copyright\b)|all rights reserved|tous droits réservés|todos los derechos reservados|todos os direitos reservados|alle rechte vorbehalten/iu;
/** Terms of reuse printed under wire stories: what may be reproduced, and on what terms. */
const reuse =
  /reproduction (?:interdite|totale ou partielle|or redistribution)|toute reproduction|may not be (?:published|reproduced|redistributed|rewritten)|prohibida (?:la|su) (?:reproducción|redistribución)|redistribución y la redifusión|(?:pode|podem) ser reproduzid|reprodução (?:proibida|total ou parcial)|nachdruck (?:nur|verboten)|vervielfältigung|weiterverbreitung/iu;
/**
 * A publisher's legal line: who publishes the site, its company form and a registration ("… es
 * una publicación de Editorial X S.A. Registro DNDA N.º …").
 */
const companyForm =
  /\b(?:S\.\s?A\.|S\.\s?L\.|SAS|SARL|S\.A\.S\.|GmbH|AG|Ltd\.?|Limited|Inc\.|LLC|Ltda\.?|Lda\.?|S\.p\.A\.)(?![\p{L}])/u;
const registration =
  /registro|registration|registered|registre|immatricul|rcs|handelsregister|registergericht|issn|isbn|cnpj|nif|cif\b|siret|siren|n\.º|nº|no\.\s?\d|propriedad intelectual|propiedad intelectual|propriété intellectuelle|editorial responsab|directeur de (?:la )?publication|director responsable|verantwortlich im sinne/iu;
/** The site naming its publisher: "… es una publicación de …", "… est édité par …". */
const publishedBy =
  /(?:est|is|es|é|ist) (?:une |un |una |a |an |um |uma |eine )?(?:publication|publicación|publicação)|édité(?:e)? par|published by|publicad[oa] por|editad[oa] por|herausgegeben von|(?:ist )?ein(?:e)? (?:publikation|produkt|angebot) (?:der|des|von)/iu;
const trust =
  /trust principles|principes de confiance|principios de confianza|princípios de confiança/iu;
const newTab =
  /(?:opens new tab|opens in (?:a )?new (?:tab|window)|ouvre un nouvel onglet|s'ouvre dans un nouvel onglet|abre (?:en )?una nueva (?:pestaña|ventana)|abre em (?:uma )?nova (?:aba|guia|janela)|öffnet (?:in )?(?:einem )?neue[nm]? (?:tab|fenster))\s*$/iu;

/** A sentence's end, then the next one's start. */
const sentenceBreak = /[.!?…]["”»’)]?\s+(?=\S)/gu;
/** How a copyright notice opens: the mark, the word, the reservation or the terms. */
const noticeOpening =
  /^(?:©|\(c\)\s|copyright\b|all rights reserved|tous droits réservés|todos los derechos reservados|todos os direitos reservados|alle rechte vorbehalten|this material may not)/iu;
/** A notice glued to a paragraph is at most this long, in words. */
const maxNoticeWords = 40;

/**
 * Where a copyright notice that a page ran into an article's last paragraph starts ("… after
 * all. Copyright 2011 The Salt Lake Tribune. All rights reserved."), or -1. It opens a
 * sentence and reserves rights or sets terms of reuse: "Copyright cases rose." is news.
 */
export function legalTailAt(text: string): number {
  for (const match of text.matchAll(sentenceBreak)) {
    const at = match.index + match[0].length;
    const rest = text.slice(at);
    if (
      noticeOpening.test(rest) &&
      (rest.startsWith('©') ||
        rights.test(rest.replace(/^(?:©|\(c\)\s|copyright\b)/iu, '')) ||
        reuse.test(rest)) &&
      rest.split(/\s+/).length <= maxNoticeWords
    )
      return at;
  }
  return -1;
}

/** The sign-off class of a line, or null. */
export function signOffOf(text: string, words: number): string | null {
  if (words > 60) return null;
  if (initials.test(text) && text.includes('/')) return 'agency sign-off';
  if (dpaCode.test(text) || signOffStart.test(text) || trust.test(text)) return 'agency sign-off';
  if (words <= 30 && (contributed.test(text) || withAgency.test(text))) return 'agency sign-off';
  if (words <= 12 && agenciesOnly.test(text)) return 'agency sign-off';
  if (words <= 6 && source.test(text)) return 'agency sign-off';
  if (words <= 8 && bracketSignOff.test(text)) return 'byline';
  if (words <= 7 && forOutlet.test(text)) return 'photo credit';
  if (words <= 20 && rights.test(text)) return 'copyright';
  if (words <= 40 && publishedBy.test(text) && registration.test(text) && companyForm.test(text))
    return 'copyright';
  // The terms open the line: after an article's last sentence, they are not the line's point.
  const terms = reuse.exec(text);
  if (terms && (terms.index <= 60 || /^(?:©|copyright)/iu.test(text))) return 'copyright';
  if (words <= 12 && newTab.test(text)) return 'link text';
  return null;
}

const creditWord = opening(
  'photo|photos|photograph|photography|photographie|image source|foto|fotos|fotografía|' +
    "fotografia|foto de archivo|photo d’archives|photo d'archives|crédit|crédits|credit|" +
    'credits|crédito|créditos|image|images|imagem|imagen|bild|bilder|illustration|ilustración|' +
    'ilustração|infographie|grafik|archivbild|symbolbild',
  'iu',
);
/** A caption's own label, then a colon: "Légende : …", "Foto: …". */
const captionLabel =
  /^[–—-]?\s*(?:légende|caption|image caption|photo caption|pie de foto|legenda|bildunterschrift|photo|foto|image|imagen|imagem|bild)\s*[:,]\s*\S/iu;
const slashCredit = /^[\p{L}][\p{L}.'’-]*(?:\s+[\p{L}][\p{L}.'’-]*){0,4}\s*\/\s*\S/u;
/** A credit in brackets at the end: "(Foto: Marcelo Camargo)", "(AP Photo/Natacha Pisarenko)". */
const parenCredit =
  /\((?:[^()]{0,40}[\s/])?(?:photo|foto|crédit|credit|bild|imagem|imagen|image)s?(?:\s*[:/©]|\s+(?:by|par|de|por|von)\s)[^()]{1,60}\)\s*$/iu;
const agencyNames = anyWord(
  'afp|ap|reuters|efe|dpa|ansa|getty|getty images|epa|picture alliance|imago|keystone|' +
    'xinhua|bloomberg|shutterstock|sipa|maxppp|abaca|anadolu|zuma|nurphoto|europa press|' +
    'agência brasil|folhapress|estadão conteúdo|cuartoscuro',
  'iu',
);
/** The part of a line after its last dash or bar. */
const dashedCredit = /\s[-–—|]\s+([^-–—|]+)$/u;
/** Where the last sentence of a line ends, when a credit follows it. */
const lastSentenceEnd = /[.!?…][»"”’)\]]*\s+(?=\S)/g;

/**
 * What a photo desk prints after a caption to sell the picture's rights: "… Purchase Licensing
 * Rights", "Acheter les droits", "Bildrechte erwerben".
 */
const licensing =
  /(?:purchase|buy|acquire) (?:licensing|reprint|image|photo) rights|license this (?:photo|image|picture)|buy this (?:photo|image|picture)|acheter (?:les droits|cette photo|la photo)|droits de reproduction|comprar (?:los )?derechos|comprar (?:esta|la) (?:foto|imagen)|licenciar (?:esta|la) (?:foto|imagen)|comprar (?:os )?direitos|comprar (?:esta|a) (?:foto|imagem)|licenciar (?:esta|a) (?:foto|imagem)|(?:bild|foto|nutzungs)rechte (?:erwerben|kaufen)|(?:bild|foto) kaufen|lizenz erwerben/iu;

/** The licensing phrase closing a line, maybe with the link's "opens new tab" after it. */
const licensingEnd = new RegExp(
  `(${licensing.source})[\\s,;|·•]*(?:(?:opens|ouvre|abre|öffnet)[\\p{L} ]{0,30})?$`,
  'iu',
);

/** Whether the words of a credit are a name (capitalised words, slashes, agencies). */
function nameLike(credit: string): boolean {
  const tokens = credit.split(/[\s/|,;–—·]+/).filter((t) => t !== '' && t !== '-');
  if (tokens.length === 0 || tokens.length > 10) return false;
  let lower = 0;
  for (const token of tokens)
    if (
      !upper.test(token) &&
      !/^(?:de|da|do|dos|das|du|des|del|di|la|le|van|von|der|y|e|et|and|und|dpa|picture|alliance|via)$/.test(
        token,
      )
    )
      lower++;
  return lower === 0 || (lower === 1 && tokens.length >= 3);
}

/** Whether the end of a line (or the whole of it) is a photo credit. */
function isCredit(segment: string): boolean {
  const word = creditWord.exec(segment);
  if (word)
    return nameLike(
      segment.slice(word[0].length).replace(/^\s*[:©]?\s*(?:by|par|de|por|von|:)?\s*/iu, ''),
    );
  if (slashCredit.test(segment))
    return nameLike(segment) && (agencyNames.test(segment) || segment.split(/\s+/).length <= 6);
  if (segment.startsWith('©')) return segment.length <= 80;
  // An agency or a photographer in capitals: "REUTERS", "BRUNO KELLY / REUTERS", "ARCHIVES
  // OUEST LITTORAL".
  return (
    !segment.startsWith('(') &&
    segment === segment.toUpperCase() &&
    /\p{Lu}{2}/u.test(segment) &&
    segment.split(/\s+/).length <= 6 &&
    (agencyNames.test(segment) || archive.test(segment))
  );
}

/** The words of an archive picture's credit: "ARCHIVES OUEST LITTORAL", "ARCHIVO". */
const archive =
  /^(?:archives?|archivo|arquivo|archiv|archivbild|dr|photo d'illustration|illustration)(?![\p{L}])/iu;
/** Initials closing a line: "S. M.", "J.-P. D.". */
const endsInitials = /\s\p{Lu}\.(?:-\p{Lu}\.)?(?:\s?\p{Lu}\.){0,2}$/u;
/** A player's caption toggle, left at a caption's end. */
const captionToggle = /\s+(?:hide|show|toggle) caption\s*$/iu;
/** A credit's label inside a line, as the last thing in it: "… Foto: Paul Schreiber / DER SPIEGEL". */
const creditAtEnd =
  /\s(?:photo|foto|fotos|bild|photograph|image|imagem|imagen|crédito|credit|crédit)\s*:\s*[^:«»"“”]{2,80}$/iu;
/** An agency's credit glued to a caption's end: "… 12/03/2025 REUTERS/Carla Nogueira/Foto de arquivo". */
const gluedCredit = /\s(\p{Lu}{2,}(?: \p{Lu}{2,})?)\/\p{Lu}[^/]{1,40}(?:\/[^/]{1,40}){0,2}$/u;

/**
 * The caption class of a line: 'photo credit' for a credit alone, 'photo caption' for a
 * description that ends in one (or opens with a caption label), or null.
 */
export function captionOf(line: string, words: number, endsSentence: boolean): string | null {
  if (words > 80) return null;
  // A player's toggle glued to the caption's end: "… Dana Whitfield/NPM hide caption".
  const text = line.replace(captionToggle, '');
  // The phrase is a button: capitalised, closing the line with no full stop after it.
  const sold = endsSentence ? null : licensingEnd.exec(text);
  if (sold && upper.test(sold[1] ?? '')) return sold.index === 0 ? 'photo credit' : 'photo caption';
  if (parenCredit.test(text)) return words <= 12 ? 'photo credit' : 'photo caption';
  if (captionLabel.test(text) && words <= 60) {
    const after = text.slice(text.indexOf(':') + 1).trim();
    if (!isCredit(text)) return after.length > 0 ? 'photo caption' : null;
  }
  // A credit that ends on the photographer's initials ends on a full stop: "Photo X – S. M.".
  if (endsInitials.test(text) && isCredit(text)) return 'photo credit';
  if (endsSentence && !/\)$/.test(text)) return null;
  let cut = 0;
  lastSentenceEnd.lastIndex = 0;
  for (let m = lastSentenceEnd.exec(text); m; m = lastSentenceEnd.exec(text))
    cut = m.index + m[0].length;
  const segment = text.slice(cut).trim();
  if (isCredit(segment)) return cut === 0 ? 'photo credit' : 'photo caption';
  // A credit set off by a dash: "… durante obras de reforma - Marina Duarte/Diário Paulistano".
  const dash = dashedCredit.exec(text);
  if (dash && dash.index > 0 && isCredit(dash[1] ?? '')) return 'photo caption';
  // A credit with its label after a caption that ends on a quotation: "… »…« Foto: Name / Outlet".
  const labelled = creditAtEnd.exec(text);
  if (labelled && labelled.index > 0 && isCredit(text.slice(labelled.index).trim()))
    return 'photo caption';
  const glued = gluedCredit.exec(text);
  return glued && agencyNames.test(glued[1] ?? '') ? 'photo caption' : null;
}
