import { labelKey, labelTable } from './cue.ts';

/**
 * Lines that are page furniture when they stand alone, whatever their place: the buttons,
 * labels and controls of news sites in French, English, Spanish, Portuguese and German. Looked
 * up whole (folded), so that a sentence that contains one of these words is never matched.
 */
const labels = labelTable({
  'cookie banner':
    "tout accepter|accepter|j'accepte|j’accepte|accepter et continuer|accepter et fermer|" +
    'continuer sans accepter|tout refuser|je refuse|non merci|no thanks|no, thanks|no, gracias|' +
    'não, obrigado|nein danke|nein, danke|refuser|refuser tout|paramétrer|' +
    'paramétrer les cookies|personnaliser|gérer les cookies|gérer mes choix|accept|accept all|' +
    'accept cookies|accept all cookies|reject all|reject|decline|manage cookies|' +
    'manage preferences|manage options|manage settings|cookie settings|cookies settings|' +
    'cookie preferences|privacy settings|i agree|i accept|agree|got it|aceptar|aceptar todo|' +
    'aceptar todas|aceptar cookies|aceptar y cerrar|rechazar|rechazar todo|rechazar todas|' +
    'configurar|configurar cookies|configuración de cookies|gestionar cookies|aceitar|' +
    'aceitar todos|aceitar tudo|aceitar cookies|aceito|rejeitar|rejeitar todos|recusar|' +
    'gerenciar cookies|configurações de cookies|personalizar|alle akzeptieren|akzeptieren|' +
    'alle ablehnen|ablehnen|einstellungen|cookie-einstellungen|zustimmen|alle zustimmen|' +
    'ich stimme zu|einverstanden|alle cookies akzeptieren|nur notwendige cookies|datenschutz|' +
    'datenschutzerklärung|datenschutzeinstellungen|privacy policy|politique de confidentialité|' +
    'política de privacidad|política de privacidade|impressum|mentions légales|aviso legal|' +
    "terms of use|conditions générales|conditions d'utilisation",
  'player control':
    'ouvir|ouça|ouvir notícia|ouvir matéria|ouvir texto|ouvir reportagem|escutar|listen|' +
    'listen to this article|listen to article|listen to this story|listen to the article|' +
    "écouter|écouter l'article|écouter l’article|écouter cet article|écouter ce podcast|" +
    'escuchar|escuchar noticia|escuchar artículo|escuchar este artículo|escucha|anhören|' +
    'artikel anhören|vorlesen|artikel vorlesen|artikel vorlesen lassen|play|play video|pause|' +
    'replay|reproducir|reproducir vídeo|reproduzir|reproduzir vídeo|abspielen|video abspielen|' +
    'wiedergabe|loading|carregando|cargando|chargement|chargement en cours|wird geladen|lädt|' +
    'mute|unmute|volume|fullscreen|full screen|plein écran|pantalla completa|tela cheia|' +
    'vollbild|subtitles|sous-titres|subtítulos|legendas|untertitel|watch|watch video|watch now|' +
    "écoutez|écoutez cet article|écoutez l'article|écoutez l’article|listen now|" +
    'escuche este artículo|escuchá esta nota|escucha esta nota|escuchar esta nota|' +
    'ouça esta notícia|ouça esta reportagem|ouça este artigo|ouvir esta notícia|' +
    'beitrag anhören|jetzt anhören|toggle caption|hide caption|show caption|' +
    'regarder|regarder la vidéo|voir la vidéo|ver vídeo|ver video|assistir|assista|' +
    'assista ao vídeo|video ansehen|jetzt ansehen',
  'live-blog control':
    'share|copy link|link copied|copier le lien|lien copié|copiar enlace|copiar link|' +
    'copiar o link|link kopieren|link kopiert|partager|partager cet article|compartir|' +
    'key events|show key events only|only key events|moments clés|afficher les moments clés|' +
    'momentos clave|solo momentos clave|principais momentos|wichtige ereignisse|' +
    'compartir esta noticia|compartilhar|compartilhe|partilhar|partilhe|partilhe este artigo|' +
    'compartilhe esta notícia|teilen|artikel teilen|load more|load more updates|load more posts|' +
    'show more|show less|see more|voir plus|afficher plus|charger plus|ver más|cargar más|' +
    'mostrar más|mostrar mais|carregar mais|ver mais|mehr anzeigen|mehr laden|weitere einträge|' +
    'weitere einträge laden|newest first|oldest first|latest first|pinned|pinned post|épinglé|' +
    'fijado|fixado|angeheftet|key event|key events|highlights|temps forts|momentos clave|' +
    'refresh|actualiser|share full article|share this article|reuse this content|' +
    'gift article|gift this article|share this post|share this entry|share this update|' +
    'copy link to this post|copy link to post|copy link to this entry|partager ce post|' +
    'partager cette publication|copier le lien du post|compartir esta publicación|' +
    'compartir esta entrada|copiar enlace de la publicación|compartilhar esta publicação|' +
    'partilhar esta publicação|copiar link da publicação|beitrag teilen|eintrag teilen|' +
    'link zum beitrag kopieren|link zum eintrag kopieren|' +
    "offrir l'article|offrir cet article|regalar artículo|presentear|artikel verschenken",
  // A newsroom signing as a whole.
  byline:
    'redação|redacción|redaktion|rédaction|la rédaction|la redacción|a redação|die redaktion|' +
    'newsdesk|news desk|staff|staff and agencies|staff reporter|staff writer|agencies|' +
    'agences|agencias|agências|agenturen|redação e agências|redacción y agencias|' +
    'rédaction et agences|redaktion und agenturen|da redação|de la redacción|de redacción|' +
    'desde la redacción|da redacção|de la rédaction',
  'photo credit':
    'getty images|afp photo|ap photo|reuters photo|picture alliance|imago|shutterstock|istock|' +
    // Where a picture comes from, when no one is credited.
    "file photo|file image|archive photo|archive image|stock photo|stock image|photo d'archives|" +
    "image d'archives|photo d’archives|image d’archives|photo d'illustration|photo d’illustration|" +
    "image d'illustration|image d’illustration|imagen de archivo|foto de archivo|" +
    'imagen ilustrativa|foto ilustrativa|imagem de arquivo|foto de arquivo|imagem ilustrativa|' +
    'archivbild|archivfoto|symbolbild|symbolfoto',
  navigation:
    'ajouter à mes favoris|ajouter aux favoris|add to favorites|añadir a favoritos|' +
    'adicionar aos favoritos|artikel merken|zur übersicht|ir a los comentarios|' +
    'aller aux commentaires|go to comments|jump to comments|ir para os comentários|' +
    'zu den kommentaren|' +
    'back to top|retour en haut|volver arriba|voltar ao topo|nach oben|skip to main content|' +
    'skip to content|skip to navigation|aller au contenu|aller au contenu principal|' +
    'ir al contenido|ir al contenido principal|saltar al contenido|ir para o conteúdo|' +
    'pular para o conteúdo|zum inhalt springen|direkt zum inhalt|menu|menú|search|rechercher|' +
    'recherche|buscar|pesquisar|busca|suche|suchen|log in|login|sign in|se connecter|connexion|' +
    'iniciar sesión|entrar|anmelden|einloggen|mon compte|my account|mi cuenta|minha conta|' +
    'mein konto|home|accueil|inicio|início|startseite|print|imprimer|imprimir|drucken|email|' +
    'e-mail|save|saved|sauvegarder|enregistrer|guardar|salvar|merken|speichern|bookmark|' +
    'print this page|print this article|print article|imprimer l’article|imprimer cet article|' +
    'imprimir artículo|imprimir notícia|artikel drucken|text size|font size|taille du texte|' +
    'taille de police|tamaño de letra|tamaño del texto|tamanho da letra|tamanho do texto|' +
    'aumentar letra|diminuir letra|aumentar texto|reducir texto|schriftgröße|schriftgrösse|' +
    'textgröße|' +
    "zur merkliste hinzufügen|merkliste|zur startseite|back to homepage|retour à l'accueil|" +
    "sobre la firma|sobre o autor|about the author|à propos de l'auteur|über den autor|" +
    'learn more|en savoir plus|saiba mais|más información|follow|suivre|seguir|folgen|close|' +
    'anterior siguiente|anterior|siguiente|vorheriger artikel|nächster artikel|' +
    'article précédent|article suivant|next article|previous article|next story|' +
    'previous story|próxima notícia|notícia anterior|siguiente noticia|noticia anterior|' +
    'édition du soir|édition du matin|evening edition|morning edition|' +
    'contact|contacto|contato|contactos|contatos|kontakt|contact us|nous contacter|contáctenos|' +
    'fale conosco|privacy|confidentialité|privacidad|privacidade|terms|terms & conditions|' +
    'terms and conditions|termos de uso|termos e condições|términos y condiciones|agb|cookies|' +
    'accessibility|accessibilité|accesibilidad|acessibilidade|barrierefreiheit|sitemap|' +
    'plan du site|mapa del sitio|mapa do site|about us|qui sommes-nous|quiénes somos|' +
    'quem somos|über uns|advertise|publicité et partenariats|anúnciese|anuncie|werben|' +
    'fermer|cerrar|fechar|schließen|print subscriptions|subscriptions|abonnements|' +
    'suscripciones|assinaturas|abos',
  'ad label':
    'publicité|pub|annonce|advertisement|advertising|ad|ads|sponsored|sponsored content|' +
    'paid content|paid post|partner content|contenu sponsorisé|contenu partenaire|' +
    'en partenariat avec|publicidad|patrocinado|contenido patrocinado|publicidade|' +
    'conteúdo patrocinado|anúncio|anuncio|anzeige|werbung|gesponsert|' +
    'story continues below advertisement|story continues below|article continues below|' +
    'article continues below advertisement|continue reading below|' +
    'la suite après cette publicité|la suite après la publicité|' +
    "l'article continue après la publicité|continúa después de la publicidad|sigue leyendo|" +
    'continúa leyendo|continua após a publicidade|continua depois da publicidade|' +
    'continua após o anúncio|weiter nach der anzeige|weiterlesen nach der anzeige|' +
    'artikel wird unter der anzeige fortgesetzt|skip advertisement|passer la publicité|' +
    'supported by|ad choices|pular anúncio|saltar publicidad|anzeige überspringen|ad feedback|' +
    'report this ad|sponsor message|sponsored message|a message from our sponsor|' +
    'message from our sponsor|' +
    'message from our sponsors|espace publicitaire|espacio publicitario|espacio patrocinado|' +
    'espaço publicitário|werbefläche',
  'comment widget':
    'comments|comment|commentaires|commentaire|réactions|réagir|réagissez|comentarios|' +
    'comentario|comentários|comentário|kommentare|kommentar|kommentieren|leserkommentare|' +
    'discussion|discussions|join the conversation|join the discussion|leave a comment|' +
    'leave a reply|add a comment|post a comment|post comment|be the first to comment|' +
    'log in to comment|sign in to comment|show comments|view comments|comments are closed|' +
    'ajouter un commentaire|laisser un commentaire|écrire un commentaire|voir les commentaires|' +
    'soyez le premier à commenter|soyez le premier à réagir|connectez-vous pour commenter|' +
    'les commentaires sont fermés|deja tu comentario|deja un comentario|escribe un comentario|' +
    'escribe tu comentario|añade un comentario|ver comentarios|sé el primero en comentar|' +
    'comentarios cerrados|deixe seu comentário|deixe um comentário|deixe o seu comentário|' +
    'comente|ver comentários|seja o primeiro a comentar|kommentar schreiben|kommentare anzeigen|' +
    'die kommentarfunktion ist geschlossen',
  'section label':
    'en direct|direct|live|live updates|live blog|live coverage|breaking|breaking news|' +
    'exclusive|exclusif|exclusiva|exclusivo|exklusiv|entretien|interview|entrevista|analyse|' +
    'analysis|análisis|análise|opinion|opinión|opinião|meinung|kommentar|commentary|tribune|' +
    'éditorial|editorial|chronique|crónica|crônica|kolumne|column|reportage|reportaje|' +
    'reportagem|enquête|investigation|investigación|investigação|décryptage|explainer|' +
    'fact check|récit|portrait|perfil|profile|porträt|dossier|special report|dernière minute|' +
    'última hora|urgente|eilmeldung|hintergrund|vidéo|vidéos|video|videos|vídeo|vídeos|audio|' +
    'podcast|photos|fotos|galerie|galería|galeria|gallery|diaporama|bildergalerie|infographie|' +
    'summary|résumé|resumen|resumo|zusammenfassung|key points|points clés|l’essentiel|' +
    "l'essentiel|lo esencial|o essencial|das wichtigste|das wichtigste in kürze|" +
    "what you need to know|what we know|ce qu'il faut savoir|ce qu’il faut savoir|" +
    "ce qu'il faut retenir|ce qu’il faut retenir|ce que l'on sait|ce que l’on sait|" +
    'lo que debes saber|lo que hay que saber|lo que sabemos|o que você precisa saber|' +
    'o que precisa saber|o que sabemos|was sie wissen müssen|das müssen sie wissen|' +
    'was wir wissen|' +
    'news|actualités|noticias|notícias|nachrichten|international|internacional|politique|' +
    'política|politik|économie|economía|economia|wirtschaft|business|world|monde|mundo|welt|' +
    'ausland|inland|société|sociedad|sociedade|gesellschaft|culture|cultura|kultur|sport|sports|' +
    'deportes|esportes|science|sciences|ciencia|ciência|wissenschaft|tech|technologie|' +
    'tecnología|tecnologia|planète|environnement|climate|clima|klima|santé|health|salud|saúde|' +
    'gesundheit|markets|marchés|mercados|märkte|finanzen|handel|panorama|regional|local|' +
    'americas|amériques|américa latina|latinoamérica|latin america|amérique latine|europe|' +
    'europa|afrique|africa|áfrica|afrika|asie|asia|ásia|asien',
  'read-also link':
    'la rédaction vous conseille|nos lecteurs ont aussi lu|ne manquez pas|à ne pas manquer|' +
    'recomendamos|le recomendamos|colunistas|columnistas|chroniqueurs|weitere artikel zum thema|' +
    'à lire aussi|lire aussi|à lire|voir aussi|à voir aussi|sur le même sujet|' +
    'dans la même rubrique|à découvrir|les plus lus|articles liés|articles similaires|' +
    'vous aimerez aussi|read more|read also|also read|read next|more on this story|' +
    'more on this topic|related|related coverage|related stories|related articles|' +
    'related content|see also|recommended|recommended stories|you may also like|' +
    'you might also like|most read|most popular|most viewed|most shared|more from this section|' +
    'plus lus|les plus partagés|mirá también|mira también|lo más visto|mais vistas|' +
    'mais lidas agora|mehr zu diesem thema|meistgelesene|meistgeklickt|trending|more stories|' +
    "top stories|latest news|more news|editor's picks|lee también|lea también|leer más|lee más|" +
    'te puede interesar|le puede interesar|también te puede interesar|más información|' +
    'noticias relacionadas|relacionado|relacionadas|relacionados|ver también|lo más leído|' +
    'más leídas|te recomendamos|recomendado|recomendados|leia também|leia mais|veja também|' +
    'veja mais|saiba mais|confira|notícias relacionadas|matérias relacionadas|mais lidas|' +
    'mais notícias|recomendadas|lesen sie auch|auch interessant|mehr zum thema|mehr dazu|' +
    'weitere artikel|weitere nachrichten|das könnte sie auch interessieren|' +
    'das könnte sie interessieren|meistgelesen|meistgelesene artikel|verwandte themen|' +
    'verwandte artikel|zum thema|siehe auch|passend zum thema|empfehlungen|passend zum artikel|' +
    'passend dazu|zum weiterlesen|further reading|related reading|pour aller plus loin|' +
    'para saber más|para saber mais|lecturas relacionadas|leituras relacionadas|' +
    'les plus vus|mais vistos|mais vistas|más vistos|más vistas|meistgesehen|most watched|' +
    'recommended for you|recommended reading|recommandé pour vous|recommandés pour vous|' +
    'recomendados para ti|recomendado para ti|recomendado para você|recomendados para você|' +
    'recomendado para usted|recomendados para usted|' +
    'empfohlen für sie|empfehlungen für sie|você pode gostar|você também pode gostar|' +
    "don't miss|don’t miss|do not miss|no te lo pierdas|no te pierdas|não perca|" +
    'nicht verpassen|nicht verpassen!',
  'tag list':
    'mais sobre|more about|plus sur|en savoir plus sur|más sobre|mehr über|dans ce dossier|' +
    'en este tema|tags|tag|mots-clés|mots clés|thèmes|sujets|topics|suggested topics|' +
    'explore more on these topics|more on these topics|archivado en|arquivado em|' +
    'sujets associés|thèmes associés|temas relacionados|assuntos relacionados|verwandte themen|' +
    'related topics|temas|tema|etiquetas|palavras-chave|assuntos|tópicos|themen|schlagwörter|' +
    'schlagworte|stichworte|keywords|categories|catégories|categorías|categorias|kategorien',
  'appeal: newsletter':
    "newsletter|newsletters|newsletter abonnieren|subscribe|s'abonner|abonnez-vous|je m’abonne|" +
    "je m'abonne|suscríbete|suscribirse|assine|assine já|abonnieren|jetzt abonnieren|sign up|" +
    'inscrivez-vous|regístrate|cadastre-se|registrieren|donate|faire un don|je fais un don|' +
    'donar|doe|spenden|jetzt spenden|suscribirme|inscribirme|me suscribo|je m’inscris|' +
    "je m'inscris|m'inscrire|sign me up|kostenlos anmelden|jetzt anmelden|anmelden|" +
    'jetzt kostenlos anmelden|quero assinar|quero me cadastrar|cadastrar',
  'form field':
    'e-mail-adresse|email address|e-mail address|your email|your email address|' +
    'adresse e-mail|adresse email|adresse mail|votre e-mail|votre adresse e-mail|' +
    'correo electrónico|tu correo electrónico|dirección de correo|dirección de correo electrónico|' +
    'endereço de e-mail|seu e-mail|seu melhor e-mail|ihre e-mail-adresse|e-mail eingeben|' +
    'enter your email|saisissez votre e-mail|introduce tu correo|digite seu e-mail',
  'agency sign-off':
    'afp|ap|reuters|efe|dpa|ansa|europa press|associated press|agence france-presse|' +
    'agência brasil|agencia brasil|lusa|xinhua|bloomberg|belga|ats|apa|kna|epd|sputnik|anadolu|' +
    "notimex|télam|avec afp|avec reuters|avec l'afp|avec ap|with ap|with afp|with reuters|" +
    'con efe|con información de efe|com agência brasil|mit dpa|mit material von dpa|' +
    'purchase licensing rights',
});

/** Kinds of pieces a site lists under "More …": "More explainers", "Weitere Reportagen". */
const pieceKinds =
  'explainers|stories|articles|news|videos|podcasts|features|interviews|analysis|opinion|' +
  'reports|reads|galleries|columns|explications|décryptages|vidéos|reportages|entretiens|' +
  'analyses|chroniques|actualités|infos|explicadores|artículos|noticias|vídeos|reportajes|' +
  'entrevistas|análisis|columnas|artigos|notícias|reportagens|análises|colunas|erklärstücke|' +
  'artikel|nachrichten|reportagen|analysen|kolumnen|beiträge|texte|meldungen';
/** "More" and a kind of piece, maybe "from" a section: the heading of a list of links. */
const moreOfKind = new RegExp(
  `^(?:more|other|latest|plus d['’]|plus de|autres|d['’]autres|más|otros|otras|últimos|últimas|mais|outros|outras|mehr|weitere|andere|neueste)\\s*(?:${pieceKinds})(?:\\s+(?:from|on|about|in|de|du|des|sur|en|sobre|do|da|zu|zum|zur|aus|über)\\s[^.!?]{1,40})?$`,
  'iu',
);

/**
 * "More from" a site or a section, named in capitals: "More from The Daily Ledger", "Mehr aus
 * Berlin", "Mais de Política". Three capitalised words at most, nothing after them.
 */
const moreFrom = /^(?:more from|more in|mehr aus|mehr von|mais de|más de|plus de)\s+/iu;
const siteName = /^(?:the\s+)?\p{Lu}[\p{L}'’&-]*(?:\s+\p{Lu}[\p{L}'’&-]*){0,2}$/u;

/** A link to all of a site's pieces on a topic: "Alle Artikel zum Thema Klimawandel". */
const allOnTopic =
  /^(?:alle artikel zum thema|alle artikel zu|alle beiträge zum thema|tous nos articles sur|tous les articles sur|toute l['’]actualité (?:de|du|des|sur)|todas las noticias sobre|todas las noticias de|todas as notícias sobre|todas as notícias de|all our coverage of|all coverage of|all stories about|more coverage of|toda la cobertura de|toda a cobertura de)\s[^.!?]{1,60}$/iu;

/** The furniture class of a line that is one of the labels, or null. */
export function labelOf(text: string): string | null {
  const key = labelKey(text);
  if (labels.has(key)) return labels.get(key) ?? null;
  if (moreOfKind.test(key) || allOnTopic.test(text.trim())) return 'read-also link';
  const line = text.trim();
  const more = moreFrom.exec(line);
  return more && siteName.test(line.slice(more[0].length)) ? 'read-also link' : null;
}

/** Classes whose label opens a list (related headlines, topics) that goes with it. */
export const listLabels = new Set(['read-also link', 'tag list']);
