import { isDangling, opensClause } from './function-words.ts';

/** Longest derived title, in characters, before its kicker. */
export const maxTitleLength = 110;

/** Longest kicker, in characters: a kicker names a topic in a word or two. */
const maxKickerLength = 40;

/** What sets a kicker off from the headline: French puts a space before the colon. */
const kickerSeparator: Record<string, string> = { fr: ' : ' };

/**
 * A headline from the opening sentence, led by a kicker: the first of the given topics (the
 * dateline's place, the entry's tags, the names it mentions most) that the sentence does not
 * already name ("Lima : Le gouvernement…"), as news desks write them.
 * The sentence is whole when short enough, else cut before the last clause (a comma, or a word
 * such as "pour", "which", "según") that keeps it under the limit, else at a word boundary;
 * never ending in an article, a preposition or a conjunction.
 */
export function deriveTitle(sentence: string, language: string, topics: string[] = []): string {
  const headline = trimHeadline(sentence, language);
  // A headline that has a kicker of its own keeps it.
  if (!headline || /\S\s?:\s/.test(headline)) return headline;
  const named = sentence.toLowerCase();
  const kicker = topics.find(
    (topic) =>
      topic && [...topic].length <= maxKickerLength && !named.includes(topic.toLowerCase()),
  );
  return kicker ? `${kicker}${kickerSeparator[language] ?? ': '}${headline}` : headline;
}

const endsClause = /[,;:]$/;

function trimHeadline(sentence: string, language: string): string {
  const text = sentence.replace(/\s*[.…:;]+$/, '').trim();
  if (text.length <= maxTitleLength) return text;
  const words = text.split(' ');
  let length = 0;
  let lastWordFit = 0;
  let lastComma = 0;
  let lastOpener = 0;
  const minimum = maxTitleLength * 0.4;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = length + (i > 0 ? 1 : 0) + word.length;
    if (next > maxTitleLength) break;
    length = next;
    lastWordFit = i + 1;
    if (length < minimum) continue;
    if (endsClause.test(word)) lastComma = i + 1;
    const nextWord = words[i + 1];
    if (nextWord !== undefined && opensClause(nextWord, language)) lastOpener = i + 1;
  }
  // A comma is the surest clause boundary; a word that may open a clause comes next.
  const kept = words.slice(0, lastComma || lastOpener || lastWordFit || 1);
  while (kept.length > 1 && isDangling(kept[kept.length - 1] ?? '', language)) kept.pop();
  const title = kept.join(' ').replace(/[\s,;:–—-]+$/, '');
  // A single word longer than the limit (a pasted URL, a run of characters) is cut outright.
  const chars = Array.from(title);
  return chars.length > maxTitleLength ? `${chars.slice(0, maxTitleLength - 1).join('')}…` : title;
}
