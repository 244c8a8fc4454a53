import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseConfig } from '../src/config.ts';
import { normalizeEntry } from '../src/normalize/normalize-entry.ts';
import { splitParagraphs, splitSentences } from '../src/normalize/sentences.ts';
import { renderIdMap } from '../src/read/id-map.ts';
import { parseArticle } from '../src/read/parse-article.ts';
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
