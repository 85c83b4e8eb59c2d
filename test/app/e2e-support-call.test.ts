// The 24-hour support line from help and from the delete dialog, through KaiOS's dial Web Activity,
// with the activity API stubbed as each KaiOS version has it: MozActivity (2.5, a DOMRequest) and
// WebActivity (3.x, start() returns a promise). Without either (a desktop browser, the emulator) the
// softkey is not offered and the number stays on the screen.
import { expect } from 'chai';
import { BROWSERS, useBrowser } from './helpers/browserSuite';
import type { Language } from '../../src/app/i18n/languages';
import { sealEnvelope } from '../../src/core/vault';
import { BANK, builtTexts, PARTS, PIN } from './helpers/fixture';
import { activate } from './helpers/flows';
import { LANDSCAPE, Phone, PORTRAIT } from './helpers/phone';

const ru = builtTexts('ru');

/** KaiOS 2.5: new MozActivity({ name, data }), which succeeds once the dialer has it. */
const MOZ_ACTIVITY = `window.__started = [];
  window.MozActivity = function (options) {
    window.__started.push({ api: 'MozActivity', name: options.name, data: options.data });
    var request = this;
    setTimeout(function () { if (request.onsuccess) request.onsuccess(); }, 0);
  };`;
/** KaiOS 3.x: new WebActivity(name, data).start(). */
const WEB_ACTIVITY = `window.__started = [];
  window.WebActivity = function (name, data) {
    this.start = function () {
      window.__started.push({ api: 'WebActivity', name: name, data: data });
      return Promise.resolve();
    };
  };`;
/** A dialer that fails to come up: the app must carry on. */
const FAILING_ACTIVITY = `window.__started = [];
  window.WebActivity = function (name, data) {
    this.start = function () {
      window.__started.push({ api: 'WebActivity', name: name, data: data });
      return Promise.reject(new Error('NO_PROVIDER'));
    };
  };`;

const DIAL = { name: 'dial', data: { type: 'webtelephony/number', number: BANK.supportPhone.replace(/[^\d+]/g, '') } };

for (const { name, launch } of BROWSERS) {
  describe(`app in ${name}: calling the support line`, function () {
    this.timeout(60000);
    const { browser, server } = useBrowser(launch);
    let phone: Phone;
    const open = async (init?: string, language?: string) => {
      phone = await Phone.open(browser(), name, `${server().origin}/app/index.html`, { init, language });
    };
    const started = async () => (await phone.page.evaluate('window.__started')) as object[];
    afterEach(async () => phone && (await phone.close()));

    for (const [api, stub] of [
      ['MozActivity', MOZ_ACTIVITY],
      ['WebActivity', WEB_ACTIVITY],
    ]) {
      it(`with ${api}: help's left softkey «${ru.call}» opens the dialer with the number`, async () => {
        await open(stub);
        let screen = await phone.choose(ru.help);
        expect(screen.softkeys).to.deep.equal([ru.call, ru.close, '']);
        await phone.shot(`21-help-call-${api}`);
        screen = await phone.keys('SoftLeft');
        expect(await started()).to.deep.equal([{ api, ...DIAL }]);
        expect(screen.header).to.equal(ru.help, 'still in help: the dialer is another app');
        screen = await phone.keys('Enter');
        expect(screen.menu).to.include(ru.help);
      });

      it(`with ${api}: the delete dialog's center key dials; the key is kept`, async () => {
        await open(stub);
        await activate(phone);
        let screen = await phone.choose(ru.deleteKey);
        expect(screen.softkeys).to.deep.equal([ru.cancel, ru.call, ru.remove]);
        await phone.shot(`22-delete-call-${api}`);
        screen = await phone.keys('Enter');
        expect(await started()).to.deep.equal([{ api, ...DIAL }]);
        expect(screen.dialog).to.equal(ru.deleteConfirm, 'the dialog stays');
        expect(await phone.vaultRecord()).to.not.equal(null);
        screen = await phone.keys('SoftLeft');
        expect(screen.dialog).to.equal(null);
      });
    }

    it("the three labels of the delete dialog, and help's two, fit the bar in every language and both orientations", async () => {
      for (const language of ['ru-RU', 'kk-KZ', 'en-US']) {
        const texts = builtTexts(language.slice(0, 2) as Language);
        for (const screen of [PORTRAIT, LANDSCAPE]) {
          const at = `${language} ${screen.width}x${screen.height}`;
          const candidate = await Phone.open(browser(), name, `${server().origin}/app/index.html`, {
            init: MOZ_ACTIVITY,
            language,
            screen,
          });
          try {
            await candidate.writeVaultRecord(sealEnvelope(PARTS, PIN, BANK.suite, BANK.iterations));
            await candidate.reload();
            expect((await candidate.choose(texts.deleteKey)).softkeys, at).to.deep.equal([
              texts.cancel,
              texts.call,
              texts.remove,
            ]);
            expect(await candidate.cutSoftkeys(), at).to.deep.equal([]);
            await candidate.shot(`23-delete-call-${language}-${screen.width}x${screen.height}`);
            await candidate.keys('SoftLeft');
            expect((await candidate.choose(texts.help)).softkeys, at).to.deep.equal([texts.call, texts.close, '']);
            expect(await candidate.cutSoftkeys(), at).to.deep.equal([]);
          } finally {
            await candidate.close();
          }
        }
      }
    });

    it('a dialer that does not come up changes nothing: the number is on the screen', async () => {
      await open(FAILING_ACTIVITY);
      await phone.choose(ru.help);
      const screen = await phone.keys('SoftLeft');
      expect(await started()).to.have.length(1);
      expect(screen.header).to.equal(ru.help);
      expect(await phone.page.$eval('.support', (node) => node.textContent)).to.contain(BANK.supportPhone);
    });

    it('without activities (a desktop browser, the emulator) no call softkey is offered', async () => {
      await open();
      await activate(phone);
      expect((await phone.choose(ru.help)).softkeys).to.deep.equal(['', ru.close, '']);
      await phone.keys('Enter');
      expect((await phone.choose(ru.deleteKey)).softkeys).to.deep.equal([ru.cancel, '', ru.remove]);
    });
  });
}
