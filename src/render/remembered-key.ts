import type { Entry } from '../entry.ts';

/**
 * Keys of the output's files as the session's last build made them (`--watch`), by path: a
 * file's key is made again only when what it is about changed, or when one of the entries it
 * shows is another object (an entry is never changed in place: the same object shows the same
 * thing). Only a faster way to the same keys; a build of its own starts with none.
 */
export type KeyMemo = Map<string, { about: string; entries: readonly Entry[]; key: string }>;

/** The key of the file at `path`, from `memo` when `about` and `entries` are as they were. */
export function rememberedKey(
  memo: KeyMemo | undefined,
  path: string,
  about: string,
  entries: readonly Entry[],
  make: () => string,
): string {
  if (!memo) return make();
  const last = memo.get(path);
  if (last && last.about === about && sameEntries(last.entries, entries)) return last.key;
  const key = make();
  if (memo.size >= 100_000) memo.clear();
  memo.set(path, { about, entries, key });
  return key;
}

function sameEntries(a: readonly Entry[], b: readonly Entry[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
