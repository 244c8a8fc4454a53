import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import type { Messages } from './messages.ts';
import { pt } from './pt.ts';

export type { Messages } from './messages.ts';

const catalogue: Record<string, Messages> = { de, en, es, fr, pt };

/** Locales the digest speaks; others fall back to English. */
export const digestLanguages = Object.keys(catalogue);

export function messagesFor(language: string): Messages {
  return catalogue[language] ?? en;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) =>
    key in values ? String(values[key]) : all,
  );
}
