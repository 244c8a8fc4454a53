import { request } from 'node:http';
import type { PreviewServer } from '../src/serve.ts';

/** Listens on the live-reload stream; `next()` waits for the next reload event. */
export function listen(server: PreviewServer, since: string) {
  const { hostname, port } = new URL(server.url);
  let received = '';
  let wake = () => {};
  let onEnd = () => {};
  const req = request({ hostname, port, path: `/__gazette/events?since=${since}`, agent: false });
  const opened = new Promise<string>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        received += chunk;
        wake();
      });
      res.on('end', () => onEnd());
      resolve(res.headers['content-type'] ?? '');
    });
  });
  req.end();
  return {
    opened,
    async next(): Promise<string> {
      while (!/event: reload\ndata: \d+\n\n/.test(received)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const event = received.match(/event: reload\ndata: \d+\n\n/)?.[0] ?? '';
      received = received.slice(received.indexOf(event) + event.length);
      return event;
    },
    ended: (callback: () => void) => {
      onEnd = callback;
    },
    close: () => req.destroy(),
  };
}
