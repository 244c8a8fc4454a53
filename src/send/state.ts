import { z } from 'zod';
import { GazetteError } from '../errors.ts';
import type { RenderedDigest } from '../render/digest.ts';

const placeholdersSchema = z.object({
  greeting: z.string(),
  unsubscribeUrl: z.string(),
  viewUrl: z.string(),
  preferencesUrl: z.string().optional(),
});

/**
 * A digest as it was rendered when its sending started: resumed as it was, byte for byte. The
 * fields the messages are made of are checked; the rest of the rendered digest is kept as is.
 */
const frozenSchema = z.looseObject({
  subject: z.string(),
  preheader: z.string(),
  html: z.string(),
  text: z.string(),
  date: z.string(),
  language: z.string(),
  ids: z.array(z.string()),
  dropped: z.number(),
  shortened: z.array(z.object({ title: z.string(), path: z.string() })).default([]),
  placeholders: placeholdersSchema,
  /** Title and URL of each entry, in the order of `ids`, for the summary. */
  items: z.array(z.object({ title: z.string(), url: z.string() })),
});

export type FrozenDigest = RenderedDigest & z.infer<typeof frozenSchema>;

const stateSchema = z.object({
  /** Ids of the entries already sent to the list. */
  sent: z.array(z.string()),
  /** When the entries of the last digest were chosen: what is published later is news. */
  lastSend: z.string().optional(),
  /**
   * Ids of the entries present at the last send that were not sent: an entry missing here was
   * first seen after it, and is news if its date is within `send.firstWindowDays`.
   */
  seen: z.array(z.string()).optional(),
  /** A digest whose sending started and has not finished: it is finished before any other. */
  pending: z
    .object({
      digest: z.string(),
      entries: z.array(z.string()),
      /** When its entries were chosen. */
      chosen: z.string().optional(),
      /** Absent in a state written before digests were kept: rendered again then. */
      frozen: frozenSchema.optional(),
      /**
       * The readers' own digests (their language, their topics) by `variantKey`, frozen with
       * the first; null: nothing new in their topics.
       */
      variants: z.record(z.string(), frozenSchema.nullable()).optional(),
    })
    .optional(),
});

export type SendState = Omit<z.infer<typeof stateSchema>, 'pending'> & {
  pending?:
    | (NonNullable<z.infer<typeof stateSchema>['pending']> & {
        frozen?: FrozenDigest;
        variants?: Record<string, FrozenDigest | null>;
      })
    | undefined;
};

/** The state from its JSON text; `display` names where it is kept, for the error. */
export function parseSendState(text: string, display: string): SendState {
  try {
    // A frozen digest was written from a whole rendered digest: what is not checked is as it was.
    return stateSchema.parse(JSON.parse(text)) as SendState;
  } catch {
    throw new GazetteError('SendStateInvalid', 'the send state is damaged', { file: display });
  }
}
