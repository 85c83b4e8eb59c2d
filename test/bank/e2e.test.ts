import { expect } from 'chai';
import { builtTexts, SHOWN_SIGNATURE } from '../app/helpers/fixture';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { EMULATOR_TEXTS } from '../../src/app/emulator/texts';
import { LANGUAGES } from '../../src/app/i18n/languages';
import { DEMO_TEXTS } from '../../src/bank/http/demo-texts';
import { launchChromium, launchFirefox } from '../support/browsers';
import { DemoFixture } from './support/demo-fixture';

const ru = builtTexts('ru');

const ARTIFACTS = join(__dirname, '..', '..', 'artifacts');
const PIN = '4739';
const WRONG_PIN = '4738';

/** The landing page's three documents: the bank page, the emulator, and the app inside the emulator. */
interface Story {
  page: Page;
  bank: Frame;
  emulator: Frame;
  app: Frame;
}

/** The landing page at `path`, in a browser whose language is `browserLanguage` (every frame, before its scripts run). */
async function openStory(browser: Browser, address: string, browserLanguage = 'ru-RU', path = '/'): Promise<Story> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  // A string, not a function: tsx would wrap a function with helpers the page does not have.
  await page.evaluateOnNewDocument(
    `Object.defineProperty(Navigator.prototype, 'language', { get: function () { return '${browserLanguage}'; } });`,
  );
  await page.goto(address + path);
  return storyFrames(page);
}

/** The frames of the landing page now shown, once the bank page and the app are ready. */
async function storyFrames(page: Page): Promise<Story> {
  const frame = (path: string) => page.waitForFrame((f) => new URL(f.url()).pathname === path, { timeout: 15000 });
  const [bank, emulator, app] = await Promise.all([frame('/bank/'), frame('/emulator/'), frame('/app/index.html')]);
  await bank.waitForSelector('#issue');
  await app.waitForSelector('.menu .item');
  return { page, bank, emulator, app };
}

/** Presses phone keys on the emulator's keypad (mouse clicks on its buttons, as a visitor would). */
async function press(story: Story, ...keys: string[]): Promise<void> {
  for (const key of keys) await story.emulator.click(`button[data-key="${key}"]`);
}

async function typeDigits(story: Story, digits: string): Promise<void> {
  await press(story, ...digits.split(''));
}

async function waitForAppText(story: Story, selector: string, text: string): Promise<void> {
  await story.app.waitForFunction(
    (s: string, t: string) =>
      Array.prototype.some.call(document.querySelectorAll(s), (n: Element) => (n.textContent || '').indexOf(t) >= 0),
    { timeout: 20000 },
    selector,
    text,
  );
}

async function bankText(story: Story, selector: string): Promise<string> {
  return story.bank.$eval(selector, (node) => node.textContent || '');
}

async function waitForVerdict(story: Story, result: string): Promise<string> {
  await story.bank.waitForSelector(`#result[data-result="${result}"]`, { timeout: 10000 });
  return bankText(story, '#result');
}

async function activatePhone(story: Story, parts: string[]): Promise<void> {
  await waitForAppText(story, '.menu .focused', ru.saveKey);
  await press(story, 'Enter');
  await waitForAppText(story, '.header', ru.pinTitle);
  await typeDigits(story, PIN + PIN);
  await press(story, 'Enter');
  await waitForAppText(story, '.header', ru.keyTitle);
  await typeDigits(story, parts.join(''));
  await press(story, 'Enter');
  await waitForAppText(story, '.dialog-text', ru.keySaved);
  await press(story, 'Enter');
  await waitForAppText(story, '.menu .focused', ru.sign);
}

/** From the menu: «Подписать», PIN and document code → the value the phone shows; then back to the menu. */
async function signOnPhone(
  story: Story,
  pin: string,
  code: string,
  whileShown?: () => Promise<unknown>,
): Promise<string> {
  await waitForAppText(story, '.menu .focused', ru.sign);
  await press(story, 'Enter');
  await waitForAppText(story, '.header', ru.signTitle);
  await typeDigits(story, pin + code);
  await press(story, 'Enter');
  await story.app.waitForFunction(() => /\d/.test(document.querySelector('.signature')?.textContent || ''), {
    timeout: 20000,
  });
  const shown = await story.app.$eval('.signature', (node) => node.textContent || '');
  if (whileShown) await whileShown();
  await press(story, 'Enter');
  return shown;
}

async function newPayment(story: Story): Promise<string> {
  await story.bank.click('#sign-document');
  await story.bank.waitForFunction(() => /^\d{6}$/.test(document.getElementById('document-code')?.textContent || ''));
  return bankText(story, '#document-code');
}

async function sendSignature(story: Story, shown: string): Promise<void> {
  await story.bank.click('#signature', { count: 3 });
  await story.bank.type('#signature', shown);
  await story.bank.click('#send');
}

for (const [name, launch] of [
  ['Chromium', launchChromium],
  ['Firefox ESR', launchFirefox],
] as const) {
  describe(`demo bank and phone end to end in ${name}`, function () {
    this.timeout(180000);
    let demo: DemoFixture;
    let browser: Browser;
    const shot = (story: Story, step: string) =>
      story.page.screenshot({ path: join(ARTIFACTS, `bank-e2e-${name.split(' ')[0].toLowerCase()}-${step}.png`) });

    before(async () => {
      demo = await new DemoFixture().start();
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
      await demo?.stop();
    });

    it('issues an envelope, activates the phone by keypad, signs, is accepted; three wrong answers block', async () => {
      const story = await openStory(browser, demo.address);
      try {
        await wholeStory(story);
      } catch (error) {
        await shot(story, 'failure');
        const screen = await story.app.evaluate(() => document.body.innerText);
        throw new Error(`${(error as Error).message}; the phone showed: ${JSON.stringify(screen)}`);
      }
      await story.page.close();
    });

    it('speaks one language in the landing page, the bank, the emulator and the phone, as the switch says', async () => {
      // An English desktop: the landing page's language, not the browser's, sets the phone's.
      let story = await openStory(browser, demo.address, 'en-US');
      for (const lang of LANGUAGES) {
        if (lang !== LANGUAGES[0]) {
          await Promise.all([story.page.waitForNavigation(), story.page.click(`nav a[lang="${lang}"]`)]);
          story = await storyFrames(story.page);
        }
        await waitForAppText(story, '.menu .item', builtTexts(lang).help);
        for (const frame of [story.page.mainFrame(), story.bank, story.emulator, story.app]) {
          expect(await frame.evaluate(() => document.documentElement.lang), frame.url()).to.equal(lang);
        }
        expect(await bankText(story, '#issue')).to.equal(DEMO_TEXTS[lang].issue);
        expect(await story.emulator.$eval('.back', (node) => node.textContent)).to.equal(EMULATOR_TEXTS[lang].backKey);
        expect(await story.page.$eval('.steps li', (node) => node.textContent)).to.include(DEMO_TEXTS[lang].issue);
      }
      await story.page.close();
    });

    /** The phone is another origin: the bank page's scripts reach neither its document nor its storage. */
    async function expectPhoneOutOfBankReach(story: Story): Promise<void> {
      const reach = await story.bank.evaluate(() => {
        try {
          return String(window.parent.frames[0].document.title);
        } catch (error) {
          return (error as Error).name;
        }
      });
      expect(reach).to.equal('SecurityError');
      const databases = (frame: Frame) => frame.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
      expect(await databases(story.app)).to.include('mobipass');
      expect(await databases(story.bank)).to.not.include('mobipass');
    }

    async function wholeStory(story: Story): Promise<void> {
      await story.bank.click('#issue');
      await story.bank.waitForSelector('#part-4');
      const parts = await story.bank.$$eval('#parts li', (items) => items.map((item) => item.textContent || ''));
      expect(parts).to.have.length(4);
      await shot(story, '1-envelope');

      await activatePhone(story, parts);
      await expectPhoneOutOfBankReach(story);
      const code = await newPayment(story);
      expect(await bankText(story, '.code-line')).to.equal(`Кодовое число документа: ${code}`);
      const shown = await signOnPhone(story, PIN, code, () => shot(story, '2-signed'));
      expect(shown).to.match(SHOWN_SIGNATURE);
      await sendSignature(story, shown);
      expect(await waitForVerdict(story, 'accepted')).to.equal(
        'Подпись верна. Платёжное поручение принято в обработку.',
      );
      await shot(story, '3-accepted');

      const blockedCode = await newPayment(story);
      for (const attemptsLeft of [2, 1]) {
        await sendSignature(story, await signOnPhone(story, WRONG_PIN, blockedCode));
        expect(await waitForVerdict(story, 'rejected')).to.include(`Осталось попыток: ${attemptsLeft}.`);
      }
      await shot(story, '4-rejected');
      await sendSignature(story, await signOnPhone(story, WRONG_PIN, blockedCode));
      expect(await waitForVerdict(story, 'blocked')).to.include('MobiPass заблокирован');
      await shot(story, '5-blocked');
      expect(await demo.bank.status('demo')).to.deep.equal({ user: 'demo', status: 'blocked', failures: 3 });

      await story.bank.click('#sign-document');
      expect(await waitForVerdict(story, 'blocked')).to.include('MobiPass заблокирован');
    }
  });
}
