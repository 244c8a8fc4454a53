import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readEntries } from '../src/build.ts';
import { parseConfig } from '../src/config.ts';
import type { Entry } from '../src/entry.ts';
import { rougeL } from './score.ts';

/** What `expect.json` says of one saved page in `articles/`. */
interface Expected {
  lang: string;
  /** Page furniture lines that must not reach the entry. */
  boilerplate: string[];
  /** Phrases of the article that must stay. */
  must_keep: string[];
  good_titles: string[];
  location: string | null;
  editor: { title: string; summary: string; tags: string[] };
}

/**
 * Counts over a group of saved pages, each read "x of y", as issue 20's "Shown by" counts them;
 * plus the mean ROUGE-L of titles and summaries against the editor's, for comparison over time.
 */
export interface ScrapedFigures {
  articles: number;
  furnitureRemoved: number;
  furnitureLines: number;
  phrasesKept: number;
  phrases: number;
  titlesAcceptable: number;
  summariesAcceptable: number;
  tagsFound: number;
  editorTags: number;
  placesRight: number;
  languagesRight: number;
  titleRL: number;
  summaryRL: number;
}

export interface ScrapedResult {
  byLanguage: Record<string, ScrapedFigures>;
  total: ScrapedFigures;
}

/** Spacing folded; case kept (furniture and phrases are compared as written). */
const fold = (text: string) => text.replace(/\s+/g, ' ').trim();
/** Case, accents and spacing folded. */
const foldAll = (text: string) => fold(text).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** Folded words of three letters or more. */
const wordsOf = (text: string) =>
  foldAll(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => [...w].length >= 3);

/**
 * Whether a furniture line reached a text made of `pieces` (paragraphs, the title, the summary):
 * a short line (a button, a label) when a piece is that line; a longer one when a piece holds it.
 */
function reached(line: string, pieces: string[]): boolean {
  const folded = fold(line);
  if (folded.split(' ').length < 4) return pieces.some((piece) => fold(piece) === folded);
  return pieces.some((piece) => fold(piece).includes(folded));
}

/** F1 of the words two titles share. */
function wordF1(a: string, b: string): number {
  const x = wordsOf(a);
  const y = new Set(wordsOf(b));
  const shared = new Set(x.filter((w) => y.has(w))).size;
  const unique = new Set(x).size;
  if (shared === 0) return 0;
  const precision = shared / unique;
  const recall = shared / y.size;
  return (2 * precision * recall) / (precision + recall);
}

const endsSentence = /[.!?…][»"”’)\]]*$/;

/** A title holds furniture when it, or it without a `Kicker : ` prefix, lies in a furniture line, or holds one. */
function holdsFurniture(text: string, boilerplate: string[]): boolean {
  const forms = [text, text.replace(/^[^:]*?\s*:\s+/, '')].map(foldAll).filter(Boolean);
  return boilerplate.some((line) => {
    const folded = foldAll(line);
    return forms.some((form) => folded.includes(form)) || reached(line, [text]);
  });
}

function titleAcceptable(title: string, expected: Expected): boolean {
  const length = [...title].length;
  if (length < 15 || length > 130) return false;
  // A bare label: a line of one or two words, or in capitals.
  if (wordsOf(title).length < 3 || title === title.toUpperCase()) return false;
  if (holdsFurniture(title, expected.boilerplate)) return false;
  const good = [...expected.good_titles, expected.editor.title];
  return good.some((g) => wordF1(title, g) >= 0.3);
}

function summaryAcceptable(summary: string, expected: Expected): boolean {
  if (!endsSentence.test(summary.trim())) return false;
  if (expected.boilerplate.some((line) => reached(line, [summary]))) return false;
  const wanted = new Set(wordsOf(expected.editor.summary));
  const said = new Set(wordsOf(summary));
  const found = [...wanted].filter((w) => said.has(w)).length;
  return found >= 0.3 * wanted.size;
}

/** An editor's tag is found when it and one of the entry's tags or keywords contain each other. */
function tagFound(tag: string, entry: Entry): boolean {
  const wanted = foldAll(tag);
  return [...entry.tags, ...entry.keywords].some((k) => {
    const have = foldAll(k);
    // A short tag counts only whole ("EU"): inside another word it is chance ("eu" in "deuda").
    if (have.length < 3 || wanted.length < 3) return have === wanted;
    return have.includes(wanted) || wanted.includes(have);
  });
}

function scoreArticle(entry: Entry | undefined, expected: Expected): ScrapedFigures {
  const content = entry?.content ?? [];
  const title = entry?.title ?? '';
  const summary = entry?.summary ?? '';
  const joined = fold(content.join('\n'));
  const place = entry?.location ?? null;
  return {
    articles: 1,
    furnitureRemoved: expected.boilerplate.filter(
      (line) => !reached(line, [...content, title, summary]),
    ).length,
    furnitureLines: expected.boilerplate.length,
    phrasesKept: expected.must_keep.filter((phrase) => joined.includes(fold(phrase))).length,
    phrases: expected.must_keep.length,
    titlesAcceptable: entry && titleAcceptable(title, expected) ? 1 : 0,
    summariesAcceptable: entry && summaryAcceptable(summary, expected) ? 1 : 0,
    tagsFound: entry ? expected.editor.tags.filter((t) => tagFound(t, entry)).length : 0,
    editorTags: expected.editor.tags.length,
    placesRight: foldAll(place ?? '') === foldAll(expected.location ?? '') ? 1 : 0,
    languagesRight: entry?.language === expected.lang ? 1 : 0,
    titleRL: 100 * rougeL(title, expected.editor.title).f1,
    summaryRL: 100 * rougeL(summary, expected.editor.summary).f1,
  };
}

const means = new Set<keyof ScrapedFigures>(['titleRL', 'summaryRL']);

function combine(rows: ScrapedFigures[]): ScrapedFigures {
  const keys = Object.keys(rows[0] ?? {}) as (keyof ScrapedFigures)[];
  const sum = (key: keyof ScrapedFigures) => rows.reduce((total, row) => total + row[key], 0);
  return Object.fromEntries(
    keys.map((key) => [key, means.has(key) ? sum(key) / Math.max(1, rows.length) : sum(key)]),
  ) as unknown as ScrapedFigures;
}

/** One saved page's figures, with the language the expectations give it. */
export interface ScrapedRow {
  lang: string;
  figures: ScrapedFigures;
}

/**
 * Scores the entries Gazette makes of the saved pages in `folder` (`articles/`, `expect.json`),
 * read as a build reads its input folder: the whole folder at once, so that what Gazette learns
 * from the folder counts.
 */
export async function scoreScraped(folder: string): Promise<ScrapedRow[]> {
  const expectations: Record<string, Expected> = JSON.parse(
    await readFile(join(folder, 'expect.json'), 'utf8'),
  );
  const config = parseConfig(
    {
      title: 'Evaluation',
      siteUrl: 'https://eval.example.org/',
      author: { name: 'Gazette' },
      // Only where a page's language cannot be told: the pages themselves are in five.
      language: 'en',
      sender: 'eval@example.org',
    },
    'eval',
  );
  const input = join(folder, 'articles');
  const { entries } = await readEntries(
    input,
    input,
    config,
    { entries: new Map() },
    { now: new Date(8.64e15), skipInvalid: true },
  );
  const byPath = new Map(entries.map((e) => [e.path, e]));
  return Object.entries(expectations).map(([file, expected]) => ({
    lang: expected.lang,
    figures: scoreArticle(byPath.get(file), expected),
  }));
}

/** Figures by language and in total. */
export function summarizeScraped(rows: ScrapedRow[]): ScrapedResult {
  const byLanguage: Record<string, ScrapedFigures[]> = {};
  for (const { lang, figures } of rows) {
    byLanguage[lang] ??= [];
    byLanguage[lang]?.push(figures);
  }
  return {
    byLanguage: Object.fromEntries(
      Object.entries(byLanguage)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([lang, group]) => [lang, combine(group)]),
    ),
    total: combine(rows.map((r) => r.figures)),
  };
}

/** The folders of saved pages under `root` (each with `articles/` and `expect.json`). */
export async function savedPageFolders(root: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  return names.sort().map((name) => join(root, name));
}

const share = (x: number, y: number) =>
  `${x}/${y} ${y === 0 ? '' : `(${Math.round((100 * x) / y)} %)`}`.trim();

/** One line of figures, in the "x/y (p %)" form the issue uses. */
export function formatScraped(name: string, f: ScrapedFigures): string {
  return [
    `${name.padEnd(6)} ${String(f.articles).padStart(2)} art.`,
    `furniture removed ${share(f.furnitureRemoved, f.furnitureLines)}`,
    `kept ${share(f.phrasesKept, f.phrases)}`,
    `titles ${share(f.titlesAcceptable, f.articles)}`,
    `summaries ${share(f.summariesAcceptable, f.articles)}`,
    `tags ${share(f.tagsFound, f.editorTags)}`,
    `places ${share(f.placesRight, f.articles)}`,
    `language ${share(f.languagesRight, f.articles)}`,
    `title RL ${f.titleRL.toFixed(1)}`,
    `summary RL ${f.summaryRL.toFixed(1)}`,
  ].join('  ');
}
