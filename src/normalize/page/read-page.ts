import { appealOf } from './appeals.ts';
import { furnitureOf } from './furniture.ts';
import { labelOf, listLabels } from './labels.ts';
import { type LineShape, lineShape } from './line-shape.ts';
import type { LineVerdict, PageReading, PageRules } from './page-reading.ts';
import { lineFingerprint } from './page-reading.ts';

/** What the rules say of a line on its own, before its place in the page is known. */
interface Judged {
  shape: LineShape;
  /** The furniture class the line belongs to, whatever its place. */
  furniture: string | null;
  /** A project's `boilerplate.keep` matched: never furniture. */
  kept: boolean;
  /** Recurs in the folder: furniture when outside the body or not shaped like a news sentence. */
  learned: boolean;
}

const learnedReason = 'learned: recurs in 3+ articles of the folder';
/** A learned line this long, ending a sentence, is a news sentence (an agency's background). */
const newsSentenceWords = 12;

function judge(text: string, rules: PageRules): Judged {
  const shape = lineShape(text);
  if (rules.keep.some((re) => re.test(text))) {
    return { shape, furniture: null, kept: true, learned: false };
  }
  const furniture = rules.drop.some((re) => re.test(text))
    ? 'config: boilerplate.drop'
    : furnitureOf(shape);
  const learned = rules.learned.size > 0 && rules.learned.has(lineFingerprint(text));
  return { shape, furniture, kept: false, learned };
}

/** A line that can open or close the body: running text that no rule marks. */
function anchors(line: Judged): boolean {
  return line.shape.prose && line.furniture === null && !line.learned;
}

/**
 * Reads a saved page: finds its header (chrome, labels, headline, standfirst, byline), its body
 * and its tail (sign-offs, related links, widgets), and gives every line a verdict. Furniture
 * goes wherever it stands; what no rule marks stays in the body, subheadings included.
 */
export function readPage(paragraphs: string[], rules: PageRules): PageReading {
  const judged = paragraphs.map((p) => judge(p, rules));
  markLists(judged);
  let start = judged.findIndex(anchors);
  const end = start < 0 ? judged.length - 1 : judged.findLastIndex(anchors);
  if (start < 0) start = 0;
  markComments(judged, start);

  const special = new Map<number, LineVerdict>();
  let headline: string | null = null;
  let standfirst: string | null = null;
  const headlineAt = findHeadline(judged, start);
  if (headlineAt >= 0) {
    headline = paragraphs[headlineAt] ?? null;
    special.set(headlineAt, { text: headline ?? '', role: 'headline', reason: 'headline' });
    if (isStandfirst(judged, start, end)) {
      standfirst = paragraphs[start] ?? null;
      special.set(start, { text: standfirst ?? '', role: 'standfirst', reason: 'standfirst' });
      start = judged.findIndex((line, i) => i > start && anchors(line));
    }
  }

  const lines = judged.map(
    (line, i): LineVerdict => special.get(i) ?? verdict(line, i < start, i > end),
  );
  let body = lines.filter((l) => l.role === 'body').map((l) => l.text);
  // Never an empty entry from a page that had text: keep what no rule marks.
  if (body.length === 0) body = lines.filter((l) => l.role !== 'furniture').map((l) => l.text);
  return { lines, headline, standfirst, body };
}

function verdict(line: Judged, header: boolean, tail: boolean): LineVerdict {
  const { text, words } = line.shape;
  if (line.kept) return { text, role: 'body', reason: 'kept: boilerplate.keep' };
  if (line.furniture) return { text, role: 'furniture', reason: line.furniture };
  if (line.learned && (header || tail || !isNewsSentence(line.shape)))
    return { text, role: 'furniture', reason: learnedReason };
  if (header) {
    return { text, role: 'header', reason: words <= 3 ? 'kicker' : 'before the body: site chrome' };
  }
  if (tail) return { text, role: 'furniture', reason: 'after the body: tail' };
  return { text, role: 'body', reason: 'body' };
}

function isNewsSentence(shape: LineShape): boolean {
  return shape.endsSentence && shape.words >= newsSentenceWords;
}

/**
 * The lines under a "read also" or "topics" label go with it: the related headlines (short,
 * no full stop) and the topics (a few words each), up to the next line of running text.
 */
function markLists(judged: Judged[]): void {
  for (let i = 0; i < judged.length; i++) {
    const label = judged[i];
    if (!label?.furniture || !listLabels.has(label.furniture)) continue;
    if (!labelOf(label.shape.text) && !/:\s*$/.test(label.shape.text)) continue;
    const related = label.furniture === 'read-also link';
    let j = i + 1;
    for (; j < judged.length; j++) {
      const line = judged[j];
      if (!line || line.kept) break;
      const { words, endsSentence, headlineShaped } = line.shape;
      const listed = related
        ? headlineShaped || (words <= 3 && !endsSentence)
        : words <= 4 && !endsSentence;
      if (!listed) break;
      line.furniture ??= related ? 'related headlines under a read-also' : 'tag list';
    }
    i = j - 1;
  }
}

/** Past a comment widget's label in the body, what is not running text is the widget's. */
function markComments(judged: Judged[], start: number): void {
  const at = judged.findIndex(
    (line, i) => i > start && line.furniture === 'comment widget' && line.shape.words <= 4,
  );
  if (at < 0) return;
  for (const line of judged.slice(at + 1)) {
    if (!line.kept && !anchors(line)) line.furniture ??= 'comment widget';
  }
}

/**
 * The headline: the last headline-shaped line of the header that no rule marks; else a short
 * title (two or three words) alone on the page's first line, right above the body.
 */
function findHeadline(judged: Judged[], start: number): number {
  for (let i = start - 1; i >= 0; i--) {
    const line = judged[i];
    if (line && line.furniture === null && !line.learned && line.shape.headlineShaped) return i;
  }
  const first = judged[0];
  if (start === 1 && first && first.furniture === null && !first.learned) {
    const { words, capitalised, text } = first.shape;
    if (words >= 2 && capitalised && !/[:.]\s*$/.test(text)) return 0;
  }
  return -1;
}

/**
 * Whether the first running line under a headline is a standfirst: more running text follows,
 * and page furniture (a byline, a timestamp, a caption) stands between it and the next.
 */
function isStandfirst(judged: Judged[], start: number, end: number): boolean {
  const first = judged[start];
  if (!first || first.shape.words > 80) return false;
  let furniture = false;
  for (let i = start + 1; i <= end; i++) {
    const line = judged[i];
    if (!line) break;
    if (anchors(line)) return furniture;
    if (line.furniture !== null) furniture = true;
  }
  return false;
}

/**
 * Reads a Markdown article: its headings, lists, captions and tables are the author's and stay;
 * only appeals to the reader and the project's own `boilerplate.drop` lines go.
 */
export function readMarkdownPage(paragraphs: string[], rules: PageRules): PageReading {
  const lines = paragraphs.map((text): LineVerdict => {
    if (rules.keep.some((re) => re.test(text)))
      return { text, role: 'body', reason: 'kept: boilerplate.keep' };
    if (rules.drop.some((re) => re.test(text)))
      return { text, role: 'furniture', reason: 'config: boilerplate.drop' };
    const appeal = appealOf(text, lineShape(text).words);
    if (appeal) return { text, role: 'furniture', reason: appeal };
    return { text, role: 'body', reason: 'body' };
  });
  const body = lines.filter((l) => l.role === 'body').map((l) => l.text);
  return { lines, headline: null, standfirst: null, body };
}
