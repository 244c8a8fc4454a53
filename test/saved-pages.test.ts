import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type ScrapedFigures,
  type ScrapedRow,
  savedPageFolders,
  scoreScraped,
  summarizeScraped,
} from '../eval/scraped.ts';
import { root } from './helpers.ts';

/** Shares of furniture removed, phrases kept, titles, summaries, tags, places and languages. */
interface Floors {
  furniture: number;
  titles: number;
  summaries: number;
  tags: number;
  places: number;
}

/**
 * What readers see of whole pages as scrapers save them, scored as `npm run eval` scores them,
 * against floors a little under the figures reached, so that only a real drop fails; not one
 * phrase of an article may be lost, and every language must be told right.
 */
function assertFloors(name: string, f: ScrapedFigures, floors: Floors): void {
  const share = (x: number, y: number) => (y === 0 ? 1 : x / y);
  const checks: [string, number, number][] = [
    ['furniture removed', share(f.furnitureRemoved, f.furnitureLines), floors.furniture],
    ['content kept', share(f.phrasesKept, f.phrases), 1],
    ['titles acceptable', share(f.titlesAcceptable, f.articles), floors.titles],
    ['summaries acceptable', share(f.summariesAcceptable, f.articles), floors.summaries],
    ["editor's tags found", share(f.tagsFound, f.editorTags), floors.tags],
    ['places right', share(f.placesRight, f.articles), floors.places],
    ['languages right', share(f.languagesRight, f.articles), 1],
  ];
  const misses = checks
    .filter(([, value, floor]) => value < floor)
    .map(
      ([what, value, floor]) =>
        `${what} ${(100 * value).toFixed(1)} % < ${(100 * floor).toFixed(0)} %`,
    );
  assert.deepEqual(misses, [], `${name}: ${misses.join('; ')}`);
}

describe('saved news pages', () => {
  it("the project's own pages, in five languages, each language's folder read as one input folder", async () => {
    const folders = await savedPageFolders(join(root, 'test', 'fixtures', 'saved-pages'));
    assert.ok(folders.length >= 3, 'the saved pages are there');
    const rows: ScrapedRow[] = [];
    for (const folder of folders) rows.push(...(await scoreScraped(folder)));
    assert.ok(rows.length >= 30, `${rows.length} pages`);
    const result = summarizeScraped(rows);
    assertFloors('test/fixtures/saved-pages', result.total, {
      furniture: 0.97,
      titles: 0.92,
      summaries: 0.92,
      tags: 0.8,
      places: 0.95,
    });
    // Not one phrase of an article is lost, in any language.
    for (const [lang, f] of Object.entries(result.byLanguage)) {
      assert.equal(f.phrasesKept, f.phrases, `${lang}: phrases kept`);
    }
  });

  it('the development sample in ../shared/scraped-dev', async (t) => {
    const folder = join(root, '..', 'shared', 'scraped-dev');
    if (!existsSync(folder)) {
      t.skip(`no development sample in ${folder}`);
      return;
    }
    assertFloors('scraped-dev', summarizeScraped(await scoreScraped(folder)).total, {
      furniture: 0.97,
      titles: 0.87,
      summaries: 0.87,
      tags: 0.7,
      places: 0.87,
    });
  });
});
