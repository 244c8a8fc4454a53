import { type ChildProcess, spawn } from 'node:child_process';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { cliArgs, createStore } from './helpers.ts';

/** A message the test server accepted. */
export interface Received {
  to: string[];
  raw: Buffer;
}

export interface TestServer {
  port: number;
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export interface Behaviour {
  /**
   * At each connection: an SMTP reply code to greet with instead of 220 (421: busy, closing),
   * or 'stall' to never greet at all.
   */
  greeting?: () => number | 'stall' | undefined;
  /** An SMTP reply code to refuse this recipient with, or nothing to accept it. */
  rcpt?: (address: string) => number | undefined;
  /**
   * Called once a message's data has arrived, before the server replies; false drops the
   * connection instead of accepting the message.
   */
  accept?: (to: string[]) => boolean | Promise<boolean>;
}

/** A real SMTP server on 127.0.0.1, on a free port, accepting every message unless told not to. */
export async function startSmtpServer(behaviour: Behaviour = {}): Promise<TestServer> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 500,
    onConnect(_session, callback) {
      const greeting = behaviour.greeting?.();
      if (greeting === 'stall') return;
      if (greeting === undefined) return callback();
      callback(
        Object.assign(new Error('not now, says the test server'), {
          responseCode: greeting,
        }),
      );
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const code = behaviour.rcpt?.(address.address);
      if (code === undefined) return callback();
      const error = Object.assign(new Error('refused by the test server'), {
        responseCode: code,
      });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if ((await behaviour.accept?.(to)) === false) {
          for (const connection of (
            server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }
          ).connections) {
            connection._socket.destroy();
          }
          return;
        }
        received.push({ to, raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A test server, and `gazette send` run in a project folder until it is killed (SIGKILL) while
 * the message after the first `killAt` is on the wire: its data has reached the server, which
 * has not yet said it accepts it.
 */
export async function startKillingSmtpServer(killAt: number) {
  let child: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  let killed = false;
  const server = await startSmtpServer({
    accept: async () => {
      if (killed || server.received.length < killAt) return true;
      killed = true;
      child?.kill('SIGKILL');
      await exited;
      return false;
    },
  });
  return {
    server,
    killed: () => killed,
    /** Sends to `subscribers.csv` the articles of `articles/`, until the process is gone. */
    async sendUntilKilled(dir: string, environment: Record<string, string> = {}): Promise<void> {
      await createStore(dir, environment);
      const running = spawn(
        process.execPath,
        cliArgs(['send', '--input', 'articles', '--subscribers', 'subscribers.csv']),
        {
          cwd: dir,
          env: { ...process.env, INIT_CWD: dir, GAZETTE_SMTP_URL: server.url, ...environment },
          stdio: 'ignore',
        },
      );
      child = running;
      exited = new Promise((resolve) => running.on('exit', resolve));
      await exited;
    },
  };
}
