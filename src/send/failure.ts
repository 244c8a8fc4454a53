import { describeFailure } from './smtp.ts';

/**
 * What a failed attempt means for the send:
 * - `refused`: the server answered for good (5xx) about this recipient's address or message;
 * - `deferred`: it answered "later" (4xx) about this recipient; the others may go on;
 * - `connection`: no answer about the recipient at all (no connection, a refused greeting, a
 *   time-out, a dropped connection, a refused sender or login): every recipient would meet it.
 */
export interface Failure {
  kind: 'refused' | 'deferred' | 'connection';
  /** Worth trying again after a pause. */
  temporary: boolean;
  code?: number | undefined;
  response: string;
}

/** The commands whose answer is about one recipient (one recipient per message). */
const recipientCommands = new Set(['RCPT TO', 'DATA']);

export function classifyFailure(error: unknown): Failure {
  const { code, response } = describeFailure(error);
  const { command } = error as { command?: string };
  // 421 closes the connection whatever the command: it speaks of the server, not the reader.
  const aboutRecipient = recipientCommands.has(command ?? '') && code !== undefined && code !== 421;
  const permanent = code !== undefined && code >= 500;
  if (aboutRecipient) {
    return { kind: permanent ? 'refused' : 'deferred', temporary: !permanent, code, response };
  }
  return { kind: 'connection', temporary: !permanent && !isLoginRefused(error), code, response };
}

function isLoginRefused(error: unknown): boolean {
  return (error as { code?: string }).code === 'EAUTH';
}
