/**
 * Quotation marks, counted so that no quotation is cut: « … » (» … « in German), “ … ”, „ … “
 * (German), and straight " (which opens or closes by what stands around it; straight quotes
 * do not nest, so one that opens while a quotation is open means that one lost its closing).
 */
interface Marks {
  guillemets: number;
  /** The first guillemet met tells French « … » from German » … «. */
  opener: string;
  curly: number;
  low: number;
  /** 1 while a straight quotation is open. */
  straight: number;
  /** A mark closed a quotation that had not opened. */
  stray: boolean;
}

const fresh = (): Marks => ({
  guillemets: 0,
  opener: '',
  curly: 0,
  low: 0,
  straight: 0,
  stray: false,
});

/** Any quotation mark: most sentences have none, and are passed over at once. */
const quoteMark = /["«»“”„]/g;

/** Before an opening straight quote: the start, a space, an opening bracket or an apostrophe. */
const opensAfter = /[\s([{'’\-–—/]/u;
/** After a closing one: the end, a space or punctuation. */
const closesBefore = /[\s.,;:!?…)\]}'’\-–—/]/u;

/** Whether the straight quote at `at` opens a quotation, by what stands around it. */
function opensStraight(text: string, at: number): boolean {
  const before = text[at - 1];
  if (before === undefined || opensAfter.test(before)) return true;
  const after = text[at + 1];
  return after !== undefined && !closesBefore.test(after);
}

/**
 * Whether the straight quote at `at` can close the quotation open before it: the end or a
 * space or punctuation follows ("… 'breakdown'". C'est…").
 */
function closesStraight(text: string, at: number): boolean {
  const after = text[at + 1];
  return after === undefined || closesBefore.test(after);
}

function count(marks: Marks, text: string): void {
  quoteMark.lastIndex = 0;
  for (let match = quoteMark.exec(text); match; match = quoteMark.exec(text)) {
    const c = match[0];
    if (c === '«' || c === '»') {
      marks.opener ||= c;
      marks.guillemets += c === marks.opener ? 1 : -1;
      if (marks.guillemets < 0) {
        marks.stray = true;
        marks.guillemets = 0;
      }
    } else if (c === '„') marks.low++;
    else if (c === '“') {
      if (marks.low > 0) marks.low--;
      else marks.curly++;
    } else if (c === '”') {
      if (marks.curly > 0) marks.curly--;
      else if (marks.low > 0) marks.low--;
      else marks.stray = true;
    } else if (marks.straight === 1 && closesStraight(text, match.index)) marks.straight = 0;
    else if (opensStraight(text, match.index)) marks.straight = 1;
    else if (marks.straight === 1) marks.straight = 0;
    else marks.stray = true;
  }
}

const isOpen = (marks: Marks) =>
  marks.guillemets > 0 || marks.curly > 0 || marks.low > 0 || marks.straight === 1;

/** Whether a quotation opens in `text` and does not close. */
export function isQuoteOpen(text: string): boolean {
  const marks = fresh();
  count(marks, text);
  return isOpen(marks);
}

/** Whether every quotation in `text` opens and closes in it. */
export function isQuoteWhole(text: string): boolean {
  const marks = fresh();
  count(marks, text);
  return !isOpen(marks) && !marks.stray;
}

/** A quotation left open this many sentences has lost its closing mark. */
const maxOpenSentences = 6;

/**
 * For each sentence of a paragraph, whether it stands outside every quotation: none open
 * before it, none left open or closed without opening by it. A sentence inside a quotation
 * the splitter could not join ("Moi, j'appartiens à la vie.") is half a quotation.
 */
export function outsideQuotes(sentences: string[]): boolean[] {
  let marks = fresh();
  let openFor = 0;
  return sentences.map((sentence) => {
    const before = isOpen(marks);
    marks.stray = false;
    count(marks, sentence);
    const outside = !before && !isOpen(marks) && !marks.stray;
    openFor = isOpen(marks) ? openFor + 1 : 0;
    if (openFor >= maxOpenSentences) {
      marks = fresh();
      openFor = 0;
    }
    return outside;
  });
}
