import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { GazetteError } from '../src/errors.ts';
import { pageWriter } from '../src/incremental/normalize-pool.ts';
import type { OutputFile } from '../src/render/output-file.ts';
import { type MadeBatch, writeMadeBatch } from '../src/write/output-file-bytes.ts';
import { writeOutput } from '../src/write/write-output.ts';
import { snapshot, tempDir } from './helpers.ts';

/** A page of a few kilobytes, in French (characters of two and three bytes in UTF-8). */
const page = (n: number) =>
  `<!doctype html><title>Page ${n}</title><p>${'Le président a déclaré « non » ’ '.repeat(40 + (n % 70))}${n}</p>\n`;

/** As many pages as a cold build of a small site makes, each in a folder of its own. */
function pages(count: number): Map<string, OutputFile> {
  const files = new Map<string, OutputFile>();
  for (let n = 0; n < count; n++) files.set(`p${n}/index.html`, { lazy: () => page(n) });
  return files;
}

describe('pages written on another thread', () => {
  it('writes every page, one larger than a batch and one made as bytes among them, and tells their states', async () => {
    const out = join(await tempDir(), 'out');
    const files = pages(450);
    const large = `<p>${'é'.repeat(400_000)}</p>\n`;
    files.set('large/index.html', { lazy: () => large });
    files.set('bytes/index.html', { lazy: () => Buffer.from(page(7)) });
    files.set('feed.xml', { chunks: [Buffer.from('<feed/>\n')] });
    const writer = pageWriter();
    let batches = 0;
    try {
      const { states, written } = await writeOutput(out, files, 'out', {
        writeMade: (batch) => {
          batches++;
          return writer.write(batch);
        },
      });
      assert.ok(batches >= 450 / 32, `${batches} batches`);
      assert.deepEqual(
        written.map((w) => w.path),
        [...files.keys()],
      );
      for (let n = 0; n < 450; n++) {
        const path = `p${n}/index.html`;
        assert.equal(await readFile(join(out, path), 'utf8'), page(n), path);
      }
      assert.equal(await readFile(join(out, 'large/index.html'), 'utf8'), large);
      assert.equal(await readFile(join(out, 'bytes/index.html'), 'utf8'), page(7));
      for (const [path, state] of states) {
        const info = await stat(join(out, path));
        assert.deepEqual(state, { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }, path);
      }
    } finally {
      await writer.close();
    }
  });

  it('a refusal mid-way: OutputNotWritable naming the output, the previous output as it was, nothing left beside it', async () => {
    const dir = await tempDir();
    const out = join(dir, 'out');
    await writeOutput(out, new Map([['index.html', { chunks: [Buffer.from('before\n')] }]]), 'out');
    const before = await snapshot(out);
    let batches = 0;
    // The third batch finds the disk full; those sent after it are still being written when the
    // failure is known, and must be done before the unfinished folder goes: one that wrote after
    // would leave it behind (its folders are made again here, as a thread that is part way
    // through a batch finds them).
    const writeMade = async (batch: MadeBatch) => {
      batches++;
      if (batches === 3) throw Object.assign(new Error('no room left'), { code: 'ENOSPC' });
      if (batches > 3) {
        await delay(60);
        for (const [target] of batch.files) await mkdir(dirname(target), { recursive: true });
      }
      return writeMadeBatch(batch);
    };
    await assert.rejects(writeOutput(out, pages(400), 'out', { writeMade }), (error) => {
      assert.ok(error instanceof GazetteError);
      assert.equal(error.name, 'OutputNotWritable');
      assert.match(error.message, /the disk is full: ENOSPC/);
      assert.equal(error.location?.file, 'out');
      return true;
    });
    assert.ok(batches > 3, 'batches were sent after the one refused');
    // Anything still writing would write after this: give it the time to show.
    await delay(200);
    assert.deepEqual(await snapshot(out), before);
    assert.deepEqual(await readdir(dir), ['out']);
  });

  it("a batch refused on the writer's thread fails with the file system's error code", async () => {
    const dir = await tempDir();
    const writer = pageWriter();
    try {
      const bytes = new SharedArrayBuffer(4);
      await assert.rejects(
        writer.write({ bytes, files: [[join(dir, 'no-such-folder', 'index.html'), 0, 4]] }),
        { code: 'ENOENT' },
      );
      // The thread is still there, and writes the next batch.
      await mkdir(join(dir, 'folder'));
      new Uint8Array(bytes).set(Buffer.from('page'));
      const [state] = await writer.write({ bytes, files: [[join(dir, 'folder', 'a.html'), 0, 4]] });
      assert.equal(state?.size, 4);
      assert.equal(await readFile(join(dir, 'folder', 'a.html'), 'utf8'), 'page');
    } finally {
      await writer.close();
    }
  });
});
