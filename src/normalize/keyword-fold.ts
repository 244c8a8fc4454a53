/** Words folded so far; past this many the memo starts afresh, so memory stays bounded. */
const maxMemoized = 20_000;
const folded = new Map<string, string>();
const ascii = /^[ -~]*$/;

/**
 * A lowercase word without its accents (`perú` -> `peru`), apostrophes straight: how names are
 * compared whatever the keyboard they were typed on. Words with other letters than ASCII are
 * memoized: news text repeats its words.
 */
export function foldAccents(lower: string): string {
  // Plain ASCII has nothing to fold: most words, in most of these languages.
  if (ascii.test(lower)) return lower;
  let fold = folded.get(lower);
  if (fold === undefined) {
    if (folded.size >= maxMemoized) folded.clear();
    fold = lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'");
    folded.set(lower, fold);
  }
  return fold;
}
