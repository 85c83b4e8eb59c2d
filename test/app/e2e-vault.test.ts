// The built app with a saved key, in Chromium and Firefox ESR: signing against the core, wrong PINs,
// PIN changes (also killed mid-write and with failing storage), deleting, reloading, wiping.
import { expect } from 'chai';
import { groupDigits } from '../../src/app/ui/groupDigits';
import { fill } from '../../src/app/i18n/fill';
import type { VaultRecord } from '../../src/core/vault';
import { BROWSERS, useBrowser } from './helpers/browserSuite';
import {
  BANK,
  CODE,
  expectedSignature,
  opensWith,
  OTHER_PIN,
  PARTS,
  PAYMENT,
  phoneSignature,
  PIN,
  builtTexts,
  SHOWN_SIGNATURE,
} from './helpers/fixture';
import { activate, shownValue, sign, signKeys } from './helpers/flows';
import { Phone, type Screen } from './helpers/phone';

const ru = builtTexts('ru');
const kk = builtTexts('kk');

/** Makes every IndexedDB write from now on fail as a full disk does. */
const FULL_DISK = `IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };`;
/**
 * Makes every IndexedDB write abort after its request succeeded: the transaction then fails with no
 * error of its own (null), and localforage rejects with null.
 */
const ABORT_WITHOUT_ERROR = `(function () {
  var put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function () {
    var request = put.apply(this, arguments);
    var transaction = this.transaction;
    request.addEventListener('success', function () { transaction.abort(); });
    return request;
  };
})();`;
/** Lets a minute pass in under a second. */
const FAST_CLOCK = `(function () { var set = window.setInterval; window.setInterval = function (f, ms) { return set(f, ms / 100); }; })();`;
/** The app goes to the background: the visibility a phone reports when another app comes up. */
const HIDE = `Object.defineProperty(document, 'hidden', { configurable: true, get: function () { return true; } });
  document.dispatchEvent(new Event('visibilitychange'));`;

function withoutValue(screen: Screen): Screen {
  return { ...screen, signature: null };
}

for (const { name, launch } of BROWSERS) {
  describe(`app in ${name}: signing, PIN changes, deleting, storage`, function () {
    this.timeout(90000);
    const { browser, server } = useBrowser(launch);
    let phone: Phone;
    const open = async (init?: string) => {
      phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`, { init });
    };
    afterEach(async () => phone && (await phone.close()));

    it('signs: the value shown, large and grouped, under what it signs, is what the bank computes for the same document', async () => {
      await open();
      await activate(phone);
      let screen = await phone.choose(ru.sign);
      const paymentFields = PAYMENT ? [ru.amount, ru.payee] : [];
      expect(screen.fields.map((field) => field.label)).to.deep.equal([ru.pinEnter, ru.documentCode, ...paymentFields]);
      screen = await phone.keys(...signKeys(PIN, CODE));
      const typed = PAYMENT ? [PAYMENT.amount.replace('.', ru.decimal), PAYMENT.payee] : [];
      expect(screen.fields.map((field) => field.value)).to.deep.equal(['●●●●', CODE, ...typed]);
      await phone.shot('12-sign');
      screen = await phone.keys('Enter');
      expect(screen.header).to.equal(ru.signatureTitle);
      expect(screen.signature).to.equal(groupDigits(expectedSignature(CODE)));
      expect(screen.signature).to.match(SHOWN_SIGNATURE);
      const signed = await phone.page.$$eval('.signed', (nodes) => nodes.map((node) => node.textContent));
      expect(signed).to.deep.equal(
        PAYMENT ? [`${ru.amountSigned} 15${ru.group}000${ru.decimal}50`, `${ru.payee} ${PAYMENT.payee}`] : [],
      );
      expect(screen.softkeys).to.deep.equal([ru.back, ru.close, '']);
      const size = await phone.page.$eval('.signature', (node) => parseFloat(getComputedStyle(node).fontSize));
      expect(size).to.be.at.least(30);
      await phone.shot('13-signature');
      screen = await phone.keys('Enter');
      expect(screen.menu).to.include(ru.sign);
      expect(await phone.page.$('.signature')).to.equal(null, 'the value is gone from the screen');
    });

    it('a wrong PIN gives another value through exactly the same screens', async () => {
      await open();
      await activate(phone);
      const right = await sign(phone, PIN, CODE);
      await phone.keys('Enter');
      const wrong = await sign(phone, OTHER_PIN, CODE);
      expect(withoutValue(wrong)).to.deep.equal(withoutValue(right));
      expect(wrong.signature).to.match(SHOWN_SIGNATURE);
      expect(shownValue(wrong)).to.not.equal(shownValue(right));
      const record = (await phone.vaultRecord()) as VaultRecord;
      expect(shownValue(wrong)).to.equal(
        phoneSignature(record, OTHER_PIN, CODE),
        'the value the core gives for that PIN',
      );
    });

    it('the signature clears itself after a minute', async () => {
      await open(FAST_CLOCK);
      await activate(phone);
      const screen = await sign(phone, PIN, CODE);
      expect(screen.signature).to.match(SHOWN_SIGNATURE);
      const hint = await phone.page.$eval('.hint', (node) => node.textContent);
      const secondsLeft = Number(/\d+/.exec(hint as string));
      expect(hint).to.equal(fill(ru.signatureHint, { s: secondsLeft }));
      await phone.page.waitForSelector('.menu', { timeout: 5000 });
      expect(await phone.page.$('.signature')).to.equal(null);
    });

    it('going to the background wipes the signature and the typed PIN from the screen', async () => {
      await open();
      await activate(phone);
      await sign(phone, PIN, CODE);
      await phone.page.evaluate(HIDE);
      let screen = await phone.screen();
      expect(screen.signature).to.equal(null);
      expect(screen.menu).to.include(ru.sign);
      await phone.choose(ru.sign);
      await phone.keys(PIN);
      await phone.page.evaluate(HIDE);
      screen = await phone.screen();
      expect(screen.fields).to.deep.equal([]);
      expect(await phone.page.evaluate('document.body.textContent')).to.not.contain('●');
    });

    it('changes the PIN: afterwards the new PIN signs right and the old one does not', async () => {
      await open();
      await activate(phone);
      let screen = await phone.choose(ru.changePin);
      expect(screen.header).to.equal(ru.changeTitle);
      expect(screen.fields.map((field) => field.label)).to.deep.equal([ru.currentPin, ru.newPin, ru.newPinConfirm]);
      expect(await phone.page.$eval('.note', (node) => node.textContent)).to.equal(ru.changePinNote);
      screen = await phone.keys(PIN, OTHER_PIN, OTHER_PIN);
      await phone.shot('14-change-pin');
      screen = await phone.keys('Enter');
      expect(screen.dialog).to.equal(ru.pinChanged);
      expect(screen.softkeys).to.deep.equal(['', ru.next, '']);
      await phone.shot('15-pin-changed');
      screen = await phone.keys('Enter');
      expect(screen.menu).to.include(ru.sign);
      const record = (await phone.vaultRecord()) as VaultRecord;
      expect(opensWith(record, OTHER_PIN)).to.equal(true);
      expect(opensWith(record, PIN)).to.equal(false);
      expect(shownValue(await sign(phone, OTHER_PIN, CODE))).to.equal(expectedSignature(CODE));
    });

    it('a wrong current PIN proceeds silently, as the manual says; weak and mismatched new PINs are refused', async () => {
      await open();
      await activate(phone);
      await phone.choose(ru.changePin);
      let screen = await phone.keys('1357', '1111');
      expect(screen.dialog).to.equal(ru.weakPin.same);
      screen = await phone.keys('Enter');
      expect(screen.fields.map((field) => [field.value, field.focused])).to.deep.equal([
        ['●●●●', false],
        ['', true],
        ['', false],
      ]);
      screen = await phone.keys(OTHER_PIN, '5931');
      expect(screen.dialog).to.equal(ru.mismatch);
      screen = await phone.keys('Enter');
      expect(screen.fields.map((field) => [field.value, field.focused])).to.deep.equal([
        ['●●●●', false],
        ['', true],
        ['', false],
      ]);
      screen = await phone.keys(OTHER_PIN, OTHER_PIN, 'Enter');
      expect(screen.dialog).to.equal(ru.pinChanged);
      await phone.keys('Enter');
      const record = (await phone.vaultRecord()) as VaultRecord;
      expect(opensWith(record, OTHER_PIN)).to.equal(false, 'the wrong current PIN opened a wrong key, now sealed');
      expect(shownValue(await sign(phone, OTHER_PIN, CODE))).to.not.equal(expectedSignature(CODE));
    });

    it('a kill at any moment of a PIN change leaves a key that opens with the old PIN or the new one', async () => {
      await open();
      await activate(phone);
      let current = PIN;
      for (const delay of [0, 5, 15, 30, 60, 120, 250]) {
        const next = current === PIN ? OTHER_PIN : PIN;
        await phone.choose(ru.changePin);
        await phone.keys(current, next, next);
        await phone.press('Enter');
        await new Promise((resolve) => setTimeout(resolve, delay));
        await phone.reload();
        const record = (await phone.vaultRecord()) as VaultRecord;
        const opens = [current, next].filter((pin) => opensWith(record, pin));
        expect(opens, `killed ${delay} ms after «Далее»`).to.have.length(1);
        current = opens[0];
      }
    });

    for (const [failure, inject] of [
      ['a full disk', FULL_DISK],
      ['a write aborted with a null error (none of its own)', ABORT_WITHOUT_ERROR],
    ]) {
      it(`a storage failure (${failure}) says so in Russian and keeps the old record`, async () => {
        await open();
        await activate(phone);
        const before = await phone.vaultRecord();
        await phone.page.evaluate(inject);
        await phone.choose(ru.changePin);
        const screen = await phone.keys(PIN, OTHER_PIN, OTHER_PIN, 'Enter');
        expect(screen.dialog).to.equal(ru.storageFailed);
        if (inject === FULL_DISK) await phone.shot('16-storage-failed');
        expect(await phone.vaultRecord()).to.deep.equal(before);
        await phone.keys('Enter', 'SoftLeft');
        expect(shownValue(await sign(phone, PIN, CODE))).to.equal(expectedSignature(CODE), 'the old PIN still signs');
      });
    }

    it('a stored record this app cannot read (another version) is kept, and the app says it cannot read the memory', async () => {
      await open();
      await activate(phone);
      const future = { ...((await phone.vaultRecord()) as VaultRecord), version: 3 } as unknown as VaultRecord;
      await phone.writeVaultRecord(future);
      await phone.reload();
      expect((await phone.screen()).dialog).to.equal(ru.readFailed);
      expect(await phone.vaultRecord()).to.deep.equal(future);
    });

    it('in Kazakh, the delete confirmation shows the support phone; a dialog with less room than its text scrolls with the D-pad', async () => {
      phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`, { language: 'kk-KZ' });
      await phone.choose(kk.saveKey);
      await phone.keys(PIN, PIN, 'Enter');
      await phone.keys(...PARTS, 'Enter');
      let screen = await phone.keys('Enter');
      expect(screen.menu).to.deep.equal([kk.sign, kk.changePin, kk.deleteKey, kk.help, kk.exit]);
      screen = await phone.choose(kk.deleteKey);
      expect(screen.dialog).to.equal(kk.deleteConfirm).and.contain(BANK.supportPhone.replace(/ /g, '\u00a0'));
      expect(screen.softkeys).to.deep.equal([kk.cancel, '', kk.remove]);
      await phone.shot('18-delete-confirm-kk');
      const scroll = () =>
        phone.page.$eval('.dialog-text', (node) => [node.scrollTop, node.scrollHeight - node.clientHeight]);
      expect(await scroll()).to.deep.equal([0, 0], 'on a 240x320 screen the whole text fits');

      await phone.page.setViewport({ width: 240, height: 200 });
      const [top, overflow] = await scroll();
      expect(top).to.equal(0);
      expect(overflow).to.be.greaterThan(0);
      await phone.keys('ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown');
      expect((await scroll())[0]).to.equal(overflow, 'the end of the text, with the phone number, is reached');
      await phone.shot('19-dialog-scrolled-small-screen');
      screen = await phone.keys('SoftLeft');
      expect(screen.dialog).to.equal(null);
    });

    it('the key survives a reload; deleting asks first, gives the support phone, then the key is gone', async () => {
      await open();
      await activate(phone);
      await phone.reload();
      expect((await phone.screen()).menu).to.include(ru.sign);
      let screen = await phone.choose(ru.deleteKey);
      expect(screen.dialogTitle).to.equal(ru.deleteKey);
      expect(screen.dialog).to.contain(BANK.supportPhone.replace(/ /g, '\u00a0'), 'the phone number, kept on one line');
      expect(screen.softkeys).to.deep.equal([ru.cancel, '', ru.remove]);
      await phone.shot('17-delete-confirm');
      screen = await phone.keys('SoftLeft');
      expect(screen.dialog).to.equal(null);
      expect(screen.softkeys).to.deep.equal(['', ru.next, ru.exit], 'the menu labels are restored');
      expect(await phone.vaultRecord()).to.not.equal(null);
      await phone.choose(ru.deleteKey);
      screen = await phone.keys('SoftRight');
      expect(screen.dialog).to.equal(ru.keyDeleted);
      await phone.shot('20-key-deleted');
      screen = await phone.keys('Enter');
      expect(screen.menu).to.deep.equal([ru.saveKey, ru.help, ru.exit]);
      expect(await phone.vaultRecord()).to.equal(null);
      await phone.reload();
      expect((await phone.screen()).menu).to.deep.equal([ru.saveKey, ru.help, ru.exit]);
    });
  });
}
