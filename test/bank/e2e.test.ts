import { expect } from 'chai';
import { builtTexts } from '../app/helpers/fixture';
import { buildWith } from '../app/helpers/buildWith';
import { readBankConfig } from '../../src/app/build/bankConfig';
import type { BankConfig } from '../../src/app/bankSettings';
import { DEFAULT_SUITE } from '../../src/core/phoneSuite';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { EMULATOR_TEXTS } from '../../src/app/emulator/texts';
import { LANGUAGES } from '../../src/app/i18n/languages';
import { DEMO_TEXTS } from '../../src/bank/http/demo-texts';
import { launchChromium, launchFirefox } from '../support/browsers';
import { DemoFixture, DIST } from './support/demo-fixture';

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

/** What the bank page tells the customer to type into the phone: the code and, when bound, the payment. */
interface PhoneInput {
  code: string;
  /** As typed: digits and a point (the page shows it the language's way, 15 000,50). */
  amount?: string;
  payee?: string;
}

/** From the menu: «Подписать», the PIN and what the bank asked for → the value the phone shows; then back to the menu. */
async function signOnPhone(
  story: Story,
  pin: string,
  input: PhoneInput,
  whileShown?: () => Promise<unknown>,
): Promise<string> {
  await waitForAppText(story, '.menu .focused', ru.sign);
  await press(story, 'Enter');
  await waitForAppText(story, '.header', ru.signTitle);
  await typeDigits(story, pin + input.code);
  if (input.amount !== undefined && input.payee !== undefined) {
    // The point is the phone's * key; «Далее» moves on to the payee unless two decimals already did.
    await press(story, ...input.amount.split('').map((char) => (char === '.' ? '*' : char)));
    if (!/\.\d\d$/.test(input.amount)) await press(story, 'Enter');
    await typeDigits(story, input.payee);
  }
  await press(story, 'Enter');
  await story.app.waitForFunction(() => /\d/.test(document.querySelector('.signature')?.textContent || ''), {
    timeout: 20000,
  });
  const shown = await story.app.$eval('.signature', (node) => node.textContent || '');
  if (whileShown) await whileShown();
  await press(story, 'Enter');
  return shown;
}

/** The payment form sent as it is filled in (its amount set first, when given): what the page says to type. */
async function newPayment(story: Story, amount?: string): Promise<PhoneInput> {
  const before = await bankText(story, '#document-code');
  if (amount !== undefined) {
    await story.bank.click('#amount', { count: 3 });
    await story.bank.type('#amount', amount);
  }
  await story.bank.click('#sign-document');
  await story.bank.waitForFunction(
    (previous: string) => {
      const code = document.getElementById('document-code')?.textContent || '';
      return /^\d{6,7}$/.test(code) && code !== previous && !(document.getElementById('signing') as HTMLElement).hidden;
    },
    {},
    before,
  );
  const code = await bankText(story, '#document-code');
  if (await story.bank.$eval('#amount-line', (node) => (node as HTMLElement).hidden)) return { code };
  const shownAmount = await bankText(story, '#phone-amount');
  return {
    code,
    amount: shownAmount.replace(/\u00a0/g, '').replace(',', '.'),
    payee: await bankText(story, '#phone-payee'),
  };
}

async function sendSignature(story: Story, shown: string): Promise<void> {
  // The verdict shown so far is cleared first, so waitForVerdict sees this answer's.
  await story.bank.evaluate(() => document.getElementById('result')?.removeAttribute('data-result'));
  await story.bank.click('#signature', { count: 3 });
  await story.bank.type('#signature', shown);
  await story.bank.click('#send');
}

/** The wrong answer a slip of the last digit gives. */
function slipOf(shown: string): string {
  return shown.slice(0, -1) + ((Number(shown.slice(-1)) + 1) % 10);
}

/**
 * Malware in the customer's browser: the bank receives another payee than the one the page shows, and
 * the page shows the customer the payee digits they expect.
 */
const SWAP_PAYEE = `(function () {
  var realFetch = window.fetch;
  window.fetch = function (url, init) {
    if (String(url).indexOf('api/payment') < 0) return realFetch(url, init);
    var body = JSON.parse(init.body);
    var seen = body.payee.replace(/[^0-9]/g, '');
    body.payee = 'KZ00 0000 0000 0000 9999';
    init.body = JSON.stringify(body);
    window.fetch = realFetch;
    return realFetch(url, init).then(function (response) {
      return response.json().then(function (data) {
        data.payeeDigits = seen.slice(seen.length - data.payeeDigits.length);
        return new Response(JSON.stringify(data), { status: response.status, headers: { 'content-type': 'application/json' } });
      });
    });
  };
})()`;

/** A two-field build: version 1, the manual's PIN and code only. */
const V1_CONFIG: BankConfig = { ...readBankConfig().config, suite: DEFAULT_SUITE, payment: undefined };

for (const [name, launch] of [
  ['Chromium', launchChromium],
  ['Firefox ESR', launchFirefox],
] as const) {
  for (const flow of [
    { title: 'version 2 with payment data (the default build)', config: readBankConfig().config, own: false },
    { title: "version 1, the manual's two fields (a build of its own)", config: V1_CONFIG, own: true },
  ]) {
    describe(`demo bank and phone end to end in ${name}: ${flow.title}`, function () {
      this.timeout(240000);
      let demo: DemoFixture;
      let browser: Browser;
      const payments = Boolean(flow.config.payment);
      const shot = (story: Story, step: string) =>
        story.page.screenshot({
          path: join(ARTIFACTS, `bank-e2e-${name.split(' ')[0].toLowerCase()}-${payments ? 'v2' : 'v1'}-${step}.png`),
        });

      before(async () => {
        const built = flow.own ? buildWith(flow.config) : undefined;
        if (built && built.status !== 0) throw new Error(`the build failed: ${built.output}`);
        demo = await new DemoFixture(flow.config, built ? built.out : DIST).start();
        browser = await launch();
      });
      after(async () => {
        await browser?.close();
        await demo?.stop();
      });

      it(
        payments
          ? 'signs the payment the customer sees; a mistyped value is not counted; a changed payee or amount is refused; three wrong answers block'
          : 'issues an envelope, activates the phone by keypad, signs, is accepted; three wrong answers block',
        async () => {
          const story = await openStory(browser, demo.address);
          try {
            await wholeStory(story);
          } catch (error) {
            await shot(story, 'failure');
            const screen = await story.app.evaluate(() => document.body.innerText);
            throw new Error(`${(error as Error).message}; the phone showed: ${JSON.stringify(screen)}`);
          }
          await story.page.close();
        },
      );

      if (!flow.own) {
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
            expect(await story.emulator.$eval('.back', (node) => node.textContent)).to.equal(
              EMULATOR_TEXTS[lang].backKey,
            );
            expect(await story.page.$eval('.steps li', (node) => node.textContent)).to.include(DEMO_TEXTS[lang].issue);
            expect(await bankText(story, '#payee-line')).to.contain(flow.config.payment!.payeeLabel[lang]);
          }
          await story.page.close();
        });
      }

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
        const databases = (frame: Frame) =>
          frame.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
        expect(await databases(story.app)).to.include('mobipass');
        expect(await databases(story.bank)).to.not.include('mobipass');
      }

      const line = async (story: Story, selector: string) =>
        (await bankText(story, selector)).replace(/\s+/g, ' ').trim();
      const failures = async () => (await demo.bank.status('demo')).failures;

      async function wholeStory(story: Story): Promise<void> {
        await story.bank.click('#issue');
        await story.bank.waitForSelector('#part-4');
        const parts = await story.bank.$$eval('#parts li', (items) => items.map((item) => item.textContent || ''));
        expect(parts).to.have.length(4);
        await shot(story, '1-envelope');

        await activatePhone(story, parts);
        await expectPhoneOutOfBankReach(story);
        const input = await newPayment(story);
        expect(await line(story, '.code-line')).to.equal(`Кодовое число документа: ${input.code}`);
        if (payments) {
          // The page tells the customer what to type: the code with its check digit, the amount, the payee digits.
          expect(input).to.deep.equal({ code: input.code, amount: '15000', payee: '0100' });
          expect(input.code).to.match(/^\d{7}$/);
          expect(await line(story, '#amount-line')).to.equal('Сумма: 15 000 (запятая — клавиша *)');
          expect(await line(story, '#payee-line')).to.equal(`${flow.config.payment!.payeeLabel.ru} 0100`);
        } else {
          expect(input).to.deep.equal({ code: input.code });
          expect(input.code).to.match(/^\d{6}$/);
        }
        const shown = await signOnPhone(story, PIN, input, () => shot(story, '2-signed'));
        expect(shown).to.match(/^\d{4} \d{4}$/);
        if (payments) {
          // A typing slip: its own message, not counted, the same document takes the right value.
          await sendSignature(story, slipOf(shown.replace(' ', '')));
          expect(await waitForVerdict(story, 'mistyped')).to.equal(DEMO_TEXTS.ru.script.mistyped);
          await shot(story, '3-mistyped');
          expect(await failures()).to.equal(0);
        }
        await sendSignature(story, shown);
        expect(await waitForVerdict(story, 'accepted')).to.equal(DEMO_TEXTS.ru.script.accepted);
        await shot(story, '3-accepted');

        if (payments) {
          // The attack: the page shows the customer …0100, the bank receives …9999; the customer signs
          // what they see and the bank refuses it.
          await story.bank.evaluate(SWAP_PAYEE);
          const attacked = await newPayment(story);
          expect(attacked.payee).to.equal('0100', 'the customer sees the payee they meant');
          const challenge = (await demo.bank.audit('demo')).filter((record) => record.event === 'challenge').pop();
          expect(challenge).to.deep.include({ amount: '15000', payee: '9999' }, 'the bank received another payee');
          await sendSignature(story, await signOnPhone(story, PIN, attacked));
          expect(await waitForVerdict(story, 'rejected')).to.include('Осталось попыток: 2.');
          await shot(story, '4-attack-refused');
          // The same code signed for another amount (15000,01 typed on the phone): refused.
          const honest = await newPayment(story);
          await sendSignature(story, await signOnPhone(story, PIN, { ...honest, amount: '15000.01' }));
          expect(await waitForVerdict(story, 'rejected')).to.include('Осталось попыток: 1.');
          await sendSignature(story, await signOnPhone(story, PIN, honest));
          expect(await waitForVerdict(story, 'accepted')).to.equal(DEMO_TEXTS.ru.script.accepted);
          expect(await failures()).to.equal(0);
        }

        const blocked = await newPayment(story);
        for (const attemptsLeft of [2, 1]) {
          await sendSignature(story, await signOnPhone(story, WRONG_PIN, blocked));
          expect(await waitForVerdict(story, 'rejected')).to.include(`Осталось попыток: ${attemptsLeft}.`);
        }
        await shot(story, '5-rejected');
        await sendSignature(story, await signOnPhone(story, WRONG_PIN, blocked));
        expect(await waitForVerdict(story, 'blocked')).to.include('MobiPass заблокирован');
        await shot(story, '6-blocked');
        expect(await demo.bank.status('demo')).to.deep.equal({ user: 'demo', status: 'blocked', failures: 3 });

        await story.bank.click('#sign-document');
        expect(await waitForVerdict(story, 'blocked')).to.include('MobiPass заблокирован');
      }
    });
  }
}
