// How long each test file's tests take when the file runs alone, in seconds, written to
// test/durations.json (`npm run test:durations`). `compile.ts --tests` reads it to share the
// files out evenly between the processes of `npm test`.
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { run } from 'node:test';

const files = process.argv.slice(2);
const seconds = new Map<string, number>();
const failing = new Set<string>();
for await (const event of run({ files, concurrency: 1 })) {
  const { type, data } = event as {
    type: string;
    data: { nesting?: number; file?: string; details?: { duration_ms?: number } };
  };
  if (type === 'test:fail' && data.file) failing.add(basename(data.file));
  // A file's own tests and suites, each counted once, at the top of its tree.
  if ((type !== 'test:pass' && type !== 'test:fail') || data.nesting !== 0 || !data.file) continue;
  const name = basename(data.file);
  seconds.set(name, (seconds.get(name) ?? 0) + (data.details?.duration_ms ?? 0) / 1000);
}
const sorted = [...seconds].sort(([a], [b]) => (a < b ? -1 : 1));
const json = Object.fromEntries(sorted.map(([name, s]) => [name, Math.round(s * 10) / 10]));
await writeFile(new URL('durations.json', import.meta.url), `${JSON.stringify(json, null, 2)}\n`);
console.log(`test/durations.json: ${sorted.length} files timed`);
if (failing.size > 0) {
  console.error(`Tests failed in: ${[...failing].join(', ')}`);
  process.exitCode = 1;
}
