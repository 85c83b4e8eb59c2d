// `npm run build` for one bank or another: the config is checked before anything is built, the
// manifests carry the bank's name, and the bundle carries only the hash its suite needs.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBankConfig } from '../../src/app/build/bankConfig';
import { requireBuild } from './helpers/browserSuite';
import { DIST } from './helpers/serveDist';

const ROOT = join(__dirname, '../..');
/** The config `npm test` built dist/ with (MOBIPASS_CONFIG, else the default). */
const builtConfig = () => readBankConfig().config;

/** Builds with a config into a temporary folder (dist/ is left alone). */
function build(config: object): { status: number | null; output: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mobipass-build-'));
  writeFileSync(join(dir, 'bank.json'), JSON.stringify(config));
  const result = spawnSync(
    join(ROOT, 'node_modules/.bin/webpack'),
    ['--mode', 'production', '--output-path', join(dir, 'dist')],
    {
      cwd: ROOT,
      env: { ...process.env, MOBIPASS_CONFIG: join(dir, 'bank.json') },
      encoding: 'utf8',
    },
  );
  return { status: result.status, output: result.stdout + result.stderr, out: join(dir, 'dist') };
}

/** Constants only SHA-1 (its IV) and SHA-512 (its first round constant) carry, as terser may print them. */
const SHA1_MARK = /1732584193|0x67452301/i;
const SHA512_MARK = /1116352408|0x428a2f98/i;

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
      orientation: 'portrait',
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
  });

  it('a suite a phone cannot use stops the build with the reason', () => {
    const { status, output } = build({ ...builtConfig(), suite: 'OCRA-1:HOTP-SHA256-8:C-QN08' });
    expect(status).to.not.equal(0);
    expect(output).to.contain('bank.json: suite OCRA-1:HOTP-SHA256-8:C-QN08: a phone cannot keep a counter (C)');
  });

  it('another bank gets its name, language and hash: a SHA-1 suite ships SHA-1 and not SHA-512', () => {
    const { status, output, out } = build({
      ...builtConfig(),
      appName: 'Qazaq Pass',
      bankName: 'Test Bank',
      defaultLanguage: 'kk',
      suite: 'OCRA-1:HOTP-SHA1-6:QN06',
    });
    expect(status, output).to.equal(0);
    const bundle = readFileSync(join(out, 'app/app.js'), 'utf8');
    expect(bundle).to.match(SHA1_MARK);
    expect(bundle).to.not.match(SHA512_MARK);
    const webapp = JSON.parse(readFileSync(join(out, 'app/manifest.webapp'), 'utf8'));
    expect(webapp).to.deep.include({ name: 'Qazaq Pass', default_locale: 'kk' });
    expect(webapp.developer.name).to.equal('Test Bank');
    expect(readFileSync(join(out, 'app/i18n/kk.json'), 'utf8')).to.contain('«Test Bank»');
  });
});
