// The signing flows a bank chooses in its config, each in a build of its own, in Chromium and Firefox
// ESR: the default build (version 2 with payment data), a version 2 build with the manual's two fields,
// and a version 1 build. Each signs what the bank computes; a mistyped version 2 code is refused as soon
// as it is complete, before anything is computed; the amount is typed on the keypad with * for the
// point; a key saved under version 1 keeps the version 1 flow on a version 2 build.
import { expect } from 'chai';
import { fill } from '../../src/app/i18n/fill';
import type { Texts } from '../../src/app/i18n/texts';
import { groupDigits } from '../../src/app/ui/groupDigits';
import { DEFAULT_SUITE, DEFAULT_SUITE_V2, DOCUMENT_CODE_MIN_DIGITS } from '../../src/core/phoneSuite';
import { sealEnvelope } from '../../src/core/vault';
import { BROWSERS, useBrowser } from './helpers/browserSuite';
import { buildWith } from './helpers/buildWith';
import { BANK, builtTexts, CODE, expectedSignature, FLOW, flowOf, PARTS, PIN, type Flow } from './helpers/fixture';
import { activate, shownValue, signKeys } from './helpers/flows';
import { Phone, type Screen } from './helpers/phone';

/** Counts the times the app has been busy (PBKDF2, storage): computing shows «Подождите…» first. */
const COUNT_BUSY = `window.__busy = 0;
  new MutationObserver(function () {
    var app = document.getElementById('app');
    if (app && app.className.indexOf('busy') >= 0) window.__busy++;
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['class'] });`;

/** The default config without payment data, with this suite: a two-field build. */
function twoFieldConfig(suite: string) {
  return { ...BANK, suite, payment: undefined };
}

/** A build's folder, built once for the run; fails with webpack's output if it does not build. */
function builtFolder(config: object): string {
  const build = buildWith(config);
  if (build.status !== 0) throw new Error(`the build failed: ${build.output}`);
  return build.out;
}

for (const { name, launch } of BROWSERS) {
  describe(`signing flows in ${name}: the default build, version 2 with payment data`, function () {
    this.timeout(90000);
    const { browser, server } = useBrowser(launch);
    const ru = builtTexts('ru');
    let phone: Phone;
    afterEach(async () => phone && (await phone.close()));

    const open = async () => {
      phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`, { init: COUNT_BUSY });
      await activate(phone);
    };
    const busyCount = () => phone.page.evaluate('window.__busy') as Promise<number>;
    const values = (screen: Screen) => screen.fields.map((field) => field.value);

    it('refuses a mistyped code as soon as its 7th digit is typed, computing nothing; the digits stay to be corrected', async () => {
      expect(FLOW.payment, 'the default build signs payments').to.not.equal(undefined);
      await open();
      await phone.choose(ru.sign);
      const before = await busyCount();
      expect(before).to.be.at.least(1, 'the count saw the key being saved');
      for (const typo of ['3386096', '3386059', '3368095']) {
        let screen = await phone.keys(PIN, typo);
        expect(screen.dialog, typo).to.equal(ru.codeMistyped);
        expect(values(screen)).to.deep.equal(['●●●●', typo, '', '']);
        if (typo === '3386096') await phone.shot('flows-mistyped-code');
        screen = await phone.keys('Enter');
        expect(screen.fields[1].focused, 'back on the code').to.equal(true);
        screen = await phone.keys('Enter');
        expect(screen.dialog, '«Далее» refuses it again').to.equal(ru.codeMistyped);
        await phone.keys('Enter', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace');
        await phone.keys('Backspace', 'ArrowUp', 'Backspace', 'Backspace', 'Backspace', 'Backspace');
      }
      expect(await busyCount()).to.equal(before, 'nothing was computed');
      expect(await phone.page.$('.signature')).to.equal(null);
      // The right code passes on to the amount, and the document signs.
      let screen = await phone.keys(PIN, CODE);
      expect(screen.dialog).to.equal(null);
      expect(screen.fields[2].focused).to.equal(true);
      screen = await phone.keys(...signKeys(PIN, CODE).slice(2), 'Enter');
      expect(shownValue(screen)).to.equal(expectedSignature(CODE));
    });

    it('types the amount on the keypad: * is the point, once; 2 decimals at most; spellings of one amount sign alike', async () => {
      await open();
      const payee = FLOW.payment!.payee;
      let screen = await phone.choose(ru.sign);
      screen = await phone.keys(PIN, CODE, '1', '*', '*', '5');
      expect(values(screen)[2]).to.equal(`1${ru.decimal}5`, 'a second * is ignored');
      screen = await phone.keys('0');
      expect(values(screen)[2]).to.equal(`1${ru.decimal}50`);
      expect(screen.fields[3].focused).to.equal(true, 'two decimals complete the amount: on to the payee');
      screen = await phone.keys('ArrowUp', '0');
      expect(values(screen)[2]).to.equal(`1${ru.decimal}50`, 'a third decimal is ignored');
      screen = await phone.keys('Backspace', 'Backspace', 'Backspace', 'Backspace', '0', 'Enter');
      expect(screen.dialog).to.equal(ru.amountIncomplete, 'an amount of 0 is refused');
      screen = await phone.keys('Enter', 'Backspace', '1234567890123');
      expect(values(screen)[2]).to.equal('123456789012', 'at most 12 digits before the point');
      screen = await phone.keys('Enter', '12', 'Enter');
      expect(screen.dialog).to.equal(fill(ru.payeeIncomplete, { n: FLOW.payeeDigits }));
      await phone.keys('Enter', 'SoftLeft');

      const sign = async (amountKeys: string[]) => {
        await phone.choose(ru.sign);
        const signed = shownValue(await phone.keys(PIN, CODE, ...amountKeys, payee, 'Enter'));
        await phone.keys('Enter');
        return signed;
      };
      const whole = expectedSignature(CODE, FLOW, { amount: '15000', payee });
      expect(await sign(['15000', 'Enter'])).to.equal(whole);
      expect(await sign(['015000', '*', '00'])).to.equal(whole, '015000,00 is 15000');
      expect(await sign(['15000', '*', '0', 'Enter'])).to.equal(whole, '15000,0 is 15000');
      const cent = await sign(['15000', '*', '01']);
      expect(cent).to.equal(expectedSignature(CODE, FLOW, { amount: '15000.01', payee }));
      expect(cent).to.not.equal(whole);
    });

    it('shows what it signs in the phone language (kk and en too), and the 8 digits grouped 1234 5678', async () => {
      for (const [lang, language] of [
        ['kk', 'kk-KZ'],
        ['en', 'en-US'],
      ] as const) {
        const texts = builtTexts(lang);
        phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`, { language });
        await phone.choose(texts.saveKey);
        await phone.keys(PIN, PIN, 'Enter');
        expect((await phone.keys(...PARTS, 'Enter')).dialog).to.equal(texts.keySaved);
        await phone.keys('Enter');
        let screen = await phone.choose(texts.sign);
        expect(screen.fields.map((field) => field.label)).to.deep.equal([
          texts.pinEnter,
          texts.documentCode,
          texts.amount,
          texts.payee,
        ]);
        screen = await phone.keys(PIN, CODE, '1234567', '*', '8', 'Enter', FLOW.payment!.payee, 'Enter');
        const value = expectedSignature(CODE, FLOW, { amount: '1234567.8', payee: FLOW.payment!.payee });
        expect(screen.signature)
          .to.equal(groupDigits(value))
          .and.match(/^\d{4} \d{4}$/);
        const signed = await phone.page.$$eval('.signed', (nodes) => nodes.map((node) => node.textContent));
        const amount = lang === 'en' ? '1,234,567.80' : '1\u00a0234\u00a0567,80';
        expect(signed).to.deep.equal([`${texts.amountSigned} ${amount}`, `${texts.payee} ${FLOW.payment!.payee}`]);
        await phone.shot(`flows-signature-${lang}`);
        await phone.close();
      }
    });

    it('a key saved under version 1 keeps the version 1 flow: the PIN and a code of 4 to 8 digits', async () => {
      phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`);
      await activate(phone);
      await phone.writeVaultRecord(sealEnvelope(PARTS, PIN, DEFAULT_SUITE, BANK.iterations));
      await phone.reload();
      let screen = await phone.choose(ru.sign);
      expect(screen.fields.map((field) => field.label)).to.deep.equal([ru.pinEnter, ru.documentCode]);
      const v1 = flowOf(twoFieldConfig(DEFAULT_SUITE));
      screen = await phone.keys(PIN, v1.code, 'Enter');
      expect(screen.signature).to.equal(groupDigits(expectedSignature(v1.code, v1)));
      expect(await phone.page.$('.signed')).to.equal(null, 'no payment shown');
    });
  });

  /** A build with the manual's two fields: the flows each suite gives. */
  for (const suite of [DEFAULT_SUITE_V2, DEFAULT_SUITE]) {
    describe(`signing flows in ${name}: a two-field build, ${suite}`, function () {
      this.timeout(180000);
      const config = twoFieldConfig(suite);
      const flow: Flow = flowOf(config);
      let folder = '';
      const { browser, server } = useBrowser(launch, () => (folder = builtFolder(config)));
      let phone: Phone;
      let ru: Texts;
      afterEach(async () => phone && (await phone.close()));

      const open = async () => {
        ru = builtTexts('ru', folder);
        phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`);
        await activate(phone);
      };

      it('asks for the PIN and the code only, and signs what the bank computes for the code', async () => {
        await open();
        let screen = await phone.choose(ru.sign);
        expect(screen.fields.map((field) => field.label)).to.deep.equal([ru.pinEnter, ru.documentCode]);
        screen = await phone.keys(PIN, flow.code, 'Enter');
        expect(screen.signature).to.equal(groupDigits(expectedSignature(flow.code, flow)));
        expect(await phone.page.$('.signed')).to.equal(null);
        await phone.shot(`flows-two-field-${flow.code.length}`);
      });

      if (flow.code.length === 7) {
        it('version 2: a code of exactly 7 digits; a mistyped one is refused when complete', async () => {
          await open();
          await phone.choose(ru.sign);
          let screen = await phone.keys(PIN, '338609', 'Enter');
          expect(screen.dialog).to.equal(fill(ru.codeLength, { n: 7 }));
          screen = await phone.keys('Enter', '6');
          expect(screen.dialog).to.equal(ru.codeMistyped);
          screen = await phone.keys('Enter', 'Backspace', '5', '0', 'Enter');
          expect(shownValue(screen)).to.equal(expectedSignature('3386095', flow), 'an 8th digit is ignored');
        });
      } else {
        it('version 1: the code must have 4 to nn digits for QNnn; Back on the signature returns to an empty form', async () => {
          await open();
          await phone.choose(ru.sign);
          let screen = await phone.keys(PIN, '123', 'Enter');
          const longest = flow.suite.questionLength;
          expect(screen.dialog).to.equal(fill(ru.codeIncomplete, { min: DOCUMENT_CODE_MIN_DIGITS, max: longest }));
          const typed = '1234567890'.repeat(7);
          screen = await phone.keys('Enter', typed.slice(3, longest + 1), 'Enter');
          expect(screen.signature).to.equal(
            groupDigits(expectedSignature(typed.slice(0, longest), flow)),
            `digits beyond ${longest} are ignored`,
          );
          screen = await phone.keys('SoftLeft');
          expect(screen.header).to.equal(ru.signTitle);
          expect(screen.fields.map((field) => field.value)).to.deep.equal(['', '']);
        });
      }
    });
  }
}
