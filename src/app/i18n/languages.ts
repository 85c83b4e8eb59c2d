/** The languages the app ships texts for (src/app/i18n/<lang>.json). */
export const LANGUAGES = ['ru', 'kk', 'en'];

/** The phone's language when the app has it ('kk-KZ' → 'kk'), else the bank's default. */
export function pickLanguage(phoneLanguage: string | undefined, fallback: string): string {
  const lang = (phoneLanguage || '').toLowerCase().split('-')[0];
  return LANGUAGES.indexOf(lang) >= 0 ? lang : fallback;
}
