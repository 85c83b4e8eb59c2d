import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { EnvKeySealer } from '../../src/bank/sealer/env-key-sealer';
import { MasterKeys } from '../../src/bank/sealer/master-keys';
import { Bank } from '../../src/bank/bank';
import { BankError } from '../../src/bank/errors';
import { SCHEMA_VERSION } from '../../src/bank/store/migrations';
import { openStore } from '../../src/bank/store/open-store';
import { rotateMasterKey } from '../../src/bank/rotation/master-key-rotation';
import { sharedPostgres, type PostgresCluster } from '../support/postgres-cluster';
import { TEST_MASTER_KEY, testMasterKeys } from './support/bank-fixture';
import { TestPhone } from './support/phone';

const DEPLOY = readFileSync(join(__dirname, '..', '..', 'docs', 'DEPLOY.md'), 'utf8');

/** The SQL block of docs/DEPLOY.md that follows this marker comment. */
function documentedSql(marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\s*\`\`\`sql\\n([\\s\\S]*?)\`\`\``).exec(DEPLOY);
  if (!match) throw new Error(`docs/DEPLOY.md has no SQL block marked ${marker}`);
  return match[1];
}

const setting = (url: string) => ({ kind: 'postgres' as const, url, poolSize: 4, timeoutMs: 5000 });

describe('bank PostgreSQL store (what only PostgreSQL does; the rest in bank.test.ts for every store)', function () {
  this.timeout(60000);
  let cluster: PostgresCluster;
  before(async () => {
    cluster = await sharedPostgres();
  });

  it('lets several instances start at once on an empty database: one migrates, none fails', async () => {
    const url = await cluster.createDatabase();
    const stores = await Promise.all(Array.from({ length: 6 }, () => openStore(setting(url))));
    await Promise.all(stores.map((store) => store.close()));
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT version FROM mobipass_schema');
    await client.end();
    expect(rows).to.deep.equal([{ version: SCHEMA_VERSION }]);
  });

  it("runs as docs/DEPLOY.md's least-privilege server role (also rotate-master-key), which cannot change or delete the audit trail or a retirement", async () => {
    // The cluster trusts loopback connections: the documented passwords are left out.
    const roles = documentedSql('roles').replace(/ PASSWORD '[^']*'/g, '');
    for (const statement of roles.split(';').filter((text) => text.trim())) await cluster.admin(statement);
    const database = 'mobipass';
    const owner = cluster.url(database).replace('postgres@', 'mobipass_owner@');
    const server = cluster.url(database).replace('postgres@', 'mobipass_server@');
    await (await openStore(setting(owner))).close(); // `mobipass-bank migrate` as the owner
    await cluster.admin(documentedSql('grants'), database);

    const bank = await Bank.open({
      store: await openStore(setting(server)),
      keys: testMasterKeys(),
      instance: 'test',
    });
    try {
      const phone = new TestPhone(await bank.issue('alice', 'backend'));
      const challenge = await bank.challenge('alice', 'payment-1', 'backend');
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code), 'backend')).to.deep.equal({
        result: 'accepted',
      });
      await bank.block('alice', 'support');
      await bank.keepAnnouncing();
      expect(await bank.purgeOldChallenges()).to.equal(0);
    } finally {
      await bank.close();
    }
    // rotate-master-key and a retirement, run with the same role.
    const newKeys = new MasterKeys(new EnvKeySealer(Buffer.alloc(32, 5)), [new EnvKeySealer(TEST_MASTER_KEY)]);
    const store = await openStore(setting(server));
    const context = { at: Date.now(), instance: 'rotation', actor: 'cli' };
    try {
      await store.announceInstance({
        instance: 'test',
        sealsWith: newKeys.current.keyId,
        opensWith: newKeys.ids,
        startedAt: 0,
      });
      expect(
        (await rotateMasterKey(store, newKeys, { batchSize: 10, pauseMs: 0, context: () => context })).moved,
      ).to.equal(1);
      expect(await store.retireMasterKey(newKeys.older[0].keyId, context)).to.deep.equal({
        customers: 0,
        unlabelled: 0,
        probe: false,
      });
      expect((await store.readAudit('alice', 0)).map((record) => record.event)).to.deep.equal([
        'issue',
        'challenge',
        'verify',
        'block',
        'reseal',
      ]);
    } finally {
      await store.close();
      await newKeys.close();
    }
    const client = new Client({ connectionString: server });
    await client.connect();
    try {
      for (const change of [
        "UPDATE audit SET actor = 'x'",
        'DELETE FROM audit',
        'TRUNCATE audit',
        'DROP TABLE audit',
        'DELETE FROM retired_master_keys',
      ]) {
        const error = await client.query(change).catch((refused: Error) => refused);
        expect((error as Error).message, change).to.match(/^(permission denied|must be owner)/);
      }
    } finally {
      await client.end();
    }
  });

  it('is not ready while its database is read-only (a standby, or a demoted primary), and ready again once it is writable', async () => {
    const url = await cluster.createDatabase();
    const name = url.split('/').pop() as string;
    const bank = await Bank.open({
      store: await openStore(setting(url)),
      keys: testMasterKeys(),
    });
    try {
      await bank.ready();
      // The setting reaches new sessions only: the server's open connections are dropped, as a failover does.
      const switchTo = async (readOnly: boolean) => {
        await cluster.admin(
          `ALTER DATABASE ${name} ${readOnly ? 'SET default_transaction_read_only = on' : 'RESET ALL'}`,
        );
        await cluster.admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
      };
      /** The readiness verdict once the pool has replaced the dropped connections (within 5 s). */
      const verdictAfterReconnect = async (expected: string): Promise<string> => {
        let verdict = '';
        for (const deadline = Date.now() + 5000; verdict !== expected && Date.now() < deadline;) {
          verdict = await bank.ready().then(
            () => 'ready',
            (error: BankError) => `${error.code}: ${error.message}`,
          );
        }
        return verdict;
      };
      await switchTo(true);
      const notReady = 'database_unavailable: the database is read-only (a standby, not the primary): not ready';
      expect(await verdictAfterReconnect(notReady)).to.equal(notReady);
      await switchTo(false);
      expect(await verdictAfterReconnect('ready')).to.equal('ready');
    } finally {
      await bank.close();
    }
  });

  it('answers database_unavailable, not an internal error, on a read-only database (as a standby is)', async () => {
    const url = await cluster.createDatabase();
    const bank = await Bank.open({
      store: await openStore(setting(url)),
      keys: testMasterKeys(),
    });
    await bank.issue('alice', 'backend');
    await bank.close();
    await cluster.admin(`ALTER DATABASE ${url.split('/').pop()} SET default_transaction_read_only = on`);
    const readOnly = await Bank.open({
      store: await openStore(setting(url)),
      keys: testMasterKeys(),
    }).catch((error: BankError) => error);
    expect(readOnly).to.be.instanceOf(BankError);
    expect((readOnly as BankError).code).to.equal('database_unavailable');
    expect((readOnly as BankError).status).to.equal(503);
  });
});
