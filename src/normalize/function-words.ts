/**
 * Words a headline cannot end on (articles, prepositions, conjunctions, pronouns, auxiliaries),
 * words that open a clause, where a long sentence may be cut, and the finite verbs and verb
 * endings that show a clause has its verb, per language.
 */
const dangling: Record<string, string> = {
  fr: `le la les l un une des du de d au aux à en dans sur sous par pour avec sans chez entre vers
    contre et ou mais donc car ni que qu qui dont où ce cet cette ces son sa ses leur leurs notre nos
    votre vos mon ma mes se s ne n y il elle ils elles on selon après avant lors depuis pendant alors
    afin comme si très plus moins a ont est sont été être avoir était sera va vont dès jusqu jusque
    parmi malgré outre quant lorsque puisque tandis je tu nous vous quelques plusieurs chaque tout
    tous toute toutes certains certaines aucun aucune durant parce puis envers sauf hormis via voire
    soit`,
  en: `the a an of to in on at by for with from into onto over under about and or but nor so that
    which who whom whose this these those its his her their our your my as after before while since
    during than if is are was were be been has have had will would can could may might must should
    very more less not upon amid among between against through without within via per he she
    it they we you him them some any each every all no many much few several most other another
    such also still already just even only because although though unless until toward towards
    across along around behind beside beyond despite except inside outside throughout whether`,
  es: `el la los las lo un una unos unas de del al a en por para con sin sobre entre hacia contra desde
    hasta y e o u pero ni que quien cuyo cuya donde este esta estos estas ese esa su sus nuestro
    nuestra se según tras antes después durante como si muy más menos es son fue ha han no ante bajo
    mediante aunque cuando mientras porque él ella ellos ellas yo tú nosotros le les algunos
    algunas cada todo todos toda todas varios varias otro otra otros otras ningún ninguna muchos
    muchas también ya pues excepto salvo incluso mediante vía`,
  pt: `o a os as um uma uns umas de do da dos das em no na nos nas num numa ao aos à às por pelo pela
    pelos pelas para com sem sobre entre contra desde até após e ou mas nem que quem cujo cuja onde
    este esta estes estas esse essa isso seu sua seus suas se não muito mais menos é são foi tem como
    segundo durante ante sob perante quando enquanto porque embora lhe ele ela eles elas eu nós
    você vocês alguns algumas algum alguma cada todo todos toda todas vários várias outro outra
    outros outras nenhum nenhuma muitos muitas também já pois exceto salvo mediante via`,
  de: `der die das den dem des ein eine einen einem einer eines und oder aber sondern denn dass ob wenn
    weil als wie mit von vom zu zum zur für auf in im ins am an ans bei beim nach über unter vor
    hinter neben zwischen durch gegen ohne um aus seit bis während wegen trotz sein seine seinen
    seinem seiner ihr ihre ihren ihrem ihrer sich nicht sehr mehr ist sind war hat haben wird werden
    wurde kann soll es er sie wir ich du ihm ihn uns dieser diese dieses diesen jeder jede jedes
    einige mehrere alle viele andere kein keine manche auch noch schon bevor nachdem obwohl damit
    sodass außer entlang innerhalb außerhalb statt anstatt laut gemäß dank`,
};

const clauseOpeners: Record<string, string> = {
  fr: `pour afin qui que qu dont où selon alors après avant lors depuis pendant tandis mais car sur
    dans avec contre parce puisque bien malgré en d`,
  en: `to for which who that where according while after before during since but because on in
    with against despite as`,
  es: `para que quien donde según mientras tras después antes durante desde pero porque sobre en con
    contra pese aunque`,
  pt: `para que quem onde segundo enquanto após depois antes durante desde mas porque sobre em com
    contra apesar embora`,
  de: `um damit dass weil während nachdem bevor seit aber obwohl wobei wie wenn mit gegen trotz
    nach für`,
};

/** Finite verbs and auxiliaries common in a news lead: the clause has its verb once one is seen. */
const finiteVerbs: Record<string, string> = {
  fr: `a ont est sont était étaient sera seront serait seraient avait avaient aura auront aurait va
    vont allait fait font peut peuvent pourrait doit doivent devrait veut veulent dit disent reste
    restent semble demeure compte`,
  en: `is are was were be has have had will would can could may might must shall should does did says
    said cut hit set put won lost made took gave told saw came went left fell rose sold bought found
    held kept met ran began became brought struck fought led paid sent spent stood thought wrote
    chose drew grew shot fled quit beat broke spoke threw`,
  es: `es son fue fueron era eran será serán sería ha han había habían habrá está están estaba
    estaban estuvo va van iba puede pueden podría debe deben debería dijo dice dicen hay hubo tiene
    tienen tuvo sigue siguen`,
  pt: `é são foi foram era eram será serão seria tem têm teve tinha vai vão pode podem poderá deve
    devem deverá disse diz dizem está estão estava esteve há houve fica ficou segue seguem`,
  de: `ist sind war waren wird werden wurde wurden hat haben hatte hatten habe kann können konnte
    konnten muss müssen musste soll sollen sollte will wollen wollte darf dürfen gibt gab bleibt
    blieb steht stand sagt sagte sagten geht ging kommt kam liegt lag einigen einigten`,
};

/** Endings of finite verbs that few other words of the language share (past, future tenses). */
const verbEndings: Record<string, RegExp> = {
  fr: /\p{Ll}{2}(?:ait|aient|era|eront|erait|eraient|èrent)$/u,
  en: /\p{Ll}{3}ed$/u,
  es: /\p{Ll}{2}(?:ó|aron|ieron|ará|erá|irá|arán|erán|irán)$/u,
  pt: /\p{Ll}{2}(?:ou|aram|eram|iram|ará|erá|irá|arão|erão|iu)$/u,
  // Participles and inseparable-prefix verbs: lowercase in German, where nouns are capitalised.
  de: /^(?:ge\p{Ll}{3,}(?:t|en)|(?:er|ver|be|ent|zer)\p{Ll}{3,}t(?:e|en)?|\p{Ll}{3,}iert)$/u,
};

/** Words after which the next word is a verb: a reflexive or a subject pronoun, a negation. */
const beforeVerbs: Record<string, string> = {
  fr: 'se s ne n il elle ils elles on',
  en: 'it he she they we',
  es: 'se',
  pt: 'se',
  de: '',
};

const toSets = (lists: Record<string, string>) =>
  new Map(
    Object.entries(lists).map(([language, words]) => [language, new Set(words.split(/\s+/))]),
  );
const danglingSets = toSets(dangling);
const openerSets = toSets(clauseOpeners);
const verbSets = toSets(finiteVerbs);
const beforeVerbSets = toSets(beforeVerbs);
const empty = new Set<string>();

const setFor = (sets: Map<string, Set<string>>, language: string) =>
  sets.get(language) ?? sets.get('en') ?? empty;

const elisionMark = /[’']$/;
const closingMarks = /[,;:.!?»"”)]+$/;
const openingMarks = /^[«"“(]+/;
const elidedRest = /[’'].*$/;

/** Lowercase, without a trailing elision mark or surrounding punctuation: `l’` -> `l`. */
export function bareWord(word: string): string {
  return word
    .toLowerCase()
    .replace(openingMarks, '')
    .replace(elisionMark, '')
    .replace(closingMarks, '');
}

export function isDangling(word: string, language: string): boolean {
  return setFor(danglingSets, language).has(bareWord(word));
}

/**
 * Prepositions of two words or more, cut before their last ("à partir de", "a pesar de", "em
 * vez de"): the word and the word before it, which a title cannot end on either.
 */
const danglingPairs: Record<string, string> = {
  fr: 'à:partir à:cause au:lieu en:raison en:dépit en:vue à:compter à:hauteur',
  es: 'a:partir a:pesar en:lugar en:vez a:través a:causa a:raíz en:torno',
  pt: 'a:partir em:vez por:causa a:respeito em:torno',
  en: '',
  de: '',
};
const danglingPairSets = toSets(danglingPairs);

/** Whether `previous` and `word` open a preposition of several words that must go on. */
export function isDanglingPair(previous: string, word: string, language: string): boolean {
  return setFor(danglingPairSets, language).has(`${bareWord(previous)}:${bareWord(word)}`);
}

export function opensClause(word: string, language: string): boolean {
  return setFor(openerSets, language).has(bareWord(word).replace(elidedRest, ''));
}

/** How surely a word is a finite verb: not at all, by its ending, or by the words it follows. */
export const notVerb = 0;
export const verbByEnding = 1;
export const verbSurely = 2;

/**
 * Whether `word` reads as a finite verb: surely when it is one of the language's common ones or
 * follows a reflexive or subject pronoun (`previous`), less surely when it has a verb ending.
 * A capitalised word is a name, never a verb.
 */
export function verbCue(word: string, previous: string | undefined, language: string): number {
  const first = word.replace(openingMarks, '').charAt(0);
  if (first !== first.toLowerCase()) return notVerb;
  const bare = bareWord(word);
  if (setFor(verbSets, language).has(bare)) return verbSurely;
  // An elided pronoun is glued to its verb: "s’est", "n’a".
  if (language === 'fr' && /^[sn][’'](\p{L}+)/u.test(bare)) return verbSurely;
  if (previous !== undefined && setFor(beforeVerbSets, language).has(bareWord(previous)))
    return verbSurely;
  return (verbEndings[language] ?? verbEndings.en)?.test(bare) ? verbByEnding : notVerb;
}

export const looksLikeVerb = (word: string, previous: string | undefined, language: string) =>
  verbCue(word, previous, language) !== notVerb;
