import { isCountryName } from './countries.ts';
import { possessiveInName, type Sentence, type Word } from './keyword-words.ts';
import type { Facet, Language } from './locales.ts';
import { germanNameStart, germanNouns, isGermanName } from './names-german.ts';
import {
  countRun,
  mergeVariants,
  type NameRuns,
  type NamesFound,
  splitRuns,
} from './names-merge.ts';
import { shortCalendarWordsFor } from './stopwords.ts';
import { germanRoleEnding, isAgency, isQuantity, isTimeWord, wordsOf } from './tag-words.ts';

export type { NameFound, NamesFound } from './names-merge.ts';

/**
 * Proper names of people, places and organisations: runs of capitalised words, joined by the
 * particles names hold (`Ursula von der Leyen`, `Banco Central do Brasil`, `Barca d'Alva`),
 * without the title before them (`President`, `Bundeskanzler`), short forms merged into the
 * full name.
 */

/** Particles that join the parts of a name, and those that follow another (`de la`, `von der`). */
const particles = new Set(`de da do dos das del della di du des d' l' van von zu of`.split(' '));
const secondParticles = new Map(
  Object.entries({
    de: 'la las los le l’',
    von: 'der den dem',
    van: 'der den de',
    of: 'the',
  }).map(([first, second]) => [first, new Set(second.split(' '))]),
);
/** German's genitive articles are no particles: "Gipfel des Staatenbundes" is no name. */
const germanParticles = new Set('von van zu de da del di du'.split(' '));
/** Runs with more capitalised words are lists of names or a headline in capitals. */
const maxRunNames = 7;
/** German nouns a name stands after, as a role does: "Hauptstadt Montevideo". */
const germanClassifiers = new Set(
  `stadt hauptstadt metropole gemeinde dorf region provinz bundesland land staat insel fluss
  partei firma konzern unternehmen verein verband zeitung sender plattform mannschaft klub
  behörde umweltbehörde`.split(/\s+/),
);

/** Endings of German nouns of institutions: `Verbraucherzentrale`, `Landgericht`, `Stadtwerke`. */
const germanInstitution =
  /(?:zentrale|behörde|ministerium|amt|verband|kammer|gericht|institut|verein|stiftung|agentur|kommission|gesellschaft|anstalt|dienst|partei|schule|universität|klinik|klinikum|werke?|bank|kasse|rat|bund|polizei|feuerwehr|zeitung|verwaltung|regierung|fraktion|gewerkschaft|genossenschaft)$/u;

interface Context {
  language: Language;
  /**
   * Words that open a sentence and that the text writes in lowercase somewhere: their capital
   * is the sentence's.
   */
  lowercase: Set<string>;
  roles: Set<string>;
  /** The agencies the dateline credits, in lowercase. */
  wire: Set<string>;
}

/**
 * The names of a text, most mentioned first (then the first met). German capitalises every
 * noun, so there a name needs two capitalised words (or is an acronym) and never starts a
 * sentence; a German single noun is left to keyword extraction.
 */
export function findNames(
  sentences: Sentence[],
  language: Language,
  agency: string | null = null,
): NamesFound {
  const context = {
    language,
    wire: new Set(agency?.toLowerCase().split('/') ?? []),
    lowercase: lowercaseWords(sentences, language.code),
    roles: wordsOf('role', language.code),
  };
  const runs: NameRuns = new Map();
  const nouns = language.code === 'de' ? germanNouns(sentences) : undefined;
  // Runs that may or may not be names of their own: a capitalised word alone at the start of a
  // sentence, and what follows a name and a conjunction ("Vivienda y Agenda Urbana").
  const doubtful: { words: Word[]; joins: boolean[]; sentence: number }[] = [];
  // Runs of three words or more that open a block: counted once the other runs are known.
  const opening: { words: Word[]; joins: boolean[]; sentence: number }[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const blocks = sentences[s] ?? [];
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b] ?? [];
      for (let i = 0; i < block.length; i++) {
        const joins = runAt(
          block,
          i,
          i === 0 ? (b === 0 ? 'sentence' : 'block') : 'inside',
          context,
        );
        if (joins.length > 0) {
          // German: the name, if any, after the common nouns before it.
          const run = block.slice(i, i + joins.length);
          const start = nouns ? germanNameStart(run, joins, nouns, context.language) : 0;
          const words = run.slice(start);
          const kept = joins.slice(start);
          if (start < 0) {
            // None: the run's words are common nouns.
          } else if (words.length > 1 && coordinated(block, i + start))
            doubtful.push({ words, joins: kept, sentence: s });
          else if (i + start === 0 && opensOnName(words, kept))
            opening.push({ words, joins: kept, sentence: s });
          else countRun(runs, words, kept, s).titled ||= titled(block, i + start, context);
          i += joins.length - 1;
        } else if (b === 0 && i === 0 && mayOpenName(block[0], context)) {
          doubtful.push({ words: [block[0] as Word], joins: [false], sentence: s });
        }
      }
    }
  }
  // Where a sentence or a clause opens, the first word's capital may be the sentence's: "Late
  // Rhys Morgan try…" names Rhys Morgan when the text writes that name without it.
  for (const { words, joins, sentence } of opening) {
    const rest = runs.get(
      words
        .slice(1)
        .map((w) => w.folded)
        .join(' '),
    );
    if (rest) countRun(runs, words.slice(1), joins.slice(1), sentence);
    else countRun(runs, words, joins, sentence);
  }
  // One counts when the text names it elsewhere: "Petro" after "Gustavo Petro".
  const parts =
    doubtful.length > 0 ? new Set([...runs.values()].flatMap((r) => [...r.parts, r.key])) : null;
  for (const { words, joins, sentence } of doubtful)
    if (parts?.has(words.map((w) => w.folded).join(' '))) countRun(runs, words, joins, sentence);
  splitRuns(runs);
  // German nouns are capitalised: a single word is a name there only as an acronym, or when the
  // text never writes it after an article ("in Bayern", not "das Hochwasser").
  return mergeVariants(
    runs,
    (run) =>
      !nouns ||
      run.words > 1 ||
      run.sample.every((w) => w.kind === 'acronym') ||
      isGermanName(run, nouns),
    // A country is a country, not a short form of "Groupe France Télécom".
    (run) => !isCountryName(run.key, language),
  );
}

/**
 * A run of three name words or more whose second word is neither a particle nor a capitalised
 * stopword ("Late Rhys Morgan", not "Jean-Yves Le Drian").
 */
function opensOnName(words: Word[], joins: boolean[]): boolean {
  return joins.length >= 3 && !joins[1] && !words[1]?.stop && joins.filter((j) => !j).length >= 3;
}

/** Conjunctions that may join two names into one ("Lisboa e Vale do Tejo"), or two names. */
const conjunctions = new Set('y e et and und ou o or oder'.split(' '));

/** Whether the run at `i` follows a capitalised word and a conjunction. */
function coordinated(block: Word[], i: number): boolean {
  return conjunctions.has(block[i - 1]?.lower ?? '') && block[i - 2]?.capital === true;
}

/** Whether the run at `i` follows a title or a role ("President Claudia Sheinbaum"). */
function titled(block: Word[], i: number, context: Context): boolean {
  const before = block[i - 1];
  return before !== undefined && isRole(before, context);
}

/** A title or a role ("President", "ex-presidente", "EU-Kommissionspräsidentin"). */
function isRole(word: Word, context: Context): boolean {
  const lower = word.lower.replace(/^ex-?/, '');
  if (context.roles.has(word.lower) || context.roles.has(lower)) return true;
  return (
    context.language.code === 'de' && (germanRoleEnding.test(lower) || germanClassifiers.has(lower))
  );
}

/**
 * Whether a word may be part of a name, by itself: read once per word, as words are shared
 * between their occurrences (and a language's words are its own).
 */
const nameWords: Facet<WeakMap<Word, boolean>> = () => new WeakMap();

/** A capitalised word inside a sentence that may belong to a name (`COP30` too). */
function inName(word: Word | undefined, context: Context): word is Word {
  if (!word?.capital || word.kind === 'plain' || word.kind === 'number') return false;
  // German capitalises no article inside a sentence but a heading's ("Hochwasser In Passau").
  if (word.stop && context.language.code === 'de') return false;
  const judged = context.language.get(nameWords);
  let fits = judged.get(word);
  if (fits === undefined) {
    fits =
      (word.kind !== 'mixed' || /^\p{Lu}\p{L}/u.test(word.text)) &&
      !word.abbreviation &&
      word.lower.replace(/[-'’.\d]/g, '').length >= 2 &&
      !isRole(word, context) &&
      !isTimeWord(word.lower, context.language) &&
      !shortCalendarWordsFor(context.language).has(word.lower) &&
      // A quantity is no name ("700 Millionen Einwohnern"); a number word may be ("Six Nations").
      !isQuantity(word.lower, context.language);
    judged.set(word, fits);
  }
  return fits;
}

function isParticle(word: Word | undefined, previous: Word | undefined, language: string): boolean {
  if (!word || word.capital) return false;
  if (previous && secondParticles.get(previous.lower)?.has(word.lower)) return true;
  return (language === 'de' ? germanParticles : particles).has(word.lower);
}

/** No name starts here. */
const noRun: readonly boolean[] = [];

/**
 * The run of a name starting at `i`, as whether each word is a particle; empty when none starts
 * there. A capitalised stopword ("São", "El") opens or continues a name only before another
 * capitalised word, and not where punctuation may have capitalised it; the first word of a sentence only when a name word follows and the text
 * never writes it in lowercase.
 */
function runAt(
  block: Word[],
  i: number,
  position: 'sentence' | 'block' | 'inside',
  context: Context,
): readonly boolean[] {
  const first = block[i];
  if (!first) return noRun;
  const sentenceStart = position === 'sentence';
  if (sentenceStart ? !mayOpenName(first, context) : !inName(first, context)) return noRun;
  // The head of a name whose owner is a role ("the Information Commissioner's Office"): alone,
  // it names nothing.
  const owner = block[i - 1];
  if (owner?.capital && possessiveInName(owner, first) && !inName(owner, context)) return noRun;
  // After a colon or a quotation mark an article is capitalised too ("«El Gobierno…").
  if (first.stop && position === 'block') return noRun;
  if ((sentenceStart || first.stop) && !inName(block[i + 1], context)) return noRun;
  const joins = [false];
  // An agency stands alone before the name of the one who spoke to it ("relató a EFE Marcela…").
  if (context.wire.has(first.lower) || isAgency(first.lower)) return joins;
  let names = 1;
  // A possessive ends the name it is written on ("Nassau's Mulvey"), unless the word that heads
  // the name follows it ("Boston Children's Hospital").
  while (
    i + joins.length < block.length &&
    names < maxRunNames &&
    (!block[i + joins.length - 1]?.possessive ||
      possessiveInName(block[i + joins.length - 1], block[i + joins.length]))
  ) {
    const gap: boolean[] = [];
    let j = i + joins.length;
    while (gap.length < 2 && isParticle(block[j], block[j - 1], context.language.code)) {
      gap.push(true);
      j++;
    }
    if (!inName(block[j], context)) break;
    // "Katrin Vogel von der Verbraucherzentrale": a particle leads to a family name, not to an
    // institution.
    if (
      gap.length > 0 &&
      context.language.code === 'de' &&
      germanInstitution.test(block[j]?.lower ?? '')
    )
      break;
    joins.push(...gap, false);
    names++;
  }
  return joins;
}

/** The kinds of storm English names its storms with: "Hurricane Melissa", "Typhoon Haiyan". */
const stormKinds = new Set(['hurricane', 'typhoon', 'cyclone', 'storm']);

/** Whether a word may open a name at a sentence's start, by itself: read once per word. */
const openingWords: Facet<WeakMap<Word, boolean>> = () => new WeakMap();

/**
 * A sentence's first word that may open a name whatever the text says of it: capitalised, no
 * stopword, abbreviation or number; never in German, which capitalises its nouns.
 */
const mayOpenAlone = (word: Word | undefined, language: string): word is Word =>
  word?.capital === true &&
  !word.stop &&
  !word.abbreviation &&
  word.kind !== 'number' &&
  language !== 'de';

function mayOpenName(word: Word | undefined, context: Context): word is Word {
  if (!mayOpenAlone(word, context.language.code)) return false;
  // "Hurricane Melissa slams into Jamaica": a storm's kind is part of its name, though the text
  // also writes it in lowercase ("a Category 5 hurricane").
  if (context.lowercase.has(word.lower) && !stormKinds.has(word.lower)) return false;
  const judged = context.language.get(openingWords);
  let fits = judged.get(word);
  if (fits === undefined) {
    fits = !isRole(word, context) && !isTimeWord(word.lower, context.language);
    judged.set(word, fits);
  }
  return fits;
}

/** The sentence openers that `mayOpenName` asks about and that the text writes in lowercase. */
function lowercaseWords(sentences: Sentence[], language: string): Set<string> {
  const openers = new Set<string>();
  for (const sentence of sentences) {
    const first = sentence[0]?.[0];
    if (mayOpenAlone(first, language)) openers.add(first.lower);
  }
  const seen = new Set<string>();
  if (openers.size === 0) return seen;
  for (const sentence of sentences) {
    for (const block of sentence)
      for (const w of block) if (!w.capital && openers.has(w.lower)) seen.add(w.lower);
    if (seen.size === openers.size) break;
  }
  return seen;
}
