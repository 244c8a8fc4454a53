/**
 * Keys of the output's files as the session's last build made them (`--watch`), by path: a
 * file's key is made again only when what it is about or the versions of the entries it shows
 * changed since. Only a faster way to the same keys; a build of its own starts with none.
 */
export type KeyMemo = Map<string, { about: string; held: string[]; key: string }>;

/** The key of the file at `path`, from `memo` when `about` and `held` are as they were. */
export function rememberedKey(
  memo: KeyMemo | undefined,
  path: string,
  about: string,
  held: (string | undefined)[],
  make: () => string,
): string {
  // A version unknown: nothing to compare, the key is made.
  if (!memo || !held.every((item) => item !== undefined)) return make();
  const last = memo.get(path);
  if (last && last.about === about && sameItems(last.held, held)) return last.key;
  const key = make();
  if (memo.size >= 100_000) memo.clear();
  memo.set(path, { about, held, key });
  return key;
}

function sameItems(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
