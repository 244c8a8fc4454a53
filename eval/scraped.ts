import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { entryOf } from './evaluate.ts';
import { keywordScore, rougeL } from './score.ts';

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

/** Counts and means over a group of saved pages; counts read "x of y". */
export interface ScrapedFigures {
  articles: number;
  furnitureRemoved: number;
  furnitureLines: number;
  phrasesKept: number;
  phrases: number;
  furnitureTitles: number;
  titleRL: number;
  summaryRL: number;
  summariesWithFurniture: number;
  placesFound: number;
  tagsPrecision: number;
  tagsRecall: number;
  tagsF1: number;
}

export interface ScrapedResult {
  byLanguage: Record<string, ScrapedFigures>;
  total: ScrapedFigures;
}

// Pages wrap and space lines differently from the expectations; case is kept for content.
const fold = (text: string) => text.replace(/\s+/g, ' ').trim();
const foldCase = (text: string) => fold(text).toLowerCase();
const words = (text: string) => fold(text).split(' ').filter(Boolean).length;

/** A title is furniture when it, or it without a `Kicker : ` prefix, lies within a furniture line. */
function isFurnitureTitle(title: string, boilerplate: string[]): boolean {
  if (words(title) < 3) return true;
  const candidates = [title, title.replace(/^[^:]*?\s*:\s+/, '')].map(foldCase);
  return boilerplate.some((line) =>
    candidates.some((candidate) => candidate !== '' && foldCase(line).includes(candidate)),
  );
}

/** Per-article figures, before counts are summed and scores averaged. */
function scoreArticle(text: string, expected: Expected): ScrapedFigures {
  const entry = entryOf(text, expected.lang);
  const content = fold(entry?.content.join('\n') ?? '');
  const title = entry?.title ?? '';
  const summary = foldCase(entry?.summary ?? '');
  const tags = keywordScore(entry?.tags ?? [], expected.editor.tags, Number.POSITIVE_INFINITY);
  const place = entry?.location ?? null;
  return {
    articles: 1,
    furnitureRemoved: expected.boilerplate.filter((line) => !content.includes(fold(line))).length,
    furnitureLines: expected.boilerplate.length,
    phrasesKept: expected.must_keep.filter((phrase) => content.includes(fold(phrase))).length,
    phrases: expected.must_keep.length,
    furnitureTitles: isFurnitureTitle(title, expected.boilerplate) ? 1 : 0,
    titleRL: 100 * rougeL(title, expected.editor.title).f1,
    summaryRL: 100 * rougeL(entry?.summary ?? '', expected.editor.summary).f1,
    summariesWithFurniture: expected.boilerplate.some((line) => summary.includes(foldCase(line)))
      ? 1
      : 0,
    placesFound: place?.toLowerCase() === expected.location?.toLowerCase() ? 1 : 0,
    tagsPrecision: tags.precision,
    tagsRecall: tags.recall,
    tagsF1: tags.f1,
  };
}

const means = new Set<keyof ScrapedFigures>([
  'titleRL',
  'summaryRL',
  'tagsPrecision',
  'tagsRecall',
  'tagsF1',
]);

function combine(rows: ScrapedFigures[]): ScrapedFigures {
  const keys = Object.keys(rows[0] ?? {}) as (keyof ScrapedFigures)[];
  const sum = (key: keyof ScrapedFigures) => rows.reduce((total, row) => total + row[key], 0);
  return Object.fromEntries(
    keys.map((key) => [key, means.has(key) ? sum(key) / Math.max(1, rows.length) : sum(key)]),
  ) as unknown as ScrapedFigures;
}

/** Scores the entries Gazette makes of the saved pages in `folder` (`articles/`, `expect.json`). */
export async function evaluateScraped(folder: string): Promise<ScrapedResult> {
  const expectations: Record<string, Expected> = JSON.parse(
    await readFile(join(folder, 'expect.json'), 'utf8'),
  );
  const byLanguage: Record<string, ScrapedFigures[]> = {};
  for (const [file, expected] of Object.entries(expectations)) {
    const text = await readFile(join(folder, 'articles', file), 'utf8');
    byLanguage[expected.lang] ??= [];
    byLanguage[expected.lang]?.push(scoreArticle(text, expected));
  }
  return {
    byLanguage: Object.fromEntries(
      Object.entries(byLanguage).map(([lang, rows]) => [lang, combine(rows)]),
    ),
    total: combine(Object.values(byLanguage).flat()),
  };
}

/** One line of figures, in the "x/y" form the issue uses. */
export function formatScraped(name: string, f: ScrapedFigures): string {
  return [
    `${name.padEnd(6)} ${String(f.articles).padStart(2)} art.`,
    `furniture removed ${f.furnitureRemoved}/${f.furnitureLines}`,
    `kept ${f.phrasesKept}/${f.phrases}`,
    `furniture titles ${f.furnitureTitles}/${f.articles}`,
    `title RL ${f.titleRL.toFixed(1)}`,
    `summary RL ${f.summaryRL.toFixed(1)}`,
    `furniture in summary ${f.summariesWithFurniture}/${f.articles}`,
    `places ${f.placesFound}/${f.articles}`,
    `tags P/R/F1 ${f.tagsPrecision.toFixed(2)}/${f.tagsRecall.toFixed(2)}/${f.tagsF1.toFixed(2)}`,
  ].join('  ');
}
