import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { evaluateSet } from '../eval/evaluate.ts';
import { keywordScore, rougeL, rougeN, rougeTokens } from '../eval/score.ts';
import { root } from './helpers.ts';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('scorers, against values worked out by hand', () => {
  it('tokenize as rouge-score does: lowercase, runs outside [a-z0-9] are spaces', () => {
    assert.deepEqual(rougeTokens("L'été à Paris, 2025!"), ['l', 't', 'paris', '2025']);
  });

  it('ROUGE-1, ROUGE-2 and ROUGE-L', () => {
    // prediction: the cat sat on the mat (6 tokens); reference: the cat is on the mat (6)
    // unigrams: the×2, cat, on, mat shared = 5 → P = R = 5/6
    const r1 = rougeN('the cat sat on the mat', 'the cat is on the mat', 1);
    close(r1.precision, 5 / 6);
    close(r1.f1, 5 / 6);
    // bigrams: "the cat", "on the", "the mat" shared of 5 each → 3/5
    close(rougeN('the cat sat on the mat', 'the cat is on the mat', 2).f1, 3 / 5);
    // LCS: the cat on the mat = 5 → 5/6
    close(rougeL('the cat sat on the mat', 'the cat is on the mat').f1, 5 / 6);
    // clipped counts: "the the the" vs "the cat": overlap 1, P = 1/3, R = 1/2, F = 0.4
    close(rougeN('the the the', 'the cat', 1).f1, 0.4);
    close(rougeL('', 'the cat').f1, 0);
  });

  it('keywords at k, exact after lowercasing and NFC', () => {
    const score = keywordScore(
      ['Pérou', 'Lima', 'armée', 'Congrès'],
      ['pe\u0301rou', 'congrès', 'défense'],
      2,
    );
    // top 2: pérou (hit), lima → P = 1/2, R = 1/3, F = 0.4
    close(score.precision, 0.5);
    close(score.recall, 1 / 3);
    close(score.f1, 0.4);
    close(keywordScore(['a', 'b'], ['a', 'b'], 10).f1, 1);
  });
});

const sets = join(root, '..', 'shared', 'eval');

describe('quality does not regress', () => {
  // Floors a little under the figures reached on these fixed slices, so that only a real drop fails.
  const floors = [
    ['orangesum-fr', 150, { 'summary R1': 28.5, 'summary RL': 18.0, 'title RL': 18.5 }],
    ['wikinews-fr', 50, { 'keywords F1@10': 0.4 }],
    ['kpcrowd-en', 100, { 'keywords F1@10': 0.15 }],
  ] as const;
  for (const [set, rows, expected] of floors) {
    it(`${set}, first ${rows} documents`, async (t) => {
      if (!existsSync(sets)) {
        t.skip(`no evaluation sets in ${sets}`);
        return;
      }
      const { figures } = await evaluateSet(sets, set, rows);
      for (const [name, floor] of Object.entries(expected)) {
        assert.ok((figures[name] ?? 0) >= floor, `${name} ${figures[name]} < ${floor}`);
      }
    });
  }
});
