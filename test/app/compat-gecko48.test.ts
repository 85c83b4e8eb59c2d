// The built app on a page stripped of every JavaScript built-in and Web API member that Firefox 48
// (KaiOS 2.5) lacks, per @mdn/browser-compat-data: it must still boot, save a key, sign and show help.
import { expect } from 'chai';
import { groupDigits } from '../../src/app/ui/groupDigits';
import type { Browser } from 'puppeteer-core';
import { BROWSERS, useBrowser } from './helpers/browserSuite';
import { builtTexts, CODE, PIN, expectedSignature } from './helpers/fixture';
import { activate, sign } from './helpers/flows';
import { GAPS_REPORT, deletionScript, gecko48Gaps, type DeletionReport } from './helpers/gecko48Gaps';
import { Phone } from './helpers/phone';

const ru = builtTexts('ru');

/** Fewer than this (Firefox ESR 153: about 2700, Chromium 156: about 4400) means the gaps are no longer found. */
const MIN_DELETED = 2000;

/** Gecko 48 gaps the app could plausibly reach for: they must really be gone from the page. */
const GONE = [
  'Object.hasOwn',
  'Object.fromEntries',
  'Array.prototype.flat',
  'Array.prototype.at',
  'Promise.prototype.finally',
  'Promise.allSettled',
  'String.prototype.replaceAll',
  'globalThis',
  'structuredClone',
  'queueMicrotask',
  'AbortController',
  'Element.prototype.append',
  'HTMLElement.prototype.onpointerdown',
];

/** What Gecko 48 has (some of it only just): the app may use it, so it must still be there. */
const PRESENT = [
  'Promise',
  'Uint8Array',
  'indexedDB',
  'crypto.getRandomValues',
  'Object.entries',
  'Array.prototype.includes',
  'String.prototype.padStart',
  'EventTarget.prototype.addEventListener',
  'KeyboardEvent',
];

/** Gecko 48 had EventTarget, but `new EventTarget()` only came in Firefox 59. */
const NEW_EVENT_TARGET = `(() => {
  try { new EventTarget(); return 'constructed'; } catch (error) { return error.name; }
})()`;

/** Opens the app on the stripped page; if it does not boot, fails with the page's errors rather than a timeout. */
async function openStripped(browser: Browser, name: string, url: string): Promise<Phone> {
  try {
    return await Phone.open(browser, `${name}-gecko48`, url, { init: deletionScript(gecko48Gaps()) });
  } catch (error) {
    const reports = await Promise.all((await browser.pages()).map((page) => page.evaluate(GAPS_REPORT)));
    const errors = (reports as (DeletionReport | undefined)[]).flatMap((report) => report?.errors || []);
    throw new Error(`the app did not boot: ${errors.join('; ') || String(error)}`);
  }
}

/** `typeof` of each expression in the page. */
async function typesOf(phone: Phone, expressions: string[]): Promise<string[]> {
  return (await phone.page.evaluate(`[${expressions.map((e) => `typeof ${e}`).join(', ')}]`)) as string[];
}

for (const { name, launch } of BROWSERS) {
  describe(`app in ${name} without what Gecko 48 lacks (per @mdn/browser-compat-data)`, function () {
    this.timeout(60000);
    const { browser, server } = useBrowser(launch);
    const errors: string[] = [];
    let phone: Phone;

    before(async () => {
      phone = await openStripped(browser(), name, `${server().origin}/app/index.html`);
      phone.page.on('pageerror', (error) => errors.push(String(error)));
      // Again with the listener attached, so that errors while booting count too.
      await phone.reload();
    });

    it('the page has none of the gaps before the app runs, and all that Gecko 48 has', async () => {
      const report = (await phone.page.evaluate(GAPS_REPORT)) as DeletionReport;
      expect(report.kept).to.deep.equal([]);
      expect(report.deleted).to.be.at.least(MIN_DELETED);
      expect(await typesOf(phone, GONE)).to.deep.equal(GONE.map(() => 'undefined'));
      expect(await typesOf(phone, PRESENT)).to.not.include('undefined');
      expect(await phone.page.evaluate(NEW_EVENT_TARGET)).to.equal('TypeError');
    });

    it('the app boots, saves a key, signs and opens help with no page errors', async () => {
      await activate(phone);
      const signed = await sign(phone, PIN, CODE);
      expect(signed.signature).to.equal(groupDigits(expectedSignature(CODE)));
      // The hint's {s} is filled in by a RegExp replace, which must work as it did in Gecko 48.
      expect(await phone.page.evaluate(`document.querySelector('.hint').textContent`)).to.match(/через \d+\sс\.$/);
      await phone.keys('Enter');
      const help = await phone.choose(ru.help);
      expect(help.header).to.equal(ru.help);
      expect(errors).to.deep.equal([]);
    });
  });
}
