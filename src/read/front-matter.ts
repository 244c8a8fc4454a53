import { z } from 'zod';
import { languageCode } from '../config.ts';
import { readDate } from '../normalize/dates.ts';

const text = z
  .union([z.string(), z.number()], 'must be text')
  .transform((value) => String(value).trim());
const nonEmpty = text.pipe(z.string().min(1, 'must not be empty'));

/**
 * A date as written in front matter: `2025-01-05`, `2025-01-05 10:30`, or full ISO 8601; a real
 * one (see `readDate`).
 */
export const dateText = text.pipe(
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
      'must be a date such as 2025-01-05 or 2025-01-05T10:30:00+01:00',
    )
    .superRefine((value, context) => {
      const date = readDate(value);
      if ('problem' in date) context.addIssue({ code: 'custom', message: date.problem });
    }),
);

const tagList = z
  .union([z.array(text), z.string()], 'must be a list of words, e.g. [Pérou, défense]')
  .transform((value) =>
    (typeof value === 'string' ? value.split(',') : value).map((t) => t.trim()).filter(Boolean),
  );

const author = z.union(
  [
    nonEmpty.transform((name) => ({ name, email: undefined as string | undefined })),
    z.strictObject({ name: nonEmpty, email: z.email('must be an email address').optional() }),
  ],
  'must be a name, or { name, email }',
);

/** The front-matter fields Gazette reads. Others are kept out and reported as warnings. */
export const frontMatterSchema = z.object({
  title: nonEmpty.optional(),
  date: dateText.optional(),
  updated: dateText.optional(),
  tags: tagList.optional(),
  author: author.optional(),
  summary: nonEmpty.optional(),
  id: nonEmpty.pipe(z.string().regex(/^\S+$/, 'must not contain spaces')).optional(),
  slug: nonEmpty
    .pipe(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by -'))
    .optional(),
  lang: languageCode.optional(),
  // Bounded, as the article's text is (maxArticleSize): the feeds write the link twice, escaped.
  source: z
    .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })
    .max(2048, 'must be at most 2,048 characters')
    .optional(),
  // The entry's picture: a file beside the article, or an http(s) URL (whose size, unknown
  // without fetching it, `imageWidth` and `imageHeight` give).
  image: nonEmpty
    .pipe(
      z
        .string()
        .max(2048, 'must be at most 2,048 characters')
        .refine((value) => !/^(?!https?:)[a-z][a-z0-9+.-]*:/i.test(value), {
          message: 'must be a file beside the article or an http(s) URL',
        }),
    )
    .optional(),
  imageAlt: text.optional(),
  imageWidth: z.int('must be a whole number of pixels').positive('must be positive').optional(),
  imageHeight: z.int('must be a whole number of pixels').positive('must be positive').optional(),
  // Only YAML's own true and false: a draft is published by removing the line, never by a word
  // that may read either way (`yes please`, `maybe`).
  draft: z
    .boolean(
      'must be true or false (`draft: true` keeps the article out; delete the line to publish it)',
    )
    .optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
export const frontMatterFields = Object.keys(frontMatterSchema.shape);
