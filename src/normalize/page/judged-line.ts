import { furnitureOf } from './furniture.ts';
import { type LineShape, lineShape } from './line-shape.ts';
import { lineFingerprint, type PageRules } from './page-reading.ts';

/** What the rules say of a line on its own, before its place in the page is known. */
export interface Judged {
  shape: LineShape;
  /** The furniture class the line belongs to, whatever its place. */
  furniture: string | null;
  /** A project's `boilerplate.keep` matched: never furniture. */
  kept: boolean;
  /** Recurs in the folder: furniture when outside the body or not shaped like a news sentence. */
  learned: boolean;
  /** The line's `lineFingerprint`: what the folder counts it by. */
  fingerprint: string;
}

export const learnedReason = 'learned: recurs in 3+ articles of the folder';
/** A learned line this long, ending a sentence, is a news sentence (an agency's background). */
const newsSentenceWords = 12;

/** A full sentence of news: a learned line of this shape inside the body stays. */
export function isNewsSentence(shape: LineShape): boolean {
  return shape.endsSentence && shape.words >= newsSentenceWords;
}

export function judge(text: string, rules: PageRules): Judged {
  const shape = lineShape(text);
  const fingerprint = lineFingerprint(text);
  if (rules.keep.some((re) => re.test(text))) {
    return { shape, furniture: null, kept: true, learned: false, fingerprint };
  }
  const furniture = rules.drop.some((re) => re.test(text))
    ? 'config: boilerplate.drop'
    : furnitureOf(shape);
  const learned = rules.learned.has(fingerprint);
  return { shape, furniture, kept: false, learned, fingerprint };
}

/** A line that can open or close the body: running text that no rule marks. */
export function anchors(line: Judged): boolean {
  return line.shape.prose && line.furniture === null && !line.learned;
}
