import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench:subscriptions [-- 100000]`: the readers' store with that many readers (of five
 * languages, some following topics), on SQLite, and on PostgreSQL when a server answers at
 * GAZETTE_TEST_POSTGRES_URL: importing them, importing them again (nothing changes),
 * `send --dry-run` planning a digest for them, and `gazette listen` answering 200 one-click
 * unsubscribes sent at once. Figures into bench/results.json (`subscriptions`).
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const readers = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
const concurrent = 200;
const cli = join(root, 'dist', 'cli.js');
const serverUrl =
  process.env.GAZETTE_TEST_POSTGRES_URL ?? 'postgres://gazette:gazette@127.0.0.1:5432/postgres';

interface Measure {
  seconds: number;
  rssMB: number;
}

function measure(args: string[], cwd: string, env: Record<string, string>): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, ...args], {
    cwd,
    env: { ...process.env, INIT_CWD: cwd, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`gazette ${args.join(' ')} failed:\n${result.stderr}`);
  const [seconds = 'NaN', kb = 'NaN'] = result.stderr.trim().split('\n').pop()?.split(' ') ?? [];
  return { seconds: Number(seconds), rssMB: Math.round(Number(kb) / 1024) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** A project of the seeds whose service answers at `port`, and its list of readers. */
async function project(port: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gazette-bench-subscriptions-'));
  await cp(join(root, 'seeds'), join(dir, 'articles'), { recursive: true });
  const config = JSON.parse(await readFile(join(root, 'gazette.config.json'), 'utf8'));
  config.subscriptions = { url: `http://127.0.0.1:${port}/` };
  config.send = { ...config.send, confirmAbove: readers + 1 };
  await writeFile(join(dir, 'gazette.config.json'), JSON.stringify(config, null, 2));
  const languages = ['', 'fr', 'en', 'es', 'pt', 'de'];
  const topics = ['', '', '', 'Pérou', 'États-Unis;Mexique'];
  const rows = Array.from(
    { length: readers },
    (_, i) =>
      `reader${i}@example${i % 97}.org,Reader ${i},${languages[i % languages.length]},"${topics[i % topics.length]}"`,
  );
  await writeFile(join(dir, 'list.csv'), `email,name,lang,topics\n${rows.join('\n')}\n`);
  return dir;
}

/** A new database on the PostgreSQL server, or none when no server answers. */
async function postgresDatabase(): Promise<string | undefined> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  const name = `gazette_bench_${Date.now()}`;
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** `gazette listen`, started, and the one-click unsubscribes of `tokens` sent at once. */
async function oneClicks(dir: string, port: number, env: Record<string, string>, tokens: string[]) {
  const child: ChildProcess = spawn(process.execPath, [cli, 'listen', '--port', String(port)], {
    cwd: dir,
    env: { ...process.env, INIT_CWD: dir, GAZETTE_SMTP_URL: 'smtp://127.0.0.1:1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Subscription service at')) resolve();
    });
    child.once('exit', () => reject(new Error('gazette listen stopped')));
  });
  try {
    const started = performance.now();
    const latencies = await Promise.all(
      tokens.map(async (token) => {
        const at = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}/unsubscribe?token=${token}`, {
          method: 'POST',
          body: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        await response.text();
        if (response.status !== 200) throw new Error(`one-click answered ${response.status}`);
        return performance.now() - at;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round(latencies[Math.floor((latencies.length - 1) * q)] ?? 0);
    return {
      requests: tokens.length,
      seconds: Number(seconds.toFixed(2)),
      p50ms: at(0.5),
      p95ms: at(0.95),
      maxms: at(1),
    };
  } finally {
    child.kill('SIGTERM');
  }
}

async function storeBench(kind: string, env: Record<string, string>) {
  const port = await freePort();
  const dir = await project(port);
  const imported = measure(['subscribers', 'import', 'list.csv'], dir, env);
  const again = measure(['subscribers', 'import', 'list.csv'], dir, env);
  const dryRun = measure(['send', '--input', 'articles', '--dry-run'], dir, env);
  const exported = spawnSync(process.execPath, [cli, 'subscribers', 'export'], {
    cwd: dir,
    env: { ...process.env, INIT_CWD: dir, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }).stdout;
  const tokens = exported
    .split('\n')
    .slice(1, concurrent + 1)
    .map((line) => line.split(',').at(-1) ?? '');
  const service = await oneClicks(dir, port, env, tokens);
  const result = { readers, import: imported, importAgain: again, dryRun, oneClick: service };
  console.log(`${kind}: ${JSON.stringify(result)}`);
  return result;
}

const results: Record<string, unknown> = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  date: new Date().toISOString().slice(0, 10),
  sqlite: await storeBench('SQLite', {}),
};
const postgres = await postgresDatabase();
if (postgres) results.postgres = await storeBench('PostgreSQL', { GAZETTE_DATABASE_URL: postgres });
else console.log(`PostgreSQL: no server at ${new URL(serverUrl).host}, not measured`);

const resultsFile = join(root, 'bench', 'results.json');
const saved = JSON.parse(await readFile(resultsFile, 'utf8'));
await writeFile(resultsFile, `${JSON.stringify({ ...saved, subscriptions: results }, null, 2)}\n`);
