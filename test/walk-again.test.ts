import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { walkAgain, walkInput } from '../src/read/walk.ts';
import { tempDir } from './helpers.ts';

/** A change to a folder, and the paths a watcher would name for it. */
type Change =
  | { kind: 'write'; path: string; text: string }
  | { kind: 'remove'; path: string }
  | { kind: 'removeFolder'; folder: string };

const names = fc.constantFrom('a', 'b', 'c', '.hidden', 'notes');
const endings = fc.constantFrom('.txt', '.md', '.markdown', '.TXT', '.pdf', '');
const paths = fc
  .tuple(fc.constantFrom('', 'sub/', 'sub/deeper/', '.git/', 'other/'), names, endings)
  .map(([folder, name, ending]) => `${folder}${name}${ending}`);
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), path: paths, text: fc.string() }),
  fc.record({ kind: fc.constant('remove' as const), path: paths }),
  fc.record({
    kind: fc.constant('removeFolder' as const),
    folder: fc.constantFrom('sub', 'sub/deeper', 'other'),
  }),
);

async function apply(root: string, c: Change): Promise<string[]> {
  if (c.kind === 'write') {
    await mkdir(join(root, c.path, '..'), { recursive: true });
    await writeFile(join(root, c.path), c.text);
    return [c.path];
  }
  if (c.kind === 'remove') {
    await rm(join(root, c.path), { force: true, recursive: true });
    return [c.path];
  }
  await rm(join(root, c.folder), { force: true, recursive: true });
  return [c.folder];
}

describe('a listing taken again from the files that changed', () => {
  it('equals a whole new listing, or declines when only a whole one can tell', async () => {
    let runs = 0;
    let declined = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { maxLength: 6 }),
        fc.array(change, { minLength: 1, maxLength: 6 }),
        async (before, after) => {
          runs++;
          const root = await tempDir();
          for (const c of before) await apply(root, c);
          const first = await walkInput(root, 'articles');
          const touched = new Set<string>();
          for (const c of after) for (const path of await apply(root, c)) touched.add(path);
          const again = walkAgain(root, first, touched);
          const whole = await walkInput(root, 'articles');
          if (again === undefined) declined++;
          else assert.deepEqual(again, whole);
          await rm(root, { recursive: true, force: true });
        },
      ),
      { numRuns: 150 },
    );
    // Most changes are to files, which the listing follows without a whole new walk.
    assert.ok(declined < runs / 2, `declined ${declined} of ${runs}`);
  });

  it('follows files written into a new folder, but not the folder it was not told of', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'a.txt'), 'A');
    const first = await walkInput(root, 'articles');
    await mkdir(join(root, 'new'));
    await writeFile(join(root, 'new', 'b.md'), 'B');
    assert.deepEqual(
      walkAgain(root, first, ['new/b.md'])?.files.map((f) => f.path),
      ['a.txt', 'new/b.md'],
    );
    // Told of the folder itself: only a whole listing says what is in it.
    assert.equal(walkAgain(root, first, ['new']), undefined);
  });
});
