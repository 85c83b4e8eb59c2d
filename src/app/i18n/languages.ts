/** The languages the app ships texts for (src/app/i18n/<lang>.json). */
export const LANGUAGES = ['ru', 'kk', 'en'];
