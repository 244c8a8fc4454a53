/**
 * The words of the subscription service's pages and of its confirmation message, in the
 * languages the digest speaks. `{title}` is the publication's, `{email}` the reader's address,
 * `{url}` a link.
 */
export interface ServiceMessages {
  /** The page's language, as `lang` says it. */
  lang: string;
  subscribeTitle: string;
  subscribeText: string;
  emailLabel: string;
  nameLabel: string;
  subscribeButton: string;
  checkInboxTitle: string;
  checkInboxText: string;
  confirmTitle: string;
  confirmText: string;
  confirmButton: string;
  confirmedTitle: string;
  confirmedText: string;
  unsubscribeTitle: string;
  unsubscribeText: string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribedText: string;
  preferencesTitle: string;
  languageLabel: string;
  topicsLabel: string;
  saveButton: string;
  savedText: string;
  preferencesLink: string;
  badLinkTitle: string;
  badLinkText: string;
  badEmail: string;
  tooManyTitle: string;
  tooManyText: string;
  confirmSubject: string;
  confirmMail: string;
  /** The names of the languages a reader may choose, in this language. */
  languageNames: Record<string, string>;
}

const en: ServiceMessages = {
  lang: 'en',
  subscribeTitle: 'Subscribe to {title}',
  subscribeText: 'Receive {title} by email. You can unsubscribe at any time, in one click.',
  emailLabel: 'Your email address',
  nameLabel: 'Your name (optional)',
  subscribeButton: 'Subscribe',
  checkInboxTitle: 'Check your inbox',
  checkInboxText:
    'If this address can receive {title}, a message with a confirmation link is on its way to it. Open the link to start receiving the digest.',
  confirmTitle: 'Confirm your subscription',
  confirmText: 'Press the button to receive {title} at {email}.',
  confirmButton: 'Confirm',
  confirmedTitle: 'Subscription confirmed',
  confirmedText: 'You will receive {title} at {email}.',
  unsubscribeTitle: 'Unsubscribe',
  unsubscribeText: 'Press the button to stop receiving {title} at {email}.',
  unsubscribeButton: 'Unsubscribe',
  unsubscribedTitle: 'You are unsubscribed',
  unsubscribedText: '{email} will receive no more {title}. You can subscribe again at any time.',
  preferencesTitle: 'Your preferences',
  languageLabel: 'Language of the digest',
  topicsLabel: 'Topics (none chosen: all of them)',
  saveButton: 'Save',
  savedText: 'Your preferences are saved.',
  preferencesLink: 'Change your preferences',
  badLinkTitle: 'This link does not work',
  badLinkText:
    'The link is incomplete or no longer valid. Copy the whole link from the message, or subscribe again.',
  badEmail: 'Give an email address, such as name@example.org.',
  tooManyTitle: 'Too many requests',
  tooManyText: 'Too many requests came from here or for this address. Try again later.',
  confirmSubject: 'Confirm your subscription to {title}',
  confirmMail:
    'Hello,\n\nTo receive {title} at this address, open this link and press the button:\n\n{url}\n\nIf you did not ask for it, ignore this message: nothing will be sent to you.\n',
  languageNames: {
    de: 'German',
    en: 'English',
    es: 'Spanish',
    fr: 'French',
    pt: 'Portuguese',
  },
};

const fr: ServiceMessages = {
  lang: 'fr',
  subscribeTitle: 'S’abonner à {title}',
  subscribeText:
    'Recevez {title} par courriel. Vous pourrez vous désabonner à tout moment, en un clic.',
  emailLabel: 'Votre adresse électronique',
  nameLabel: 'Votre nom (facultatif)',
  subscribeButton: 'S’abonner',
  checkInboxTitle: 'Consultez votre messagerie',
  checkInboxText:
    'Si cette adresse peut recevoir {title}, un message avec un lien de confirmation lui a été envoyé. Ouvrez ce lien pour commencer à recevoir la lettre.',
  confirmTitle: 'Confirmez votre abonnement',
  confirmText: 'Appuyez sur le bouton pour recevoir {title} à l’adresse {email}.',
  confirmButton: 'Confirmer',
  confirmedTitle: 'Abonnement confirmé',
  confirmedText: 'Vous recevrez {title} à l’adresse {email}.',
  unsubscribeTitle: 'Se désabonner',
  unsubscribeText: 'Appuyez sur le bouton pour ne plus recevoir {title} à l’adresse {email}.',
  unsubscribeButton: 'Se désabonner',
  unsubscribedTitle: 'Vous êtes désabonné',
  unsubscribedText:
    '{email} ne recevra plus {title}. Vous pouvez vous abonner de nouveau à tout moment.',
  preferencesTitle: 'Vos préférences',
  languageLabel: 'Langue de la lettre',
  topicsLabel: 'Sujets (aucun choisi\u00A0: tous)',
  saveButton: 'Enregistrer',
  savedText: 'Vos préférences sont enregistrées.',
  preferencesLink: 'Modifier vos préférences',
  badLinkTitle: 'Ce lien ne fonctionne pas',
  badLinkText:
    'Le lien est incomplet ou n’est plus valable. Copiez le lien entier depuis le message, ou abonnez-vous de nouveau.',
  badEmail: 'Indiquez une adresse électronique, comme nom@example.org.',
  tooManyTitle: 'Trop de demandes',
  tooManyText: 'Trop de demandes sont venues d’ici ou pour cette adresse. Réessayez plus tard.',
  confirmSubject: 'Confirmez votre abonnement à {title}',
  confirmMail:
    'Bonjour,\n\nPour recevoir {title} à cette adresse, ouvrez ce lien et appuyez sur le bouton\u00A0:\n\n{url}\n\nSi vous ne l’avez pas demandé, ignorez ce message\u00A0: rien ne vous sera envoyé.\n',
  languageNames: {
    de: 'allemand',
    en: 'anglais',
    es: 'espagnol',
    fr: 'français',
    pt: 'portugais',
  },
};

const es: ServiceMessages = {
  lang: 'es',
  subscribeTitle: 'Suscribirse a {title}',
  subscribeText:
    'Reciba {title} por correo electrónico. Puede darse de baja en cualquier momento, con un clic.',
  emailLabel: 'Su dirección de correo electrónico',
  nameLabel: 'Su nombre (opcional)',
  subscribeButton: 'Suscribirse',
  checkInboxTitle: 'Revise su correo',
  checkInboxText:
    'Si esta dirección puede recibir {title}, se le ha enviado un mensaje con un enlace de confirmación. Abra el enlace para empezar a recibir el boletín.',
  confirmTitle: 'Confirme su suscripción',
  confirmText: 'Pulse el botón para recibir {title} en {email}.',
  confirmButton: 'Confirmar',
  confirmedTitle: 'Suscripción confirmada',
  confirmedText: 'Recibirá {title} en {email}.',
  unsubscribeTitle: 'Darse de baja',
  unsubscribeText: 'Pulse el botón para dejar de recibir {title} en {email}.',
  unsubscribeButton: 'Darse de baja',
  unsubscribedTitle: 'Se ha dado de baja',
  unsubscribedText:
    '{email} ya no recibirá {title}. Puede volver a suscribirse en cualquier momento.',
  preferencesTitle: 'Sus preferencias',
  languageLabel: 'Idioma del boletín',
  topicsLabel: 'Temas (ninguno elegido: todos)',
  saveButton: 'Guardar',
  savedText: 'Sus preferencias se han guardado.',
  preferencesLink: 'Cambiar sus preferencias',
  badLinkTitle: 'Este enlace no funciona',
  badLinkText:
    'El enlace está incompleto o ya no es válido. Copie el enlace entero del mensaje, o vuelva a suscribirse.',
  badEmail: 'Indique una dirección de correo, como nombre@example.org.',
  tooManyTitle: 'Demasiadas solicitudes',
  tooManyText:
    'Llegaron demasiadas solicitudes desde aquí o para esta dirección. Inténtelo más tarde.',
  confirmSubject: 'Confirme su suscripción a {title}',
  confirmMail:
    'Hola:\n\nPara recibir {title} en esta dirección, abra este enlace y pulse el botón:\n\n{url}\n\nSi no lo ha pedido, ignore este mensaje: no se le enviará nada.\n',
  languageNames: {
    de: 'alemán',
    en: 'inglés',
    es: 'español',
    fr: 'francés',
    pt: 'portugués',
  },
};

const pt: ServiceMessages = {
  lang: 'pt',
  subscribeTitle: 'Assinar {title}',
  subscribeText:
    'Receba {title} por e-mail. Pode cancelar a assinatura a qualquer momento, com um clique.',
  emailLabel: 'O seu endereço de e-mail',
  nameLabel: 'O seu nome (opcional)',
  subscribeButton: 'Assinar',
  checkInboxTitle: 'Verifique o seu e-mail',
  checkInboxText:
    'Se este endereço puder receber {title}, foi-lhe enviada uma mensagem com um link de confirmação. Abra o link para começar a receber o boletim.',
  confirmTitle: 'Confirme a sua assinatura',
  confirmText: 'Carregue no botão para receber {title} em {email}.',
  confirmButton: 'Confirmar',
  confirmedTitle: 'Assinatura confirmada',
  confirmedText: 'Vai receber {title} em {email}.',
  unsubscribeTitle: 'Cancelar a assinatura',
  unsubscribeText: 'Carregue no botão para deixar de receber {title} em {email}.',
  unsubscribeButton: 'Cancelar a assinatura',
  unsubscribedTitle: 'A sua assinatura foi cancelada',
  unsubscribedText: '{email} não receberá mais {title}. Pode assinar de novo a qualquer momento.',
  preferencesTitle: 'As suas preferências',
  languageLabel: 'Idioma do boletim',
  topicsLabel: 'Temas (nenhum escolhido: todos)',
  saveButton: 'Guardar',
  savedText: 'As suas preferências foram guardadas.',
  preferencesLink: 'Alterar as suas preferências',
  badLinkTitle: 'Este link não funciona',
  badLinkText:
    'O link está incompleto ou já não é válido. Copie o link inteiro da mensagem, ou assine de novo.',
  badEmail: 'Indique um endereço de e-mail, como nome@example.org.',
  tooManyTitle: 'Demasiados pedidos',
  tooManyText: 'Chegaram demasiados pedidos daqui ou para este endereço. Tente de novo mais tarde.',
  confirmSubject: 'Confirme a sua assinatura de {title}',
  confirmMail:
    'Olá,\n\nPara receber {title} neste endereço, abra este link e carregue no botão:\n\n{url}\n\nSe não o pediu, ignore esta mensagem: nada lhe será enviado.\n',
  languageNames: {
    de: 'alemão',
    en: 'inglês',
    es: 'espanhol',
    fr: 'francês',
    pt: 'português',
  },
};

const de: ServiceMessages = {
  lang: 'de',
  subscribeTitle: '{title} abonnieren',
  subscribeText:
    'Erhalten Sie {title} per E-Mail. Sie können sich jederzeit mit einem Klick abmelden.',
  emailLabel: 'Ihre E-Mail-Adresse',
  nameLabel: 'Ihr Name (freiwillig)',
  subscribeButton: 'Abonnieren',
  checkInboxTitle: 'Sehen Sie in Ihr Postfach',
  checkInboxText:
    'Wenn diese Adresse {title} erhalten kann, ist eine Nachricht mit einem Bestätigungslink unterwegs. Öffnen Sie den Link, um den Newsletter zu erhalten.',
  confirmTitle: 'Bestätigen Sie Ihr Abonnement',
  confirmText: 'Drücken Sie die Schaltfläche, um {title} an {email} zu erhalten.',
  confirmButton: 'Bestätigen',
  confirmedTitle: 'Abonnement bestätigt',
  confirmedText: 'Sie erhalten {title} an {email}.',
  unsubscribeTitle: 'Abmelden',
  unsubscribeText: 'Drücken Sie die Schaltfläche, um {title} nicht mehr an {email} zu erhalten.',
  unsubscribeButton: 'Abmelden',
  unsubscribedTitle: 'Sie sind abgemeldet',
  unsubscribedText: '{email} erhält {title} nicht mehr. Sie können sich jederzeit wieder anmelden.',
  preferencesTitle: 'Ihre Einstellungen',
  languageLabel: 'Sprache des Newsletters',
  topicsLabel: 'Themen (keines gewählt: alle)',
  saveButton: 'Speichern',
  savedText: 'Ihre Einstellungen sind gespeichert.',
  preferencesLink: 'Einstellungen ändern',
  badLinkTitle: 'Dieser Link funktioniert nicht',
  badLinkText:
    'Der Link ist unvollständig oder nicht mehr gültig. Kopieren Sie den ganzen Link aus der Nachricht, oder melden Sie sich neu an.',
  badEmail: 'Geben Sie eine E-Mail-Adresse an, etwa name@example.org.',
  tooManyTitle: 'Zu viele Anfragen',
  tooManyText:
    'Von hier oder für diese Adresse kamen zu viele Anfragen. Versuchen Sie es später noch einmal.',
  confirmSubject: 'Bestätigen Sie Ihr Abonnement von {title}',
  confirmMail:
    'Guten Tag,\n\num {title} an diese Adresse zu erhalten, öffnen Sie diesen Link und drücken Sie die Schaltfläche:\n\n{url}\n\nWenn Sie es nicht angefordert haben, ignorieren Sie diese Nachricht: Sie erhalten nichts.\n',
  languageNames: {
    de: 'Deutsch',
    en: 'Englisch',
    es: 'Spanisch',
    fr: 'Französisch',
    pt: 'Portugiesisch',
  },
};

const catalogue: Record<string, ServiceMessages> = { de, en, es, fr, pt };

/** The languages a reader may choose for their digest and the service's pages. */
export const readerLanguages = Object.keys(catalogue).sort();

/** The service's words in `language`, else in English. */
export function serviceMessagesFor(language: string | undefined): ServiceMessages {
  return (language && catalogue[language]) || en;
}
