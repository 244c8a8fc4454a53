import { foldPlural } from './keyword-stem.ts';
import { calendarWordsFor, stopwordsFor } from './stopwords.ts';
import { type Token, tokenize } from './tokens.ts';

/**
 * YAKE's tags: an acronym (all capitals), a name (capitalised where the sentence does not force
 * it), a number, a mix of digits and letters (a code such as `MD-83`), or a plain word.
 */
export type WordKind = 'acronym' | 'name' | 'plain' | 'number' | 'mixed';

/** A word as keyword extraction sees it. */
export interface Word {
  /** As written. */
  text: string;
  /** The term it counts for: lowercase, a final plural `s` folded as YAKE does. */
  term: string;
  kind: WordKind;
  /**
   * A stopword, a month or weekday name, an elided article, a number or a word of fewer than
   * three letters.
   */
  stop: boolean;
  /** Starts with a capital letter, wherever it stands. */
  capital: boolean;
}

/** A sentence's words, in blocks that punctuation does not cross. */
export type Sentence = Word[][];

const punctuation = /[,;:()«»"“”[\]!?…/]|\s[–—-]\s/;

/** Splits sentences into blocks of tagged words. */
export function readWords(sentences: string[], language: string): Sentence[] {
  const stopwords = stopwordsFor(language);
  const calendar = calendarWordsFor(language);
  const read = (token: Token, position: number): Word => {
    const kind = kindOf(token.text, position);
    return {
      text: token.text,
      term: foldPlural(token.lower),
      kind,
      stop: isStop(token, kind, stopwords) || calendar.has(token.lower),
      capital: /^\p{Lu}/u.test(token.text),
    };
  };
  return sentences.map((sentence) => {
    let position = 0;
    const blocks = sentence
      .split(punctuation)
      .map((part) => tokenize(part).map((token) => read(token, position++)))
      .filter((block) => block.length > 0);
    return isTitleCase(blocks.flat()) ? blocks.map((block) => block.map(unnamed)) : blocks;
  });
}

function kindOf(text: string, position: number): WordKind {
  if (/^[\d.,'’-]+$/.test(text)) return 'number';
  if (/\p{N}/u.test(text)) return 'mixed';
  if (text.length > 1 && /^[\p{Lu}'’.-]+$/u.test(text)) return 'acronym';
  if (position > 0 && /^\p{Lu}/u.test(text)) return 'name';
  return 'plain';
}

function isStop(token: Token, kind: WordKind, stopwords: Set<string>): boolean {
  if (kind === 'number' || /['’]$/.test(token.lower)) return true;
  return stopwords.has(token.lower) || token.lower.replace(/[-'’.]/g, '').length < 3;
}

/** A headline in title case: nearly every word capitalised, which says nothing about names. */
function isTitleCase(words: Word[]): boolean {
  const content = words.filter((w) => !w.stop && (w.kind === 'plain' || w.kind === 'name'));
  return content.length >= 3 && content.filter((w) => w.capital).length >= 0.8 * content.length;
}

function unnamed(word: Word): Word {
  return word.kind === 'name' ? { ...word, kind: 'plain' } : word;
}
