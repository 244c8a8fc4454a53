import type { LedgerRecord } from './ledger.ts';
import type { SendState } from './state.ts';

/**
 * What `send` remembers of a list: its state (what was sent, the digest being sent) and each
 * recipient's final outcome. The readers' store keeps them (subscriptions/send-store.ts).
 */
export interface SendStore {
  readState(): Promise<SendState>;
  /** Replaces the state as a whole, durably. */
  writeState(state: SendState): Promise<void>;
  /** The final outcomes recorded for `digest`, by lower-cased address. */
  readOutcomes(digest: string): Promise<Map<string, LedgerRecord>>;
  /** Opens the store for recording outcomes. */
  openRecorder(): Promise<OutcomeRecorder>;
}

export interface OutcomeRecorder {
  /** Durable when the promise is fulfilled. */
  record(record: LedgerRecord): Promise<void>;
}
