import { type Word, writtenInName } from './keyword-words.ts';

/** A name as found in a text. */
export interface NameFound {
  /** As the text writes it most often. */
  text: string;
  /** Its folded words, space-separated. */
  key: string;
  /** Words, particles aside. */
  words: number;
  /** Occurrences, with those of the shorter forms merged into it. */
  count: number;
  /** Index of the first sentence it occurs in. */
  first: number;
  /** Met after a title or a role ("Präsident Lula"): a person's name, even met once. */
  titled: boolean;
}

export interface NamesFound {
  names: NameFound[];
  /** A shorter form's key -> the name it merged into. */
  variants: Map<string, NameFound>;
}

/** A run of name words, counted over a text. */
export interface NameRun extends NameFound {
  parts: string[];
  /** The words of one occurrence, to count its parts when it is split. */
  sample: Word[];
  /** Whether each part is a particle (`de`, `von der`). */
  joins: boolean[];
  forms: Map<string, number>;
  /** Index of the last sentence it occurs in. */
  last: number;
}

export type NameRuns = Map<string, NameRun>;

/** Counts a run of words (`joins` says which are particles) met in sentence `sentence`. */
export function countRun(
  runs: NameRuns,
  words: Word[],
  joins: boolean[],
  sentence: number,
  times = 1,
): NameRun {
  const parts = words.map((w) => w.folded);
  const key = parts.join(' ');
  let run = runs.get(key);
  if (!run) {
    const content = joins.filter((j) => !j).length;
    run = {
      text: '',
      key,
      words: content,
      count: 0,
      first: sentence,
      titled: false,
      parts,
      sample: words,
      joins,
      forms: new Map(),
      last: sentence,
    };
    runs.set(key, run);
  }
  run.count += times;
  run.first = Math.min(run.first, sentence);
  run.last = Math.max(run.last, sentence);
  let form = '';
  words.forEach((w, i) => {
    const text = writtenInName(w, words[i + 1]);
    form += form === '' || /['’]$/.test(form) ? text : ` ${text}`;
  });
  run.forms.set(form, (run.forms.get(form) ?? 0) + times);
  return run;
}

/**
 * Two names side by side with nothing between them ("…de Vale de Lobeiras Fernando Queirós")
 * read as one run: it is cut where one side is a name the text also writes alone, and each side
 * keeps two words or more (a first name before a surname the text repeats is no name of its own).
 */
export function splitRuns(runs: NameRuns): void {
  const queue = [...runs.values()].filter((c) => c.words >= 3);
  for (let run = queue.pop(); run; run = queue.pop()) {
    const { parts, joins, sample } = run;
    for (let k = 2; k < parts.length - 1; k++) {
      if (joins[k - 1] || joins[k]) continue;
      if (!runs.has(parts.slice(0, k).join(' ')) && !runs.has(parts.slice(k).join(' '))) continue;
      runs.delete(run.key);
      for (const [from, to] of [
        [0, k],
        [k, parts.length],
      ] as const) {
        countRun(runs, sample.slice(from, to), joins.slice(from, to), run.first, run.count);
        const part = runs.get(parts.slice(from, to).join(' '));
        if (part && part.words >= 3 && !queue.includes(part)) queue.push(part);
      }
      break;
    }
  }
}

/**
 * Merges each short form into the longest name it is part of without a particle before it
 * (`Petro` into `Gustavo Petro`, `Lula` into `Luiz Inácio Lula da Silva`; not `Madrid` into
 * `Sindicato de Inquilinas de Madrid`), the most mentioned when several hold it. `keep` says
 * which names that merged into none are names; `shortens` which may be a short form at all.
 */
export function mergeVariants(
  runs: NameRuns,
  keep: (run: NameRun) => boolean,
  shortens: (run: NameRun) => boolean,
): NamesFound {
  const all = [...runs.values()].sort((a, b) => a.parts.length - b.parts.length);
  const byPart = new Map<string, NameRun[]>();
  for (const run of all) {
    if (run.parts.length < 2) continue;
    for (const part of new Set(run.parts)) {
      const holding = byPart.get(part);
      if (holding) holding.push(run);
      else byPart.set(part, [run]);
    }
  }
  const merged = new Map<NameRun, NameRun>();
  for (const short of all) {
    if (!shortens(short)) continue;
    let target: NameRun | undefined;
    for (const long of byPart.get(short.parts[0] ?? '') ?? []) {
      if (long.parts.length <= short.parts.length || !partOf(short, long)) continue;
      if (
        !target ||
        long.count > target.count ||
        (long.count === target.count && long.first < target.first)
      )
        target = long;
    }
    if (!target) continue;
    target.count += short.count;
    target.first = Math.min(target.first, short.first);
    target.titled ||= short.titled;
    merged.set(short, target);
  }
  const shown = new Map<NameRun, NameFound>();
  const show = (run: NameRun): NameFound => {
    let name = shown.get(run);
    if (!name) {
      const { key, words, count, first, titled } = run;
      name = { text: mostFrequent(run.forms), key, words, count, first, titled };
      shown.set(run, name);
    }
    return name;
  };
  const names: NameFound[] = [];
  const variants = new Map<string, NameFound>();
  for (const run of all) {
    let target = merged.get(run);
    if (!target) {
      if (keep(run)) names.push(show(run));
      continue;
    }
    while (merged.has(target)) target = merged.get(target) as NameRun;
    variants.set(run.key, show(target));
  }
  names.sort((a, b) => b.count - a.count || a.first - b.first);
  return { names, variants };
}

/**
 * Words an organisation's name opens with, folded: a word inside such a name is not a short form
 * of it ("Paris" in "Université Paris Descartes").
 */
const institutions = new Set(
  `universite universidad universidade university universitat banco bank banque groupe grupo group
  gruppe ministere ministerio ministry ministerium tribunal court cour gericht instituto institut
  institute hospital hopital compania companhia company partido parti party partei fundacion
  fundacao foundation fondation stiftung comite committee comission commission kommission
  agence agencia agency agentur consejo conselho conseil council rat`.split(/\s+/),
);

/**
 * Words a company's name ends with, folded: its first word is how the text shortens it once it
 * has named it ("Harbourline" of "Harbourline Logistics"); before, the word is its own ("the
 * northern Andes" before "Andes Capital").
 */
const corporate = new Set(
  `logistics partners capital group holdings holding inc corp corporation company co ltd limited
  plc llc sa sas sarl ag gmbh se nv bv spa airlines airways energy motors systems technologies
  technology pharmaceuticals pharma industries international media communications telecom
  foods resources mining petroleum investments ventures logistica logistique transportes
  seguros inversiones investimentos participacoes energia energie werke versicherung`.split(/\s+/),
);

/**
 * Whether `short` is how a text shortens `long`, a person's name of name words only: its last
 * words (`Petro` of `Gustavo Petro`), the words before its particles (`Lula` of `Luiz Inácio
 * Lula da Silva`), the first of two surnames (`Velarde` of `Óscar Velarde Quispe`), or a
 * company's first words (`Harbourline` of `Harbourline Logistics`). A first name alone, a word
 * inside an organisation's name or a place after a particle is not.
 */
function partOf(short: NameRun, long: NameRun): boolean {
  const { parts, joins, sample } = long;
  const named = (w: Word, i: number) =>
    joins[i] || (w.capital && w.kind !== 'acronym' && w.kind !== 'mixed');
  if (!sample.every(named) || institutions.has(parts[0] ?? '')) return false;
  const person = long.words === parts.length && long.words === 3;
  for (let p = 0; p + short.parts.length <= parts.length; p++) {
    if (short.parts.some((part, k) => parts[p + k] !== part)) continue;
    const end = p + short.parts.length;
    const before = p === 0 || !joins[p - 1];
    const after =
      end === parts.length
        ? p > 0
        : joins[end] === true ||
          (person && p === 1) ||
          (p === 0 && corporate.has(parts[parts.length - 1] ?? '') && short.last > long.first);
    if (before && after) return true;
  }
  return false;
}

function mostFrequent(forms: Map<string, number>): string {
  let best = '';
  let most = 0;
  for (const [form, n] of forms) if (n > most) [best, most] = [form, n];
  return best;
}
