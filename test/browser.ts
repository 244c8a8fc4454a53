import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, type TestContext } from 'node:test';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
} from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * True when `path` (a program the test needs) exists. Otherwise the test is skipped with a
 * notice, or fails under CI, where `.ci/run` must have installed it.
 */
export function needsProgram(t: TestContext, path: string, name: string): boolean {
  if (existsSync(path)) return true;
  const notice = `${name} not installed (.ci/run installs it from Debian)`;
  if (process.env.CI) assert.fail(notice);
  t.skip(notice);
  return false;
}

/** The headless Chromium of this process, launched by the first test that opens a page. */
let shared: Promise<Browser> | undefined;

/**
 * A context of this process's Chromium for test `t`: pages with their own viewport, cookies and
 * cache, as a new browser's, closed when the test ends. Chromium itself starts once for the
 * process (the test files that open pages share one, compile.ts) and stops after its last test.
 */
export async function browserContext(
  t: TestContext,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  shared ??= launchChromium();
  const context = await (await shared).newContext(options);
  t.after(() => context.close());
  return context;
}

after(async () => {
  await (await shared)?.close();
});

/** Headless Chromium that reaches for nothing on the network by itself. */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
