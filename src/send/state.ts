import { open, readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { GazetteError } from '../errors.ts';

const stateSchema = z.object({
  /** Ids of the entries already sent to the list. */
  sent: z.array(z.string()),
  /** When the last send to the list finished. */
  lastSend: z.string().optional(),
  /** A digest whose sending started and has not finished: it is finished before any other. */
  pending: z.object({ digest: z.string(), entries: z.array(z.string()) }).optional(),
});

export type SendState = z.infer<typeof stateSchema>;

export async function readSendState(path: string, display: string): Promise<SendState> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return { sent: [] };
  try {
    return stateSchema.parse(JSON.parse(text));
  } catch {
    throw new GazetteError('SendStateInvalid', 'the send state is damaged', { file: display });
  }
}

/** Written as a whole or not at all: temporary file, flushed, then renamed over the old one. */
export async function writeSendState(path: string, state: SendState): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}
