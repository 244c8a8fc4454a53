import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { type AsyncSubscription, subscribe } from '@parcel/watcher';

/**
 * What a build reads besides the articles: the config file, the user's templates folder, and
 * the records of the digests sent (beside the config).
 */
export interface Settings {
  config: string;
  templates: string;
  digests: string;
}

/**
 * Watches the config file and the templates folder with @parcel/watcher, as the articles are
 * watched. It watches whole folders: the config's folder (the templates' too when they are
 * inside it, as by default), and the templates' own, or the folder that will hold them. Folders
 * that hold no setting (`skip`: the articles, the output and the cache, and `node_modules` and
 * `.git`) are not watched at all, nor the output being written beside its folder, however many
 * files they hold. Only a change to a setting reaches `onChange`.
 */
export async function watchSettings(
  settings: Settings,
  skip: string[],
  onChange: () => void,
): Promise<{ close: () => Promise<void> }> {
  const isSetting = (path: string) =>
    path === settings.config ||
    [settings.templates, settings.digests].some(
      (folder) => path === folder || inside(folder, path),
    );
  const folders = [dirname(settings.config)];
  if (!inside(folders[0] as string, settings.templates)) {
    const templates = existsSync(settings.templates)
      ? settings.templates
      : dirname(settings.templates);
    if (existsSync(templates)) folders.push(templates);
  }
  const subscriptions: AsyncSubscription[] = [];
  try {
    for (const folder of folders) {
      // The events may name the files by their real path; settings are compared by the given one.
      const real = realpathSync(folder);
      const given = (path: string) =>
        inside(real, path) ? join(folder, relative(real, path)) : path;
      const ignore = [
        ...[...skip, join(folder, 'node_modules'), join(folder, '.git')].filter(
          (path) => inside(folder, path) && !isSetting(path) && !holdsSetting(path, settings),
        ),
        // The output being written, and the temporary files, beside their targets.
        /(^|[/\\])\.out-[^/\\]*$/,
        /\.gazette-tmp$/,
      ];
      subscriptions.push(
        await subscribe(
          folder,
          (_error, events) => {
            if (events.some(({ path }) => isSetting(given(path)))) onChange();
          },
          { ignore },
        ),
      );
    }
  } catch (error) {
    await Promise.all(subscriptions.map((s) => s.unsubscribe()));
    throw error;
  }
  return {
    close: async () => {
      await Promise.all(subscriptions.map((s) => s.unsubscribe()));
    },
  };
}

/** Whether `path` is below `folder`. */
function inside(folder: string, path: string): boolean {
  return path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

/** Whether the config or the templates are inside `folder`: it is then watched. */
function holdsSetting(folder: string, settings: Settings): boolean {
  return [settings.config, settings.templates, settings.digests].some((path) =>
    inside(folder, path),
  );
}
