// What each test file costs when it runs alone, in seconds, written to test/durations.json (`npm
// run test:durations`): the longer of its tests' duration and the processor time its process
// spent beyond loading what every test file loads (threads and child processes included, which
// run beside the file alone but take turns with the other groups in `npm test`). `compile.ts
// --tests` reads it to share the files out evenly between the processes of `npm test`.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { run } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * Processor seconds of this process's children that have ended: user and system time, which
 * /proc/self/stat gives in ticks of 1/100 s.
 */
function childrenSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

// A file that loads what every test file loads, and tests nothing: what loading costs.
const scratch = await mkdtemp(join(tmpdir(), 'gazette-durations-'));
const loading = join(scratch, 'loading.test.mts');
const helpers = fileURLToPath(new URL('helpers.ts', import.meta.url));
await writeFile(
  loading,
  `import ${JSON.stringify(helpers)};\nimport { test } from 'node:test';\ntest('loads', () => {});\n`,
);

const wall = new Map<string, number>();
const processor = new Map<string, number>();
const failing = new Set<string>();
let current: string | undefined;
let mark = childrenSeconds();
// Files run one after the other: when the next one reports, the last one's process has ended.
const closeFile = () => {
  const now = childrenSeconds();
  if (current) processor.set(current, (processor.get(current) ?? 0) + now - mark);
  mark = now;
};
try {
  for await (const event of run({ files: [loading, ...process.argv.slice(2)], concurrency: 1 })) {
    const { type, data } = event as {
      type: string;
      data: { nesting?: number; file?: string; details?: { duration_ms?: number } };
    };
    if (!data.file) continue;
    const name = basename(data.file);
    if (name !== current) {
      closeFile();
      current = name;
    }
    if (type === 'test:fail') failing.add(name);
    // A file's own tests and suites, each counted once, at the top of its tree.
    if ((type === 'test:pass' || type === 'test:fail') && data.nesting === 0)
      wall.set(name, (wall.get(name) ?? 0) + (data.details?.duration_ms ?? 0) / 1000);
  }
  closeFile();
} finally {
  await rm(scratch, { recursive: true, force: true });
}

const load = processor.get(basename(loading)) ?? 0;
const seconds = [...wall]
  .filter(([name]) => name !== basename(loading))
  .map(([name, s]) => [name, Math.max(s, (processor.get(name) ?? 0) - load)] as const)
  .sort(([a], [b]) => (a < b ? -1 : 1));
const json = Object.fromEntries(seconds.map(([name, s]) => [name, Math.round(s * 10) / 10]));
await writeFile(new URL('durations.json', import.meta.url), `${JSON.stringify(json, null, 2)}\n`);
console.log(`test/durations.json: ${seconds.length} files timed (loading: ${load.toFixed(1)} s)`);
if (failing.size > 0) {
  console.error(`Tests failed in: ${[...failing].join(', ')}`);
  process.exitCode = 1;
}
