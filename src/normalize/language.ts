import { eld } from 'eld/medium';

/** Enough text to tell a language; more only costs time. */
const sample = 4000;

/** The ISO 639-1 code of the text's language, or `fallback` when the detector is unsure. */
export function detectLanguage(text: string, fallback: string): string {
  const result = eld.detect(text.slice(0, sample));
  return result.language && result.isReliable() ? result.language : fallback;
}
