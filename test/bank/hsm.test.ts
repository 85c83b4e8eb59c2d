import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ck from 'pkcs11js';
import { SOFTHSM_MODULE, SoftHsmToken } from '../../scripts/softhsm';
import type { IssuedChallenge } from '../../src/bank/bank';
import { activationKey } from '../../src/core/activation';
import { toHex } from '../../src/core/bytes';
import { EnvKeySealer } from '../../src/bank/sealer/env-key-sealer';
import { WrongMasterKey, type KeySealer } from '../../src/bank/sealer/key-sealer';
import { MasterKeys } from '../../src/bank/sealer/master-keys';
import { Pkcs11KeySealer } from '../../src/bank/sealer/pkcs11-key-sealer';
import { rotateMasterKey } from '../../src/bank/rotation/master-key-rotation';
import { SqliteStore } from '../../src/bank/store/sqlite-store';
import { expectOneLineRefusal, runBankCli } from './support/bank-cli';
import { openBank, TEST_ACTOR, TEST_MASTER_KEY, TEST_MASTER_KEY_HEX, TempDatabase } from './support/bank-fixture';
import { configPhone, PAYMENT_ARGS } from './support/payment';
import { TestPhone } from './support/phone';
import { rejection } from './support/rejection';

const KEY = 'mobipass-master';
const OTHER_KEY = 'mobipass-other';
const IMPORTED_KEY = 'imported-test-master-key';

/**
 * Acts on the token through the same library beside the sealer, as an HSM restart, a failover or an
 * administrator would: what it closes is closed for real. The sealer must already hold the library.
 */
function underneath<T>(token: SoftHsmToken, act: (pkcs11: ck.PKCS11, slot: Buffer) => T): T {
  const pkcs11 = new ck.PKCS11();
  pkcs11.load(SOFTHSM_MODULE);
  try {
    let initialised = false;
    try {
      pkcs11.C_Initialize();
      initialised = true;
    } catch (error) {
      if (!(error instanceof ck.Pkcs11Error) || error.message !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw error;
    }
    if (initialised) {
      pkcs11.C_Finalize();
      throw new Error('the library was not initialised: no sealer holds it');
    }
    const slot = pkcs11.C_GetSlotList(true).find((s) => pkcs11.C_GetTokenInfo(s).label.trimEnd() === token.label);
    return act(pkcs11, slot as Buffer);
  } finally {
    pkcs11.close();
  }
}

/**
 * The sessions open in this process, found by asking the library about every handle it has given out:
 * SoftHSM2 numbers them upwards from 1 and does not report a session count.
 */
function openSessions(token: SoftHsmToken): Buffer[] {
  return underneath(token, (pkcs11, slot) => {
    const probe = pkcs11.C_OpenSession(slot, ck.CKF_SERIAL_SESSION);
    pkcs11.C_CloseSession(probe);
    const open: Buffer[] = [];
    for (let number = 1n; number < probe.readBigUInt64LE(); number++) {
      const handle = Buffer.alloc(8);
      handle.writeBigUInt64LE(number);
      try {
        pkcs11.C_GetSessionInfo(handle);
        open.push(handle);
      } catch {
        // closed
      }
    }
    return open;
  });
}

/** SoftHSM2 and OpenSC's pkcs11-tool: an independent way into the token. */
function pkcs11Tool(token: SoftHsmToken, ...args: string[]): string {
  const run = spawnSync(
    'pkcs11-tool',
    ['--module', SOFTHSM_MODULE, '--token-label', token.label, '--login', '--pin', token.pin, ...args],
    { env: { ...process.env, SOFTHSM2_CONF: token.config }, encoding: 'utf8' },
  );
  if (run.error) throw new Error(`pkcs11-tool: ${run.error.message} (Debian: apt-get install opensc; .ci/run does)`);
  if (run.status !== 0) throw new Error(`pkcs11-tool ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** A key of known value written into the token with pkcs11-tool (an import, not generated inside). */
function importKey(token: SoftHsmToken, label: string, value: Buffer, ...flags: string[]): void {
  const file = join(token.dir, `${label}.bin`);
  writeFileSync(file, value, { mode: 0o600 });
  pkcs11Tool(
    token,
    '--write-object',
    file,
    '--type',
    'secrkey',
    '--key-type',
    'AES:32',
    '--label',
    label,
    '--usage-decrypt',
    ...flags,
  );
}

describe('the master key in an HSM (SoftHSM2 through PKCS#11)', function () {
  this.timeout(60000);
  let token: SoftHsmToken;
  let db: TempDatabase;
  const sealers: KeySealer[] = [];

  function sealerFor(key: string, sessions = 4): KeySealer {
    const sealer = Pkcs11KeySealer.open(token.settings(key, sessions));
    sealers.push(sealer);
    return sealer;
  }

  before(() => {
    token = new SoftHsmToken().createKey(KEY).createKey(OTHER_KEY);
    importKey(token, IMPORTED_KEY, TEST_MASTER_KEY, '--sensitive');
    importKey(token, 'extractable', randomBytes(32), '--sensitive', '--extractable');
    importKey(token, 'not-sensitive', randomBytes(32));
  });
  after(() => token.remove());
  beforeEach(() => (db = new TempDatabase()));
  afterEach(async () => {
    for (const sealer of sealers.splice(0)) await sealer.close();
    db.cleanup();
  });

  it('seals inside the token exactly as AES-256-GCM in memory: 1000 random keys and customer ids, both ways', async () => {
    const inToken = sealerFor(IMPORTED_KEY);
    const inMemory = new EnvKeySealer(TEST_MASTER_KEY);
    for (let i = 0; i < 1000; i++) {
      const key = randomBytes(1 + (i % 64));
      const label = `${randomBytes(1 + (i % 40)).toString('base64')}-клиент-${i}`;
      expect((await inToken.open(label, await inMemory.seal(label, key))).equals(key), label).to.equal(true);
      expect((await inMemory.open(label, await inToken.seal(label, key))).equals(key), label).to.equal(true);
    }
  });

  it('moves a database sealed under the key in memory into the token (rotation, environment → HSM): it then verifies without the environment key', async () => {
    const bank = await openBank(db.file);
    const phones = new Map<string, TestPhone>();
    for (let i = 0; i < 20; i++)
      phones.set(`customer-${i}`, new TestPhone(await bank.issue(`customer-${i}`, TEST_ACTOR)));
    await bank.close();
    const inMemory = new EnvKeySealer(TEST_MASTER_KEY);
    const inToken = sealerFor(KEY);
    const store = new SqliteStore(db.file);
    const context = () => ({ at: Date.now(), instance: 'test-instance', actor: TEST_ACTOR });
    const result = await rotateMasterKey(store, new MasterKeys(inToken, [inMemory]), {
      batchSize: 7,
      pauseMs: 0,
      context,
    });
    await store.close();
    expect([result.batches, result.moved, result.labelled, result.changedMeanwhile]).to.deep.equal([3, 20, 0, 0]);
    expect(result.counts).to.deep.equal([{ keyId: inToken.keyId, customers: 20 }]);

    const hsmBank = await openBank(db.file, { sealer: sealerFor(KEY) });
    for (const [user, phone] of phones) {
      const challenge = await hsmBank.challenge(user, 'payment-1', TEST_ACTOR);
      expect(await hsmBank.verify(user, challenge.challengeId, phone.sign(challenge.code), TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
    }
    await hsmBank.close();
    const error = await rejection(openBank(db.file));
    expect(error.message).to.equal(
      `this database's master key is ${inToken.keyId}, which this server does not have (it has ${inMemory.keyId})`,
    );
  });

  it('a database sealed under the HSM key opens nothing without it', async () => {
    const bank = await openBank(db.file, { sealer: Pkcs11KeySealer.open(token.settings(KEY)) });
    const keys = new Map<string, Uint8Array>();
    for (let i = 0; i < 20; i++)
      keys.set(`customer-${i}`, activationKey(await bank.issue(`customer-${i}`, TEST_ACTOR)));
    await bank.close();

    const file = readFileSync(db.file).toString('latin1');
    for (const key of keys.values()) {
      expect(file).not.to.include(toHex(key));
      expect(file).not.to.include(Buffer.from(key).toString('latin1'));
    }
    const others = [new EnvKeySealer(TEST_MASTER_KEY), new EnvKeySealer(randomBytes(32)), sealerFor(OTHER_KEY)];
    for (const other of others) {
      const error = await rejection(openBank(db.file, { sealer: other }));
      expect(error.message).to.equal(
        `this database's master key is pkcs11:${token.label}/${KEY}, which this server does not have (it has ${other.keyId})`,
      );
    }
    const store = new SqliteStore(db.file);
    const right = sealerFor(KEY);
    const wrong = [new EnvKeySealer(TEST_MASTER_KEY), sealerFor(OTHER_KEY)];
    try {
      for (const [user, key] of keys) {
        const sealed = (await store.getCustomer(user))?.sealedKey as Buffer;
        for (const sealer of wrong) expect(await rejection(sealer.open(user, sealed))).to.be.instanceOf(WrongMasterKey);
        expect((await right.open(user, sealed)).equals(Buffer.from(key))).to.equal(true);
      }
    } finally {
      await store.close();
    }
  });

  it('reopens a session closed underneath it and retries the request once, also with requests in flight', async () => {
    for (const sessions of [1, 4]) {
      const sealer = sealerFor(KEY, sessions);
      const keys = Array.from({ length: 40 }, () => randomBytes(32));
      const sealed = await Promise.all(keys.map((key, i) => sealer.seal(`customer-${i}`, key)));
      const open = openSessions(token);
      expect(open).to.have.length(sessions);
      const openAll = async () => {
        const opened = await Promise.all(sealed.map((blob, i) => sealer.open(`customer-${i}`, blob)));
        opened.forEach((key, i) => expect(key.equals(keys[i])).to.equal(true));
      };

      // One session closed (with one session: the last, so the login is gone too).
      underneath(token, (pkcs11) => pkcs11.C_CloseSession(open[0]));
      expect(openSessions(token), 'closed underneath').to.have.length(sessions - 1);
      await openAll();
      expect(openSessions(token), 'reopened').to.have.length(sessions);

      // Every session closed at once, as when the HSM restarts.
      underneath(token, (pkcs11, slot) => pkcs11.C_CloseAllSessions(slot));
      expect(openSessions(token), 'all closed underneath').to.have.length(0);
      await openAll();
      expect(openSessions(token), 'reopened').to.have.length(sessions);

      await sealer.close();
      expect(() => openSessions(token), 'the library is finalised with its last sealer').to.throw('no sealer holds it');
    }
  });

  it('says in one line when a lost session cannot be reopened, and reopens it on the next request once it can', async () => {
    const sealer = sealerFor(KEY);
    const sealed = await sealer.seal('alice', Buffer.alloc(32, 1));
    const newPin = 'changed-underneath';
    const setPin = (from: string, to: string) =>
      underneath(token, (pkcs11, slot) => {
        const session = pkcs11.C_OpenSession(slot, ck.CKF_SERIAL_SESSION | ck.CKF_RW_SESSION);
        try {
          pkcs11.C_Login(session, ck.CKU_USER, from);
        } catch (error) {
          if ((error as Error).message !== 'CKR_USER_ALREADY_LOGGED_IN') throw error;
        }
        pkcs11.C_SetPIN(session, from, to);
        pkcs11.C_CloseAllSessions(slot);
      });
    setPin(token.pin, newPin);
    const error = await rejection(sealer.open('alice', sealed));
    expect(error.message).to.equal(
      `token "${token.label}" refused the user PIN (CKR_PIN_INCORRECT): check MOBIPASS_PKCS11_PIN_FILE or MOBIPASS_PKCS11_PIN; the token locks the PIN after a few wrong tries`,
    );
    setPin(newPin, token.pin);
    expect([...(await sealer.open('alice', sealed))]).to.deep.equal([...Buffer.alloc(32, 1)]);
  });

  it('waits for the seals and opens under way before it closes its sessions', async () => {
    const sealer = Pkcs11KeySealer.open(token.settings(KEY, 2));
    const keys = Array.from({ length: 30 }, () => randomBytes(32));
    const pending = keys.map((key, i) => sealer.seal(`customer-${i}`, key));
    await sealer.close();
    for (const sealed of await Promise.all(pending)) expect(sealed).to.have.length(12 + 16 + 32);
    expect((await rejection(sealer.seal('late', keys[0]))).message).to.equal('the HSM sessions are closed');
  });

  describe('mobipass-bank with the key in the HSM', () => {
    let env: NodeJS.ProcessEnv;
    beforeEach(() => {
      env = {
        ...process.env,
        ...token.env(KEY),
        MOBIPASS_DB: db.file,
        MOBIPASS_API_TOKEN: 'hsm-test-token-0123456789abcdef0123456789',
      };
      delete env.MOBIPASS_MASTER_KEY;
    });

    it('stops at start with one clear line: wrong PIN, no such token, no such key, a key that can leave the token, no library', () => {
      const serve = (changes: NodeJS.ProcessEnv) => runBankCli({ ...env, ...changes }, 'serve', '--port', '0');
      expectOneLineRefusal(
        serve({ MOBIPASS_PKCS11_PIN_FILE: '', MOBIPASS_PKCS11_PIN: '0000' }),
        5,
        `token "${token.label}" refused the user PIN (CKR_PIN_INCORRECT): check MOBIPASS_PKCS11_PIN_FILE or MOBIPASS_PKCS11_PIN; the token locks the PIN after a few wrong tries`,
      );
      expectOneLineRefusal(
        serve({ MOBIPASS_PKCS11_TOKEN: 'no-such-token' }),
        5,
        `no token labelled "no-such-token" in ${SOFTHSM_MODULE} (tokens there: "${token.label}"): check MOBIPASS_PKCS11_TOKEN`,
      );
      expectOneLineRefusal(
        serve({ MOBIPASS_PKCS11_KEY: 'no-such-key' }),
        5,
        `no key labelled "no-such-key" in token "${token.label}": check MOBIPASS_PKCS11_KEY, or create the key with mobipass-bank hsm-create-key`,
      );
      for (const [key, attribute] of [
        ['extractable', 'CKA_EXTRACTABLE'],
        ['not-sensitive', 'CKA_SENSITIVE false'],
      ])
        expectOneLineRefusal(
          serve({ MOBIPASS_PKCS11_KEY: key }),
          5,
          `the key "${key}" in token "${token.label}" can be read out of the token (${attribute}): MobiPass seals only with a key that never leaves the HSM; make one with mobipass-bank hsm-create-key`,
        );
      const missing = serve({ MOBIPASS_PKCS11_MODULE: '/nonexistent/libpkcs11.so' });
      expect(missing.status).to.equal(5);
      expect(missing.stderr).to.match(
        /^mobipass-bank: cannot load the PKCS#11 library \/nonexistent\/libpkcs11\.so \(MOBIPASS_PKCS11_MODULE\): [^\n]+\n$/,
      );
      expect(
        runBankCli({ ...env, MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX }, 'status', '--user', 'alice').stderr,
      ).to.equal(
        'mobipass-bank: both MOBIPASS_MASTER_KEY and MOBIPASS_PKCS11_MODULE are set: the current master key is either in the environment or in the HSM (an environment key the HSM key replaces goes in MOBIPASS_OLD_MASTER_KEYS)\n',
      );
    });

    it('hsm-create-key generates a sensitive, never extractable key in the token, once; the bank then seals with it', () => {
      const created = runBankCli(env, 'hsm-create-key', '--label', 'cli-key');
      expect(created.stderr).to.equal('');
      expect(created.stdout).to.equal(
        `created pkcs11:${token.label}/cli-key: AES-256, generated in the token, sensitive, never extractable (seal with it: MOBIPASS_PKCS11_KEY=cli-key)\n`,
      );
      const listed = pkcs11Tool(token, '--list-objects', '--type', 'secrkey', '--label', 'cli-key');
      expect(listed).to.match(/AES length 32/);
      expect(listed).to.match(/Access:\s+sensitive, always sensitive, never extractable, local/);
      expect(listed).to.match(/Usage:\s+encrypt, decrypt\n/);
      expectOneLineRefusal(
        runBankCli(env, 'hsm-create-key', '--label', 'cli-key'),
        5,
        `token "${token.label}" already has a key labelled "cli-key": choose another label (a key is never replaced)`,
      );
      expectOneLineRefusal(
        runBankCli({ ...env, MOBIPASS_PKCS11_KEY: '' }, 'hsm-create-key'),
        4,
        '--label is required (or MOBIPASS_PKCS11_KEY)',
      );

      env.MOBIPASS_PKCS11_KEY = 'cli-key';
      const issued = runBankCli(env, 'issue', '--user', 'alice', '--json');
      const phone = configPhone((JSON.parse(issued.stdout) as { parts: string[] }).parts);
      const challenge = JSON.parse(
        runBankCli(env, 'challenge', '--user', 'alice', ...PAYMENT_ARGS, '--json').stdout,
      ) as IssuedChallenge;
      const verify = (signature: string) =>
        runBankCli(env, 'verify', '--user', 'alice', '--challenge', challenge.challengeId, '--signature', signature);
      expect(verify(phone.answer(challenge)).stdout).to.equal('accepted\n');
      expectOneLineRefusal(
        runBankCli({ ...env, MOBIPASS_PKCS11_KEY: KEY }, 'status', '--user', 'alice'),
        5,
        `this database's master key is pkcs11:${token.label}/cli-key, which this server does not have (it has pkcs11:${token.label}/${KEY})`,
      );
    });
  });
});
