import { expect } from 'chai';
import { PARTS, PIN, builtTexts } from './fixture';
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

/** «Подписать» with a PIN and code; ends on the signature screen. */
export async function sign(phone: Phone, pin: string, code: string): Promise<Screen> {
  await phone.choose(ru.sign);
  return phone.keys(pin, code, 'Enter');
}

/** The digits of the signature on screen. */
export function shownValue(screen: Screen): string {
  return (screen.signature || '').replace(/\s/g, '');
}
