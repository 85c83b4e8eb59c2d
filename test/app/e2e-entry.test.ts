// The built app driven by keypad in Chromium and Firefox ESR: saving the key, every refusal on the
// way, Backspace, help, languages and exit. Screenshots of each screen go to artifacts/screenshots/.
import { expect } from 'chai';
import { BROWSERS, useBrowser } from './helpers/browserSuite';
import { BANK, PARTS, PIN, withWrongCheckDigit } from './helpers/fixture';
import { activate } from './helpers/flows';
import { Phone } from './helpers/phone';

const NO_KEY_MENU = ['Сохранить ключ', 'Справка', 'Выход'];
const KEY_MENU = ['Подписать', 'Изменить PIN-код', 'Удалить ключ', 'Справка', 'Выход'];

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
      expect(screen.softkeys).to.deep.equal(['', 'Далее', 'Выход']);
      await phone.shot('01-menu-no-key');

      screen = await phone.choose('Сохранить ключ');
      expect(screen.header).to.equal('Сохранение PIN-кода');
      expect(screen.fields.map((field) => field.label)).to.deep.equal([
        'Для защиты доступа к приложению MobiPass выберите удобный для Вас PIN-код (4 цифры):',
        'Подтвердите значение PIN-кода:',
      ]);
      expect(screen.softkeys).to.deep.equal(['Назад', 'Далее', '']);
      screen = await phone.keys(PIN, '24');
      expect(screen.fields.map((field) => field.value)).to.deep.equal(['●●●●', '●●'], 'PIN fields show dots only');
      expect(screen.fields[1].focused).to.equal(true, 'a full field passes focus on');
      await phone.shot('02-pin');

      screen = await phone.keys('68', 'Enter');
      expect(screen.header).to.equal('Сохранение ключа');
      expect(screen.fields.map((field) => field.label)).to.deep.equal([
        'Введите первую часть кода активации приложения:',
        'Введите вторую часть кода активации приложения:',
        'Введите третью часть кода активации приложения:',
        'Введите четвертую часть кода активации приложения:',
      ]);
      screen = await phone.keys(...PARTS);
      expect(screen.fields.map((field) => field.value)).to.deep.equal(PARTS);
      await phone.shot('03-activation-code');

      screen = await phone.keys('Enter');
      expect(screen.dialog).to.equal('Ключ сохранён. Теперь Вы можете подписывать документы.');
      expect(screen.softkeys).to.deep.equal(['', 'Далее', '']);
      await phone.shot('04-key-saved');
      screen = await phone.keys('Enter');
      expect(screen.menu).to.deep.equal(KEY_MENU);
      await phone.shot('05-menu-with-key');
    });

    it('weak PINs are refused with the reason and what to do, and focus returns to the emptied PIN', async () => {
      await open();
      await phone.choose('Сохранить ключ');
      const cases: [string, string][] = [
        ['7777', 'PIN-код из одинаковых цифр легко угадать. Придумайте другой PIN-код.'],
        ['1234', 'PIN-код из цифр подряд (как 1234 или 9876) легко угадать. Придумайте другой PIN-код.'],
        ['9876', 'PIN-код из цифр подряд (как 1234 или 9876) легко угадать. Придумайте другой PIN-код.'],
        ['2580', 'Этот PIN-код — один из самых распространённых, его легко угадать. Придумайте другой PIN-код.'],
      ];
      for (const [pin, message] of cases) {
        let screen = await phone.keys(pin);
        expect(screen.dialog, pin).to.equal(message);
        expect(screen.softkeys).to.deep.equal(['', 'Закрыть', '']);
        if (pin === '1234') await phone.shot('06-weak-pin');
        screen = await phone.keys('Enter');
        expect(screen.dialog).to.equal(null);
        expect(screen.softkeys).to.deep.equal(['Назад', 'Далее', ''], "the view's labels are back");
        expect(screen.fields.map((field) => [field.value, field.focused])).to.deep.equal([
          ['', true],
          ['', false],
        ]);
      }
    });

    it('a confirmation that does not match is refused and both PINs are asked again', async () => {
      await open();
      await phone.choose('Сохранить ключ');
      let screen = await phone.keys(PIN, '2469');
      expect(screen.dialog).to.equal('Вы ошиблись при подтверждении PIN-кода. Повторите ввод PIN-кода.');
      await phone.shot('07-pin-mismatch');
      screen = await phone.keys('Enter');
      expect(screen.fields.map((field) => [field.value, field.focused])).to.deep.equal([
        ['', true],
        ['', false],
      ]);
      screen = await phone.keys('Enter');
      expect(screen.dialog).to.equal('PIN-код состоит из 4 цифр. Введите его полностью.');
    });

    it('a wrong check digit in each part is caught as soon as the part is complete; the part can be fixed', async () => {
      await open();
      await phone.choose('Сохранить ключ');
      await phone.keys(PIN, PIN, 'Enter');
      for (let i = 0; i < 4; i++) {
        const wrong = withWrongCheckDigit(PARTS[i]);
        let screen = await phone.keys(wrong);
        expect(screen.dialog, `part ${i + 1}`).to.equal(
          `В части ${i + 1} кода активации ошибка. Сверьте её цифры с ${i + 1}-й частью в конверте и исправьте.`,
        );
        if (i === 1) await phone.shot('08-wrong-part');
        screen = await phone.keys('Enter');
        expect(screen.fields[i]).to.deep.include({ value: wrong, focused: true });
        screen = await phone.keys('Backspace', PARTS[i].slice(7));
        expect(screen.dialog).to.equal(null);
        expect(screen.fields[i].value).to.equal(PARTS[i]);
        if (i < 3) expect(screen.fields[i + 1].focused).to.equal(true);
      }
      const screen = await phone.keys('Enter');
      expect(screen.dialog).to.equal('Ключ сохранён. Теперь Вы можете подписывать документы.');
    });

    it('a part typed into the wrong slot is refused too', async () => {
      await open();
      await phone.choose('Сохранить ключ');
      await phone.keys(PIN, PIN, 'Enter');
      const screen = await phone.keys(PARTS[1]);
      expect(screen.dialog).to.contain('В части 1 кода активации ошибка');
    });

    it('Backspace erases digits while the field has any, then goes back one screen, and exits from the menu', async () => {
      await open();
      await phone.choose('Сохранить ключ');
      await phone.keys(PIN, PIN, 'Enter', '123');
      let screen = await phone.keys('Backspace', 'Backspace');
      expect(screen.header).to.equal('Сохранение ключа');
      expect(screen.fields[0].value).to.equal('1');
      screen = await phone.keys('Backspace');
      expect(screen.fields[0].value).to.equal('');
      screen = await phone.keys('Backspace');
      expect(screen.header).to.equal('Сохранение PIN-кода', 'back one screen');
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
      expect(screen.focusedItem).to.equal('Выход');
      screen = await phone.keys('ArrowDown');
      expect(screen.focusedItem).to.equal('Сохранить ключ');
      await phone.keys('Enter');
      screen = await phone.keys('ArrowUp');
      expect(screen.fields[1].focused).to.equal(true);
      screen = await phone.keys('ArrowDown');
      expect(screen.fields[0].focused).to.equal(true);
    });

    it('«Выход», SoftRight on the menu and EndCall anywhere close the app', async () => {
      await open();
      await phone.choose('Выход');
      expect(await phone.closeCount()).to.equal(1);
      await phone.keys('SoftRight');
      expect(await phone.closeCount()).to.equal(2);
      await phone.choose('Сохранить ключ');
      await phone.keys('EndCall');
      expect(await phone.closeCount()).to.equal(3);
    });

    it('help scrolls with the D-pad and shows the support phone and the manifest version', async () => {
      await open();
      await activate(phone);
      let screen = await phone.choose('Справка');
      expect(screen.header).to.equal('Справка');
      expect(screen.softkeys).to.deep.equal(['', 'Закрыть', '']);
      await phone.page.waitForFunction(
        `/Версия \\d+\\.\\d+\\.\\d+/.test(document.querySelector('.version').textContent)`,
      );
      const page = await phone.page.$eval('.help', (node) => ({
        text: node.textContent,
        overflow: node.parentElement!.scrollHeight > node.parentElement!.clientHeight,
      }));
      expect(page.text).to.contain(BANK.supportPhone);
      expect(page.text).to.contain('Храните PIN-код в секрете');
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
      expect(screen.dialog).to.equal('Не удалось прочитать память телефона. Перезапустите приложение.');
      await phone.shot('00-read-failed');
      await phone.keys('Enter');
      expect(await phone.closeCount()).to.equal(1);
    });

    it('Kazakh and English phones get their language; others the bank default (Russian)', async () => {
      await open('kk-KZ');
      expect((await phone.screen()).menu).to.deep.equal(['Кілтті сақтау', 'Анықтама', 'Шығу']);
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
