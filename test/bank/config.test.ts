import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMasterKey } from '../../src/bank/master-key';
import { EnvKeySealer } from '../../src/bank/sealer/env-key-sealer';
import { sealerSettings } from '../../src/bank/sealer/sealer-settings';
import { envelopeHtml, envelopeText } from '../../src/bank/envelope';
import { TEST_MASTER_KEY, TEST_MASTER_KEY_HEX } from './support/bank-fixture';
import { DEFAULT_HTTP_LIMITS, httpLimits, sqliteLockingSetting } from '../../src/bank/settings';
import { metricsTokenSetting } from '../../src/bank/http/metrics-route';

describe('bank: master key settings, envelope', () => {
  it('reads a 64-hex-digit master key and explains a missing or malformed one', () => {
    expect(parseMasterKey(TEST_MASTER_KEY_HEX)).to.deep.equal(TEST_MASTER_KEY);
    expect(() => parseMasterKey(undefined)).to.throw('MOBIPASS_MASTER_KEY is not set');
    expect(() => parseMasterKey('')).to.throw('MOBIPASS_MASTER_KEY is not set');
    expect(() => parseMasterKey('abc')).to.throw('must be exactly 64 hex digits');
    expect(() => parseMasterKey('z'.repeat(64))).to.throw('must be exactly 64 hex digits');
  });

  it("names the environment's master key by a fingerprint: the same for the same key, never the key", () => {
    const id = new EnvKeySealer(TEST_MASTER_KEY).keyId;
    expect(id).to.match(/^env:[0-9a-f]{16}$/);
    expect(new EnvKeySealer(Buffer.from(TEST_MASTER_KEY)).keyId).to.equal(id);
    expect(new EnvKeySealer(Buffer.alloc(32, 9)).keyId).not.to.equal(id);
    expect(TEST_MASTER_KEY_HEX).not.to.include(id.slice(4));
  });

  describe('where the master key is: the environment or an HSM (PKCS#11)', () => {
    const HSM = {
      MOBIPASS_PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
      MOBIPASS_PKCS11_TOKEN: 'bank-token',
      MOBIPASS_PKCS11_KEY: 'mobipass-master',
    };
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mobipass-settings-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads the environment key when no PKCS#11 module is set', () => {
      expect(sealerSettings({ MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX })).to.deep.equal({
        current: { kind: 'env', masterKey: TEST_MASTER_KEY },
        older: [],
      });
    });

    it('reads the HSM settings, the PIN from a file (one trailing newline dropped) or the environment', () => {
      const pinFile = join(dir, 'pin');
      writeFileSync(pinFile, '12 34\n');
      expect(sealerSettings({ ...HSM, MOBIPASS_PKCS11_PIN_FILE: pinFile })).to.deep.equal({
        current: {
          kind: 'pkcs11',
          module: HSM.MOBIPASS_PKCS11_MODULE,
          token: 'bank-token',
          key: 'mobipass-master',
          pin: '12 34',
          sessions: 4,
        },
        older: [],
      });
      expect(
        sealerSettings({ ...HSM, MOBIPASS_PKCS11_PIN: '5678', MOBIPASS_PKCS11_SESSIONS: '16' }).current,
      ).to.include({ pin: '5678', sessions: 16 });
    });

    it('reads the older keys it still opens with: environment keys with either current key, HSM keys of the same token', () => {
      const old = ['11'.repeat(32), '22'.repeat(32)];
      expect(
        sealerSettings({
          MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX,
          MOBIPASS_OLD_MASTER_KEYS: ` ${old[0]},\n${old[1]} `,
        }),
      ).to.deep.equal({
        current: { kind: 'env', masterKey: TEST_MASTER_KEY },
        older: old.map((hex) => ({ kind: 'env', masterKey: Buffer.from(hex, 'hex') })),
      });
      const hsm = sealerSettings({
        ...HSM,
        MOBIPASS_PKCS11_PIN: '5678',
        MOBIPASS_PKCS11_OLD_KEYS: 'master-2025, master 2024',
        MOBIPASS_OLD_MASTER_KEYS: TEST_MASTER_KEY_HEX,
      });
      const token = {
        kind: 'pkcs11',
        module: HSM.MOBIPASS_PKCS11_MODULE,
        token: 'bank-token',
        pin: '5678',
        sessions: 4,
      };
      expect(hsm).to.deep.equal({
        current: { ...token, key: 'mobipass-master' },
        older: [
          { ...token, key: 'master-2025' },
          { ...token, key: 'master 2024' },
          { kind: 'env', masterKey: TEST_MASTER_KEY },
        ],
      });
    });

    it('refuses a half-made or ambiguous choice with one line that names the setting', () => {
      const refusals: [NodeJS.ProcessEnv, string][] = [
        [
          { MOBIPASS_PKCS11_TOKEN: 't', MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX },
          'MOBIPASS_PKCS11_TOKEN is set but MOBIPASS_PKCS11_MODULE is not: set both to seal in the HSM',
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_PIN: '1', MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX },
          'both MOBIPASS_MASTER_KEY and MOBIPASS_PKCS11_MODULE are set: the current master key is either in the environment or in the HSM (an environment key the HSM key replaces goes in MOBIPASS_OLD_MASTER_KEYS)',
        ],
        [
          { MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX, MOBIPASS_OLD_MASTER_KEYS: 'abc' },
          'MOBIPASS_OLD_MASTER_KEYS must be master keys of exactly 64 hex digits, separated by commas or spaces',
        ],
        [
          { MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX, MOBIPASS_OLD_MASTER_KEYS: TEST_MASTER_KEY_HEX.toUpperCase() },
          'MOBIPASS_OLD_MASTER_KEYS repeats MOBIPASS_MASTER_KEY: a key is either the current one or an old one',
        ],
        [
          {
            MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX,
            MOBIPASS_OLD_MASTER_KEYS: `${'11'.repeat(32)} ${'11'.repeat(32)}`,
          },
          'MOBIPASS_OLD_MASTER_KEYS names the same key twice',
        ],
        [
          { MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX, MOBIPASS_PKCS11_OLD_KEYS: 'old' },
          'MOBIPASS_PKCS11_OLD_KEYS is set but MOBIPASS_PKCS11_MODULE is not: set both to seal in the HSM',
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_PIN: '1', MOBIPASS_PKCS11_OLD_KEYS: 'old,mobipass-master' },
          'MOBIPASS_PKCS11_OLD_KEYS repeats MOBIPASS_PKCS11_KEY: a key is either the current one or an old one',
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_PIN: '1', MOBIPASS_PKCS11_OLD_KEYS: 'old, old' },
          'MOBIPASS_PKCS11_OLD_KEYS names the same key twice',
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_PIN: '1', MOBIPASS_PKCS11_OLD_KEYS: 'ключ' },
          'MOBIPASS_PKCS11_OLD_KEYS must be 1..64 printable ASCII characters',
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_TOKEN: '', MOBIPASS_PKCS11_PIN: '1' },
          'MOBIPASS_PKCS11_TOKEN is not set: the label of the token that holds the master key',
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_TOKEN: 'x'.repeat(33), MOBIPASS_PKCS11_PIN: '1' },
          'MOBIPASS_PKCS11_TOKEN must be 1..32 printable ASCII characters',
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_KEY: undefined, MOBIPASS_PKCS11_PIN: '1' },
          "MOBIPASS_PKCS11_KEY is not set: the master key's label in the token",
        ],
        [
          { ...HSM },
          "the token's user PIN is missing: put it in the file MOBIPASS_PKCS11_PIN_FILE names, or in MOBIPASS_PKCS11_PIN",
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_PIN: '1', MOBIPASS_PKCS11_PIN_FILE: '/x' },
          'set MOBIPASS_PKCS11_PIN_FILE or MOBIPASS_PKCS11_PIN, not both',
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_PIN_FILE: '/nonexistent/pin' },
          'cannot read MOBIPASS_PKCS11_PIN_FILE /nonexistent/pin: ENOENT',
        ],
        [
          { ...HSM, MOBIPASS_PKCS11_PIN: '1', MOBIPASS_PKCS11_SESSIONS: '0' },
          'MOBIPASS_PKCS11_SESSIONS must be a number 1..64, not 0',
        ],
      ];
      for (const [env, message] of refusals) expect(() => sealerSettings(env), message).to.throw(message);
      const emptyPin = join(dir, 'empty');
      writeFileSync(emptyPin, '\n');
      expect(() => sealerSettings({ ...HSM, MOBIPASS_PKCS11_PIN_FILE: emptyPin })).to.throw(
        "the token's user PIN is missing",
      );
    });
  });

  it('prints the 4 parts in order under «Код активации Mobipass», as text and as escaped HTML', () => {
    const parts = ['11111118', '22222227', '33333336', '44444445'];
    const text = envelopeText({ customer: 'alice', parts });
    expect(text).to.match(/^Код активации Mobipass\n/);
    expect(text).to.include(
      'Первая часть: 11111118\nВторая часть: 22222227\nТретья часть: 33333336\nЧетвертая часть: 44444445',
    );
    const html = envelopeHtml({ customer: '<b>&"\'', parts });
    expect(html).to.include('<h1>Код активации Mobipass</h1>');
    expect(html).to.include('&lt;b&gt;&amp;&quot;&#39;').and.not.include('<b>');
    expect(html.indexOf('11111118')).to.be.lessThan(html.indexOf('44444445'));
  });

  it('reads the HTTP limits from the environment, each with its default, and explains a bad one', () => {
    expect(httpLimits({})).to.deep.equal(DEFAULT_HTTP_LIMITS);
    expect(DEFAULT_HTTP_LIMITS).to.deep.equal({
      requestTimeoutMs: 10000,
      headersTimeoutMs: 5000,
      keepAliveTimeoutMs: 65000,
      connectionTimeoutMs: 15000,
      maxConnections: 1000,
      shutdownTimeoutMs: 10000,
    });
    expect(httpLimits({ MOBIPASS_MAX_CONNECTIONS: '50', MOBIPASS_SHUTDOWN_TIMEOUT_MS: '' })).to.deep.equal({
      ...DEFAULT_HTTP_LIMITS,
      maxConnections: 50,
    });
    expect(() => httpLimits({ MOBIPASS_REQUEST_TIMEOUT_MS: '0' })).to.throw(
      'MOBIPASS_REQUEST_TIMEOUT_MS must be a whole number above 0, not 0',
    );
    expect(() => httpLimits({ MOBIPASS_KEEP_ALIVE_TIMEOUT_MS: '5s' })).to.throw('a whole number above 0');
    expect(() => httpLimits({ MOBIPASS_HEADERS_TIMEOUT_MS: '20000' })).to.throw(
      'MOBIPASS_HEADERS_TIMEOUT_MS must not be longer than MOBIPASS_REQUEST_TIMEOUT_MS',
    );
  });

  it('takes a metrics token only of its own: long enough and none of the API tokens', () => {
    const apiTokens = [
      { name: 'default', token: 'a'.repeat(40) },
      { name: 'teller', token: 'b'.repeat(40) },
    ];
    expect(metricsTokenSetting({}, apiTokens)).to.equal(undefined);
    expect(metricsTokenSetting({ MOBIPASS_METRICS_TOKEN: 'm'.repeat(32) }, apiTokens)).to.equal('m'.repeat(32));
    expect(() => metricsTokenSetting({ MOBIPASS_METRICS_TOKEN: 'short' }, apiTokens)).to.throw(
      'MOBIPASS_METRICS_TOKEN must be at least 32 characters without spaces',
    );
    for (const { token } of apiTokens) {
      expect(() => metricsTokenSetting({ MOBIPASS_METRICS_TOKEN: token }, apiTokens)).to.throw(
        'MOBIPASS_METRICS_TOKEN must differ from every API token: the scraper must not hold an API token',
      );
    }
  });

  it('holds the SQLite file exclusively unless told to share it, and explains any other value', () => {
    expect(sqliteLockingSetting({})).to.equal('exclusive');
    expect(sqliteLockingSetting({ MOBIPASS_SQLITE_LOCKING: 'shared' })).to.equal('shared');
    expect(() => sqliteLockingSetting({ MOBIPASS_SQLITE_LOCKING: 'sharde' })).to.throw(
      'MOBIPASS_SQLITE_LOCKING must be exclusive or shared, not sharde',
    );
  });
});
