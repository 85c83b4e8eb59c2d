// The phone app's size: the shipped JavaScript (dist/app/app.js from `npm run build`) next to
// localforage alone and the core alone (bundled the same way), and the OmniSD sideload zip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LANGUAGES } from '../../src/app/i18n/languages';
import { APP_CORE_ENTRY, bundle, ROOT } from '../core-bundle';
import { buildPackage } from '../package';

const JS_TARGET = 15 * 1024;
const ZIP_TARGET = 32 * 1024;

const gzip = (code: string | Buffer) => gzipSync(code, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (bytes: number, target: number) =>
  `${kb(bytes)} (target ≤ ${kb(target)}: ${bytes <= target ? 'met' : 'OVER'})`;

/** The localforage build the app bundles (native promises: Gecko 48 has them). */
const LOCALFORAGE = `import localforage from 'localforage/dist/localforage.nopromises.js'; window.lf = localforage;`;

export async function run(): Promise<void> {
  const app = readFileSync(join(ROOT, 'dist/app/app.js'));
  const parts = await bundle({ core: APP_CORE_ENTRY, localforage: LOCALFORAGE });
  const appGzip = gzip(app);
  const coreGzip = gzip(parts.core);
  const storeGzip = gzip(parts.localforage);
  const texts = LANGUAGES.map((lang) => `${lang} ${kb(gzip(readFileSync(join(ROOT, `dist/app/i18n/${lang}.json`))))}`);
  const { zipBytes } = buildPackage();

  console.log('Phone app size (webpack production, terser; gzip level 9)');
  console.log(
    `  shipped JS, dist/app/app.js (all of it):   ${kb(app.length)} minified, gzip ${verdict(appGzip, JS_TARGET)}`,
  );
  console.log(
    `    localforage alone (nopromises build):     gzip ${kb(storeGzip)}  (the full build with its Promise polyfill: ${kb(gzip(readFileSync(join(ROOT, 'node_modules/localforage/dist/localforage.min.js'))))})`,
  );
  console.log(
    `    core alone, as the app imports it:        gzip ${kb(coreGzip)}  (${Math.round((coreGzip / appGzip) * 100)}% of the shipped JS)`,
  );
  console.log(`    app code (views, shell, service), by difference: about ${kb(appGzip - storeGzip - coreGzip)}`);
  console.log(`  texts, one JSON file per language, the phone reads one: ${texts.join(', ')} gzip`);
  console.log(`  OmniSD sideload zip, dist/package/mobipass-omnisd.zip: ${verdict(zipBytes, ZIP_TARGET)}`);
}
