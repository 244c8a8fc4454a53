import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GazetteError } from '../src/errors.ts';
import { lineOfJsonValue, visitJsonValues } from '../src/json-lines.ts';
import { parseSubscribersCsv, parseSubscribersJson } from '../src/read/subscribers.ts';

function problem(read: () => unknown): GazetteError {
  try {
    read();
  } catch (error) {
    assert.ok(error instanceof GazetteError);
    return error;
  }
  assert.fail('the list was accepted');
}

describe('subscriber lists', () => {
  it('reads CSV with any column order, case and blanks, and drops repeated addresses', () => {
    const list = parseSubscribersCsv(
      '\uFEFFName,EMAIL,token,Topics\n"Dubois, Anne",anne@example.org,a1,"Élections; climat,Climat"\n,bob@localhost,Ab3_-xyz12.q9W8e7R6t5Y4u3I2o1,\nAnne,ANNE@example.org,x,\n',
      's.csv',
    );
    assert.deepEqual(list, [
      // A token not of the store's form (id.secret) is not the store's: it gives one of its own.
      {
        email: 'anne@example.org',
        name: 'Dubois, Anne',
        token: undefined,
        topics: ['elections', 'climat'],
      },
      {
        email: 'bob@localhost',
        name: undefined,
        token: 'Ab3_-xyz12.q9W8e7R6t5Y4u3I2o1',
        topics: undefined,
      },
    ]);
  });

  it('reads a JSON array and names the line of a bad object', () => {
    assert.deepEqual(parseSubscribersJson('[{"email": "a@example.org", "lang": "es"}]', 's.json'), [
      { email: 'a@example.org', lang: 'es' },
    ]);
    const error = problem(() =>
      parseSubscribersJson('[\n  {"email": "a@example.org"},\n  {"email": "nope"}\n]', 's.json'),
    );
    assert.equal(error.name, 'SubscribersInvalid');
    assert.equal(error.location?.line, 3);
  });

  it('refuses a CSV file without an email column', () => {
    const error = problem(() => parseSubscribersCsv('name\nAnne\n', 's.csv'));
    assert.match(error.message, /no `email` column/);
  });

  it('names the line of the object, whatever its strings hold', () => {
    const text = [
      '[',
      '  {"name": "Anne \\"email\\": {", "email": "a@example.org"},',
      '  {"nested": {"email": "x"}, "email": "b@example.org", "tags": ["]", "\\\\"]},',
      '  "c@example.org",',
      '  {',
      '    "email": "d@example.org", "name": "D\\u000aBcc: x@example.org"',
      '  }',
      ']',
    ].join('\n');
    const error = problem(() => parseSubscribersJson(text, 's.json'));
    assert.match(error.message, /line 4: .*\n\s+line 5: name must not contain line breaks/);
    assert.equal(error.location?.line, 4);
  });

  it('refuses names with control characters and addresses SMTP cannot carry', () => {
    for (const [row, message] of [
      ['a@example.org,"Anne\tDubois"', /line 2: name must not contain/],
      ['a@example.org,Anne\u0085', /line 2: name must not contain/],
      ['.a@example.org,', /line 2: email is not an email address/],
      ['a..b@example.org,', /line 2: email is not an email address/],
      [`${'a'.repeat(65)}@example.org,`, /line 2: email is not an email address/],
      ['a@-example.org,', /line 2: email is not an email address/],
    ] as const) {
      assert.match(
        problem(() => parseSubscribersCsv(`email,name\n${row}\n`, 's.csv')).message,
        message,
      );
    }
    assert.deepEqual(parseSubscribersCsv("email,name\no'brien+news@localhost,Ana Ñ\n", 's.csv'), [
      { email: "o'brien+news@localhost", name: 'Ana Ñ' },
    ]);
  });
});

describe('lines of a JSON document', () => {
  it('finds where each item of an array starts, in one pass', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.boolean(), (items, pretty) => {
        let text = '[';
        const expected: number[] = [];
        for (const [i, item] of items.entries()) {
          text += `${i > 0 ? ',' : ''}\n  `;
          expected.push(text.split('\n').length);
          text += JSON.stringify(item, null, pretty ? 2 : undefined) ?? 'null';
        }
        text += '\n]';
        const found: number[] = [];
        visitJsonValues(text, 1, (path, line) => {
          if (path.length === 1) found.push(line);
        });
        assert.deepEqual(found, expected);
      }),
    );
  });

  it('finds the line of a field by its path', () => {
    const text = '{\n  "a": 1,\n  "digest": {\n    "x": "}\\"",\n    "title": "T"\n  }\n}';
    assert.equal(lineOfJsonValue(text, ['digest', 'title']), 5);
    assert.equal(lineOfJsonValue(text, ['digest']), 3);
    assert.equal(lineOfJsonValue(text, ['missing']), undefined);
  });
});
