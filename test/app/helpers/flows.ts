import { expect } from 'chai';
import { PARTS, PIN } from './fixture';
import type { Phone, Screen } from './phone';

/** «Сохранить ключ» from the menu with a PIN and the fixture envelope; ends on the menu with the key. */
export async function activate(phone: Phone, pin = PIN): Promise<void> {
  await phone.choose('Сохранить ключ');
  await phone.keys(pin, pin, 'Enter');
  const saved = await phone.keys(...PARTS, 'Enter');
  expect(saved.dialog).to.equal('Ключ сохранён. Теперь Вы можете подписывать документы.');
  const menu = await phone.keys('Enter');
  expect(menu.menu).to.include('Подписать');
}

/** «Подписать» with a PIN and code; ends on the signature screen. */
export async function sign(phone: Phone, pin: string, code: string): Promise<Screen> {
  await phone.choose('Подписать');
  return phone.keys(pin, code, 'Enter');
}

/** The digits of the signature on screen. */
export function shownValue(screen: Screen): string {
  return (screen.signature || '').replace(/\s/g, '');
}
