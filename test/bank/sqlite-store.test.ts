import Database from 'better-sqlite3';
import { expect } from 'chai';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/bank/store/migrations';
import { SqliteStore } from '../../src/bank/store/sqlite-store';
import { TempDatabase } from './support/bank-fixture';

const AUDIT = { at: 1, instance: 'test-instance', actor: 'test' };
const CHALLENGE = {
  id: 'c'.repeat(32),
  userId: 'alice',
  documentId: 'd',
  code: '123456',
  amount: null,
  payee: null,
  createdAt: 1,
  expiresAt: 2,
  usedAt: null,
};
/** As it is added: for key 1, with its code's value. */
const NEW_CHALLENGE = { ...CHALLENGE, keySerial: 1, codeValue: '123456' };

describe('bank SQLite store (what only SQLite does; the rest in bank.test.ts for every store)', () => {
  let db: TempDatabase;
  beforeEach(() => {
    db = new TempDatabase();
  });
  afterEach(() => db.cleanup());

  it('commits the writes of one event-loop turn together, each with its own result or error', async () => {
    const store = new SqliteStore(db.file);
    await store.putKey(
      'alice',
      { blob: Buffer.alloc(60, 1), keyId: 'env:0000000000000000' },
      'OCRA-1:HOTP-SHA256-8:QN08',
      0,
      AUDIT,
    );
    expect(await store.addChallenge(NEW_CHALLENGE, AUDIT)).to.equal(true);
    // The same id with a new code: the challenges table refuses it (an error), and its code is not kept.
    const [duplicate, blocked, unknown] = await Promise.allSettled([
      store.addChallenge({ ...NEW_CHALLENGE, code: '654321', codeValue: '654321' }, AUDIT),
      store.setBlocked('alice', true, AUDIT),
      store.setBlocked('bob', true, AUDIT),
    ]);
    expect(duplicate.status).to.equal('rejected');
    expect(blocked).to.deep.equal({ status: 'fulfilled', value: true });
    expect(unknown).to.deep.equal({ status: 'fulfilled', value: false });
    await store.close();
    const reopened = new SqliteStore(db.file);
    expect((await reopened.getCustomer('alice'))?.blocked).to.equal(true);
    expect((await reopened.getVerification('alice', CHALLENGE.id)).challenge).to.deep.equal(CHALLENGE);
    // The failed duplicate's audit record went with it; the block's stayed.
    expect((await reopened.readAudit('alice', 0)).map((record) => record.event)).to.deep.equal([
      'issue',
      'challenge',
      'block',
    ]);
    const next = { ...NEW_CHALLENGE, id: 'e'.repeat(32), code: '654321', codeValue: '654321' };
    expect(await reopened.addChallenge(next, AUDIT)).to.equal(true, 'the refused write left its code free');
    expect(await reopened.addChallenge({ ...next, id: 'f'.repeat(32) }, AUDIT)).to.equal(false, 'a repeat');
    await reopened.close();
  });

  it('while the server holds the file exclusively, another opener is told what to do', async () => {
    const server = new SqliteStore(db.file, { exclusive: true });
    await server.putKey(
      'alice',
      { blob: Buffer.alloc(60, 1), keyId: 'env:0000000000000000' },
      'OCRA-1:HOTP-SHA256-8:QN08',
      0,
      AUDIT,
    );
    expect(() => new SqliteStore(db.file)).to.throw(
      `the database ${db.file} is in use by a running mobipass-bank serve: use its HTTP API, stop it first, or start it with MOBIPASS_SQLITE_LOCKING=shared`,
    );
    await server.close();
    const after = new SqliteStore(db.file);
    expect((await after.getCustomer('alice'))?.failures).to.equal(0);
    await after.close();
  });

  it('upgrades a file made before schema versions, keeping its data', async () => {
    const old = new TempDatabase();
    try {
      const raw = new Database(old.file);
      raw.exec(MIGRATIONS[0].sqlite);
      raw
        .prepare("INSERT INTO customers (user_id, sealed_key, suite, updated_at) VALUES ('alice', x'01', 's', 1)")
        .run();
      raw.close();
      expect(userVersion(old.file)).to.equal(0);
      const upgraded = new SqliteStore(old.file);
      expect((await upgraded.getCustomer('alice'))?.suite).to.equal('s');
      await upgraded.close();
      expect(userVersion(old.file)).to.equal(SCHEMA_VERSION);
    } finally {
      old.cleanup();
    }
  });
});

function userVersion(file: string): number {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.pragma('user_version', { simple: true }) as number;
  } finally {
    raw.close();
  }
}
