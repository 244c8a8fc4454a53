import { dirname } from 'node:path';
import { watch } from 'chokidar';
import { type BuildDeps, type BuildResult, build } from './build.ts';
import { type BuildOptions, resolveBuildOptions } from './config.ts';
import { createNormalizer } from './normalize-pool.ts';

export interface WatchDeps extends BuildDeps {
  /** After every build, with how long it took. */
  onBuild: (result: BuildResult, milliseconds: number) => void;
  /** A build that failed; watching goes on. */
  onError: (error: unknown) => void;
  /** After the first build, which must succeed, before watching starts. */
  onFirstBuild?: (result: BuildResult) => Promise<void>;
}

/** Changes closer together than this make one rebuild. */
const settle = 80;

/**
 * Builds, then builds again whenever an article, a template or the config changes. Only the
 * changed articles are normalized again (the rest come from the cache). Resolves once the first
 * build is done; `close` stops watching.
 */
export async function watchBuild(
  options: BuildOptions,
  deps: WatchDeps,
): Promise<{ close: () => Promise<void> }> {
  const resolved = resolveBuildOptions(options);
  // One normalizer for every build: loaded once, it normalizes an edited article at once.
  const normalizer = createNormalizer();
  const buildDeps = { ...deps, normalizer };
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const started = performance.now();
    try {
      deps.onBuild(await build(options, buildDeps), performance.now() - started);
    } catch (error) {
      deps.onError(error);
    } finally {
      running = false;
      if (again) {
        again = false;
        await run();
      }
    }
  };

  if (deps.onFirstBuild) {
    const started = performance.now();
    try {
      const first = await build(options, buildDeps);
      deps.onBuild(first, performance.now() - started);
      await deps.onFirstBuild(first);
    } catch (error) {
      await normalizer.close();
      throw error;
    }
  } else await run();
  const out = resolved.out.path;
  const watcher = watch([resolved.input.path, resolved.config.path, resolved.templates[0] ?? ''], {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 },
    // The output folder and the files Gazette writes itself must not start a rebuild.
    ignored: (path: string) =>
      path.startsWith(out) ||
      path.startsWith(`${dirname(out)}/.out-`) ||
      /(^|\/)\.gazette-/.test(path) ||
      /gazette\.ids\.json$/.test(path),
  });
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), settle);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
      await normalizer.close();
    },
  };
}
