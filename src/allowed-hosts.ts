import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * The `Host` headers a server listening on `host` and `port` answers: the names of that address
 * only. A web page elsewhere can point its own domain at 127.0.0.1 (DNS rebinding) and read the
 * preview from the reader's browser; its requests then name that domain, and are refused.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set<string>();
  const add = (name: string) => {
    const bracketed = name.includes(':') ? `[${name}]` : name;
    names.add(`${bracketed}:${port}`.toLowerCase());
    // A browser leaves out the port that is the default for http.
    if (port === 80) names.add(bracketed.toLowerCase());
  };
  if (isLoopback(host) || isWildcard(host)) {
    for (const name of ['localhost', '127.0.0.1', '::1']) add(name);
  }
  if (isWildcard(host)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const { address } of addresses ?? []) add(address);
    }
  }
  if (!isWildcard(host)) add(host);
  return names;
}

/** Whether a request's `Host` header is one of `allowed`. */
export function isAllowedHost(header: string | undefined, allowed: Set<string>): boolean {
  return header !== undefined && allowed.has(header.toLowerCase());
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
}

/** An address that listens on every interface of the machine. */
function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}
