import { splitDateline } from '../dateline.ts';
import { appealOf } from './appeals.ts';
import { legalTailAt } from './credits.ts';
import { afterLabel } from './furniture.ts';
import { anchors, isNewsSentence, type Judged, judge, learnedReason } from './judged-line.ts';
import { labelOf, listLabels } from './labels.ts';
import { countWords, lineShape } from './line-shape.ts';
import { findHeadline, isStandfirst, isUnpunctuatedStandfirst } from './page-header.ts';
import type { LineVerdict, PageReading, PageRules } from './page-reading.ts';
import { markAuthorLines, markMediaTitles, markShareRows } from './page-rows.ts';

/**
 * Reads a saved page: finds its header (chrome, labels, headline, standfirst, byline), its body
 * and its tail (sign-offs, related links, widgets), and gives every line a verdict. Furniture
 * goes wherever it stands; what no rule marks stays in the body, subheadings included.
 */
export function readPage(paragraphs: string[], rules: PageRules): PageReading {
  const judged = paragraphs.map((p) => judge(p, rules));
  const siteTags = markLists(judged);
  markCaptions(judged);
  markShareRows(judged);
  markMediaTitles(judged);
  markAuthorLines(judged);
  let start = judged.findIndex(anchors);
  const end = start < 0 ? judged.length - 1 : listEnd(judged, judged.findLastIndex(anchors));
  if (start < 0) start = 0;
  // A headline that asks a question reads as a sentence: with none above it, it is the headline.
  const next = judged.findIndex((line, i) => i > start && anchors(line));
  if (next > 0 && isQuestionTitle(judged[start]) && findHeadline(judged, start) < 0) start = next;
  markComments(judged, start);

  const special = new Map<number, LineVerdict>();
  let headline: string | null = null;
  let standfirst: string | null = null;
  const headlineAt = findHeadline(judged, start);
  if (headlineAt >= 0) {
    const line = paragraphs[headlineAt] ?? '';
    // The section's label before it is the page's: "Opinion | …", "EXCLUSIVA: …".
    headline = afterLabel(line) ?? line;
    special.set(headlineAt, { text: line, role: 'headline', reason: 'headline' });
    // The page's title ("Headline | Site") above; the headline printed again over the article.
    let at = headlineAt;
    for (let i = headlineAt + 1; i < start; i++) if (isCopyOf(paragraphs[i], headline)) at = i;
    const under = judged[at + 1];
    if (at + 1 < start && under && isUnpunctuatedStandfirst(under, headline ?? '')) {
      standfirst = under.shape.text;
      special.set(at + 1, { text: standfirst, role: 'standfirst', reason: 'standfirst' });
    } else if (onlyFurniture(judged, at + 1, start) && isStandfirst(judged, start, end)) {
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
  // A copyright notice run into the last paragraph goes; the paragraph stays.
  const last = lines.findLastIndex((l) => l.role === 'body');
  const notice = last < 0 ? -1 : legalTailAt(lines[last]?.text ?? '');
  if (notice > 0 && body.length > 0) {
    body[body.length - 1] = (body.at(-1) ?? '').slice(0, notice).trimEnd();
    lines[last] = {
      ...(lines[last] as LineVerdict),
      reason: 'body; the copyright notice that ends it is furniture',
    };
  }
  const fingerprints = [...new Set(judged.map((line) => line.fingerprint))];
  const topic = topicAbove(judged, headlineAt);
  return { lines, headline, standfirst, body, fingerprints, topic, siteTags };
}

/** A step of a breadcrumb: "Sports > Football > National 3". */
const crumbSeparator = /\s[>›»/|•·]\s|\s?[>›»]\s?/u;

/**
 * The topic the site files the article under: the kicker right above the headline, or the last
 * step of a breadcrumb there; a few words, not in capitals (a banner), not a label.
 */
function topicAbove(judged: Judged[], headlineAt: number): string | null {
  const line = judged[headlineAt - 1];
  if (!line || line.learned || line.kept) return null;
  let text: string | undefined;
  if (line.furniture === 'breadcrumb') text = line.shape.text.split(crumbSeparator).pop()?.trim();
  else if (line.furniture === null) text = line.shape.text.trim();
  if (!text || countWords(text) > 3 || !/^\p{Lu}/u.test(text) || !/\p{Ll}/u.test(text)) return null;
  return /[.:!?]$/.test(text) ? null : text;
}

/** A question of a headline's length, capitalised, not a speaker's line ("— Pourquoi ?"). */
function isQuestionTitle(line: Judged | undefined): boolean {
  if (!line) return false;
  const { text, words, capitalised } = line.shape;
  return (
    capitalised && words >= 4 && words <= 16 && /\?[»"”’)]*$/u.test(text) && !/^[–—-]/u.test(text)
  );
}

const bullet = /^(?:[•·▪●◦*–—-]\s|\d{1,2}[.)]\s)/u;

/**
 * The body's last line: the last line of running text, or the last item of the list it opens
 * ("Les chiffres clés :" then its items) or that follows it with bullets.
 */
function listEnd(judged: Judged[], last: number): number {
  const opensList = /:\s*$/.test(judged[last]?.shape.text ?? '');
  let end = last;
  for (let i = last + 1; i < judged.length; i++) {
    const line = judged[i];
    if (!line || line.furniture || line.learned || line.shape.words > 40) break;
    if (!opensList && !bullet.test(line.shape.text)) break;
    end = i;
  }
  return end;
}

/** Whether every line from `from` to `to` (excluded) is furniture: a byline, a timestamp… */
function onlyFurniture(judged: Judged[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!judged[i]?.furniture) return false;
  return true;
}

function verdict(line: Judged, header: boolean, tail: boolean): LineVerdict {
  const { text, words } = line.shape;
  if (line.kept) return { text, role: 'body', reason: 'kept: boilerplate.keep' };
  if (line.furniture) return { text, role: 'furniture', reason: line.furniture };
  // A news sentence the folder repeats (an agency's background paragraph) is the article's
  // wherever it stands: no real sentence is lost to learning.
  if (line.learned && !isNewsSentence(line.shape))
    return { text, role: 'furniture', reason: learnedReason };
  if (header) {
    return { text, role: 'header', reason: words <= 3 ? 'kicker' : 'before the body: site chrome' };
  }
  // A short sentence after the last paragraph ("Nobody was hurt.") is the article's: when in
  // doubt, keep. What is left of the tail is widgets' words, names and links.
  if (tail && !(line.shape.endsSentence && line.shape.capitalised && words >= 2))
    return { text, role: 'furniture', reason: 'after the body: tail' };
  if (tail) return { text, role: 'body', reason: 'a sentence after the body' };
  return { text, role: 'body', reason: 'body' };
}

/**
 * The lines under a "read also" or "topics" label go with it: the related headlines (short,
 * no full stop) and the topics (a few words each), up to the next line of running text.
 * Returns the topics the site tags the article with, those of a tag line ("Mots-clés : CNIL,
 * RGPD") and those listed under a label ("Schlagworte", then "Hochwasser", "Bayern"), in order.
 */
function markLists(judged: Judged[]): string[] {
  const tags: string[] = [];
  for (let i = 0; i < judged.length; i++) {
    const label = judged[i];
    if (!label?.furniture || !listLabels.has(label.furniture)) continue;
    const related = label.furniture === 'read-also link';
    if (!related && !label.learned) tags.push(...inlineTags(label.shape.text));
    if (!labelOf(label.shape.text) && !/:\s*$/.test(label.shape.text)) continue;
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
      if (!related && !line.learned) tags.push(line.shape.text.trim());
    }
    i = j - 1;
  }
  return tags;
}

/** A site's topic: a few words, not a sentence. */
const maxTagWords = 5;

/** The topics of a tag line, after its label: "Temas: Glaciares, Cambio climático, Minería". */
function inlineTags(text: string): string[] {
  const listed = /^[^:]{1,24}:\s*(\S.*)$/u.exec(text)?.[1];
  if (!listed) return [];
  return listed
    .split(/\s*[,;|·•]\s*/u)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '' && countWords(tag) <= maxTagWords && !/[.!?]$/u.test(tag));
}

/** One sentence, or a line with no final full stop at all (a caption often has none). */
const oneSentence = /^[^.!?…]*[.…]?["»”’)]*$/u;
/**
 * An abbreviation inside a sentence, the sentence going on after it ("on Feb. 22", "Gen. de
 * Gaulle"), or an initial ("John F. Kennedy").
 */
const abbreviation = /(?<!\p{L})(?:\p{Lu}\p{Ll}{1,3}\.(?=\s[\p{Ll}\p{N}])|\p{Lu}\.(?=\s\p{Lu}))/gu;
const isOneSentence = (text: string) => oneSentence.test(text.replace(abbreviation, ''));
/** A portrait's caption opens with the person's name and age: "Ana Ruiz, 47, dirige …". */
const nameAndAge = /^\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){1,3},\s\d{1,3},\s\p{Ll}/u;

/**
 * A short sentence right above a photo credit standing alone is the photo's caption
 * ("Les chalutiers à quai, lundi 13 janvier." then "Photo : Thomas Le Goff / La Vigie"), and so
 * is a portrait's caption of two sentences or so. Right under a credit, a line the article's
 * dateline follows is the caption too: the article begins at its dateline ("PHOTO …" then "Une
 * ferme laitière…" then "(Ottawa) Le gouvernement…").
 */
function markCaptions(judged: Judged[]): void {
  for (let i = 1; i < judged.length; i++) {
    const caption = judged[i - 1];
    if (!isCredit(judged[i]) || !caption || caption.furniture || caption.kept) continue;
    const { text, words } = caption.shape;
    if (/[«"“„]/u.test(text)) continue;
    // Under the header's furniture (a byline, a timestamp), a longer sentence is the caption too.
    const underFurniture = judged[i - 2]?.furniture != null;
    const sentenceLength = underFurniture ? 35 : 20;
    if ((words <= sentenceLength && isOneSentence(text)) || (words <= 40 && nameAndAge.test(text)))
      caption.furniture = 'photo caption';
  }
  for (let i = 1; i + 1 < judged.length; i++) {
    const caption = judged[i];
    const next = judged[i + 1];
    if (!isCredit(judged[i - 1]) || !caption || !next || caption.furniture || caption.kept)
      continue;
    const { text, words } = caption.shape;
    if (words > 40 || /[«"“„]/u.test(text) || next.furniture) continue;
    if (splitDateline(caption.shape.text).location !== null) continue;
    if (splitDateline(next.shape.text).location !== null) caption.furniture = 'photo caption';
  }
}

/** A photo credit, or a bare "© Name" under a picture. */
function isCredit(line: Judged | undefined): boolean {
  return (
    line?.furniture === 'photo credit' || (line?.furniture === 'copyright' && line.shape.words <= 4)
  );
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
  return {
    lines,
    headline: null,
    standfirst: null,
    body,
    fingerprints: [],
    topic: null,
    siteTags: [],
  };
}

/** The headline alone, as the page's title trail prints it before the site's name. */
function isCopyOf(line: string | undefined, headline: string): boolean {
  if (!line) return false;
  return (
    line === headline ||
    (headline.startsWith(line) && /^\s+[|–—-]\s/.test(headline.slice(line.length)))
  );
}
