import { afterLabel, mediaLinkReason } from './furniture.ts';
import { anchors, type Judged } from './judged-line.ts';
import type { LineShape } from './line-shape.ts';

/**
 * The page's header: which of its lines is the headline, and whether a standfirst follows it.
 */

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

/** A headline this long reads as one: longer lines score no more, and the first of them wins. */
const headlineWords = 10;

/**
 * How much a candidate reads as a headline: its words, up to a headline's length; less when it
 * is a site's name and motto or a menu (no word in lower case).
 */
function headlineScore(shape: LineShape): number {
  let score = Math.min(shape.words, headlineWords);
  if (siteTitle.test(shape.text)) score -= 15;
  if (!lowerWord.test(shape.text)) score -= 10;
  return score;
}

/** A headline of this many words or more is one: a longer line right under it is its standfirst. */
const fullHeadline = 8;
/** A standfirst printed without its full stop is at least this long. */
const standfirstWords = 10;

/** A headline with this score at least may have its byline under it. */
const bylineAfter = 6;
/** A person's name alone on a line: two to four words, each capitalised. */
const nameLine = /^\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){1,3}$/u;

/** A byline, a timestamp, or a name alone: what signs a headline under it. */
function signsHeader(line: Judged): boolean {
  return (
    line.furniture === 'byline' || line.furniture === 'timestamp' || nameLine.test(line.shape.text)
  );
}

/**
 * The headline: of the header's lines shaped like one, the one that reads most as a headline,
 * the first of equals, above the byline (chrome and its greetings, "Bienvenue sur …", are
 * short and come above; the standfirst, the byline and the author's line below); else a short title (two or three
 * words) alone on the page's first line, right above the body.
 */
export function findHeadline(judged: Judged[], start: number): number {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  // A link to a video or an audio ("Audio: Beitrag … anhören") heads the page only when no
  // other line can.
  let media = -1;
  let mediaScore = Number.NEGATIVE_INFINITY;
  for (let i = chromeEnd(judged, start); i < start; i++) {
    const line = judged[i];
    // Under a headline, a byline or a timestamp: what follows is the author's, not a headline.
    if (Math.max(bestScore, mediaScore) >= bylineAfter && line && signsHeader(line)) break;
    if (!headlineCandidate(line)) continue;
    const score = headlineScore(line.shape);
    const text = line.shape.text;
    if (siteTitle.test(text) && afterLabel(text) === null) continue;
    if (line.furniture === mediaLinkReason) {
      if (score > mediaScore) [media, mediaScore] = [i, score];
    } else if (best === i - 1 && bestScore >= fullHeadline && line.shape.words >= standfirstWords) {
      // Right under a headline, a longer line without a full stop is its standfirst.
      break;
    } else if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return best;
  if (media >= 0) return media;
  const first = judged[0];
  if (start === 1 && first && first.furniture === null && !first.learned) {
    const { words, capitalised, text } = first.shape;
    if (words >= 2 && capitalised && !/[:.]\s*$/.test(text)) return 0;
  }
  return -1;
}

const menuClasses = new Set(['section label', 'breadcrumb']);

/**
 * Where the site's chrome ends: past the last section label or breadcrumb above the body, when
 * a line shaped like a headline follows it. A motto above the sections is the site's.
 */
function chromeEnd(judged: Judged[], start: number): number {
  let last = -1;
  for (let i = 0; i < start; i++) {
    const line = judged[i];
    if (line?.furniture && menuClasses.has(line.furniture)) last = i;
  }
  for (let i = last + 1; i < start; i++) if (headlineCandidate(judged[i])) return last + 1;
  return 0;
}

/** The furniture of a header: what stands between a standfirst and the body. */
const headerFurniture = new Set([
  'byline',
  'timestamp',
  'reading time',
  'edition line',
  'player control',
  'live-blog control',
  'share row',
]);

/**
 * Whether the running line under the headline is a standfirst: more running text follows, and
 * the header's furniture (a byline, a timestamp, a player) stands between it and the next; a
 * photo alone does not make the lead paragraph a standfirst.
 */
export function isStandfirst(judged: Judged[], start: number, end: number): boolean {
  const first = judged[start];
  if (!first || first.shape.words > 80) return false;
  let furniture = false;
  for (let i = start + 1; i <= end; i++) {
    const line = judged[i];
    if (!line) break;
    if (anchors(line)) return furniture;
    if (line.furniture !== null && headerFurniture.has(line.furniture)) furniture = true;
  }
  return false;
}

/** A standfirst printed without a full stop: a long line right under the headline. */
export function isUnpunctuatedStandfirst(line: Judged, headline: string): boolean {
  const { prose, words, text } = line.shape;
  return line.furniture === null && !line.learned && !prose && words >= 10 && text !== headline;
}
