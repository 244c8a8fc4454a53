import assert from 'node:assert/strict';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from '../src/build.ts';
import { parseConfig } from '../src/config.ts';
import { initProject } from '../src/init.ts';
import { rejection, snapshot, tempDir } from './helpers.ts';

describe('init', () => {
  it('makes a project that builds at once, with templates to customise', async () => {
    const dir = join(await tempDir(), 'ma-gazette');
    const { created } = await initProject(dir);
    assert.deepEqual(created, [
      'gazette.config.json',
      'seeds/2025-01-06-mediatheque-le-dimanche.md',
      'templates/digest.mjml.hbs',
      'templates/digest.txt.hbs',
      '.gitignore',
    ]);
    const config = JSON.parse(await readFile(join(dir, 'gazette.config.json'), 'utf8'));
    const resolved = parseConfig(config, 'gazette.config.json');
    assert.equal(resolved.title, 'Ma Gazette');
    assert.equal(resolved.language, 'fr');
    assert.equal(resolved.timeZone, 'Europe/Paris');
    const ignored = (await readFile(join(dir, '.gitignore'), 'utf8')).split('\n');
    for (const line of [
      'out/*',
      '.out-*',
      '.gazette-cache/',
      '*.gazette-tmp',
      '.gazette-*.lock',
      'gazette.db*',
    ])
      assert.ok(ignored.includes(line), line);
    // The readers' store, which holds the sending state too, is personal data: never committed.

    await appendFile(join(dir, 'templates', 'digest.txt.hbs'), '\nMarqueur-de-modele\n');
    const result = await build(
      { cwd: dir, input: 'seeds', templates: 'templates' },
      { now: () => new Date() },
    );
    assert.equal(result.entries.length, 1);
    assert.equal(
      result.entries[0]?.title,
      'La médiathèque du quartier ouvre désormais le dimanche',
    );
    assert.deepEqual(result.entries[0]?.tags.slice(0, 2), ['culture', 'quartier']);
    const written = result.written.map((f) => f.path);
    assert.ok(written.includes('atom.xml'));
    assert.ok(written.includes('digest.html'));
    assert.match(await readFile(join(dir, 'out', 'atom.xml'), 'utf8'), /<title[^>]*>Ma Gazette</);
    assert.match(await readFile(join(dir, 'out', 'digest.txt'), 'utf8'), /Marqueur-de-modele/);
  });

  it('accepts a folder with only hidden files, and keeps its .gitignore', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.gitignore'), 'node_modules/\nout/*');
    const { created } = await initProject(dir);
    assert.ok(!created.includes('.gitignore'));
    const ignored = await readFile(join(dir, '.gitignore'), 'utf8');
    assert.match(ignored, /^node_modules\/\nout\/\*\n\.out-\*\n\.gazette-cache\/\n/);
    assert.equal(ignored.match(/^out\/\*$/gm)?.length, 1);
  });

  it('refuses a folder that holds a file, naming it, and writes nothing', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'notes.txt'), 'mes notes');
    const before = await snapshot(dir);
    const error = await rejection(initProject(dir));
    assert.equal(error.name, 'InitNotEmpty');
    assert.equal(error.location?.file, dir);
    assert.match(error.message, /notes\.txt/);
    assert.deepEqual(await snapshot(dir), before);
  });
});
