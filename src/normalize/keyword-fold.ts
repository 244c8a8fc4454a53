const ascii = /^[ -~]*$/;

/**
 * A lowercase word without its accents (`perú` -> `peru`), apostrophes straight: how names are
 * compared whatever the keyboard they were typed on.
 */
export function foldAccents(lower: string): string {
  // Plain ASCII has nothing to fold: most words, in most of these languages.
  if (ascii.test(lower)) return lower;
  return lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'");
}
