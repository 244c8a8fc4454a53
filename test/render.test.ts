import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultTemplates, parseConfig } from '../src/config.ts';
import type { Entry } from '../src/entry.ts';
import { readTemplates } from '../src/read/digest-files.ts';
import { digestLanguage, renderDigest, resolveDigest } from '../src/render/digest.ts';
import { wrapText } from '../src/render/wrap.ts';
import { baseConfig, sampleEntry } from './helpers.ts';

const config = parseConfig({ ...baseConfig, digest: { title: 'Digest', limit: 2 } }, 'c');

function entry(n: number, language: string, published: string): Entry {
  return sampleEntry(n, { title: `Title <${n}> & co`, language, published });
}

describe('digest', () => {
  it('speaks the language most of its entries are in, with its dates and words', async () => {
    const entries = [
      entry(1, 'es', '2025-01-05T10:00:00+01:00'),
      entry(2, 'es', '2025-01-03T10:00:00+01:00'),
      entry(3, 'fr', '2025-01-01T10:00:00+01:00'),
    ];
    assert.equal(digestLanguage(entries, 'fr'), 'es');
    const data = resolveDigest(entries, config);
    const items = data.groups.flatMap((g) => g.items);
    assert.equal(items.length, 2, 'the item limit applies, newest first');
    assert.deepEqual(
      items.map((i) => i.id),
      [entries[0]?.id, entries[1]?.id],
    );
    assert.equal(data.dateRange, 'del 3 de enero de 2025 al 5 de enero de 2025');
    const digest = await renderDigest(entries, config, await readTemplates(defaultTemplates));
    assert.match(digest.html, /<html lang="es" dir="ltr"/);
    assert.ok(digest.html.includes('Title &lt;1&gt; &amp; co'));
    assert.ok(!digest.html.includes('Title <1>'));
    assert.ok(digest.text.includes('Seguir leyendo: https://news.example.org/e1/'));
    assert.ok(digest.text.includes('Title <1> & co'));
  });

  it('falls back to English for a language it has no words for', () => {
    assert.equal(digestLanguage([entry(1, 'it', '2025-01-01T00:00:00Z')], 'it'), 'en');
  });
});

describe('plain text', () => {
  it('wraps at 76 columns and keeps long URLs whole', () => {
    const url = `https://example.org/${'a'.repeat(90)}`;
    const text = wrapText(`${'mot '.repeat(40)}${url} fin`);
    for (const line of text.split('\n')) assert.ok(line.length <= 76 || line === url, line);
    assert.ok(text.split('\n').includes(url));
  });
});
