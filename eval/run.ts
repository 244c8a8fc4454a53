import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { evalSets, evaluateSet, type SetResult } from './evaluate.ts';
import {
  formatScraped,
  type ScrapedResult,
  type ScrapedRow,
  savedPageFolders,
  scoreScraped,
  summarizeScraped,
} from './scraped.ts';

/**
 * `npm run eval`: scores Gazette's titles, summaries and keywords on the public sets, and the
 * entries it makes of saved news pages (../shared/scraped-dev and test/fixtures/saved-pages).
 */
const folder = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const results: SetResult[] = [];
if (existsSync(folder)) {
  for (const set of evalSets) {
    const started = performance.now();
    const result = await evaluateSet(folder, set);
    results.push(result);
    console.log(
      `\n${set} (${result.documents} documents, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    for (const [name, value] of Object.entries(result.figures)) {
      console.log(`  ${name.padEnd(16)} ${value < 1 ? value.toFixed(3) : value.toFixed(2)}`);
    }
  }
} else {
  console.log(`No evaluation sets in ${folder}: public sets not scored.`);
}

function report(name: string, result: ScrapedResult): void {
  console.log(`\n${name}`);
  for (const [lang, figures] of Object.entries(result.byLanguage)) {
    console.log(`  ${formatScraped(lang, figures)}`);
  }
  console.log(`  ${formatScraped('total', result.total)}`);
}

// Saved news pages, furniture and all: what users feed Gazette, which the public sets cannot show.
const scrapedFolder = fileURLToPath(new URL('../../shared/scraped-dev/', import.meta.url));
let scraped: ScrapedResult | undefined;
if (existsSync(scrapedFolder)) {
  scraped = summarizeScraped(await scoreScraped(scrapedFolder));
  report('scraped-dev (saved news pages)', scraped);
} else {
  console.log(`\nNo saved pages in ${scrapedFolder}: scraped-dev not scored.`);
}
// The project's own saved pages, a folder per language (each read as one input folder).
const fixtures = fileURLToPath(new URL('../test/fixtures/saved-pages/', import.meta.url));
const rows: ScrapedRow[] = [];
for (const set of await savedPageFolders(fixtures)) rows.push(...(await scoreScraped(set)));
const savedPages = rows.length > 0 ? summarizeScraped(rows) : undefined;
if (savedPages) report('test/fixtures/saved-pages', savedPages);

const path = fileURLToPath(new URL('results.json', import.meta.url));
await writeFile(path, `${JSON.stringify({ sets: results, scraped, savedPages }, null, 2)}\n`);
console.log(`\nWritten to eval/results.json`);
