// The emulator page (dist/emulator/): the app in a 240x320 frame, driven by the on-screen keys and
// by the keyboard shortcuts the page documents.
import { expect } from 'chai';
import { builtTexts } from './helpers/fixture';
import type { Page } from 'puppeteer-core';
import { BROWSERS, useBrowser } from './helpers/browserSuite';
import { SCREENSHOTS } from './helpers/phone';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { EMULATOR_TEXTS } from '../../src/app/emulator/texts';

const ru = builtTexts('ru');

const appText = (page: Page, selector: string) =>
  page.evaluate(
    `(document.getElementById('app').contentDocument.querySelector(${JSON.stringify(selector)}) || {}).textContent`,
  );

for (const { name, launch } of BROWSERS) {
  describe(`emulator in ${name}`, function () {
    this.timeout(60000);
    const { browser, server } = useBrowser(launch);

    it('frames the app at 240x320 and turns buttons and shortcuts into KaiOS keys', async () => {
      const context = await browser().createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 800, height: 720 });
      await page.evaluateOnNewDocument(
        `Object.defineProperty(Navigator.prototype, 'language', { get: function () { return 'ru-RU'; } });`,
      );
      try {
        await page.goto(`${server().origin}/emulator/`);
        await page.waitForFunction(
          `(function () { var d = document.getElementById('app').contentDocument; return d && d.querySelector('.menu .item'); })()`,
        );
        const frame = await page.$eval('#app', (node) => [node.clientWidth, node.clientHeight]);
        expect(frame).to.deep.equal([240, 320]);
        // The page speaks the phone's language too.
        expect(await page.$eval('.keys', (node) => node.textContent))
          .to.contain(EMULATOR_TEXTS.ru.softLeftKeys)
          .and.contain('Esc');
        expect(await page.$$eval('.soft', (nodes) => nodes.map((node) => node.textContent))).to.deep.equal([
          '—',
          ru.exit,
        ]);

        await page.click('button[data-key="ArrowDown"]');
        await page.click('button[data-key="Enter"]');
        expect(await appText(page, '.header')).to.equal(ru.help);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-emulator-help.png`) as `${string}.png` });
        await page.keyboard.press('Backspace');
        expect(await appText(page, '.header')).to.equal('MobiPass', 'Backspace went back to the menu');

        await page.keyboard.press('Enter');
        await page.keyboard.press('1');
        await page.keyboard.press('3');
        expect(await appText(page, '.field.focused .field-value')).to.equal('●●');
        // The amount's decimal point: the keypad's * button, or a point or comma on the keyboard.
        const APP_WINDOW = `document.getElementById('app').contentWindow`;
        await page.evaluate(
          `(function (w) { w.__keys = []; w.addEventListener('keydown', function (e) { w.__keys.push(e.key); }); })(${APP_WINDOW})`,
        );
        await page.click('button[data-key="*"]');
        await page.keyboard.press('.');
        await page.keyboard.press(',');
        expect(await page.evaluate(`${APP_WINDOW}.__keys`)).to.deep.equal(['*', '*', '*']);
        expect(await page.$eval('.keys', (node) => node.textContent)).to.contain(EMULATOR_TEXTS.ru.starKeys);
        await page.keyboard.press('q');
        expect(await appText(page, '.item.focused')).to.equal(ru.saveKey, 'Q is the left softkey «Назад»');
        await page.keyboard.press('Escape');
        expect(await page.$eval('#closed', (node) => (node as HTMLElement).hidden)).to.equal(
          false,
          'End closes the app',
        );
        await page.click('#restart');
        await page.waitForFunction(`document.getElementById('closed').hidden`);
        await page.waitForFunction(
          `(function () { var d = document.getElementById('app').contentDocument; return d && d.querySelector('.menu .item'); })()`,
        );
        await page.keyboard.press('e');
        expect(await page.$eval('#closed', (node) => (node as HTMLElement).hidden)).to.equal(
          false,
          'E is the right softkey «Выход»',
        );
      } finally {
        await context.close();
      }
    });
  });
}
