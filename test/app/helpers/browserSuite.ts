import type { Browser } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, launchFirefox } from '../../support/browsers';
import { DIST, serveDist, type DistServer } from './serveDist';

export const BROWSERS: { name: string; launch: () => Promise<Browser> }[] = [
  { name: 'chromium', launch: launchChromium },
  { name: 'firefox', launch: launchFirefox },
];

/** The built app must exist: `npm test` builds it first. */
export function requireBuild(): void {
  if (!existsSync(join(DIST, 'app/app.js'))) throw new Error('dist/app/app.js is missing: run `npm run build` first');
}

/** One browser and one server (of dist/, or of the folder `root()` gives) for a describe block; closed after it. */
export function useBrowser(
  launch: () => Promise<Browser>,
  root?: () => string,
): { browser: () => Browser; server: () => DistServer } {
  let browser: Browser | undefined;
  let server: DistServer | undefined;
  before(async function () {
    this.timeout(60000);
    if (!root) requireBuild();
    server = await serveDist(root ? root() : DIST);
    browser = await launch();
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) await server.close();
  });
  return { browser: () => browser as Browser, server: () => server as DistServer };
}
