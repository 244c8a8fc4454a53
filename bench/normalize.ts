import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ResolvedConfig } from '../src/config.ts';
import { Locales } from '../src/normalize/locales.ts';
import { learnLines } from '../src/normalize/page/learn-lines.ts';
import { createPageRules } from '../src/normalize/page/page-rules.ts';
import { processArticle } from '../src/normalize/process-article.ts';
import type { RawArticle } from '../src/read/read-articles.ts';

/** Time to normalize one article on one core, over a folder of articles. */
export interface NormalizingFigure {
  articles: number;
  /**
   * Median over the timed rounds of the processor time an article took: what one core spends,
   * whatever else the machine runs meanwhile.
   */
  msPerArticle: number;
  /** Each timed round's processor time, in milliseconds an article. */
  rounds: number[];
  /** Each timed round's elapsed time, in milliseconds an article. */
  wallRounds: number[];
}

/** The article files below `folder` (`.txt`, `.md`), read as a build reads them. */
export async function readBenchArticles(folder: string): Promise<RawArticle[]> {
  const names = (await readdir(folder, { recursive: true }))
    .filter((name) => /\.(?:txt|md)$/.test(name))
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = join(folder, name);
      const path = relative(folder, file).split('\\').join('/');
      return {
        path,
        displayPath: path,
        text: await readFile(file, 'utf8'),
        committed: undefined,
        modified: (await stat(file)).mtime,
      };
    }),
  );
}

/** Untimed rounds after the first: the engine goes on optimizing the code for two more. */
const warmUpRounds = 2;

/**
 * Normalizes every article as a build does (the config's line rules and what the folder
 * teaches), on this thread alone: a first round, untimed, learns the folder's lines; two more,
 * untimed, let the engine finish compiling the code, as it has early in a large build; then
 * `rounds` timed rounds with what was learned.
 */
export function measureNormalizing(
  articles: RawArticle[],
  config: ResolvedConfig,
  rounds = 5,
): NormalizingFigure {
  const first = createPageRules(config.boilerplate, new Set());
  // One memo for every round, as a worker thread keeps it from one batch to the next.
  const locales = new Locales();
  const lines = articles.map((raw) => processArticle(raw, config, locales, first).lines);
  const rules = createPageRules(config.boilerplate, learnLines(lines));
  const each = (ms: number) => Number((ms / Math.max(1, articles.length)).toFixed(3));
  const round = () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const raw of articles) processArticle(raw, config, locales, rules);
    const used = process.cpuUsage(cpu);
    return { cpu: each((used.user + used.system) / 1000), wall: each(performance.now() - started) };
  };
  for (let i = 0; i < warmUpRounds; i++) round();
  const timed = Array.from({ length: rounds }, round);
  const cpu = timed.map((t) => t.cpu);
  return {
    articles: articles.length,
    msPerArticle: [...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)] ?? Number.NaN,
    rounds: cpu,
    wallRounds: timed.map((t) => t.wall),
  };
}
