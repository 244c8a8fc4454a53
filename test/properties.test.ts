import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseConfig } from '../src/config.ts';
import type { Entry } from '../src/entry.ts';
import { normalizeEntry } from '../src/normalize/normalize-entry.ts';
import { splitParagraphs, splitSentences } from '../src/normalize/sentences.ts';
import { renderIdMap } from '../src/read/id-map.ts';
import { parseArticle } from '../src/read/parse-article.ts';
import {
  archivePages,
  archivePagesAgain,
  newestFirst,
  newestFirstAgain,
  type TagGroup,
  tagGroups,
} from '../src/render/feed-order.ts';
import { renderFeeds } from '../src/render/feeds.ts';
import { notXmlChar } from '../src/xml-safe.ts';
import { anyText } from './arbitraries.ts';
import { baseConfig, fileBytes, lang, locales } from './helpers.ts';

const config = parseConfig(baseConfig, 'gazette.config.json');

/** Text mixing words, punctuation, markup, control characters and any Unicode. */
const articleText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Le ',
        'M. ',
        'Dr. ',
        '« Non ! » ',
        ']]>',
        '<script>',
        '&amp;',
        '\n',
        '\r\n',
        '. ',
        ', ',
        'États-Unis ',
      ),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      anyText({ maxLength: 10 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('properties over arbitrary text', () => {
  it('every entry field is XML-safe and every feed well-formed, in all three formats', () => {
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' });
    fc.assert(
      fc.property(
        articleText,
        articleText,
        fc.array(articleText, { maxLength: 4 }),
        (text, title, tags) => {
          const { article } = parseArticle(text, 'a.txt', 'a.txt');
          const frontMatter = { ...article.frontMatter, title: title.trim() || undefined, tags };
          const entry = normalizeEntry(
            { ...article, frontMatter },
            { path: 'a.txt', committed: undefined, modified: new Date(0) },
            config,
            locales,
          );
          if (!entry) return;
          const strings = [
            entry.title,
            entry.summary,
            ...entry.content,
            ...entry.tags,
            ...entry.keywords,
          ];
          for (const s of strings) assert.doesNotMatch(s, new RegExp(notXmlChar.source));
          // A headline of at most 110 characters, and a kicker of at most 40 with its colon.
          assert.ok([...entry.title].length <= 110 + 3 + 40 || frontMatter.title);
          assert.ok(entry.tags.length <= 6 && entry.keywords.length <= 10);
          const rendered = renderFeeds([entry], config, {
            feedId: 'tag:x,2025:feed',
            sequence: new Map([[entry.id, 1]]),
          });
          const feeds = new Map(
            [...rendered].map(([path, file]) => [path, fileBytes(file).toString()]),
          );
          const atom = feeds.get('atom.xml') ?? '';
          assert.equal(XMLValidator.validate(atom), true);
          assert.equal(XMLValidator.validate(feeds.get('rss.xml') ?? ''), true);
          assert.equal(JSON.parse(feeds.get('feed.json') ?? '').items[0].id, entry.id);
          for (const [path, xml] of feeds)
            if (path.endsWith('.xml')) assert.equal(XMLValidator.validate(xml), true, path);
          const parsedTitle = parser.parse(atom).feed.entry[0].title['#text'];
          if (entry.title) assert.equal(String(parsedTitle), entry.title);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sentence splitting loses no character and leaves no blank sentence', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const letters = (s: string) => s.replace(/\s+/g, '');
        const sentences = splitSentences(text, lang('fr'));
        assert.equal(letters(sentences.join('')), letters(text));
        for (const sentence of sentences) assert.equal(sentence, sentence.trim());
      }),
      { numRuns: 300 },
    );
  });

  it('paragraphs segmented together split as each paragraph alone does', () => {
    const piece = fc.constantFrom(
      'Le ',
      'M. ',
      'etc. ',
      'U.S. ',
      '3. ',
      'il dit. ',
      '« Vite ! » ',
      '"Non." ',
      '¿Qué? ',
      '… ',
      ') ',
      '\n',
      '\r',
      '\u0085',
      '\u2029',
      '\u00a0',
      'A',
      'b',
    );
    const paragraph = fc.array(piece, { maxLength: 25 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('fr', 'en', 'de', 'es', 'pt'),
        (paragraphs, language) => {
          assert.deepEqual(
            splitParagraphs(paragraphs, lang(language)),
            paragraphs.map((p) => splitSentences(p, lang(language))),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('the id map is JSON as JSON.stringify indents it, records kept between renderings or not', () => {
    const record = fc.record({
      id: fc.string({ minLength: 1 }),
      published: fc.string(),
      updated: fc.string(),
      hash: fc.string(),
      seq: fc.integer({ min: 1 }),
    });
    const idMap = fc.record({
      feed: fc.option(fc.record({ id: fc.string({ minLength: 1 }) }), { nil: undefined }),
      entries: fc.dictionary(fc.string({ unit: 'grapheme' }), record, { maxKeys: 8 }),
    });
    fc.assert(
      fc.property(idMap, idMap, (first, second) => {
        // The second map shares some records with the first: their texts are kept.
        const both = { ...second, entries: { ...first.entries, ...second.entries } };
        const lines = new WeakMap();
        for (const m of [first, both]) {
          const text = renderIdMap({ ...m, entries: new Map(Object.entries(m.entries)) }, lines);
          const about = (JSON.parse(text) as { about: string }).about;
          const expected = `${JSON.stringify({ about, feed: m.feed, entries: m.entries }, null, 2)}\n`;
          assert.equal(text, expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('tag groups made again from the last build', () => {
  const tagPool = ['Lyon', 'lyon', 'Nantes', 'Lille', 'Budget', 'État', 'etat'];
  // A few lists many entries share: entries of the same tags, which may swap places.
  const tagLists = [[], ['Lyon'], ['Lyon', 'Budget'], ['lyon'], ['État', 'Nantes'], ['etat']];
  /** An entry as grouping reads it: its tags, and which object it is. */
  const entryWith = (tags: string[]) => ({ tags }) as unknown as Entry;
  /** The groups, by slug, with their entries as objects (the same object, not an equal one). */
  const same = (a: TagGroup[], b: TagGroup[]) =>
    a.length === b.length &&
    a.every((group, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        group.slug === other.slug &&
        group.name === other.name &&
        group.entries.length === other.entries.length &&
        group.entries.every((entry, e) => entry === other.entries[e])
      );
    });

  it('are those made anew, whatever entries were replaced, swapped or retagged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...tagLists), fc.subarray(tagPool, { maxLength: 3 })), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('same', 'copy', 'swap', 'retag')), {
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 3 }),
        (lists, changes, minimum) => {
          const before = lists.map(entryWith);
          const after = [...before];
          for (const [at, change] of changes) {
            const i = at % after.length;
            const entry = after[i] as Entry;
            if (change === 'copy') after[i] = entryWith([...entry.tags]);
            if (change === 'retag') after[i] = entryWith(['Nantes', ...entry.tags.slice(1)]);
            if (change === 'swap') {
              // Two entries of the same tags change places.
              const j = after.findIndex((e, k) => k !== i && e.tags.join() === entry.tags.join());
              if (j >= 0) [after[i], after[j]] = [after[j] as Entry, entry];
            }
          }
          const memo = {};
          const slugs = new Map<string, string>();
          tagGroups(before, minimum, slugs, memo);
          assert.ok(same(tagGroups(after, minimum, slugs, memo), tagGroups(after, minimum)));
        },
      ),
    );
  });
});

/** An entry as sorting reads it: its id and date, and which object it is. */
const entryOf = (id: string, day: number) =>
  ({ id, published: `2026-01-${String(day).padStart(2, '0')}T10:00:00Z` }) as unknown as Entry;

describe('entries sorted again from the last build', () => {
  it('are in the order sorting them anew gives, whatever entries were replaced or redated', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 9 })),
          {
            minLength: 1,
            maxLength: 30,
            selector: ([id]) => id,
          },
        ),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('copy', 'redate')), { maxLength: 5 }),
        (list, changes) => {
          const before = list.map(([id, day]) => entryOf(id, day));
          const after = [...before];
          for (const [at, change] of changes) {
            const i = at % after.length;
            const [id, day] = list[i] as [string, number];
            after[i] = entryOf(id, change === 'copy' ? day : (day % 9) + 1);
          }
          const memo = {};
          newestFirstAgain(before, memo);
          const again = newestFirstAgain(after, memo);
          const anew = newestFirst(after);
          assert.equal(again.length, anew.length);
          assert.ok(again.every((entry, i) => entry === anew[i]));
        },
      ),
    );
  });
});

describe('archive pages made again from the last build', () => {
  it('are those made anew, whatever entries were replaced, redated or moved in the sequence', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(
            fc.string({ minLength: 1, maxLength: 3 }),
            fc.integer({ min: 1, max: 9 }),
            fc.nat(20),
          ),
          { minLength: 1, maxLength: 40, selector: ([id]) => id },
        ),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('copy', 'redate', 'resequence')), {
          maxLength: 5,
        }),
        fc.integer({ min: 1, max: 6 }),
        (list, changes, size) => {
          const before = list.map(([id, day]) => entryOf(id, day));
          const sequence = new Map(list.map(([id, , seq]) => [id, seq]));
          const after = [...before];
          const nextSequence = new Map(sequence);
          for (const [at, change] of changes) {
            const i = at % after.length;
            const [id, day, seq] = list[i] as [string, number, number];
            if (change === 'resequence') nextSequence.set(id, seq + 7);
            else after[i] = entryOf(id, change === 'copy' ? day : (day % 9) + 1);
          }
          const memo = {};
          archivePagesAgain(before, { feedId: 'f', sequence }, size, memo);
          const plan = { feedId: 'f', sequence: nextSequence };
          const again = archivePagesAgain(after, plan, size, memo);
          const anew = archivePages(after, plan, size);
          assert.equal(again.length, anew.length);
          again.forEach((page, p) => {
            assert.ok(page.length === anew[p]?.length && page.every((e, i) => e === anew[p]?.[i]));
          });
        },
      ),
    );
  });
});
