// `npm run build` for one bank or another: the config is checked before anything is built, the
// manifests carry the bank's name, and the bundle carries only the hash its suite needs.
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_NAME_MAX, readBankConfig } from '../../src/app/build/bankConfig';
import { appId } from '../../src/app/build/manifests';
import type { BankConfig } from '../../src/app/bankSettings';
import { LANGUAGES } from '../../src/app/i18n/languages';
import { requireBuild } from './helpers/browserSuite';
import { buildWith as build } from './helpers/buildWith';
import { DIST } from './helpers/serveDist';

/** The config `npm test` built dist/ with (MOBIPASS_CONFIG, else the default). */
const builtConfig = () => readBankConfig().config;

/** Constants only SHA-1 (its IV) and SHA-512 (its first round constant) carry, as terser may print them. */
const SHA1_MARK = /1732584193|0x67452301/i;
const SHA512_MARK = /1116352408|0x428a2f98/i;

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/**
 * Every field the KaiOS documentation marks required, in both manifests of a built app folder:
 * KaiOS 2.5 manifest.webapp (developer.kaiostech.com, "Manifest", Smart Feature Phone 2.5, with the
 * KaiStore's subtitle, categories and three-part version) and KaiOS 3.x manifest.webmanifest (the
 * same site, Smart Feature Phone 3.0, "Manifest": name or short_name, description, lang, id,
 * theme_color, background_color, orientation, start_url, icons).
 */
function expectKaiosManifests(appDir: string, config: BankConfig): void {
  const inPackage = (path: string) => join(appDir, path.replace(/^\//, ''));
  const webapp = JSON.parse(readFileSync(join(appDir, 'manifest.webapp'), 'utf8'));
  expect(webapp.name).to.equal(config.appName).and.have.length.at.most(APP_NAME_MAX);
  expect(webapp.version).to.match(/^\d+\.\d+\.\d+$/);
  expect(webapp.launch_path).to.equal('/index.html');
  expect(existsSync(inPackage(webapp.launch_path))).to.equal(true);
  expect(Object.keys(webapp.icons).sort()).to.deep.equal(['112', '56']);
  for (const [size, path] of Object.entries<string>(webapp.icons)) {
    expect(pngSize(inPackage(path)), path).to.deep.equal([+size, +size]);
  }
  expect(webapp.developer).to.deep.equal({ name: config.bankName, url: config.bankUrl });
  expect(webapp.type).to.equal('web');
  expect(webapp.permissions).to.deep.equal({});
  expect(webapp).to.not.have.property('orientation');
  expect(webapp.categories).to.be.an('array').with.length.at.least(1);
  for (const category of webapp.categories) expect(category).to.match(/^[a-z]+$/);
  expect(Object.keys(webapp.locales).sort()).to.deep.equal([...LANGUAGES].sort());
  expect(webapp.default_locale).to.equal(config.defaultLanguage);
  for (const [lang, texts] of Object.entries<{ name: string; subtitle: string; description: string }>(webapp.locales)) {
    expect(texts.name, lang).to.equal(config.appName);
    expect(texts.subtitle, lang).to.be.a('string').with.length.within(1, 40);
    expect(texts.description, lang).to.be.a('string').with.length.at.least(1);
  }
  const own = webapp.locales[config.defaultLanguage];
  expect([webapp.subtitle, webapp.description]).to.deep.equal([own.subtitle, own.description]);
  expect(webapp.csp).to.contain("script-src 'self'").and.not.contain('unsafe');

  const webmanifest = JSON.parse(readFileSync(join(appDir, 'manifest.webmanifest'), 'utf8'));
  expect(webmanifest.id).to.equal(appId(config.appName, config.bankUrl));
  expect(webmanifest.name).to.equal(config.appName);
  if (config.appName.length <= 12) expect(webmanifest.short_name).to.equal(config.appName);
  else expect(webmanifest).to.not.have.property('short_name');
  expect(webmanifest.description).to.equal(own.description);
  expect(webmanifest.lang).to.equal(config.defaultLanguage);
  expect(webmanifest.theme_color).to.match(/^#[0-9a-f]{6}$/);
  expect(webmanifest.background_color).to.match(/^#[0-9a-f]{6}$/);
  expect(webmanifest.orientation).to.equal('natural');
  expect(webmanifest.start_url).to.equal('/index.html');
  expect(webmanifest.icons.map((icon: { sizes: string }) => icon.sizes)).to.deep.equal(['56x56', '112x112']);
  for (const icon of webmanifest.icons) {
    expect(icon.type).to.equal('image/png');
    expect(pngSize(inPackage(icon.src)).join('x'), icon.src).to.equal(icon.sizes);
  }
  expect(webmanifest.b2g_features).to.deep.include({
    version: webapp.version,
    subtitle: webapp.subtitle,
    categories: webapp.categories,
    type: webapp.type,
    locales: webapp.locales,
    default_locale: webapp.default_locale,
    csp: webapp.csp,
    permissions: {},
  });
  const html = readFileSync(join(appDir, 'index.html'), 'utf8');
  expect(html)
    .to.contain(`content="${webapp.csp}"`)
    .and.match(new RegExp(`theme-color content="?${webmanifest.theme_color}`));
}

describe('app build per bank config', function () {
  this.timeout(120000);

  it("the build ships only its suite's hash, and both manifests with the bank name, icons and a strict CSP", () => {
    requireBuild();
    const { config, hashName } = readBankConfig();
    const bundle = readFileSync(join(DIST, 'app/app.js'), 'utf8');
    if (hashName !== 'SHA1') expect(bundle).to.not.match(SHA1_MARK);
    if (hashName !== 'SHA512') expect(bundle).to.not.match(SHA512_MARK);
    const webapp = JSON.parse(readFileSync(join(DIST, 'app/manifest.webapp'), 'utf8'));
    expect(webapp).to.deep.include({
      name: config.appName,
      launch_path: '/index.html',
      default_locale: config.defaultLanguage,
      cursor: false,
    });
    expect(webapp.icons).to.deep.equal({ 56: '/icons/56.png', 112: '/icons/112.png' });
    expect(webapp.permissions).to.deep.equal({});
    expect(webapp.developer.name).to.equal(config.bankName);
    expect(webapp.csp).to.contain("script-src 'self'").and.not.contain('unsafe');
    const webmanifest = JSON.parse(readFileSync(join(DIST, 'app/manifest.webmanifest'), 'utf8'));
    expect(webmanifest.b2g_features).to.deep.include({ version: webapp.version, csp: webapp.csp });
    expect(webmanifest.icons.map((icon: { sizes: string }) => icon.sizes)).to.deep.equal(['56x56', '112x112']);
    const html = readFileSync(join(DIST, 'app/index.html'), 'utf8');
    expect(html).to.contain(`content="${webapp.csp}"`);
    // The payee digits' label is the bank's, in each language file; the script carries only the count.
    for (const lang of LANGUAGES) {
      const label = config.payment ? config.payment.payeeLabel[lang] : '';
      const texts = JSON.parse(readFileSync(join(DIST, `app/i18n/${lang}.json`), 'utf8'));
      expect(texts.payee, lang).to.equal(label);
      if (label) expect(bundle).to.not.contain(label);
    }
  });

  it('both manifests carry every field KaiOS marks required (the default build)', () => {
    requireBuild();
    expectKaiosManifests(join(DIST, 'app'), builtConfig());
  });

  it('a suite a phone cannot use stops the build with the reason', () => {
    const { status, output } = build({ ...builtConfig(), suite: 'OCRA-1:HOTP-SHA256-8:C-QN08' });
    expect(status).to.not.equal(0);
    expect(output).to.contain('bank.json: suite OCRA-1:HOTP-SHA256-8:C-QN08: a phone cannot keep a counter (C)');
  });

  it('another bank gets its name, language and hash (a SHA-1 suite ships SHA-1 and not SHA-512), and manifests KaiOS accepts', () => {
    // A name longer than KaiOS 3.x's short_name allows, and another bank's address.
    // A version 1 suite: the manual's two fields, no payment data.
    const other = {
      appName: 'Qazaq Pass Test Bank',
      bankName: 'Test Bank',
      bankUrl: 'https://testbank.example.kz',
      defaultLanguage: 'kk' as const,
      suite: 'OCRA-1:HOTP-SHA1-6:QN06',
      payment: undefined,
    };
    const { status, output, out } = build({ ...builtConfig(), ...other });
    expect(status, output).to.equal(0);
    const bundle = readFileSync(join(out, 'app/app.js'), 'utf8');
    expect(bundle).to.match(SHA1_MARK);
    expect(bundle).to.not.match(SHA512_MARK);
    const webapp = JSON.parse(readFileSync(join(out, 'app/manifest.webapp'), 'utf8'));
    expect(webapp).to.deep.include({ name: 'Qazaq Pass Test Bank', default_locale: 'kk' });
    expect(webapp.developer.name).to.equal('Test Bank');
    expect(readFileSync(join(out, 'app/i18n/kk.json'), 'utf8')).to.contain('«Test Bank»');
    expectKaiosManifests(join(out, 'app'), { ...builtConfig(), ...other });
  });
});
