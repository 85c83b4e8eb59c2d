// The app's own rules, without a browser: weak PINs, the bank config check, the language files.
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appSettings, DEFAULT_CONFIG_PATH, validateBankConfig } from '../../src/app/build/bankConfig';
import { DEFAULT_SUITE, DEFAULT_SUITE_V2 } from '../../src/core/phoneSuite';
import { chooseLanguage, LANGUAGES, pickLanguage } from '../../src/app/i18n/languages';
import { COMMON_PINS, weakPinReason } from '../../src/app/weakPins';

const APP = join(__dirname, '../../src/app');
const defaultConfig = () => JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
/** The default config without payment data: any phone suite may go in it. */
const twoFieldConfig = () => {
  const config = defaultConfig();
  delete config.payment;
  return config;
};

describe('weak PIN policy', () => {
  it('refuses a PIN of one repeated digit', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9 }), (d) => weakPinReason(String(d).repeat(4)) === 'same'));
  });

  it('refuses straight runs up and down, like 0123, 1234, 6789, 9876, 3210', () => {
    for (let start = 0; start <= 6; start++) {
      const up = [0, 1, 2, 3].map((i) => start + i).join('');
      expect(weakPinReason(up), up).to.equal('run');
      expect(weakPinReason(up.split('').reverse().join('')), up).to.equal('run');
    }
  });

  it('refuses the common PINs of the list, and the list holds nothing the other rules catch', () => {
    for (const pin of ['1212', '1004', '2000', '6969', '1122', '1313', '2580'])
      expect(weakPinReason(pin), pin).to.equal('common');
    for (const pin of COMMON_PINS) {
      expect(pin).to.match(/^\d{4}$/);
      expect(weakPinReason(pin), pin).to.equal('common');
    }
    expect(new Set(COMMON_PINS).size).to.equal(COMMON_PINS.length);
  });

  it('leaves almost every PIN free to choose: at most 50 of the 10,000 are refused', () => {
    let refused = 0;
    for (let n = 0; n < 10000; n++) if (weakPinReason(String(n + 10000).slice(1))) refused++;
    expect(refused).to.equal(10 + 14 + COMMON_PINS.length);
    expect(refused).to.be.at.most(50);
    for (const pin of ['2468', '5930', '1357', '8024']) expect(weakPinReason(pin), pin).to.equal(null);
  });
});

describe('bank config check at build time', () => {
  it('accepts the default config: version 2 with payment data (4 payee digits), SHA-256, 10000 iterations, Russian', () => {
    const { config, hashName } = validateBankConfig(defaultConfig());
    expect(hashName).to.equal('SHA256');
    expect(config.suite).to.equal(DEFAULT_SUITE_V2);
    expect(config.payment?.payeeDigits).to.equal(4);
    expect(Object.keys(config.payment?.payeeLabel ?? {})).to.deep.equal([...LANGUAGES]);
    expect(config.iterations).to.equal(10000);
    expect(config.defaultLanguage).to.equal('ru');
  });

  it('the two-field flow is a bank setting: version 2 without payment, or a version 1 suite', () => {
    expect(validateBankConfig(twoFieldConfig()).config).to.not.have.property('payment');
    expect(validateBankConfig({ ...twoFieldConfig(), suite: DEFAULT_SUITE }).config.suite).to.equal(DEFAULT_SUITE);
  });

  it('refuses a payment setting it cannot ship, by name', () => {
    const refuse = (change: object, reason: RegExp) =>
      expect(() => validateBankConfig({ ...defaultConfig(), ...change }), JSON.stringify(change)).to.throw(reason);
    const payment = defaultConfig().payment;
    refuse({ suite: DEFAULT_SUITE }, /payment needs a version 2 \(QA\) suite/);
    for (const payeeDigits of [0, 11, 2.5, '4'])
      refuse({ payment: { ...payment, payeeDigits } }, /payment.payeeDigits must be a whole number from 1 to 10/);
    refuse({ payment: { ...payment, payeeLabel: { ru: 'Цифры:', en: 'Digits:' } } }, /payment.payeeLabel.kk must be/);
    refuse(
      { payment: { ...payment, payeeLabel: { ...payment.payeeLabel, en: 'x'.repeat(61) } } },
      /payment.payeeLabel.en must be a text of 1 to 60 characters/,
    );
    refuse({ payment: null }, /payment.payeeDigits/);
  });

  it('the app carries the payee digits, not the labels (they go into the language files)', () => {
    const { config } = validateBankConfig(defaultConfig());
    const shipped = appSettings(config);
    expect(shipped.payeeDigits).to.equal(4);
    expect(shipped).to.not.have.property('payment');
    expect(appSettings(validateBankConfig(twoFieldConfig()).config).payeeDigits).to.equal(0);
  });

  it('names the one hash a suite needs, so the build carries only that one', () => {
    expect(validateBankConfig({ ...twoFieldConfig(), suite: 'OCRA-1:HOTP-SHA1-6:QN08' }).hashName).to.equal('SHA1');
    expect(validateBankConfig({ ...twoFieldConfig(), suite: 'OCRA-1:HOTP-SHA512-8:QN08' }).hashName).to.equal('SHA512');
    expect(validateBankConfig({ ...defaultConfig(), suite: 'OCRA-1:HOTP-SHA1-7:QA34' }).hashName).to.equal('SHA1');
  });

  it('refuses suites a phone cannot use (the one rule of the core), with the reason', () => {
    const refuse = (suite: string, reason: RegExp) =>
      expect(() => validateBankConfig({ ...twoFieldConfig(), suite }), suite).to.throw(reason);
    refuse('OCRA-1:HOTP-SHA256-8:C-QN08', /counter \(C\)/);
    refuse('OCRA-1:HOTP-SHA256-8:QN08-PSHA1', /no P/);
    refuse('OCRA-1:HOTP-SHA256-8:QN08-S064', /session data \(S\)/);
    refuse('OCRA-1:HOTP-SHA256-8:QN08-T1M', /no time step \(T\)/);
    refuse('OCRA-1:HOTP-SHA256-10:QN08', /4 to 8 decimal digits to fit the phone's screen/);
    refuse('OCRA-1:HOTP-SHA256-0:QN08', /4 to 8 decimal digits to fit the phone's screen/);
    refuse('OCRA-1:HOTP-SHA256-8:QH08', /QN \(version 1, the document code\) or QA \(version 2/);
    refuse('OCRA-1:HOTP-SHA256-8:QA40', /a version 2 \(QA\) signature has 7 digits, typed with its check digit as 8/);
    refuse('OCRA-1:HOTP-SHA256-7:QA33', /a version 2 \(QA\) question is up to 34 characters/);
    refuse('OCRA-1:HOTP-SHA384-8:QN08', /unsupported hash SHA384/);
    refuse('OCRA-2:whatever', /invalid suite .*looks like OCRA-1:HOTP-SHA256-7:QA40 or OCRA-1:HOTP-SHA256-8:QN08/);
  });

  it('refuses bad settings by name', () => {
    const refuse = (change: object, reason: RegExp) =>
      expect(() => validateBankConfig({ ...defaultConfig(), ...change })).to.throw(reason);
    refuse({ iterations: 9999 }, /iterations/);
    refuse({ iterations: 20000.5 }, /iterations/);
    refuse({ defaultLanguage: 'de' }, /defaultLanguage must be one of ru, kk, en/);
    refuse({ supportPhone: ' ' }, /supportPhone/);
    refuse({ appName: undefined }, /appName/);
    refuse({ appName: 'MobiPass of Demo Bank 1' }, /appName must be at most 20 characters/);
    refuse({ bankUrl: 'bank.example' }, /bankUrl must be an http\(s\) address/);
    refuse({ supportPhone: 'call us' }, /supportPhone must be a phone number/);
    expect(validateBankConfig({ ...defaultConfig(), appName: 'Kazakh Demo Bank App' }).config.appName).to.have.length(
      20,
    );
    expect(() => validateBankConfig([])).to.throw(/appName|iterations/);
  });
});

describe('language files', () => {
  const texts = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(join(APP, `i18n/${lang}.json`), 'utf8'))]),
  );
  const shape = (value: unknown): unknown =>
    typeof value === 'string'
      ? (value.match(/\{\w+\}/g) || []).sort()
      : Array.isArray(value)
        ? value.length
        : Object.fromEntries(Object.entries(value as object).map(([key, inner]) => [key, shape(inner)]));

  it('kk and en have every text ru has, with the same {marks}', () => {
    for (const lang of ['kk', 'en']) expect(shape(texts[lang]), lang).to.deep.equal(shape(texts.ru));
  });

  it('Russian follows the manual', () => {
    const ru = texts.ru;
    expect([ru.saveKey, ru.sign, ru.changePin, ru.deleteKey, ru.help, ru.exit]).to.deep.equal([
      'Сохранить ключ',
      'Подписать',
      'Изменить PIN-код',
      'Удалить ключ',
      'Справка',
      'Выход',
    ]);
    expect([ru.next, ru.back, ru.close]).to.deep.equal(['Далее', 'Назад', 'Закрыть']);
    expect(ru.documentCode).to.equal('Кодовое число документа:');
    expect(ru.pinConfirm).to.equal('Подтвердите значение PIN-кода:');
  });

  it('picks the phone language when there are texts for it, else the bank default', () => {
    expect(pickLanguage('kk-KZ', 'ru')).to.equal('kk');
    expect(pickLanguage('en-US', 'ru')).to.equal('en');
    expect(pickLanguage('RU', 'en')).to.equal('ru');
    expect(pickLanguage('de-DE', 'ru')).to.equal('ru');
    expect(pickLanguage(undefined, 'kk')).to.equal('kk');
  });

  it("takes the language the app's address names (the emulator's ?lang=), before the phone's", () => {
    expect(chooseLanguage('?lang=kk', 'en-US', 'ru')).to.equal('kk');
    expect(chooseLanguage('?x=1&lang=en', 'ru-RU', 'ru')).to.equal('en');
    expect(chooseLanguage('', 'en-US', 'ru')).to.equal('en');
    expect(chooseLanguage('?lang=de', 'kk-KZ', 'ru')).to.equal('kk');
    expect(chooseLanguage('?language=en', undefined, 'ru')).to.equal('ru');
  });
});
