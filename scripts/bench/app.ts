// The phone app's speed on a slow CPU: the built app in Chromium with 6× CPU throttling (CDP
// Emulation.setCPUThrottlingRate), median of several runs of
//  - «Далее» on the signing form → the signature on screen (PBKDF2 with the config's N + OCRA + the repaint),
//    the form filled as the build asks (the default build: code, amount and payee digits), with the right
//    PIN and, alternating, a wrong one (which must take the same time);
//  - cold start → the menu on screen with its key listener attached (texts and vault read included):
//    measured from the moment app.js has arrived (the app's own work: script evaluation, reading
//    the language file and the vault, first render) and, for context, from the navigation start
//    (which adds the browser's own page load; on a loaded CI machine that part is noisy).
import { cpus, loadavg } from 'node:os';
import type { CDPSession, Page } from 'puppeteer-core';
import { Phone } from '../../test/app/helpers/phone';
import { activate, signKeys } from '../../test/app/helpers/flows';
import { BANK, CODE, OTHER_PIN, PAYMENT, PIN } from '../../test/app/helpers/fixture';
import { serveDist } from '../../test/app/helpers/serveDist';
import { launchChromium } from '../../test/support/browsers';
import { median } from '../median';

const THROTTLING = 6;
const RUNS = 9;
const SIGN_TARGET = 250;
const START_TARGET = 150;

/** Page-side timestamps: when Enter went down, and when a selector first appeared. */
const RECORDER = `
  window.__marks = {};
  window.addEventListener('keydown', function (e) { if (e.key === 'Enter') window.__marks.enter = performance.now(); }, true);
  new MutationObserver(function () {
    if (!window.__marks.menu && document.querySelector('.menu .item')) window.__marks.menu = performance.now();
    if (!window.__marks.signature && document.querySelector('.signature')) window.__marks.signature = performance.now();
  }).observe(document, { childList: true, subtree: true });`;

async function throttle(page: Page): Promise<CDPSession> {
  const session = await page.createCDPSession();
  await session.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING });
  await session.send('Performance.enable');
  return session;
}

/** Main-thread time the page has spent on script, style and layout since it loaded (CDP Performance metrics). */
async function mainThreadWork(session: CDPSession): Promise<number> {
  const { metrics } = await session.send('Performance.getMetrics');
  const seconds = metrics
    .filter((m) => /^(ScriptDuration|RecalcStyleDuration|LayoutDuration)$/.test(m.name))
    .reduce((sum, m) => sum + m.value, 0);
  return seconds * 1000;
}

const marks = (page: Page) =>
  page.evaluate('window.__marks') as Promise<{ enter: number; menu: number; signature: number }>;

/** When the app's script had arrived, relative to the navigation start. */
const scriptArrived = (page: Page) =>
  page.evaluate(
    `performance.getEntriesByType('resource').filter(function (r) { return /app\\.js$/.test(r.name); })[0].responseEnd`,
  ) as Promise<number>;

function report(label: string, values: number[], target: number): void {
  const value = median(values);
  const verdict = value <= target ? 'met' : 'OVER';
  const fastest = Math.min(...values);
  console.log(
    `  ${label.padEnd(42)} median ${value.toFixed(0).padStart(4)} ms (target ≤ ${target} ms: ${verdict}), fastest ${fastest.toFixed(0)} ms; runs ${values.map((v) => v.toFixed(0)).join(' ')}`,
  );
}

export async function run(): Promise<void> {
  const server = await serveDist();
  const browser = await launchChromium();
  try {
    const phone = await Phone.open(browser, 'bench', `${server.origin}/app/index.html`, { init: RECORDER });
    await activate(phone);
    const session = await throttle(phone.page);

    // Right and wrong PINs alternate: a wrong PIN must cost the same time as a right one.
    const signing: number[] = [];
    const wrongPin: number[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      await phone.choose('Подписать');
      await phone.keys(...signKeys(i % 2 ? OTHER_PIN : PIN, CODE));
      await phone.page.evaluate('window.__marks.signature = 0');
      await phone.keys('Enter');
      await phone.page.waitForSelector('.signature');
      const m = await marks(phone.page);
      (i % 2 ? wrongPin : signing).push(m.signature - m.enter);
      await phone.keys('Enter');
    }

    const boots: number[] = [];
    const loads: number[] = [];
    const work: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await phone.reload();
      const menu = (await marks(phone.page)).menu;
      boots.push(menu - (await scriptArrived(phone.page)));
      loads.push(menu);
      work.push(await mainThreadWork(session));
    }

    console.log(
      `Phone app speed (Chromium, ${THROTTLING}× CPU throttling, median of ${RUNS} runs, key saved, PBKDF2 per bank config, ${BANK.suite}${PAYMENT ? ' with payment data' : ''})`,
    );
    console.log(
      `  (load average now ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs: on a busy machine the fastest run is the better estimate of the app's own cost)`,
    );
    report('«Далее» → signature shown', signing, SIGN_TARGET);
    report('  the same with a wrong PIN', wrongPin, SIGN_TARGET);
    report('cold start: app.js arrived → usable menu', boots, START_TARGET);
    const context = (label: string, values: number[]) =>
      console.log(
        `  ${label.padEnd(42)} median ${median(values).toFixed(0).padStart(4)} ms; runs ${values.map((v) => v.toFixed(0)).join(' ')}`,
      );
    context('  from the navigation start, for context', loads);
    context('  main-thread script+style+layout time', work);
  } finally {
    await browser.close();
    await server.close();
  }
}
