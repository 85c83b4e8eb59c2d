// `npm run build`: dist/app/ is the phone app folder exactly as sideloaded; dist/emulator/ is the
// phone-sized page that frames it. Bank settings come from one JSON file read here (see docs/APP.md).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const escapeHtml = require('escape-html');
const { DefinePlugin, sources } = require('webpack');
const { register } = require('tsx/cjs/api');

const ROOT = __dirname;
const APP = join(ROOT, 'src/app');

/** The bank config, the app's languages and manifests, from the same TypeScript the tests cover; a bad config stops the build. */
function fromTypeScript() {
  const unregister = register();
  try {
    const { appSettings, readBankConfig } = require('./src/app/build/bankConfig.ts');
    const { LANGUAGES } = require('./src/app/i18n/languages.ts');
    const manifests = require('./src/app/build/manifests.ts');
    const loaded = readBankConfig();
    return { ...loaded, settings: appSettings(loaded.config), LANGUAGES, manifests };
  } finally {
    unregister();
  }
}

const { config: bank, settings, hashName, LANGUAGES, manifests } = fromTypeScript();
const { version } = require('./package.json');

/** i18n/<lang>.json: the app's texts with the bank's name, support phone and payee label filled in. */
function textFiles() {
  const files = {};
  for (const lang of LANGUAGES) {
    const texts = readFileSync(join(APP, `i18n/${lang}.json`), 'utf8');
    const payee = bank.payment ? bank.payment.payeeLabel[lang] : '';
    const filled = JSON.parse(texts, (key, value) =>
      // The phone number never breaks across lines.
      typeof value === 'string'
        ? value
            .replace('{bank}', bank.bankName)
            .replace('{phone}', bank.supportPhone.replace(/ /g, '\u00a0'))
            .replace('{payee}', payee)
        : value,
    );
    files[`app/i18n/${lang}.json`] = JSON.stringify(filled);
  }
  return files;
}

function indexHtml() {
  const html = readFileSync(join(APP, 'index.html'), 'utf8');
  return html
    .replace('__CSP__', manifests.kaios2Manifest(bank, version).csp)
    .replace('__THEME_COLOR__', manifests.THEME_COLOR)
    .replace('__APP_NAME__', escapeHtml(bank.appName))
    .replace('lang="ru"', `lang="${bank.defaultLanguage}"`);
}

/** Emits the non-JS files of both folders. */
class EmitStaticFiles {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('EmitStaticFiles', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'EmitStaticFiles', stage: compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const files = {
            'app/index.html': indexHtml(),
            'app/app.css': readFileSync(join(APP, 'app.css')),
            'app/manifest.webapp': JSON.stringify(manifests.kaios2Manifest(bank, version), null, 2),
            'app/manifest.webmanifest': JSON.stringify(manifests.kaios3Manifest(bank, version), null, 2),
            ...Object.fromEntries(
              manifests.ICON_SIZES.map((size) => [
                `app/icons/${size}.png`,
                readFileSync(join(ROOT, `icons/${size}.png`)),
              ]),
            ),
            'emulator/index.html': readFileSync(join(APP, 'emulator/index.html')),
            'emulator/emulator.css': readFileSync(join(APP, 'emulator/emulator.css')),
            ...textFiles(),
          };
          for (const [name, content] of Object.entries(files))
            compilation.emitAsset(name, new sources.RawSource(content));
        },
      );
      const texts = LANGUAGES.map((lang) => `i18n/${lang}.json`);
      for (const file of ['index.html', 'app.css', ...texts, 'emulator/index.html', 'emulator/emulator.css']) {
        compilation.fileDependencies.add(join(APP, file));
      }
      compilation.fileDependencies.add(manifests.MANIFEST_TEMPLATE_PATH);
    });
  }
}

module.exports = {
  mode: 'production',
  target: ['web', 'es5'],
  devtool: false,
  entry: {
    app: join(APP, 'main.ts'),
    emulator: join(APP, 'emulator/emulator.ts'),
  },
  output: {
    path: join(ROOT, 'dist'),
    filename: (pathData) => (pathData.chunk.name === 'emulator' ? 'emulator/emulator.js' : 'app/app.js'),
    clean: { keep: (asset) => !/^(app|emulator)\//.test(asset) },
  },
  resolve: {
    extensions: ['.ts', '.js'],
    // Gecko 48 has native promises: the build without the bundled polyfill is 1 KB smaller.
    alias: { localforage$: 'localforage/dist/localforage.nopromises.js' },
  },
  module: {
    rules: [
      {
        // kaios-lib ships ES2015: TypeScript transpiles it to ES5 along with our sources.
        test: /\.[tj]s$/,
        include: [APP, join(ROOT, 'src/core'), join(ROOT, 'node_modules/kaios-lib')],
        loader: 'ts-loader',
        options: { transpileOnly: true, compilerOptions: { allowJs: true } },
      },
      // The core is pure: hashes the configured suite does not use are dropped whole.
      { test: /\.ts$/, include: join(ROOT, 'src/core'), sideEffects: false },
    ],
  },
  plugins: [
    new DefinePlugin({
      MOBIPASS_BANK: JSON.stringify(settings),
      MOBIPASS_SUITE_HASH: JSON.stringify(hashName),
    }),
    new EmitStaticFiles(),
  ],
  performance: { hints: false },
};
