import { join } from 'node:path';
import type { Warning } from '../warnings.ts';
import { removeTemporaryLeftovers } from '../write/atomic-file.ts';
import { type LedgerRecord, openLedger, readOutcomes, repairLedger } from './ledger.ts';
import { readSendState, type SendState, writeSendState } from './state.ts';

/** Files `send` keeps beside the output folder. */
export const sendFiles = { state: '.gazette-send.json', ledger: '.gazette-ledger.jsonl' } as const;

/**
 * What `send` remembers of a list: its state (what was sent, the digest being sent) and each
 * recipient's final outcome. Kept in two files today; anything that offers these operations
 * (a database) may take their place.
 */
export interface SendStore {
  readState(): Promise<SendState>;
  /** Replaces the state as a whole, durably. */
  writeState(state: SendState): void;
  /** The final outcomes recorded for `digest`, by lower-cased address. */
  readOutcomes(digest: string): Promise<Map<string, LedgerRecord>>;
  /**
   * Opens the store for recording outcomes (mending what a crash left half-written, with a
   * warning). Each record is durable when `record` returns.
   */
  openRecorder(warn: (warning: Warning) => void): Promise<OutcomeRecorder>;
}

export interface OutcomeRecorder {
  record(record: LedgerRecord): void;
  close(): void;
}

/** The store as files in `folder`; `display` is that folder as the user names it. */
export function createFileStore(folder: string, display: string): SendStore {
  const at = (name: string) => ({ path: join(folder, name), display: join(display, name) });
  const state = at(sendFiles.state);
  const ledger = at(sendFiles.ledger);
  return {
    readState: () => readSendState(state.path, state.display),
    writeState: (value) => writeSendState(state.path, value, state.display),
    readOutcomes: (digest) => readOutcomes(ledger.path, digest),
    async openRecorder(warn) {
      // The state's temporary files that a killed send left (the output folder may be elsewhere
      // than the project's, which a build cleans).
      removeTemporaryLeftovers(folder);
      const repaired = await repairLedger(ledger.path, ledger.display);
      if (repaired) warn({ message: repaired, location: { file: ledger.display } });
      const file = openLedger(ledger.path, ledger.display);
      return { record: file.append, close: file.close };
    },
  };
}
