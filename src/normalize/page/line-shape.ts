/**
 * The shape of a line of a saved page, measured once: what the structural rules of page reading
 * look at before any word list (length, final punctuation, capitals).
 */
export interface LineShape {
  text: string;
  /** Words, counted up to `wordLimit + 1`. */
  words: number;
  /** Ends like a sentence: `.`, `!`, `?`, `…`, possibly followed by closing quotes or brackets. */
  endsSentence: boolean;
  /** Reads as running text of the article: a sentence of four words or more, or a long line. */
  prose: boolean;
  /** Reads as a headline: 4 to 25 words, no final full stop (unless a quotation) nor colon. */
  headlineShaped: boolean;
  /** Opens with a capital letter or a digit: a title, a label or a sentence, not a fragment. */
  capitalised: boolean;
}

/** Past this many words, a line is running text whatever its punctuation. */
const longLine = 25;
/** Words counted at most: beyond, only "long" matters. */
export const wordLimit = 200;

const word = /\S+/g;
const opensList = /:\s*$/;
const sentenceEnd = /[.!?…][»"”’)\]]*\s*$/;
const fullStop = /[^.]\.[»"”’)\]]*\s*$/;
/** A sentence that ends inside the line ("… navegação. Ao continuar"), not an initial (U.S.). */
const innerSentenceEnd = /\p{Ll}{2}[.!?]\s+\p{Lu}/u;
/** A place or a label set before a headline with a full stop: "Lorient. Un vendeur…". */
const kicker = /^\p{Lu}[\p{L}'’-]*(?:[ -]\p{L}[\p{L}'’-]*){0,2}\.\s+(?=\p{Lu})/u;
const quotation = /^[«"“„].{8,}[»"”“]$/;
/**
 * A short statement before a headline's question: "Scotland’s four-day week experiment worked.
 * So why are councils quietly ending it?" reads as one headline.
 */
const statementThenQuestion = /^[^.!?]{10,80}\.\s+(?=[^.!?]+\?$)/u;
const opensCapital = /^[\p{Lu}\p{N}«"“„‘'¿¡(]/u;

/** The number of words of a line, or `limit + 1` when it has more than `limit`. */
export function countWords(text: string, limit = wordLimit): number {
  let count = 0;
  word.lastIndex = 0;
  while (count <= limit && word.test(text)) count++;
  word.lastIndex = 0;
  return count;
}

export function lineShape(text: string): LineShape {
  const words = countWords(text);
  const endsSentence = sentenceEnd.test(text);
  // A sentence that opens a list ("Les communes touchées sont les suivantes :") is text too.
  const prose =
    words > longLine || (words >= 4 && endsSentence) || (words >= 6 && opensList.test(text));
  const headlineShaped =
    words >= 4 &&
    words <= 25 &&
    !/:\s*$/.test(text) &&
    !innerSentenceEnd.test(text.replace(kicker, '').replace(statementThenQuestion, '')) &&
    (quotation.test(text) || !fullStop.test(text));
  return {
    text,
    words,
    endsSentence,
    prose,
    headlineShaped,
    capitalised: opensCapital.test(text),
  };
}
