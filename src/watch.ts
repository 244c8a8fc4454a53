import { dirname, join, sep } from 'node:path';
import {
  type BuildDeps,
  type BuildResult,
  build as buildOnce,
  createBuildSession,
} from './build.ts';
import { type BuildOptions, resolveBuildOptions } from './config.ts';
import { GazetteError } from './errors.ts';
import { engineFor } from './incremental/engine.ts';
import { sentDigestsFolder } from './read/sent-digests.ts';
import { watchArticles } from './read/watch-articles.ts';
import { watchSettings } from './read/watch-settings.ts';

export interface WatchDeps extends BuildDeps {
  /** After every build, with how long it took. */
  onBuild: (result: BuildResult, milliseconds: number) => void;
  /** A build that failed; watching goes on. */
  onError: (error: unknown) => void;
  /** After the first build, which must succeed, before watching starts. */
  onFirstBuild?: (result: BuildResult) => Promise<void>;
  /** Whether its engine may start threads (by default it does); without, it works on this one. */
  threads?: boolean;
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
  // One engine for every build: its threads loaded once, its cache's records in memory.
  const engine = engineFor(options, true, deps.threads);
  // The listing and the id map are kept too, and what the watcher saw change is looked at again.
  const session = createBuildSession();
  const { listing } = session;
  // Removing the previous output finishes after a build has reported, before the next starts.
  let removing: Promise<void>[] = [];
  const buildDeps: BuildDeps = {
    ...deps,
    engine,
    session,
    later: (work) => removing.push(work),
  };
  const build = async () => {
    await Promise.all(removing);
    removing = [];
    return buildOnce(options, buildDeps);
  };
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
      deps.onBuild(await build(), performance.now() - started);
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

  const out = resolved.out.path;
  // The files Gazette writes itself must not start a rebuild.
  const ours = (path: string) =>
    path === out ||
    path.startsWith(`${out}${sep}`) ||
    path.startsWith(`${dirname(out)}${sep}.out-`) ||
    /(^|\/)\.gazette-/.test(path) ||
    /gazette\.ids\.json$/.test(path);
  const rebuildSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), settle);
  };
  // Watching starts before the first build, so that no change goes unseen in between.
  const skip = [resolved.input.path, out, ...(resolved.cacheDir ? [resolved.cacheDir] : [])];
  let settings: Awaited<ReturnType<typeof watchSettings>>;
  try {
    settings = await watchSettings(
      {
        config: resolved.config.path,
        templates: resolved.templates[0] ?? '',
        digests: join(dirname(resolved.config.path), sentDigestsFolder),
      },
      skip,
      rebuildSoon,
    );
  } catch {
    await engine.close();
    throw new GazetteError('ConfigNotFound', 'cannot watch the folder of the config file', {
      file: resolved.config.display,
    });
  }
  // The articles: only the files the watcher names are looked at again.
  let articles: Awaited<ReturnType<typeof watchArticles>>;
  try {
    articles = await watchArticles(resolved.input.path, ours, (change) => {
      if ('file' in change) listing.changed.add(change.file);
      else listing.whole = true;
      rebuildSoon();
    });
  } catch {
    await Promise.all([settings.close(), engine.close()]);
    throw new GazetteError('InputNotFound', 'the input folder does not exist or is not a folder', {
      file: resolved.input.display,
    });
  }
  const stop = async () => {
    clearTimeout(timer);
    await Promise.all([settings.close(), articles.close()]);
    await Promise.all(removing);
    await engine.close();
  };

  running = true;
  const started = performance.now();
  try {
    const first = await build();
    deps.onBuild(first, performance.now() - started);
    await deps.onFirstBuild?.(first);
  } catch (error) {
    // Watching goes on after a failed first build (an edit may fix it), unless it is needed
    // (to serve), or no edit of what is watched can fix it.
    if (
      deps.onFirstBuild ||
      (error instanceof GazetteError && error.name === 'OutputFolderUnsafe')
    ) {
      await stop();
      throw error;
    }
    deps.onError(error);
  } finally {
    running = false;
  }
  if (again) {
    again = false;
    if (deps.onFirstBuild) void run();
    else await run();
  }
  // MJML loads on the engine's thread now, while nothing happens,
  // rather than when the first edit changes the digest.
  engine.loadMjml();
  return { close: stop };
}
