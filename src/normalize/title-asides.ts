import { notVerb, opensClause, verbByEnding, verbCue, verbSurely } from './function-words.ts';
import { isQuoteOpen } from './quotes.ts';
import { wordsOf } from './tag-words.ts';

/**
 * What a headline made from a sentence leaves out: the weekday and its date (the entry is
 * dated) unless a future names the day, short asides in parentheses, ages, German attributive adjectives, and an apposition
 * between the subject and its verb.
 */

const months: Record<string, string> = {
  fr: 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre',
  en: 'January|February|March|April|May|June|July|August|September|October|November|December',
  es: 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre',
  de: 'Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember',
};

/**
 * Weekday phrases a headline leaves out, with the date and the time of day that go with them:
 * the date is the entry's ("a annoncé lundi soir 10 décembre" -> "a annoncé").
 */
const weekdays: Record<string, RegExp> = {
  fr: new RegExp(
    `,? (?:ce |le )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?: (?:matin|midi|après-midi|soir))?(?: \\d{1,2}(?:er)? (?:${months.fr}))?(?: (?:matin|midi|après-midi|soir))?(?=[ ,.;]|$)`,
    'u',
  ),
  en: new RegExp(
    `,? (?:on |late |early )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?(?:,? (?:${months.en}) \\d{1,2})?(?=[ ,.;]|$)`,
    'u',
  ),
  es: new RegExp(
    `,? (?:el |este )?(?:pasado )?(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)(?: \\d{1,2} de (?:${months.es}))?(?=[ ,.;]|$)`,
    'u',
  ),
  pt: /,? (?:(?:nesta|nessa|na|desta) (?:segunda|terça|quarta|quinta|sexta)(?:-feira)?|(?:segunda|terça|quarta|quinta|sexta)-feira|(?:neste|nesse|no) (?:sábado|domingo))(?: \(\d{1,2}\))?(?=[ ,.;]|$)/u,
  de: new RegExp(
    `,? am (?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)(?:abend|morgen|mittag|nachmittag)?(?: \\d{1,2}\\. (?:${months.de}))?(?=[ ,.;]|$)`,
    'u',
  ),
};

/**
 * Asides a headline leaves out: short ones in parentheses ("(22)", "(ELN)"), and ages ("âgé de
 * 47 ans", ", 47,", "de 47 años", "de 47 anos"); and how a court voted before what it decided.
 */
const aside =
  / \([^()]{1,40}\)|,? (?:âgée?s? de|aged|de) \d{1,3} (?:ans|years old|años|anos)(?=[ ,])|(?<=\p{L}), \d{1,3},(?= \p{Ll})/gu;

/**
 * A verb in the future just before the weekday: the day is then what the news is about ("se
 * reanudará el lunes", "will resume on Monday"), not the day it was reported.
 */
const future: Record<string, RegExp> = {
  fr: /(?:^|\s)(?:\p{L}+(?:ra|ront)|va|vont|doit|doivent|devrait|devraient)(?:\s+\p{L}+){0,2}$/u,
  en: /\b(?:will|shall|'ll|to|set|due|expected)(?:\s+\p{L}+){0,2}$/iu,
  es: /(?:^|\s)(?:\p{L}+(?:rá|rán)|va|van|debe|deben|prevé)(?:\s+\p{L}+){0,2}$/u,
  pt: /(?:^|\s)(?:\p{L}+(?:rá|rão)|vai|vão|deve|devem)(?:\s+\p{L}+){0,2}$/u,
  de: /(?:^|\s)(?:wird|werden|soll|sollen)(?:\s+\p{L}+){0,4}$/u,
};

/** A second weekday after the first: the two days of a span. */
const span =
  /^ (?:à|au|et|and|to|through|a|al|y|e|bis|und) (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda|terça|quarta|quinta|sexta|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)/iu;

/** The sentence without its weekday phrase, unless that phrase opens it or a future names it. */
export function withoutWeekday(text: string, language: string): string {
  const weekday = weekdays[language]?.exec(text);
  if (!weekday || weekday.index === 0) return text;
  // "dans la nuit de lundi à mardi", "between Monday and Tuesday": a span, not a date.
  const after = text.slice(weekday.index + weekday[0].length);
  if (span.test(after)) return text;
  const before = text.slice(Math.max(0, weekday.index - 80), weekday.index);
  return future[language]?.test(before) ? text : text.replace(weekday[0], '');
}

/**
 * An aside between commas that opens on a preposition, just before the clause a verb introduces:
 * "decidiu, por oito votos a três, que…", "a jugé, par six voix contre trois, que…", "ruled, by
 * six votes to three, that…", "entschied, mit acht zu drei Stimmen, dass…".
 */
const beforeClause =
  /, (?:por|par|by|con|avec|com|mit|en|em|dans|in|after|após|tras|après|nach|según|selon|segundo|laut|during|durante|pendant|während) [^,]{1,60}, (?=(?:que|qu['’]|that|dass|daß|whether|si|se|ob) )/gu;

/** The sentence without its asides and ages, and in German its attributive adjectives. */
export function withoutAsides(text: string, language: string): string {
  // German sets the clause off with its comma: "entschied, dass…".
  const plain = text.replace(aside, '').replace(beforeClause, language === 'de' ? ', ' : ' ');
  const kept = isQuoteOpen(plain) ? text : plain;
  return language === 'de' ? kept.replace(attributive, '$1') : kept;
}

/**
 * A German adjective between an article and its noun: it may go ("die südamerikanischen
 * Mercosur-Staaten" -> "die Mercosur-Staaten"), the article keeps the case.
 */
const attributive =
  /(\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|im|am|zum|zur|vom|beim) )\p{Ll}+(?:e|en|er|es|em) (?=\p{Lu})/gu;

/** The surest verb cue among the words. */
function verbIn(text: string, language: string): number {
  const list = words(text);
  let best = notVerb;
  list.forEach((word, i) => {
    best = Math.max(best, verbCue(word, list[i - 1], language));
  });
  return best;
}

/**
 * A subject set apart by an apposition before its verb ("Le président, élu en 2022, a annoncé…",
 * "The governor, appointed last year, said…") without it, as a headline leaves it out. The part that holds the verb is the first with a sure verb cue, else the first
 * with a verb ending; a part that opens with a relative or a preposition is no such part.
 */
export function withoutApposition(text: string, language: string): string {
  const parts = text.split(', ');
  const first = parts[0] ?? '';
  const opens = (part: string) => opensClause(words(part)[0] ?? '', language);
  // A sentence that opens on an adverbial ("Selon le ministère, …") has its subject further on;
  // one that opens on a quotation has its words, not a subject ("« Comme beaucoup, je suis… »").
  if (parts.length < 3 || verbIn(first, language) !== notVerb || opens(first) || isQuoteOpen(first))
    return text;
  const holds = (cue: number) =>
    parts.findIndex((part, k) => k > 0 && !opens(part) && verbIn(part, language) >= cue);
  const surely = holds(verbSurely);
  const k = surely > 0 ? surely : holds(verbByEnding);
  return k > 1 ? `${first} ${parts.slice(k).join(', ')}` : text;
}

/**
 * Words that open a clause or a phrase of time or concession before a sentence's subject
 * ("Pendant 50 jours,", "tandis que…,", "While prices rose,"): a headline may start after them.
 * Attributions ("Selon…", "According to…") and places stay: they are part of the news.
 */
const openings: Record<string, string> = {
  fr: 'pendant alors tandis lors depuis après avant lorsque lorsqu quand puisque puisqu bien malgré dès',
  en: 'while after before during since when as although though despite once',
  es: 'mientras tras después antes durante desde cuando aunque pese',
  pt: 'enquanto após depois antes durante desde quando embora apesar',
  de: 'während nachdem bevor seit als wenn obwohl trotz sobald',
};
const openingSets = new Map(
  Object.entries(openings).map(([language, list]) => [language, new Set(list.split(' '))]),
);

/** Fewest words the sentence keeps once its opening phrases go. */
const minRest = 5;

/**
 * The sentence without the phrases of time or concession that open it, each set off by a comma,
 * when what follows has a verb of its own: "Pendant 50 jours, tandis que la France se confinait,
 * ce jeune anesthésiste a tenu son journal" -> "Ce jeune anesthésiste a tenu son journal".
 */
export function withoutOpening(text: string, language: string): string {
  const set = openingSets.get(language);
  if (!set) return text;
  const parts = text.split(', ');
  const firstOf = (part: string) =>
    part
      .split(' ')[0]
      ?.toLowerCase()
      .replace(/['’].*$/u, '') ?? '';
  let k = 0;
  // "Alors que…, et qu'une…,": a clause joined to the opening one is part of it.
  while (
    k < parts.length - 1 &&
    (set.has(firstOf(parts[k] ?? '')) || (k > 0 && coordinating.has(firstOf(parts[k] ?? ''))))
  )
    k++;
  if (k === 0) return text;
  const rest = parts.slice(k).join(', ');
  if (words(rest).length < minRest || verbIn(rest, language) === notVerb) return text;
  if (opensClause(words(rest)[0] ?? '', language) || isQuoteOpen(rest)) return text;
  if (!opensSubject(words(rest)[0] ?? '', language)) return text;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

const coordinating = new Set('et ou and or y o e und oder'.split(' '));

/**
 * Whether a word may open a sentence's subject: a name, a number, an article, a possessive or
 * a demonstrative, a pronoun. A lowercase noun alone ("candidat à la primaire") ends an
 * apposition; it opens no subject.
 */
function opensSubject(word: string, language: string): boolean {
  if (/^[\p{Lu}\p{N}«"“]/u.test(word)) return true;
  const lower = word.toLowerCase().replace(/(?<=['’]).*$/u, '');
  return (
    wordsOf('nounCue', language).has(lower) ||
    wordsOf('verbCue', language).has(lower) ||
    wordsOf('number', language).has(lower)
  );
}

const words = (text: string) => text.split(' ');
