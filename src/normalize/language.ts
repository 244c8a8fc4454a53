import { eld } from 'eld/medium';

/** The detector reads at most this many characters of a text… */
export const detectorWindow = 1000;
/** …and scores only the words in about their first 380 bytes: this many letters are more. */
const enoughLetters = 400;

/** The ISO 639-1 code of the text's language, or `fallback` when the detector is unsure. */
export function detectLanguage(text: string, fallback: string): string {
  const result = eld.detect(sample(text));
  return result.language && result.isReliable() ? result.language : fallback;
}

/**
 * The start of the text that decides the detector's answer: up to the first space after 400
 * ASCII letters, else all it reads. Each letter is at least one byte of the words it scores, so
 * 400 of them hold every word it scores, and the letters that follow those words lowercase
 * them (a Greek final sigma) as the rest of the text would.
 */
function sample(text: string): string {
  const end = Math.min(text.length, detectorWindow);
  let letters = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 && letters >= enoughLetters) return text.slice(0, i);
    const folded = code | 0x20;
    if (folded >= 0x61 && folded <= 0x7a) letters++;
  }
  return text.slice(0, end);
}
