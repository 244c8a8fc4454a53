import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfig } from '../src/config.ts';
import type { Entry } from '../src/entry.ts';
import { Locales } from '../src/normalize/locales.ts';
import { normalizeEntry } from '../src/normalize/normalize-entry.ts';
import { parseArticle } from '../src/read/parse-article.ts';
import { keywordScore, rougeL, rougeN } from './score.ts';

/** A row of the public sets: `{ id, lang, text, summary?, title?, keywords? }`. */
interface Row {
  id: string;
  lang: string;
  text: string;
  summary?: string;
  title?: string;
  keywords?: string[];
}

/** Mean figures of one set, in the units the published references use. */
export interface SetResult {
  set: string;
  documents: number;
  figures: Record<string, number>;
}

export const evalSets = ['orangesum-fr', 'wikinews-fr', 'kpcrowd-en'] as const;

/**
 * The text as `gazette build` sees a plain-text article with no metadata: the same code.
 * `locales` is the memo of the run, as a build's.
 */
export function entryOf(text: string, language: string, locales: Locales): Entry | null {
  const config = parseConfig(
    {
      title: 'Evaluation',
      siteUrl: 'https://eval.example.org/',
      author: { name: 'Gazette' },
      language,
      sender: 'eval@example.org',
    },
    'eval',
  );
  const { article } = parseArticle(text, 'article.txt', 'article.txt');
  return normalizeEntry(
    article,
    { path: 'article.txt', committed: undefined, modified: new Date(0) },
    config,
    locales,
  );
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Scores one set; `limit` takes only its first rows (a fixed slice). */
export async function evaluateSet(folder: string, set: string, limit?: number): Promise<SetResult> {
  const rows: Row[] = (await readFile(join(folder, `${set}.jsonl`), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .slice(0, limit);
  const figures: Record<string, number[]> = {};
  const add = (name: string, value: number) => {
    figures[name] ??= [];
    figures[name].push(value);
  };
  const locales = new Locales();
  for (const row of rows) {
    const entry = entryOf(row.text, row.lang, locales);
    const summary = entry?.summary ?? '';
    const title = entry?.title ?? '';
    const keywords = entry?.keywords ?? [];
    if (row.summary !== undefined) {
      add('summary R1', 100 * rougeN(summary, row.summary, 1).f1);
      add('summary R2', 100 * rougeN(summary, row.summary, 2).f1);
      add('summary RL', 100 * rougeL(summary, row.summary).f1);
    }
    if (row.title !== undefined) {
      add('title R1', 100 * rougeN(title, row.title, 1).f1);
      add('title RL', 100 * rougeL(title, row.title).f1);
    }
    if (row.keywords !== undefined) {
      for (const k of [5, 10]) {
        const score = keywordScore(keywords, row.keywords, k);
        add(`keywords P@${k}`, score.precision);
        add(`keywords R@${k}`, score.recall);
        add(`keywords F1@${k}`, score.f1);
      }
    }
  }
  return {
    set,
    documents: rows.length,
    figures: Object.fromEntries(
      Object.entries(figures).map(([name, values]) => [name, mean(values)]),
    ),
  };
}
