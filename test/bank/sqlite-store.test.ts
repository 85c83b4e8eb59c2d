import { expect } from 'chai';
import { SqliteStore } from '../../src/bank/store/sqlite-store';
import { TempDatabase } from './support/bank-fixture';

const CHALLENGE = {
  id: 'c'.repeat(32),
  userId: 'alice',
  documentId: 'd',
  code: '123456',
  createdAt: 1,
  expiresAt: 2,
  usedAt: null,
};

describe('bank SQLite store', () => {
  let db: TempDatabase;
  beforeEach(() => {
    db = new TempDatabase();
  });
  afterEach(() => db.cleanup());

  it('commits the writes of one event-loop turn together, each with its own result or error', async () => {
    const store = new SqliteStore(db.file);
    await store.putKey('alice', Buffer.alloc(60, 1), 'OCRA-1:HOTP-SHA256-8:QN08', 1);
    await store.addChallenge(CHALLENGE);
    const [duplicate, blocked, unknown] = await Promise.allSettled([
      store.addChallenge(CHALLENGE),
      store.setBlocked('alice', true, 2),
      store.setBlocked('bob', true, 2),
    ]);
    expect(duplicate.status).to.equal('rejected');
    expect(blocked).to.deep.equal({ status: 'fulfilled', value: true });
    expect(unknown).to.deep.equal({ status: 'fulfilled', value: false });
    await store.close();
    const reopened = new SqliteStore(db.file);
    expect((await reopened.getCustomer('alice'))?.blocked).to.equal(true);
    expect(await reopened.getChallenge(CHALLENGE.id)).to.deep.equal(CHALLENGE);
    await reopened.close();
  });

  it('while the server holds the file exclusively, another opener is told what to do', async () => {
    const server = new SqliteStore(db.file, { exclusive: true });
    await server.putKey('alice', Buffer.alloc(60, 1), 'OCRA-1:HOTP-SHA256-8:QN08', 1);
    expect(() => new SqliteStore(db.file)).to.throw(
      `the database ${db.file} is in use by a running mobipass-bank serve: use its HTTP API, or stop it first`,
    );
    await server.close();
    const after = new SqliteStore(db.file);
    expect((await after.getCustomer('alice'))?.failures).to.equal(0);
    await after.close();
  });
});
