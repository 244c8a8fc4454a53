import { isAppeal } from './appeals.ts';
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

function judge(text: string, rules: PageRules): Judged {
  const shape = lineShape(text);
  const kept = rules.keep.some((re) => re.test(text));
  let furniture: string | null = null;
  if (!kept) {
    if (rules.drop.some((re) => re.test(text))) furniture = 'config: boilerplate.drop';
    else if (isAppeal(text)) furniture = 'appeal';
  }
  const learned = !kept && rules.learned.size > 0 && rules.learned.has(lineFingerprint(text));
  return { shape, furniture, kept, learned };
}

/** A line that can open or close the body: running text that no rule marks. */
function anchors(line: Judged): boolean {
  return line.shape.prose && line.furniture === null && !line.learned;
}

/**
 * Reads a saved page: finds its header (chrome, labels, headline, standfirst, byline), its body
 * and its tail (sign-offs, related links, widgets), and gives every line a verdict.
 */
export function readPage(paragraphs: string[], rules: PageRules): PageReading {
  const judged = paragraphs.map((p) => judge(p, rules));
  let start = judged.findIndex(anchors);
  let end = judged.findLastIndex(anchors);
  if (start < 0) {
    start = 0;
    end = judged.length - 1;
  }
  const roles: (LineVerdict | null)[] = judged.map(() => null);

  let headline: string | null = null;
  let standfirst: string | null = null;
  const headlineAt = findHeadline(judged, start);
  if (headlineAt >= 0) {
    headline = paragraphs[headlineAt] ?? null;
    roles[headlineAt] = { text: headline ?? '', role: 'headline', reason: 'headline' };
    if (isStandfirst(judged, start, end)) {
      standfirst = paragraphs[start] ?? null;
      roles[start] = { text: standfirst ?? '', role: 'standfirst', reason: 'standfirst' };
      const next = judged.findIndex((line, i) => i > start && anchors(line));
      start = next < 0 ? start : next;
    }
  }

  const lines = judged.map((line, i): LineVerdict => {
    const text = line.shape.text;
    const role = roles[i];
    if (role) return role;
    if (line.kept) return { text, role: 'body', reason: 'kept: boilerplate.keep' };
    if (line.furniture) return { text, role: 'furniture', reason: line.furniture };
    if (i < start) return { text, role: 'header', reason: 'before the body: site chrome' };
    if (i > end) return { text, role: 'furniture', reason: 'after the body: tail' };
    if (line.learned && !(line.shape.prose && line.shape.words >= 10))
      return { text, role: 'furniture', reason: 'learned: recurs in 3+ articles of the folder' };
    return { text, role: 'body', reason: 'body' };
  });
  let body = lines.filter((l) => l.role === 'body').map((l) => l.text);
  // Never an empty entry from a page that had text: keep what no rule marks.
  if (body.length === 0) body = lines.filter((l) => l.role !== 'furniture').map((l) => l.text);
  return { lines, headline, standfirst, body };
}

/** The last headline-shaped line of the header that no rule marks. */
function findHeadline(judged: Judged[], start: number): number {
  for (let i = start - 1; i >= 0; i--) {
    const line = judged[i];
    if (line && line.furniture === null && !line.learned && line.shape.headlineShaped) return i;
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
  for (let i = start + 1; i <= end; i++) {
    const line = judged[i];
    if (!line) break;
    if (anchors(line)) return false;
    if (line.furniture !== null) return true;
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
    if (isAppeal(text)) return { text, role: 'furniture', reason: 'appeal' };
    return { text, role: 'body', reason: 'body' };
  });
  const body = lines.filter((l) => l.role === 'body').map((l) => l.text);
  return { lines, headline: null, standfirst: null, body };
}
