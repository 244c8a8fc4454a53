import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { textHash } from '../src/normalize/identity.ts';
import { baseConfig, runCli, sampleEntry, tempDir } from './helpers.ts';

/** A page as a scraper saves it: the site's chrome around a short wire story. */
const page = `Le Journal du Sud
Accueil > International > Amériques
Publicité
Chili : le port de Valparaíso rouvre après trois jours de grève
Par Camila Rojas
Publié le 12/03/2025 à 10h15
VALPARAÍSO, 12 mars (AFP) - Le port de Valparaíso a rouvert mercredi après trois jours de grève des dockers, qui réclamaient une hausse de salaire et de meilleures conditions de sécurité sur les quais.
Les syndicats ont obtenu une augmentation de six pour cent, selon un accord signé dans la nuit avec l'autorité portuaire. Plusieurs dizaines de navires attendaient au large.
Le ministre des Transports a salué « un accord responsable » et promis une inspection des grues du terminal.
Lire aussi
Partager sur Facebook
© Le Journal du Sud 2025
`;

const note = `---
title: Les vendanges commencent tôt dans la vallée de Casablanca
date: 2025-03-10T08:00:00-03:00
tags: [Chili, viticulture]
---
Les viticulteurs de la vallée de Casablanca ont commencé les vendanges avec deux semaines d'avance, après un été particulièrement chaud.

La coopérative prévoit une récolte plus petite mais de bonne qualité.
`;

interface Record {
  id: string;
  published: string;
  updated: string;
  hash: string;
  hashOf?: string;
  seq: number;
  seen?: string;
}
interface IdsFile {
  about: string;
  feed: { id: string };
  entries: { [path: string]: Record };
}

async function project(config: object = baseConfig) {
  const dir = await tempDir();
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(config, null, 2));
  await mkdir(join(dir, 'articles'));
  await writeFile(join(dir, 'articles', 'valparaiso.txt'), page);
  await writeFile(join(dir, 'articles', 'vendanges.md'), note);
  await touch(dir, 'valparaiso.txt', '2025-03-12T12:00:00Z');
  await touch(dir, 'vendanges.md', '2025-03-10T12:00:00Z');
  return dir;
}

function touch(dir: string, name: string, when: string) {
  return utimes(join(dir, 'articles', name), new Date(when), new Date(when));
}

async function build(dir: string, args: string[] = []) {
  const run = await runCli(['build', '--input', 'articles', ...args], dir);
  assert.equal(run.code, 0, run.stderr);
  const ids = JSON.parse(await readFile(join(dir, 'gazette.ids.json'), 'utf8')) as IdsFile;
  const atom = await readFile(join(dir, 'out', 'atom.xml'), 'utf8');
  const { entries } = JSON.parse(await readFile(join(dir, 'out', 'entries.json'), 'utf8')) as {
    entries: { path: string; title: string; content: string[] }[];
  };
  // Each Atom entry's id and update time.
  const updated = new Map<string, string>();
  for (const [entry] of atom.matchAll(/<entry[\s>][\s\S]*?<\/entry>/g)) {
    const id = /<id>([^<]+)<\/id>/.exec(entry)?.[1] ?? '';
    updated.set(id, /<updated>([^<]+)<\/updated>/.exec(entry)?.[1] ?? '');
  }
  assert.equal(updated.size, entries.length, 'every entry in atom.xml');
  return { ids, atom: updated, entries };
}

/** The id map as an earlier version wrote it: each hash of the entry's reading, no `hashOf`. */
async function writeEarlierIdMap(dir: string, ids: IdsFile, hashes: Map<string, string>) {
  const entries = Object.fromEntries(
    Object.entries(ids.entries).map(([path, { hashOf: _, ...record }]) => [
      path,
      { ...record, hash: hashes.get(path) ?? record.hash },
    ]),
  );
  await writeFile(
    join(dir, 'gazette.ids.json'),
    `${JSON.stringify({ ...ids, entries }, null, 2)}\n`,
  );
}

/** What an earlier reading of an entry hashed to: the same title, a text with some furniture. */
function earlierReading(entry: { title: string; content: string[] }): string {
  return textHash(
    sampleEntry(1, { title: entry.title, content: ['Partager sur Facebook', ...entry.content] }),
  );
}

describe('an upgrade is not an edit', () => {
  it('keeps `updated` through a new reading of the same source, and moves it when the source changes', async () => {
    const dir = await project();
    const first = await build(dir);
    const source = createHash('sha256').update(page).digest('hex').slice(0, 32);
    assert.equal(first.ids.entries['valparaiso.txt']?.hash, source, 'the hash is of the source');
    assert.equal(first.ids.entries['valparaiso.txt']?.hashOf, 'source');

    // The map of an earlier version, whose cleaning left a share row in the text; the files
    // were checked out again since (a later modification time), their bytes the same.
    const hashes = new Map(first.entries.map((e) => [e.path, earlierReading(e)]));
    for (const e of first.entries) assert.notEqual(hashes.get(e.path), textHash(sampleEntry(1, e)));
    await writeEarlierIdMap(dir, first.ids, hashes);
    await touch(dir, 'valparaiso.txt', '2025-04-01T12:00:00Z');
    await touch(dir, 'vendanges.md', '2025-04-01T12:00:00Z');
    const upgraded = await build(dir);
    assert.deepEqual(upgraded.atom, first.atom, 'atom.xml: no entry updated');
    for (const [path, record] of Object.entries(first.ids.entries)) {
      const now = upgraded.ids.entries[path];
      assert.equal(now?.updated, record.updated, `${path}: updated kept`);
      assert.equal(now?.id, record.id);
      assert.equal(now?.seq, record.seq);
      assert.equal(now?.hash, record.hash, `${path}: the source's hash adopted`);
      assert.equal(now?.hashOf, 'source');
    }

    // Another reading of the same bytes (the project now drops a line it kept) is no edit.
    const dropping = { ...baseConfig, boilerplate: { drop: ['Le ministre des Transports .*'] } };
    await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(dropping, null, 2));
    const reread = await build(dir);
    const page2 = reread.entries.find((e) => e.path === 'valparaiso.txt');
    assert.ok(!page2?.content.join('\n').includes('Le ministre'), 'the reading changed');
    assert.deepEqual(reread.atom, first.atom);
    assert.deepEqual(reread.ids, upgraded.ids);

    // An edit of the source moves `updated` to when the file changed, in both formats.
    await writeFile(
      join(dir, 'articles', 'valparaiso.txt'),
      page.replace('Plusieurs dizaines', 'Une quarantaine'),
    );
    await touch(dir, 'valparaiso.txt', '2025-04-02T09:00:00Z');
    await writeFile(
      join(dir, 'articles', 'vendanges.md'),
      note.replace('tags: [Chili, viticulture]', 'tags: [Chili, viticulture, climat]'),
    );
    await touch(dir, 'vendanges.md', '2025-04-03T09:00:00Z');
    const edited = await build(dir);
    const moved = (path: string) => edited.ids.entries[path]?.updated ?? '';
    assert.equal(Date.parse(moved('valparaiso.txt')), Date.parse('2025-04-02T09:00:00Z'));
    assert.equal(Date.parse(moved('vendanges.md')), Date.parse('2025-04-03T09:00:00Z'));
    for (const [path, record] of Object.entries(edited.ids.entries)) {
      assert.equal(Date.parse(edited.atom.get(record.id) ?? ''), Date.parse(record.updated));
      assert.notEqual(edited.atom.get(record.id), first.atom.get(record.id), path);
    }
  });

  it('finds a renamed article by its unchanged source, and by its reading in an earlier map', async () => {
    const dir = await project();
    const first = await build(dir);
    const id = first.ids.entries['valparaiso.txt']?.id;
    await rename(join(dir, 'articles', 'valparaiso.txt'), join(dir, 'articles', 'port.txt'));
    const moved = await build(dir);
    assert.equal(moved.ids.entries['port.txt']?.id, id);
    assert.equal(
      moved.ids.entries['port.txt']?.updated,
      first.ids.entries['valparaiso.txt']?.updated,
    );
    assert.equal(moved.ids.entries['valparaiso.txt'], undefined);

    // An earlier version's record, whose hash this reading still matches, follows a rename too.
    const hashes = new Map(moved.entries.map((e) => [e.path, textHash(sampleEntry(1, e))]));
    await writeEarlierIdMap(dir, moved.ids, hashes);
    await rename(join(dir, 'articles', 'port.txt'), join(dir, 'articles', 'greve.txt'));
    const again = await build(dir);
    assert.equal(again.ids.entries['greve.txt']?.id, id);
    assert.equal(again.ids.entries['greve.txt']?.hashOf, 'source');
    assert.equal(
      again.ids.entries['greve.txt']?.updated,
      first.ids.entries['valparaiso.txt']?.updated,
    );
  });
});
