/** The file of the SQLite store, beside the config, unless `subscriptions.database` names one. */
export const defaultDatabaseFile = 'gazette.db';

/**
 * The tables of the readers' store, as both databases hold them. Times are ISO 8601 texts and
 * lists are JSON texts, so that SQLite and PostgreSQL store and give back the same values.
 */
export interface StoreTables {
  readers: ReaderRow;
  send_state: SendStateRow;
  outcomes: OutcomeRow;
}

/** Where a reader stands: only `active` readers are sent the digest. */
export type ReaderStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced';

export const readerStatuses: readonly ReaderStatus[] = [
  'pending',
  'active',
  'unsubscribed',
  'bounced',
];

export interface ReaderRow {
  /** Random and public: the first half of the reader's token. */
  id: string;
  /** Random and secret: the second half of the reader's token. */
  secret: string;
  /** As the reader gave it. */
  email: string;
  /** The address lower-cased: one reader per address. */
  email_key: string;
  name: string | null;
  /** ISO 639-1 code of the digest's language for this reader; none: the publication's. */
  lang: string | null;
  /** JSON array of tag slugs; empty: every entry. */
  topics: string;
  status: ReaderStatus;
  /** When the reader joined, and how (`imported from subscribers.csv`, `added by hand`, …). */
  joined_at: string;
  joined_how: string;
  /** When the reader confirmed their address (double opt-in); none for an imported reader. */
  confirmed_at: string | null;
  /** When the status last changed, and why (a bounce's answer, a removal). */
  status_at: string;
  status_why: string | null;
}

/** Documents of the send kept whole under a name: `state` is what was sent and what is sending. */
export interface SendStateRow {
  name: string;
  value: string;
}

/** The final outcome of one digest for one recipient: written once, never changed. */
export interface OutcomeRow {
  digest: string;
  email_key: string;
  email: string;
  message_id: string;
  result: 'sent' | 'refused' | 'failed';
  code: number | null;
  response: string | null;
  at: string;
  /** 1: recovered from a ledger line that a crash cut short. */
  torn: number;
}
