import fc from 'fast-check';

/**
 * Text of any code points: control characters, lone surrogates and every plane. fast-check's
 * `fc.string({ unit: 'binary' })` draws the same code points, but the first time it runs in a
 * process it builds a table of all 1.1 million of them, a second of each test file's time.
 */
export function anyText(constraints: { maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc
    .array(
      fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
      constraints,
    )
    .map((points) => points.join(''));
}
