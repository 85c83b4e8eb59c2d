import { expect } from 'chai';
import type { Payment } from '../../../src/core/document';
import { PARTS, PAYMENT, PIN, builtTexts } from './fixture';
import type { Phone, Screen } from './phone';

const ru = builtTexts('ru');

/** «Сохранить ключ» from the menu with a PIN and the fixture envelope; ends on the menu with the key. */
export async function activate(phone: Phone, pin = PIN): Promise<void> {
  await phone.choose(ru.saveKey);
  await phone.keys(pin, pin, 'Enter');
  const saved = await phone.keys(...PARTS, 'Enter');
  expect(saved.dialog).to.equal(ru.keySaved);
  const menu = await phone.keys('Enter');
  expect(menu.menu).to.include(ru.sign);
}

/**
 * The keys that fill the signing form: PIN and code and, for a payment, the amount (its point typed
 * with *, then «Далее» to the next field) and the payee digits; «Далее» then signs.
 */
export function signKeys(pin: string, code: string, payment: Payment | undefined = PAYMENT): string[] {
  if (!payment) return [pin, code];
  return [
    pin,
    code,
    ...payment.amount.split(/(\.)/).map((part) => (part === '.' ? '*' : part)),
    'Enter',
    payment.payee,
  ];
}

/** «Подписать» with a PIN, code and (when the build asks for it) payment; ends on the signature screen. */
export async function sign(
  phone: Phone,
  pin: string,
  code: string,
  payment: Payment | undefined = PAYMENT,
): Promise<Screen> {
  await phone.choose(ru.sign);
  return phone.keys(...signKeys(pin, code, payment), 'Enter');
}

/** The digits of the signature on screen. */
export function shownValue(screen: Screen): string {
  return (screen.signature || '').replace(/\s/g, '');
}
