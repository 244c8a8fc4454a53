import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { Parser } from 'htmlparser2';
import { readEntries } from '../src/build.ts';
import { defaultTemplates, parseConfig } from '../src/config.ts';
import { isUserError } from '../src/errors.ts';
import { readTemplates } from '../src/read/digest-files.ts';
import { renderOutput } from '../src/render/output.ts';
import type { OutputFiles } from '../src/render/output-file.ts';
import { anyText } from './arbitraries.ts';
import { baseConfig, fileBytes, tempDir } from './helpers.ts';

const config = parseConfig(baseConfig, 'gazette.config.json');

/** Any Unicode, with the characters that break feeds and mail made likely. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      anyText({ maxLength: 12 }),
      fc.constantFrom(
        '<script>',
        ']]>',
        '&amp;',
        '---',
        '\n',
        '\r',
        ': ',
        '"',
        "'",
        '\u0000',
        '\uD800',
        '\u202E',
        'M. ',
        '« ! »',
      ),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** An article file: plain text, or front matter (title, tags, date) and a body. */
const article = fc.record({
  markdown: fc.boolean(),
  title: fc.option(hostileText),
  tags: fc.option(fc.array(hostileText, { maxLength: 4 })),
  body: hostileText,
});

interface ArticleCase {
  markdown: boolean;
  title: string | null;
  tags: string[] | null;
  body: string;
}

function fileText(a: ArticleCase): string {
  if (a.title === null && a.tags === null) return a.body;
  const lines = ['---'];
  if (a.title !== null) lines.push(`title: ${JSON.stringify(a.title)}`);
  if (a.tags !== null) lines.push(`tags: ${JSON.stringify(a.tags)}`);
  return `${lines.join('\n')}\n---\n${a.body}`;
}

describe('a build of arbitrary articles', () => {
  it('succeeds with well-formed output, or fails with a catalogued error; never crashes', async () => {
    const templates = await readTemplates(defaultTemplates);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(article, { minLength: 1, maxLength: 3 }), async (articles) => {
        const dir = join(await tempDir(), `case-${run++}`);
        await mkdir(dir);
        await Promise.all(
          articles.map((a, i) =>
            writeFile(join(dir, `a${i}.${a.markdown ? 'md' : 'txt'}`), fileText(a)),
          ),
        );
        let files: OutputFiles;
        try {
          const { entries, plan } = await readEntries(
            dir,
            'articles',
            config,
            { entries: new Map() },
            { now: new Date() },
          );
          const rendered = renderOutput(entries, config, plan, templates);
          files = new Map([...rendered.files, ...(await rendered.digest).files]);
        } catch (error) {
          assert.ok(isUserError(error), `not a catalogued error: ${(error as Error).stack}`);
          return;
        }
        for (const [path, content] of files) {
          const text = fileBytes(content).toString();
          if (path.endsWith('.xml')) assert.equal(XMLValidator.validate(text), true, path);
          if (path.endsWith('.json')) JSON.parse(text);
        }
        let scripts = 0;
        const parser = new Parser({ onopentag: (name) => void (name === 'script' && scripts++) });
        parser.write(fileBytes(files.get('digest.html') ?? { chunks: [] }).toString());
        parser.end();
        assert.equal(scripts, 0);
      }),
      // Each run reads files and compiles the digest's MJML, the slow part: 40 runs. Entries
      // and feeds over arbitrary text get 1,000 runs of their own in properties.test.ts.
      { numRuns: 40 },
    );
  });
});
