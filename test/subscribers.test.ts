import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GazetteError } from '../src/errors.ts';
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
      '\uFEFFName,EMAIL,token\n"Dubois, Anne",anne@example.org,a1\n,bob@localhost,\nAnne,ANNE@example.org,x\n',
      's.csv',
    );
    assert.deepEqual(list, [
      { email: 'anne@example.org', name: 'Dubois, Anne', token: 'a1' },
      { email: 'bob@localhost', name: undefined, token: undefined },
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
});
