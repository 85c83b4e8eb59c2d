// The app's two manifests, from the template manifest.webapp (texts per language, CSP, type) and the
// bank's config: KaiOS 2.5 reads manifest.webapp, KaiOS 3.x manifest.webmanifest (docs/APP.md,
// "Manifests", says which KaiOS documentation each field follows).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BankConfig } from '../bankSettings';

export const MANIFEST_TEMPLATE_PATH = join(__dirname, '../../../manifest.webapp');
/** The header's colour: the theme of both manifests and of index.html. */
export const THEME_COLOR = '#07335c';
/** The screen's background: what KaiOS 3.x paints before the app's first frame. */
const BACKGROUND_COLOR = '#ffffff';
/** KaiOS 3.x shows short_name where room is short, and only up to 12 characters. */
const SHORT_NAME_MAX = 12;
export const ICON_SIZES = [56, 112];

interface LocaleTexts {
  name: string;
  subtitle: string;
  description: string;
}

export interface Kaios2Manifest {
  version: string;
  name: string;
  subtitle: string;
  description: string;
  categories: string[];
  launch_path: string;
  icons: { [size: string]: string };
  developer: { name: string; url: string };
  type: string;
  permissions: object;
  locales: { [lang: string]: LocaleTexts };
  default_locale: string;
  cursor: boolean;
  fullscreen: boolean;
  csp: string;
}

function template(): Kaios2Manifest {
  return JSON.parse(readFileSync(MANIFEST_TEMPLATE_PATH, 'utf8')) as Kaios2Manifest;
}

/** The app's id on the phone: its name at the bank's domain (OmniSD installs it as app://<id>). */
export function appId(appName: string, bankUrl: string): string {
  const name = appName.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'mobipass';
  return `${name}.${new URL(bankUrl).hostname}`;
}

/** KaiOS 2.5: the template named for the bank; the top-level texts are those of the default language. */
export function kaios2Manifest(bank: BankConfig, version: string): Kaios2Manifest {
  const base = template();
  const locales: { [lang: string]: LocaleTexts } = {};
  for (const [lang, texts] of Object.entries(base.locales)) locales[lang] = { ...texts, name: bank.appName };
  const own = locales[bank.defaultLanguage];
  return {
    ...base,
    version,
    name: bank.appName,
    subtitle: own.subtitle,
    description: own.description,
    developer: { name: bank.bankName, url: bank.bankUrl },
    locales,
    default_locale: bank.defaultLanguage,
  };
}

/** KaiOS 3.x: a W3C web app manifest, with what KaiOS adds (and what 2.5 keeps at the top) under b2g_features. */
export function kaios3Manifest(bank: BankConfig, version: string) {
  const kaios2 = kaios2Manifest(bank, version);
  return {
    id: appId(bank.appName, bank.bankUrl),
    name: bank.appName,
    ...(bank.appName.length <= SHORT_NAME_MAX ? { short_name: bank.appName } : {}),
    description: kaios2.description,
    lang: bank.defaultLanguage,
    start_url: kaios2.launch_path,
    display: 'standalone',
    orientation: 'natural',
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    icons: ICON_SIZES.map((size) => ({ src: kaios2.icons[size], sizes: `${size}x${size}`, type: 'image/png' })),
    b2g_features: {
      version,
      subtitle: kaios2.subtitle,
      categories: kaios2.categories,
      developer: kaios2.developer,
      type: kaios2.type,
      locales: kaios2.locales,
      default_locale: kaios2.default_locale,
      csp: kaios2.csp,
      cursor: kaios2.cursor,
      permissions: kaios2.permissions,
    },
  };
}
