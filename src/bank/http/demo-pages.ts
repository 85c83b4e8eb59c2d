import escapeHtml from 'escape-html';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PaymentSetting } from '../../app/bankSettings';
import { LANGUAGES, type Language } from '../../app/i18n/languages';
import type { Texts } from '../../app/i18n/texts';
import { DEMO_TEXTS, type DemoTexts } from './demo-texts';

const DEMO_PAGES = join(__dirname, '..', 'demo');
const APP_TEXTS = join(__dirname, '..', '..', 'app', 'i18n');

/** `{{name}}` is replaced by the escaped value, `{{{name}}}` by HTML the server made. */
function render(template: string, values: { [name: string]: unknown }): string {
  return template.replace(/\{\{(\{?)(\w+)\}?\}\}/g, (_match, raw: string, name: string) => {
    const value = values[name];
    if (typeof value !== 'string') throw new Error(`the demo page names {{${name}}}, which has no text`);
    return raw ? value : escapeHtml(value);
  });
}

/** A language's texts with the app's menu labels and the bank page's button names filled in. */
function filledTexts(lang: Language): DemoTexts {
  const app = JSON.parse(readFileSync(join(APP_TEXTS, `${lang}.json`), 'utf8')) as Texts;
  const texts = DEMO_TEXTS[lang];
  const names: { [name: string]: string } = {
    saveKey: app.saveKey,
    sign: app.sign,
    issue: texts.issue,
    signDocument: texts.signDocument,
    send: texts.send,
  };
  const fill = (text: string) => text.replace(/\{(saveKey|sign|issue|signDocument|send)\}/g, (_m, name) => names[name]);
  return {
    ...texts,
    steps: texts.steps.map(fill),
    envelopeHint: fill(texts.envelopeHint),
    typeOnPhone: fill(texts.typeOnPhone),
  };
}

/**
 * The landing page and the demo bank page, in each language (texts: demo-texts.ts; the payee digits'
 * label is the bank config's, as on the phone).
 */
export class DemoPages {
  private readonly landingTemplate = readFileSync(join(DEMO_PAGES, 'landing.html'), 'utf8');
  private readonly bankTemplate = readFileSync(join(DEMO_PAGES, 'bank.html'), 'utf8');
  private readonly texts = new Map(LANGUAGES.map((lang) => [lang, filledTexts(lang)]));

  constructor(private readonly payment?: PaymentSetting) {}

  /** Phone and bank side by side, with a switch of language that the phone follows. */
  landing(lang: Language, phoneOrigin: string): string {
    const texts = this.texts.get(lang) as DemoTexts;
    const link = (other: Language) =>
      `<a href="/?lang=${other}" hreflang="${other}" lang="${other}"${other === lang ? ' aria-current="page"' : ''}>${escapeHtml(DEMO_TEXTS[other].languageName)}</a>`;
    return render(this.landingTemplate, {
      ...texts,
      lang,
      phoneUrl: `${phoneOrigin}/emulator/?lang=${lang}`,
      bankUrl: `/bank/?lang=${lang}`,
      languageLinks: LANGUAGES.map(link).join(' '),
      stepItems: texts.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('\n            '),
    });
  }

  bank(lang: Language): string {
    const texts = this.texts.get(lang) as DemoTexts;
    return render(this.bankTemplate, {
      ...texts,
      payeeLabel: this.payment ? this.payment.payeeLabel[lang] : '',
      lang,
      scriptTexts: JSON.stringify(texts.script),
    });
  }
}
