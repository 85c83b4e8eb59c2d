// Landscape KaiOS phones (320x240, the QWERTY models): every screen usable with the keypad, whatever
// has the focus in view, nothing wider than the screen, softkey labels whole, the signature and what it
// signs whole on one screen. Screenshots of each screen go to artifacts/screenshots/ (<browser>-landscape-*.png).
import { expect } from 'chai';
import { BROWSERS, useBrowser } from './helpers/browserSuite';
import { CODE, expectedSignature, OTHER_PIN, PARTS, PIN, builtTexts } from './helpers/fixture';
import { shownValue, signKeys } from './helpers/flows';
import { groupDigits } from '../../src/app/ui/groupDigits';
import { LANDSCAPE, Phone } from './helpers/phone';

const ru = builtTexts('ru');

/** What keeps the screen from being used, read from the layout; [] when nothing does. */
const PROBLEMS = `(() => {
  const problems = [];
  const body = document.querySelector('.body').getBoundingClientRect();
  const inside = (node, area) => {
    const box = node.getBoundingClientRect();
    return box.top >= area.top - 0.5 && box.bottom <= area.bottom + 0.5 && box.left >= area.left - 0.5 && box.right <= area.right + 0.5;
  };
  if (document.documentElement.scrollWidth > window.innerWidth) problems.push('the page is wider than the screen');
  Array.prototype.forEach.call(document.querySelectorAll('.softkeys span'), (node) => {
    if (node.scrollWidth > node.clientWidth) problems.push('softkey cut: ' + node.textContent);
  });
  const focus = document.querySelector('.item.focused, .field.focused');
  if (focus && !document.querySelector('.dialog') && !inside(focus, body)) problems.push('focus out of view: ' + focus.textContent);
  Array.prototype.forEach.call(document.querySelectorAll('.signed, .signature, .hint'), (node) => {
    if (node.scrollWidth > node.clientWidth || !inside(node, body)) problems.push('not whole on the screen: ' + node.textContent);
  });
  const dialog = document.querySelector('.dialog');
  if (dialog && !inside(dialog, { top: 0, bottom: window.innerHeight, left: 0, right: window.innerWidth }))
    problems.push('dialog off the screen');
  return problems;
})()`;

for (const { name, launch } of BROWSERS) {
  describe(`app in ${name}, landscape 320x240`, function () {
    this.timeout(90000);
    const { browser, server } = useBrowser(launch);
    let phone: Phone;
    afterEach(async () => phone && (await phone.close()));

    /** The screen is usable; its screenshot is kept. */
    const usable = async (shot: string) => {
      expect(await phone.page.evaluate(PROBLEMS), shot).to.deep.equal([]);
      await phone.shot(`landscape-${shot}`);
    };
    /** Moves the focus down through every entry of a menu or form, checking each is in view. */
    const everyEntry = async (count: number, shot: string) => {
      for (let i = 0; i < count; i++) {
        await usable(`${shot}-${i + 1}`);
        await phone.keys('ArrowDown');
      }
    };

    it('saving the key, signing, changing the PIN, deleting and help, screen by screen', async () => {
      phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`, { screen: LANDSCAPE });
      let screen = await phone.screen();
      await everyEntry(screen.menu.length, '01-menu');

      screen = await phone.choose(ru.saveKey);
      await everyEntry(screen.fields.length, '02-pin');
      await phone.keys(PIN, PIN, 'Enter');
      await everyEntry(4, '03-activation-code');
      screen = await phone.keys(...PARTS, 'Enter');
      expect(screen.dialog).to.equal(ru.keySaved);
      await usable('04-key-saved');

      screen = await phone.keys('Enter');
      await everyEntry(screen.menu.length, '05-menu-with-key');

      screen = await phone.choose(ru.sign);
      await everyEntry(screen.fields.length, '12-sign');
      screen = await phone.keys(...signKeys(PIN, CODE), 'Enter');
      expect(screen.signature).to.equal(groupDigits(expectedSignature(CODE)));
      await usable('13-signature');

      await phone.keys('Enter');
      screen = await phone.choose(ru.changePin);
      expect(await phone.page.$eval('.note', (node) => node.textContent)).to.equal(ru.changePinNote);
      await everyEntry(screen.fields.length, '14-change-pin');
      screen = await phone.keys(PIN, OTHER_PIN, OTHER_PIN, 'Enter');
      expect(screen.dialog).to.equal(ru.pinChanged);
      await usable('15-pin-changed');
      await phone.keys('Enter');
      expect(
        shownValue(await phone.choose(ru.sign).then(() => phone.keys(...signKeys(OTHER_PIN, CODE), 'Enter'))),
      ).to.equal(expectedSignature(CODE));

      await phone.keys('Enter');
      screen = await phone.choose(ru.deleteKey);
      expect(screen.dialog).to.equal(ru.deleteConfirm);
      await usable('17-delete-confirm');
      const scroll = () =>
        phone.page.$eval('.dialog-text', (node) => [node.scrollTop, node.scrollHeight - node.clientHeight]);
      await phone.keys('ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown');
      const [top, overflow] = await scroll();
      expect(top).to.equal(overflow, 'the end of the text, with the phone number, is reached');
      screen = await phone.keys('SoftRight');
      expect(screen.dialog).to.equal(ru.keyDeleted);
      await usable('20-key-deleted');

      await phone.keys('Enter');
      await phone.choose(ru.help);
      await usable('09-help');
      const help = () => phone.page.$eval('.body', (node) => [node.scrollTop, node.scrollHeight - node.clientHeight]);
      for (let i = 0; i < 40 && (await help())[0] < (await help())[1]; i++) await phone.keys('ArrowDown');
      const [helpTop, helpEnd] = await help();
      expect(helpTop).to.equal(helpEnd, 'the end of help, with the version, is reached');
      await usable('10-help-end');
    });

    it('a refusal on a form says why within the screen, and the form is usable after it', async () => {
      phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`, { screen: LANDSCAPE });
      await phone.choose(ru.saveKey);
      const screen = await phone.keys('1234');
      expect(screen.dialog).to.equal(ru.weakPin.run);
      await usable('06-weak-pin');
      await phone.keys('Enter');
      await usable('06-weak-pin-closed');
    });
  });
}
