import { expect } from 'chai';
import { Bank } from '../../src/bank/bank';
import { newActivationCode } from '../../src/bank/codes';
import { BankError } from '../../src/bank/errors';
import { PROBE_LABEL } from '../../src/bank/master-key-probe';
import { rotateMasterKey, type RotationOptions } from '../../src/bank/rotation/master-key-rotation';
import { EnvKeySealer } from '../../src/bank/sealer/env-key-sealer';
import { MasterKeys } from '../../src/bank/sealer/master-keys';
import { MIGRATIONS } from '../../src/bank/store/migrations';
import type { AuditRecord, BankStore } from '../../src/bank/store/store';
import { activationKey } from '../../src/core/activation';
import { TEST_ACTOR, TEST_MASTER_KEY } from './support/bank-fixture';
import { TestPhone } from './support/phone';
import { rejection } from './support/rejection';
import { STORE_KINDS, type TestDatabase } from './support/stores';

const OLD_KEY = TEST_MASTER_KEY;
const NEW_KEY = Buffer.alloc(32, 0x42);
const OTHER_KEY = Buffer.alloc(32, 0x17);
const idOf = (key: Buffer) => new EnvKeySealer(key).keyId;
const OLD_ID = idOf(OLD_KEY);
const NEW_ID = idOf(NEW_KEY);

/** A server's keys: the current one, then those it still opens with. */
function keysOf(current: Buffer, ...older: Buffer[]): MasterKeys {
  return new MasterKeys(
    new EnvKeySealer(current),
    older.map((key) => new EnvKeySealer(key)),
  );
}

const context = () => ({ at: Date.now(), instance: 'rotation-test', actor: 'cli' });

for (const kind of STORE_KINDS)
  describe(`master keys on ${kind.name}: key ids, several keys, rotation, retirement`, function () {
    this.timeout(60000);
    let db: TestDatabase;
    beforeEach(async () => (db = await kind.create()));
    afterEach(() => db.cleanup());

    const bankWith = async (keys: MasterKeys) => Bank.open({ store: await db.open(), keys, instance: 'test-instance' });

    async function withStore<T>(use: (store: BankStore) => Promise<T>): Promise<T> {
      const store = await db.open();
      try {
        return await use(store);
      } finally {
        await store.close();
      }
    }

    /** What test-instance, a running server, said it has. */
    const announce = (sealsWith: string, opensWith: string[]) =>
      withStore((store) => store.announceInstance({ instance: 'test-instance', sealsWith, opensWith, startedAt: 0 }));

    /** rotate-master-key's run with these keys (closed after), in batches of 4 unless told. */
    const rotate = (keys: MasterKeys, options: Partial<RotationOptions> = {}) =>
      withStore((store) => rotateMasterKey(store, keys, { batchSize: 4, pauseMs: 0, context, ...options })).finally(
        () => keys.close(),
      );

    async function issueTo(bank: Bank, count: number): Promise<Map<string, TestPhone>> {
      const phones = new Map<string, TestPhone>();
      for (let i = 0; i < count; i++)
        phones.set(`customer-${i}`, new TestPhone(await bank.issue(`customer-${i}`, TEST_ACTOR)));
      return phones;
    }

    async function expectAllVerify(bank: Bank, phones: Map<string, TestPhone>): Promise<void> {
      for (const [user, phone] of phones) {
        const challenge = await bank.challenge(user, 'payment', TEST_ACTOR);
        const verdict = await bank.verify(user, challenge.challengeId, phone.sign(challenge.code), TEST_ACTOR);
        expect(verdict, user).to.deep.equal({ result: 'accepted' });
      }
    }

    it('records the id of the master key that sealed each key and the probe', async () => {
      const bank = await bankWith(keysOf(OLD_KEY));
      await issueTo(bank, 3);
      await bank.revoke('customer-2', TEST_ACTOR);
      await bank.close();
      await withStore(async (store) => {
        expect((await store.getCustomer('customer-0'))?.masterKeyId).to.equal(OLD_ID);
        expect((await store.getCustomer('customer-2'))?.masterKeyId, 'revoked: no key, no key id').to.equal(null);
        expect((await store.readProbe())?.keyId).to.equal(OLD_ID);
        expect(await store.masterKeyCounts()).to.deep.equal([{ keyId: OLD_ID, customers: 2 }]);
        expect((await store.readAudit('customer-0', 0))[0]).to.include({ event: 'issue', masterKeyId: OLD_ID });
      });
    });

    it('moves every key under a new key in batches (environment → new environment key), K and key serial unchanged, each with its audit record; then the new key alone verifies everyone', async () => {
      const bank = await bankWith(keysOf(OLD_KEY));
      const phones = await issueTo(bank, 10);
      await bank.issue('customer-0', TEST_ACTOR).then((parts) => phones.set('customer-0', new TestPhone(parts)));
      await bank.revoke('customer-9', TEST_ACTOR);
      phones.delete('customer-9');
      await bank.close();

      const batches: number[] = [];
      const result = await rotate(keysOf(NEW_KEY, OLD_KEY), {
        onBatch: (batch) => batches.push(batch.moved.get(OLD_ID) ?? 0),
      });
      expect(batches).to.deep.equal([4, 4, 1]);
      expect([result.batches, result.moved, result.labelled, result.changedMeanwhile]).to.deep.equal([3, 9, 0, 0]);
      expect(result.counts).to.deep.equal([{ keyId: NEW_ID, customers: 9 }]);
      expect((await rotate(keysOf(NEW_KEY, OLD_KEY))).batches, 'a second run finds nothing to do').to.equal(0);

      const records = await withStore((store) => store.readAudit('customer-0', 0));
      const reseal = records.filter((record) => record.event === 'reseal');
      expect(reseal).to.have.length(1);
      expect(reseal[0]).to.deep.include({
        instance: 'rotation-test',
        actor: 'cli',
        userId: 'customer-0',
        keySerial: 2,
        masterKeyId: NEW_ID,
        previousMasterKeyId: OLD_ID,
      });
      expect(await withStore((store) => store.readAudit('customer-9', 0))).to.satisfy((all: AuditRecord[]) =>
        all.every((record) => record.event !== 'reseal'),
      );

      const after = await bankWith(keysOf(NEW_KEY));
      await expectAllVerify(after, phones);
      expect(await after.status('customer-0')).to.deep.equal({ user: 'customer-0', status: 'active', failures: 0 });
      await after.close();
      const error = await rejection(bankWith(keysOf(OLD_KEY)));
      expect(error.message).to.equal(
        `this database's master key is ${NEW_ID}, which this server does not have (it has ${OLD_ID})`,
      );
    });

    it('switches only rows that still hold the sealed key it read: a key issued or revoked meanwhile is left as it is', async () => {
      const bank = await bankWith(keysOf(NEW_KEY, OLD_KEY));
      await withStore(async (store) => {
        for (const user of ['ann', 'ben', 'cid'])
          await store.putKey(
            user,
            await keysOf(OLD_KEY).seal(user, Buffer.alloc(32, 1)),
            'OCRA-1:HOTP-SHA256-8:QN08',
            0,
            context(),
          );
      });
      const read = await withStore((store) => store.keysNotUnder(NEW_ID, '', 10));
      expect(read.map((row) => row.userId)).to.deep.equal(['ann', 'ben', 'cid']);
      const annPhone = new TestPhone(await bank.issue('ann', TEST_ACTOR));
      await bank.revoke('ben', TEST_ACTOR);
      const keys = keysOf(NEW_KEY);
      const reseals = await Promise.all(
        read.map(async ({ userId, sealed }) => ({
          userId,
          from: sealed.blob,
          to: await keys.seal(userId, Buffer.alloc(32, 1)),
          previousKeyId: OLD_ID,
        })),
      );
      expect(await withStore((store) => store.resealKeys(reseals, context()))).to.deep.equal(['cid']);
      await expectAllVerify(bank, new Map([['ann', annPhone]]));
      expect((await bank.status('ben')).status).to.equal('revoked');
      await bank.close();
      await withStore(async (store) => {
        expect((await store.getCustomer('cid'))?.masterKeyId).to.equal(NEW_ID);
        for (const user of ['ann', 'ben', 'cid'])
          expect(
            (await store.readAudit(user, 0)).filter((r) => r.event === 'reseal'),
            user,
          ).to.have.length(user === 'cid' ? 1 : 0);
      });
    });

    it("upgrades a database from before key ids (schema step 2): every customer still verifies, the first server records the probe's key id, and rotate-master-key records every key's", async () => {
      const phones = await databaseBeforeStep4(db, 6);
      await withStore(async (store) => {
        expect((await store.readProbe())?.keyId, 'the probe, before any server started').to.equal(null);
        expect(await store.masterKeyCounts()).to.deep.equal([{ keyId: null, customers: 6 }]);
      });
      // A server of this version that seals with a new key and still has the old one: keys without an
      // id open under whichever key their tag verifies with.
      const bank = await bankWith(keysOf(NEW_KEY, OLD_KEY));
      await expectAllVerify(bank, phones);
      await bank.close();
      expect((await withStore((store) => store.readProbe()))?.keyId, 'recorded by the first server').to.equal(OLD_ID);

      const labelled = await rotate(keysOf(OLD_KEY));
      expect([labelled.moved, labelled.labelled]).to.deep.equal([0, 6]);
      expect(labelled.counts).to.deep.equal([{ keyId: OLD_ID, customers: 6 }]);
      const record = (await withStore((store) => store.readAudit('customer-0', 0))).find((r) => r.event === 'reseal');
      expect(record).to.deep.include({ masterKeyId: OLD_ID, previousMasterKeyId: OLD_ID });

      const moved = await rotate(keysOf(NEW_KEY, OLD_KEY));
      expect([moved.moved, moved.labelled]).to.deep.equal([6, 0]);
      const after = await bankWith(keysOf(NEW_KEY));
      await expectAllVerify(after, phones);
      await after.close();
    });

    it('leaves the keys this run cannot open and says so; a run that has their key finishes', async () => {
      const bank = await bankWith(keysOf(OTHER_KEY, OLD_KEY));
      await issueTo(bank, 2);
      await bank.close();
      const bank2 = await bankWith(keysOf(OLD_KEY, OTHER_KEY));
      await bank2.issue('customer-9', TEST_ACTOR);
      await bank2.close();
      const partial = await rotate(keysOf(NEW_KEY, OTHER_KEY));
      expect([...partial.unopened]).to.deep.equal([[OLD_ID, 1]]);
      expect(partial.counts).to.deep.equal([
        { keyId: NEW_ID, customers: 2 },
        { keyId: OLD_ID, customers: 1 },
      ]);
      const rest = await rotate(keysOf(NEW_KEY, OLD_KEY));
      expect([rest.moved, rest.unopened.size]).to.deep.equal([1, 0]);
      expect(rest.counts).to.deep.equal([{ keyId: NEW_ID, customers: 3 }]);
    });

    it('retires a key only when nothing uses it; then no key is sealed under it and no server starts with it as its current key', async () => {
      const bank = await bankWith(keysOf(OLD_KEY));
      await issueTo(bank, 3);
      await bank.close();
      const retire = (keyId: string) => withStore((store) => store.retireMasterKey(keyId, context()));
      expect(await retire(OLD_ID)).to.deep.equal({ customers: 3, unlabelled: 0, probe: true });
      await db.exec("UPDATE customers SET master_key_id = NULL WHERE user_id = 'customer-0'");
      expect(await retire(NEW_ID), 'a key without an id may be under any key').to.deep.equal({
        customers: 0,
        unlabelled: 1,
        probe: false,
      });
      await rotate(keysOf(NEW_KEY, OLD_KEY));
      expect(await withStore((store) => store.retiredMasterKeys())).to.deep.equal([]);
      expect(await retire(OLD_ID)).to.deep.equal({ customers: 0, unlabelled: 0, probe: false });
      expect(await retire(OLD_ID), 'again: nothing changes').to.deep.equal({
        customers: 0,
        unlabelled: 0,
        probe: false,
      });
      const retired = await withStore((store) => store.retiredMasterKeys());
      expect(retired.map(({ keyId, instance, actor }) => ({ keyId, instance, actor }))).to.deep.equal([
        { keyId: OLD_ID, instance: 'rotation-test', actor: 'cli' },
      ]);

      const error = await rejection(bankWith(keysOf(OLD_KEY, NEW_KEY)));
      expect(error.message).to.equal(
        `the current master key ${OLD_ID} was retired on ${new Date(retired[0].at).toISOString()}: seal with the master key that replaced it`,
      );
      const refused = await rejection(
        withStore(async (store) =>
          store.putKey(
            'late',
            await keysOf(OLD_KEY).seal('late', Buffer.alloc(32)),
            'OCRA-1:HOTP-SHA256-8:QN08',
            0,
            context(),
          ),
        ),
      );
      expect(refused).to.be.instanceOf(BankError);
      expect(refused.message).to.equal(
        `the master key ${OLD_ID} is retired: this server must seal with the current master key (docs/BANK.md, «Rotating the master key»)`,
      );
      expect(await withStore((store) => store.getCustomer('late'))).to.equal(undefined);
      const stillOpens = await bankWith(keysOf(NEW_KEY, OLD_KEY));
      await stillOpens.close();
    });

    it('refuses to rotate while a running server lacks the new key or seals with another; once it moves the probe, a server with the old key alone is not ready', async () => {
      // A server that said which keys it has, moments ago (its row stays live for LIVE_WITHIN_MS).
      const announced = await bankWith(keysOf(OLD_KEY));
      await announced.keepAnnouncing();
      await issueTo(announced, 2);
      await announced.close();
      const running = await bankWith(keysOf(OLD_KEY));
      const refused = await rejection(rotate(keysOf(NEW_KEY, OLD_KEY)));
      expect(refused.message).to.equal(
        `running servers do not have the master key ${NEW_ID}: test-instance: give every server the new key first (docs/DEPLOY.md, «Rotating the master key»)`,
      );
      await announce(OLD_ID, [OLD_ID, NEW_ID]);
      expect((await rejection(rotate(keysOf(NEW_KEY, OLD_KEY)))).message).to.equal(
        `running servers still seal with another master key: test-instance (${OLD_ID}): make ${NEW_ID} their current key first (docs/DEPLOY.md, «Rotating the master key»)`,
      );
      expect((await withStore((store) => store.readProbe()))?.keyId, 'nothing moved').to.equal(OLD_ID);
      await running.ready();

      await announce(NEW_ID, [NEW_ID, OLD_ID]);
      await rotate(keysOf(NEW_KEY, OLD_KEY));
      const probe = await withStore((store) => store.readProbe());
      expect(probe?.keyId).to.equal(NEW_ID);
      expect((await keysOf(NEW_KEY).open(PROBE_LABEL, probe!)).keyId).to.equal(NEW_ID);
      const notReady = await rejection(running.ready());
      expect(notReady.message).to.equal(
        `this database's master key is ${NEW_ID}, which this server does not have (it has ${OLD_ID})`,
      );
      await running.close();
    });
  });

/**
 * A database as mobipass-bank made it before schema step 4: steps 1 and 2 only, the probe and the
 * customers' keys sealed under the test master key with no key id; returns the customers' phones.
 */
async function databaseBeforeStep4(db: TestDatabase, customers: number): Promise<Map<string, TestPhone>> {
  const dialect = db.setting.kind;
  if (dialect === 'postgres')
    await db.exec('CREATE TABLE mobipass_schema (version INTEGER NOT NULL); INSERT INTO mobipass_schema VALUES (0)');
  for (const step of MIGRATIONS.filter((migration) => migration.version <= 2)) await db.exec(step[dialect]);
  await db.setSchemaVersion(2);
  const sealer = new EnvKeySealer(OLD_KEY);
  const blob = (sealed: Buffer) =>
    dialect === 'sqlite' ? `x'${sealed.toString('hex')}'` : `'\\x${sealed.toString('hex')}'`;
  const probe = await sealer.seal(PROBE_LABEL, Buffer.alloc(32, 3));
  await db.exec(`INSERT INTO meta (name, value) VALUES ('master_key_probe', ${blob(probe)})`);
  const phones = new Map<string, TestPhone>();
  for (let i = 0; i < customers; i++) {
    const parts = newActivationCode();
    const sealed = await sealer.seal(`customer-${i}`, activationKey(parts));
    await db.exec(
      `INSERT INTO customers (user_id, sealed_key, suite, updated_at) VALUES ('customer-${i}', ${blob(sealed)}, 'OCRA-1:HOTP-SHA256-8:QN08', 1)`,
    );
    phones.set(`customer-${i}`, new TestPhone(parts));
  }
  return phones;
}
