import { appealOf } from './appeals.ts';
import { furnitureOf, mediaLinkReason } from './furniture.ts';
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
  markCaptions(judged);
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
    const under = judged[headlineAt + 1];
    if (headlineAt + 1 < start && under && isUnpunctuatedStandfirst(under, headline ?? '')) {
      standfirst = under.shape.text;
      special.set(headlineAt + 1, { text: standfirst, role: 'standfirst', reason: 'standfirst' });
    } else if (headlineAt + 1 === start && isStandfirst(judged, start, end)) {
      standfirst = paragraphs[start] ?? null;
      special.set(start, { text: standfirst ?? '', role: 'standfirst', reason: 'standfirst' });
      start = judged.findIndex((line, i) => i > start && anchors(line));
    }
  }
  // A live blog's first entry: its time, its heading, then its text; the heading is the body's.
  const before = judged[start - 1];
  if (
    start >= 2 &&
    !special.has(start - 1) &&
    before?.furniture === null &&
    !before.learned &&
    judged[start - 2]?.furniture === 'timestamp'
  ) {
    start -= 1;
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

/** A standfirst printed without a full stop: a long line right under the headline. */
function isUnpunctuatedStandfirst(line: Judged, headline: string): boolean {
  const { prose, words, text } = line.shape;
  return line.furniture === null && !line.learned && !prose && words >= 10 && text !== headline;
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
      // Other furniture (a timestamp, a control) closes the list; topics may be section names.
      if (line.furniture && line.furniture !== label.furniture) {
        if (related || line.furniture !== 'section label') break;
      }
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

const oneSentence = /^[^.!?…]*[.…]["»”’)]*$/u;

/**
 * A short sentence right above a photo credit standing alone is the photo's caption
 * ("Les chalutiers à quai, lundi 13 janvier." then "Photo : Thomas Le Goff / La Vigie").
 */
function markCaptions(judged: Judged[]): void {
  for (let i = 1; i < judged.length; i++) {
    const caption = judged[i - 1];
    if (judged[i]?.furniture !== 'photo credit' || !caption || caption.furniture || caption.kept)
      continue;
    const { text, words } = caption.shape;
    if (words <= 20 && oneSentence.test(text) && !/[«"“]/u.test(text))
      caption.furniture = 'photo caption';
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

/** Headline-shaped, opening with a capital, and no rule against it. */
function headlineCandidate(line: Judged | undefined): line is Judged {
  if (!line || line.learned || !line.shape.headlineShaped || !line.shape.capitalised) return false;
  // "Video: …" is a link in the body but may head a page about a video.
  return line.furniture === null || line.furniture === mediaLinkReason;
}

const lowerWord = /(?:^|\s)\p{Ll}/u;
/** A site's name and motto: "Puente Sur | Periodismo independiente…", "La Vigie – L'info…". */
const siteTitle =
  /^\p{Lu}[\p{L}'’.-]*(?:\s(?:\p{Lu}[\p{L}'’.-]*|d[aeou]s?|del|la|le|the|of|der|die|das)){0,4}\s[|–—]\s/u;

/**
 * How much a candidate reads as a headline: its words, less when it is a site's name and motto
 * or a menu (no word in lower case).
 */
function headlineScore(shape: LineShape): number {
  let score = Math.min(shape.words, 20);
  if (siteTitle.test(shape.text)) score -= 15;
  if (!lowerWord.test(shape.text)) score -= 10;
  return score;
}

/**
 * The headline: the header's first line that reads as one (chrome comes above it, the
 * standfirst, the byline and the author's line below); else the best of the lines shaped like
 * one that is not a site's motto; else a short title (two or three words) alone on the page's
 * first line, right above the body.
 */
function findHeadline(judged: Judged[], start: number): number {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < start; i++) {
    const line = judged[i];
    if (!headlineCandidate(line)) continue;
    const score = headlineScore(line.shape);
    if (score >= 4) return i;
    if (score > bestScore && !siteTitle.test(line.shape.text)) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return best;
  const first = judged[0];
  if (start === 1 && first && first.furniture === null && !first.learned) {
    const { words, capitalised, text } = first.shape;
    if (words >= 2 && capitalised && !/[:.]\s*$/.test(text)) return 0;
  }
  return -1;
}

/**
 * Whether the running line right under the headline is a standfirst: more running text
 * follows, and page furniture (a byline, a timestamp, a caption) stands between it and the next.
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
