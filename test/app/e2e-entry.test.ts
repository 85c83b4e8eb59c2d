// The built app driven by keypad in Chromium and Firefox ESR: saving the key, every refusal on the
// way, Backspace, help, languages and exit. Screenshots of each screen go to artifacts/screenshots/.
import { expect } from 'chai';
import { BROWSERS, useBrowser } from './helpers/browserSuite';
import { fill } from '../../src/app/i18n/fill';
import { BANK, PARTS, PIN, withWrongCheckDigit, builtTexts } from './helpers/fixture';
import { activate } from './helpers/flows';
import { Phone } from './helpers/phone';

const ru = builtTexts('ru');
const kk = builtTexts('kk');

const NO_KEY_MENU = [ru.saveKey, ru.help, ru.exit];
const KEY_MENU = [ru.sign, ru.changePin, ru.deleteKey, ru.help, ru.exit];

for (const { name, launch } of BROWSERS) {
  describe(`app in ${name}: saving the key, refusals, keys, help`, function () {
    this.timeout(60000);
    const { browser, server } = useBrowser(launch);
    let phone: Phone;
    const open = async (language?: string) => {
      phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`, { language });
    };
    afterEach(async () => phone && (await phone.close()));

    it("first activation: the manual's screens, then the menu offers signing", async () => {
      await open();
      let screen = await phone.screen();
      expect(screen.header).to.equal(BANK.appName);
      expect(screen.menu).to.deep.equal(NO_KEY_MENU);
      expect(screen.softkeys).to.deep.equal(['', ru.next, ru.exit]);
      await phone.shot('01-menu-no-key');

      screen = await phone.choose(ru.saveKey);
      expect(screen.header).to.equal(ru.pinTitle);
      expect(screen.fields.map((field) => field.label)).to.deep.equal([ru.pinChoose, ru.pinConfirm]);
      expect(screen.softkeys).to.deep.equal([ru.back, ru.next, '']);
      screen = await phone.keys(PIN, '24');
      expect(screen.fields.map((field) => field.value)).to.deep.equal(['●●●●', '●●'], 'PIN fields show dots only');
      expect(screen.fields[1].focused).to.equal(true, 'a full field passes focus on');
      await phone.shot('02-pin');

      screen = await phone.keys('68', 'Enter');
      expect(screen.header).to.equal(ru.keyTitle);
      expect(screen.fields.map((field) => field.label)).to.deep.equal([
        ru.partPrompt[0],
        ru.partPrompt[1],
        ru.partPrompt[2],
        ru.partPrompt[3],
      ]);
      screen = await phone.keys(...PARTS);
      expect(screen.fields.map((field) => field.value)).to.deep.equal(PARTS);
      await phone.shot('03-activation-code');

      screen = await phone.keys('Enter');
      expect(screen.dialog).to.equal(ru.keySaved);
      expect(screen.softkeys).to.deep.equal(['', ru.next, '']);
      await phone.shot('04-key-saved');
      screen = await phone.keys('Enter');
      expect(screen.menu).to.deep.equal(KEY_MENU);
      await phone.shot('05-menu-with-key');
    });

    it('weak PINs are refused with the reason and what to do, and focus returns to the emptied PIN', async () => {
      await open();
      await phone.choose(ru.saveKey);
      const cases: [string, string][] = [
        ['7777', ru.weakPin.same],
        ['1234', ru.weakPin.run],
        ['9876', ru.weakPin.run],
        ['2580', ru.weakPin.common],
      ];
      for (const [pin, message] of cases) {
        let screen = await phone.keys(pin);
        expect(screen.dialog, pin).to.equal(message);
        expect(screen.softkeys).to.deep.equal(['', ru.close, '']);
        if (pin === '1234') await phone.shot('06-weak-pin');
        screen = await phone.keys('Enter');
        expect(screen.dialog).to.equal(null);
        expect(screen.softkeys).to.deep.equal([ru.back, ru.next, ''], "the view's labels are back");
        expect(screen.fields.map((field) => [field.value, field.focused])).to.deep.equal([
          ['', true],
          ['', false],
        ]);
      }
    });

    it('a confirmation that does not match is refused and both PINs are asked again', async () => {
      await open();
      await phone.choose(ru.saveKey);
      let screen = await phone.keys(PIN, '2469');
      expect(screen.dialog).to.equal(ru.mismatch);
      await phone.shot('07-pin-mismatch');
      screen = await phone.keys('Enter');
      expect(screen.fields.map((field) => [field.value, field.focused])).to.deep.equal([
        ['', true],
        ['', false],
      ]);
      screen = await phone.keys('Enter');
      expect(screen.dialog).to.equal(ru.pinIncomplete);
    });

    it('a wrong check digit in each part is caught as soon as the part is complete; the part can be fixed', async () => {
      await open();
      await phone.choose(ru.saveKey);
      await phone.keys(PIN, PIN, 'Enter');
      for (let i = 0; i < 4; i++) {
        const wrong = withWrongCheckDigit(PARTS[i]);
        let screen = await phone.keys(wrong);
        expect(screen.dialog, `part ${i + 1}`).to.equal(fill(ru.partWrong, { n: i + 1 }));
        if (i === 1) await phone.shot('08-wrong-part');
        screen = await phone.keys('Enter');
        expect(screen.fields[i]).to.deep.include({ value: wrong, focused: true });
        screen = await phone.keys('Backspace', PARTS[i].slice(7));
        expect(screen.dialog).to.equal(null);
        expect(screen.fields[i].value).to.equal(PARTS[i]);
        if (i < 3) expect(screen.fields[i + 1].focused).to.equal(true);
      }
      const screen = await phone.keys('Enter');
      expect(screen.dialog).to.equal(ru.keySaved);
    });

    it('a part typed into the wrong slot is refused too', async () => {
      await open();
      await phone.choose(ru.saveKey);
      await phone.keys(PIN, PIN, 'Enter');
      const screen = await phone.keys(PARTS[1]);
      expect(screen.dialog).to.equal(fill(ru.partWrong, { n: 1 }));
    });

    it('Backspace erases digits while the field has any, then goes back one screen, and exits from the menu', async () => {
      await open();
      await phone.choose(ru.saveKey);
      await phone.keys(PIN, PIN, 'Enter', '123');
      let screen = await phone.keys('Backspace', 'Backspace');
      expect(screen.header).to.equal(ru.keyTitle);
      expect(screen.fields[0].value).to.equal('1');
      screen = await phone.keys('Backspace');
      expect(screen.fields[0].value).to.equal('');
      screen = await phone.keys('Backspace');
      expect(screen.header).to.equal(ru.pinTitle, 'back one screen');
      expect(screen.fields.map((field) => field.value)).to.deep.equal(['', '']);
      screen = await phone.keys('Backspace');
      expect(screen.menu).to.deep.equal(NO_KEY_MENU);
      expect(await phone.closeCount()).to.equal(0);
      await phone.keys('Backspace');
      expect(await phone.closeCount()).to.equal(1, 'Backspace on the menu closes the app');
    });

    it('Up/Down move focus and wrap, in the menu and in forms', async () => {
      await open();
      let screen = await phone.keys('ArrowUp');
      expect(screen.focusedItem).to.equal(ru.exit);
      screen = await phone.keys('ArrowDown');
      expect(screen.focusedItem).to.equal(ru.saveKey);
      await phone.keys('Enter');
      screen = await phone.keys('ArrowUp');
      expect(screen.fields[1].focused).to.equal(true);
      screen = await phone.keys('ArrowDown');
      expect(screen.fields[0].focused).to.equal(true);
    });

    it('«Выход», SoftRight on the menu and EndCall anywhere close the app', async () => {
      await open();
      await phone.choose(ru.exit);
      expect(await phone.closeCount()).to.equal(1);
      await phone.keys('SoftRight');
      expect(await phone.closeCount()).to.equal(2);
      await phone.choose(ru.saveKey);
      await phone.keys('EndCall');
      expect(await phone.closeCount()).to.equal(3);
    });

    it('help scrolls with the D-pad and shows the support phone and the manifest version', async () => {
      await open();
      await activate(phone);
      let screen = await phone.choose(ru.help);
      expect(screen.header).to.equal(ru.help);
      expect(screen.softkeys).to.deep.equal(['', ru.close, '']);
      await phone.page.waitForFunction(
        `/${ru.version} \\d+\\.\\d+\\.\\d+/.test(document.querySelector('.version').textContent)`,
      );
      const page = await phone.page.$eval('.help', (node) => ({
        text: node.textContent,
        overflow: node.parentElement!.scrollHeight > node.parentElement!.clientHeight,
      }));
      expect(page.text).to.contain(BANK.supportPhone);
      for (const paragraph of ru.helpText) expect(page.text).to.contain(paragraph);
      expect(page.overflow).to.equal(true, 'the help is longer than the screen');
      await phone.shot('09-help');
      const scrollTop = () => phone.page.$eval('.body', (node) => node.scrollTop);
      expect(await scrollTop()).to.equal(0);
      await phone.keys('ArrowDown', 'ArrowDown', 'ArrowDown');
      const down = await scrollTop();
      expect(down).to.be.greaterThan(100);
      await phone.shot('10-help-scrolled');
      await phone.keys('ArrowUp');
      expect(await scrollTop()).to.be.lessThan(down);
      screen = await phone.keys('Enter');
      expect(screen.menu).to.deep.equal(KEY_MENU);
    });

    it('a phone memory that cannot be read says so and closes the app', async () => {
      const broken = `IDBFactory.prototype.open = function () { throw new DOMException('The operation failed for reasons unrelated to the database itself.', 'UnknownError'); };`;
      phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`, { init: broken });
      const screen = await phone.screen();
      expect(screen.dialog).to.equal(ru.readFailed);
      await phone.shot('00-read-failed');
      await phone.keys('Enter');
      expect(await phone.closeCount()).to.equal(1);
    });

    it('Kazakh and English phones get their language; others the bank default (Russian)', async () => {
      await open('kk-KZ');
      expect((await phone.screen()).menu).to.deep.equal([kk.saveKey, kk.help, kk.exit]);
      await phone.shot('11-menu-kk');
      await phone.close();
      await open('en-US');
      expect((await phone.screen()).menu).to.deep.equal(['Save key', 'Help', 'Exit']);
      await phone.close();
      await open('de-DE');
      expect((await phone.screen()).menu).to.deep.equal(NO_KEY_MENU);
    });
  });
}
