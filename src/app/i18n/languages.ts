/** The languages the app ships texts for (src/app/i18n/<lang>.json); the first is the fallback of fallbacks. */
export const LANGUAGES = ['ru', 'kk', 'en'] as const;

export type Language = (typeof LANGUAGES)[number];

export function isLanguage(text: string): text is Language {
  return (LANGUAGES as readonly string[]).indexOf(text) >= 0;
}

/** The phone's language when the app has it ('kk-KZ' → 'kk'), else the bank's default. */
export function pickLanguage(phoneLanguage: string | undefined, fallback: Language): Language {
  const lang = (phoneLanguage || '').toLowerCase().split('-')[0];
  return isLanguage(lang) ? lang : fallback;
}

/**
 * The app's language: the one its address names (`index.html?lang=kk`: how the emulator passes on the
 * language chosen on `npm start`'s landing page; a phone starts the app without one), else the phone's.
 */
export function chooseLanguage(search: string, phoneLanguage: string | undefined, fallback: Language): Language {
  const named = /[?&]lang=([^&#]*)/.exec(search);
  return named && isLanguage(named[1]) ? named[1] : pickLanguage(phoneLanguage, fallback);
}
