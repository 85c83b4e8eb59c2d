import { BANK } from '../bankSettings';
import { readPackageJson } from '../packageFile';
import { chooseLanguage } from './languages';
import type { Texts } from './texts';

/** The texts in the app's language; set once by loadTexts() before the first screen. */
export let t: Texts;

/**
 * Texts are data, one file per language (i18n/<lang>.json, as KaiOS apps ship their l10n files):
 * the phone reads only its own language and the JavaScript stays small.
 */
export function loadTexts(): Promise<void> {
  const lang = chooseLanguage(location.search, navigator.language, BANK.defaultLanguage);
  return readPackageJson<Texts>('i18n/' + lang + '.json').then((texts) => {
    t = texts;
  });
}
