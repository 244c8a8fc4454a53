import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { evalSets, evaluateSet, type SetResult } from './evaluate.ts';
import { evaluateScraped, formatScraped, type ScrapedResult } from './scraped.ts';

/** `npm run eval`: scores Gazette's titles, summaries and keywords on the public sets. */
const folder = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
if (!existsSync(folder)) {
  console.error(`No evaluation sets in ${folder}: nothing to score.`);
  process.exit(1);
}
const results: SetResult[] = [];
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
// Saved news pages, furniture and all: what users feed Gazette, which the public sets cannot show.
const scrapedFolder = fileURLToPath(new URL('../../shared/scraped-dev/', import.meta.url));
let scraped: ScrapedResult | undefined;
if (existsSync(scrapedFolder)) {
  scraped = await evaluateScraped(scrapedFolder);
  console.log('\nscraped-dev (saved news pages)');
  for (const [lang, figures] of Object.entries(scraped.byLanguage)) {
    console.log(`  ${formatScraped(lang, figures)}`);
  }
  console.log(`  ${formatScraped('total', scraped.total)}`);
} else {
  console.log(`\nNo saved pages in ${scrapedFolder}: scraped-dev not scored.`);
}
const path = fileURLToPath(new URL('results.json', import.meta.url));
await writeFile(path, `${JSON.stringify({ sets: results, scraped }, null, 2)}\n`);
console.log(`\nWritten to eval/results.json`);
