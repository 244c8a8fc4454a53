import { realpathSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { type AsyncSubscription, type SubscribeCallback, subscribe } from '@parcel/watcher';

/** What changed below the folder: one file, by its path relative to it, or anything at all. */
export type ArticlesChange = { file: string } | { whole: true };

/**
 * Watches the files below `folder` with @parcel/watcher, whose events name the files that
 * changed: nothing is read again but those files, however large the folder. Hidden files and the paths `ignored` says are
 * left out. When the folder itself goes, `onChange` hears of it, and the folder is watched
 * again once it is back: made again, it is another folder to the system's watcher.
 */
export async function watchArticles(
  folder: string,
  ignored: (path: string) => boolean,
  onChange: (change: ArticlesChange) => void,
): Promise<{ close: () => Promise<void> }> {
  // The events may name the files by their real path.
  const roots = [folder, realpathSync(folder)];
  let subscription: AsyncSubscription | undefined;
  let awaiting: NodeJS.Timeout | undefined;
  let closed = false;
  const onEvents: SubscribeCallback = (error, events) => {
    let gone = Boolean(error);
    for (const { path, type } of events) {
      const inside = roots
        .map((root) => relative(root, path).split(sep).join('/'))
        .reduce((a, b) => (a.startsWith('..') ? b : a));
      if (ignored(path) || inside === '..' || inside.startsWith('../')) continue;
      if (!inside) gone ||= type === 'delete';
      else if (!inside.split('/').some((name) => name.startsWith('.'))) onChange({ file: inside });
    }
    if (gone) {
      onChange({ whole: true });
      watchAgain();
    }
  };
  const watchAgain = () => {
    if (awaiting) return;
    // Let go of the old watch first: a new one on the same path would share, and lose, it.
    void subscription?.unsubscribe().catch(() => undefined);
    subscription = undefined;
    awaiting = setInterval(() => {
      if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) return;
      clearInterval(awaiting);
      awaiting = undefined;
      subscribe(folder, onEvents).then((again) => {
        if (closed) return void again.unsubscribe().catch(() => undefined);
        subscription = again;
        onChange({ whole: true });
      }, watchAgain);
    }, 250);
  };
  subscription = await subscribe(folder, onEvents);
  return {
    close: async () => {
      closed = true;
      clearInterval(awaiting);
      await subscription?.unsubscribe();
    },
  };
}
