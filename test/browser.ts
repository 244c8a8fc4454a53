import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { type Browser, chromium } from 'playwright-core';

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

/** Headless Chromium that reaches for nothing on the network by itself. */
export function launchChromium(): Promise<Browser> {
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
