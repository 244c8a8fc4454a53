import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig, readConfig } from '../src/config.ts';
import { GazetteError } from '../src/errors.ts';
import { baseConfig, tempDir } from './helpers.ts';

function problem(value: unknown): string {
  try {
    parseConfig(value, 'gazette.config.json');
  } catch (error) {
    assert.ok(error instanceof GazetteError);
    assert.equal(error.name, 'ConfigInvalid');
    return error.format().split('\n')[0] ?? '';
  }
  assert.fail('the config was accepted');
}

describe('gazette.config.json', () => {
  it('fills defaults', () => {
    const { timeZone, digest, ...rest } = baseConfig;
    const config = parseConfig({ ...rest, siteUrl: 'https://x.org' }, 'c');
    assert.equal(config.siteUrl, 'https://x.org/');
    assert.equal(config.timeZone, 'UTC');
    assert.deepEqual(config.digest, {
      title: baseConfig.title,
      limit: 10,
      groupAbove: 5,
      unsubscribeUrl: 'https://x.org/unsubscribe?token={token}',
      unsubscribeEmail: 'lettre@news.example.org',
    });
    assert.deepEqual(config.feeds, { limit: 50, tagMinEntries: 5 });
  });

  it('names the field and what is wrong with it', () => {
    const { title, ...untitled } = baseConfig;
    assert.equal(problem(untitled), 'gazette.config.json: title: is required');
    assert.equal(
      problem({ ...baseConfig, siteUrl: 'ftp://x.org' }),
      'gazette.config.json: siteUrl: must be an absolute http(s) URL',
    );
    assert.equal(
      problem({ ...baseConfig, author: { name: 'A', email: 'nope' } }),
      'gazette.config.json: author.email: must be an email address',
    );
    assert.equal(
      problem({ ...baseConfig, language: 'xx' }),
      'gazette.config.json: language: is not a known ISO 639-1 language',
    );
    assert.equal(
      problem({ ...baseConfig, digest: { limit: 2.5 } }),
      'gazette.config.json: digest.limit: must be a whole number',
    );
    assert.equal(
      problem({ ...baseConfig, colour: 'red' }),
      'gazette.config.json: (top level): unknown field "colour"',
    );
    assert.match(problem({ ...baseConfig, sender: 'nobody' }), /^gazette\.config\.json: sender: /);
    assert.match(
      problem({ ...baseConfig, timeZone: 'Mars/Olympus' }),
      /^gazette\.config\.json: timeZone: /,
    );
  });

  it('reports malformed JSON with its line', async () => {
    const dir = await tempDir();
    const path = join(dir, 'gazette.config.json');
    await writeFile(path, '{\n  "title": "x",\n}\n');
    await assert.rejects(readConfig(path, 'gazette.config.json'), (error: GazetteError) => {
      assert.equal(error.name, 'ConfigInvalidJson');
      assert.equal(error.location?.line, 3);
      return true;
    });
  });
});
