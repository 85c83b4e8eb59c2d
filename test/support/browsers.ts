import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Shared by the app's and the bank's browser tests and measurements: Debian's browsers, headless. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

function requireBrowser(path: string, aptPackage: string): void {
  if (!existsSync(path)) {
    throw new Error(`${path} not found: install it with "apt-get install ${aptPackage}" (browser tests never skip)`);
  }
}

/**
 * Chromium over CDP with a fresh profile that is removed when the browser closes, or with the
 * profile directory given (the caller's to remove), for tests that look at what it stores.
 */
export async function launchChromium(options: { profile?: string } = {}): Promise<Browser> {
  requireBrowser(CHROMIUM_PATH, 'chromium');
  const profile = options.profile || mkdtempSync(join(tmpdir(), 'mobipass-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
    ],
  });
  if (!options.profile) browser.process()?.once('exit', () => rmSync(profile, { recursive: true, force: true }));
  return browser;
}

/** Firefox ESR (Gecko, KaiOS's engine family) over WebDriver BiDi; a profile directory may be given as for Chromium. */
export async function launchFirefox(options: { profile?: string } = {}): Promise<Browser> {
  requireBrowser(FIREFOX_PATH, 'firefox-esr');
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: options.profile,
  });
}
