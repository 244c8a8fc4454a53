import {
  isDangling,
  isDanglingPair,
  notVerb,
  opensClause,
  verbByEnding,
  verbCue,
  verbSurely,
} from './function-words.ts';
import { isQuoteOpen } from './quotes.ts';
import {
  withoutApposition,
  withoutAsides,
  withoutOpening,
  withoutWeekday,
} from './title-asides.ts';

/** The title a news desk would write is about this long at most, in characters. */
export const maxTitleLength = 110;
/** A clause that ends a little past the limit is kept whole rather than cut. */
const clauseSlack = 12;
/** A cut between phrases is taken over one before a clause opener when it keeps this much more. */
const phraseGain = 20;

/**
 * A headline made of one sentence: without its weekday, its full stop or, when too long, its
 * asides; then cut after its verb at the end of a clause, or at a phrase boundary, never on an
 * article, a preposition or a conjunction, and never inside a quotation. `limit` is the length
 * left once a kicker is set before it.
 */
export function trimSentence(sentence: string, language: string, limit = maxTitleLength): string {
  let text = withoutWeekday(sentence.replace(/\s*[.…:;,]+$/, '').trim(), language);
  if (text.length <= limit) return withoutDanglingEnd(text, language);
  text = withoutAsides(text, language);
  if (text.length <= limit) return withoutDanglingEnd(text, language);
  text = withoutApposition(text, language);
  if (text.length <= limit) return withoutDanglingEnd(text, language);
  text = withoutOpening(text, language);
  return text.length <= limit ? withoutDanglingEnd(text, language) : cut(text, language, limit);
}

/** Takes off the words a title cannot end on, and marks left without a word. */
function dropDangling(list: string[], language: string): void {
  for (
    let last = list[list.length - 1] ?? '';
    list.length > 1;
    last = list[list.length - 1] ?? ''
  ) {
    const previous = list[list.length - 2] ?? '';
    if (list.length > 2 && isDanglingPair(previous, last, language)) {
      list.splice(-2);
      continue;
    }
    if (!isDangling(last, language) && /[\p{L}\p{N}]/u.test(last)) return;
    // A unit after its number is the number's: "78 %", "12 €".
    if (unit.test(last.replace(/[,;:]+$/, '')) && /\p{N}$/u.test(list[list.length - 2] ?? ''))
      return;
    list.pop();
  }
}

/** A unit written as a sign, apart from its number. */
const unit = /^[%‰€$£¥°]$/u;

/** A sentence cut short in the source may end on a preposition: the title does not. */
function withoutDanglingEnd(text: string, language: string): string {
  const list = words(text);
  dropDangling(list, language);
  return list.join(' ').replace(/[\s,;:–—-]+$/, '');
}

const words = (text: string) => text.split(' ');

interface Cut {
  end: number;
  kind: number;
}

/** Kinds of cut, best first: after a clause's punctuation, before a clause opener, between phrases. */
const clause = 0;
const opener = 1;
const phrase = 2;

function cut(text: string, language: string, limit: number): string {
  const list = words(text);
  const verbAt = mainVerb(list, language);
  const cuts: Cut[] = [];
  let length = 0;
  for (let i = 0; i < list.length; i++) {
    const word = list[i] ?? '';
    length += (i > 0 ? 1 : 0) + word.length;
    if (length > limit + clauseSlack) break;
    // Never before the verb, nor so early that little is said.
    if (i < verbAt || length < limit * 0.4) continue;
    const next = list[i + 1];
    if (next === undefined) break;
    if (/[,;:]$/.test(word) || /^[–—-]$/.test(next)) cuts.push({ end: i + 1, kind: clause });
    else if (length > limit) continue;
    else if (opensClause(next, language)) cuts.push({ end: i + 1, kind: opener });
    else if (isDangling(next, language) && !insideName(word, next, list[i + 2], language))
      cuts.push({ end: i + 1, kind: phrase });
  }
  const best = (kind: number) => {
    for (const { end } of cuts.filter((c) => c.kind === kind).reverse()) {
      const title = finish(list, end, verbAt, language, kind !== clause);
      const slack = kind !== phrase || language === 'de' ? clauseSlack : 0;
      if (title && title.length <= limit + slack) return title;
    }
    return undefined;
  };
  const atClause = best(clause);
  if (atClause) return atClause;
  // Before a clause's opener reads best, unless a cut between phrases keeps much more.
  const atOpener = best(opener);
  const atPhrase = best(phrase);
  if (atOpener && (!atPhrase || atPhrase.length - atOpener.length <= phraseGain)) return atOpener;
  if (atPhrase) return atPhrase;
  return firstQuoted(text, limit) ?? hardCut(list, language, limit);
}

/** The quotation marks that close each opening one. */
const closing: Record<string, string> = { '«': '»', '"': '"', '“': '”', '„': '“' };

/**
 * A sentence that opens on a quotation of several sentences, too long to cut after its verb:
 * the quotation's first sentence, closed ("« Il était très seul en réalité »"), when it fits.
 */
function firstQuoted(text: string, limit: number): string | undefined {
  const quoted =
    /^([«"“„])\s?([^«»"“”„]{15,}?[^\s.!?…«»"“”„])(\s?[»"”“])?([.!?…])\s+(?=\p{Lu})/u.exec(text);
  const open = quoted?.[1];
  if (!open || !quoted[2]) return undefined;
  const space = open === '«' ? ' ' : '';
  // Closed before its full stop ("… breakdown'". C'est…"), the quotation is whole already.
  const mark = quoted[3] || quoted[4] === '.' || quoted[4] === '…' ? '' : quoted[4];
  const title = `${open}${space}${quoted[2]}${mark}${quoted[3] ?? `${space}${closing[open]}`}`;
  return title.length <= limit && !isQuoteOpen(title) ? title : undefined;
}

/**
 * Where the main verb is: the first word with a sure verb cue, or with a verb ending after its
 * subject, not after an article or a preposition ("a divided board") nor opening an apposition
 * (", appointed last year,").
 */
function mainVerb(list: string[], language: string): number {
  // "Il y a sept semaines, …", "Há dois anos, …": a time before the sentence, not its verb.
  const ago = /^(?:Il y a|Há) /u.test(`${list[0]} ${list[1]} ${list[2]} `);
  const start = ago ? list.findIndex((word) => word.endsWith(',')) + 1 : 0;
  return list.findIndex((word, i) => {
    if (i < start) return false;
    const cue = verbCue(word, list[i - 1], language);
    if (cue !== verbByEnding) return cue === verbSurely;
    const previous = list[i - 1];
    return previous !== undefined && !previous.endsWith(',') && !isDangling(previous, language);
  });
}

/**
 * A particle between two capitalised words is inside a name ("Ejército de Liberación Nacional");
 * in German, where every noun is capitalised, only a name's own particles are.
 */
function insideName(before: string, particle: string, after: string | undefined, language: string) {
  if (language === 'de' && !/^(?:von|van|zu|de)$/.test(particle)) return false;
  return /^\p{Lu}/u.test(before) && after !== undefined && /^\p{Lu}/u.test(after);
}

/**
 * The first `end` words, without a dangling end; null when they leave a quotation or a
 * parenthesis open, or, cut inside a clause, end on its verb. In German a clause cut inside is closed by the word that ends it, its
 * participle, infinitive or separable particle ("haben … eine Einigung erzielt").
 */
function finish(
  list: string[],
  end: number,
  verbAt: number,
  language: string,
  inside: boolean,
): string | null {
  const kept = list.slice(0, end);
  // German sets a verb's object clause off with a comma: "hat beschlossen, … zu erhöhen".
  if (!inside && language === 'de' && opensObjectClause(list, end)) return null;
  dropDangling(kept, language);
  // Its dangling end gone, the title must still hold its verb.
  if (kept.length <= verbAt) return null;
  if (inside && language === 'de') {
    // Before "und", "oder", "aber" the clause is whole: what ends the sentence is the next one's.
    const last = coordinating.test(list[end] ?? '') ? undefined : clauseEnd(list, end);
    if (last) kept.push(last);
  } else if (inside && kept.length > 1) {
    // Cut inside a clause, a verb would lose its object ("… e inundou").
    const last = kept.length - 1;
    if (verbCue(kept[last] ?? '', kept[last - 1], language) !== notVerb) return null;
  }
  const title = kept.join(' ').replace(/[\s,;:–—-]+$/, '');
  const parentheses = (title.match(/\(/g)?.length ?? 0) - (title.match(/\)/g)?.length ?? 0);
  return isQuoteOpen(title) || parentheses > 0 ? null : title;
}

/** German conjunctions that join two clauses, each with its own verb. */
const coordinating = /^(?:und|oder|aber|sondern|doch|denn|sowie)$/u;

/** Words that open a German object clause: "…, dass …", "…, ob …", "…, wie …". */
const objectClauseOpener = /^(?:dass|daß|ob|wie|wann|wo|warum|weshalb|wieso|inwieweit)$/u;

/**
 * Whether the clause after a comma at `from` is the object of the verb before it: it opens
 * with "dass", "ob" and the like, or ends on an infinitive with "zu" ("die Förderung …
 * aufzustocken", "… zu machen").
 */
function opensObjectClause(list: string[], from: number): boolean {
  if (!/,$/.test(list[from - 1] ?? '')) return false;
  if (objectClauseOpener.test((list[from] ?? '').toLowerCase())) return true;
  for (let i = from; i < list.length; i++) {
    const word = list[i] ?? '';
    if (!/[,;:.!?]$/.test(word) && i < list.length - 1) continue;
    const bare = word.replace(/[,;:.!?]+$/, '');
    return list[i - 1] === 'zu' || /^\p{Ll}+zu\p{Ll}{2,}en$/u.test(bare);
  }
  return false;
}

/** The lowercase word that ends the clause going on at `from`, if it ends in lowercase. */
function clauseEnd(list: string[], from: number): string | undefined {
  for (let i = from; i < list.length; i++) {
    const word = list[i] ?? '';
    if (!/[,;:]$/.test(word) && i < list.length - 1) continue;
    const bare = word.replace(/[,;:.!?]+$/, '');
    return /^\p{Ll}/u.test(bare) && !isDangling(bare, 'de') ? bare : undefined;
  }
  return undefined;
}

/** No cut after the verb fits: cut at a word, never on a dangling one, nor inside a word. */
function hardCut(list: string[], language: string, limit: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const word of list) {
    const next = length + (kept.length > 0 ? 1 : 0) + word.length;
    if (next > limit) break;
    kept.push(word);
    length = next;
  }
  dropDangling(kept, language);
  const title = (kept.length > 0 ? kept : list.slice(0, 1)).join(' ').replace(/[\s,;:–—-]+$/, '');
  const chars = Array.from(title);
  return chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : title;
}
