import { expect } from 'chai';
import { activationKey, findActivationError } from '../../src/core/activation';
import { toHex } from '../../src/core/bytes';
import { AUDIT_APPEND_ONLY, SCHEMA_VERSION } from '../../src/bank/store/migrations';
import { Bank } from '../../src/bank/bank';
import { MasterKeys } from '../../src/bank/sealer/master-keys';
import { ManualClock, TEST_ACTOR, type TestBankOptions } from './support/bank-fixture';
import { refusal } from './support/rejection';
import { TestPhone, wrongSignature } from './support/phone';
import { ENV_SEALING, SOFTHSM_SEALING } from './support/sealings';
import { STORE_KINDS, type TestDatabase } from './support/stores';

/** Every store with the master key in memory, and SQLite with the key in SoftHSM2: one suite for each. */
const SETUPS = [
  ...STORE_KINDS.map((kind) => ({ kind, sealing: ENV_SEALING })),
  { kind: STORE_KINDS[0], sealing: SOFTHSM_SEALING },
];

for (const { kind, sealing } of SETUPS)
  describe(`bank on ${kind.name}, ${sealing.name}: issue, challenge, verify`, () => {
    let db: TestDatabase;
    let clock: ManualClock;
    let bank: Bank;
    let phone: TestPhone;

    before(() => sealing.setUp());
    after(() => sealing.tearDown());

    async function openBank(options: TestBankOptions = {}): Promise<Bank> {
      const { sealer, ...rest } = options;
      return Bank.open({
        store: await db.open(),
        instance: 'test-instance',
        ...rest,
        keys: options.keys ?? new MasterKeys(sealer ?? (await sealing.sealer())),
      });
    }

    beforeEach(async () => {
      db = await kind.create();
      clock = new ManualClock();
      bank = await openBank({ now: clock.now });
      phone = new TestPhone(await bank.issue('alice', TEST_ACTOR));
    });

    afterEach(async () => {
      await bank.close();
      await db.cleanup();
    });

    async function answer(user: string, signer: TestPhone, wrong = false) {
      const challenge = await bank.challenge(user, 'payment-1', TEST_ACTOR);
      const right = signer.sign(challenge.code);
      return bank.verify(user, challenge.challengeId, wrong ? wrongSignature(right) : right, TEST_ACTOR);
    }

    it('issues 4 valid envelope parts and stores neither them nor K in the clear', async () => {
      const parts = await bank.issue('bob', TEST_ACTOR);
      expect(parts).to.have.length(4);
      expect(findActivationError(parts)).to.equal(null);
      await bank.close();
      const file = await db.contents();
      expect(file).to.include('bob');
      expect(file).not.to.include(parts.map((p) => p.slice(0, 7)).join(''));
      for (const part of parts) expect(file).not.to.include(part);
      expect(file).not.to.include(toHex(activationKey(parts)));
      expect(file).not.to.include(Buffer.from(activationKey(parts)).toString('latin1'));
      bank = await openBank({ now: clock.now });
    });

    it('gives a fresh 6-digit document code per challenge, bound to customer and document', async () => {
      const codes = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const challenge = await bank.challenge('alice', `doc-${i}`, TEST_ACTOR);
        expect(challenge.code).to.match(/^\d{6}$/);
        expect(challenge.documentId).to.equal(`doc-${i}`);
        expect(challenge.expiresAt).to.equal(clock.time + 5 * 60 * 1000);
        codes.add(challenge.code);
      }
      expect(codes.size).to.be.greaterThan(15);
    });

    it('accepts the right signature once; a replay is refused as used', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      const signature = phone.sign(challenge.code);
      expect(await bank.verify('alice', challenge.challengeId, signature, TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
      expect(await bank.verify('alice', challenge.challengeId, signature, TEST_ACTOR)).to.deep.equal({
        result: 'used',
      });
    });

    it('counts wrong answers, says how many attempts are left, and blocks on the third', async () => {
      expect(await answer('alice', phone, true)).to.deep.equal({ result: 'rejected', attemptsLeft: 2 });
      expect(await answer('alice', phone, true)).to.deep.equal({ result: 'rejected', attemptsLeft: 1 });
      expect(await answer('alice', phone, true)).to.deep.equal({ result: 'blocked' });
      expect((await bank.status('alice')).status).to.equal('blocked');
      expect((await refusal(bank.challenge('alice', 'payment-2', TEST_ACTOR))).code).to.equal('blocked');
    });

    it('lets the customer retry the same document code after a wrong PIN', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      const wrongPin = phone.sign(challenge.code, '1357');
      expect(await bank.verify('alice', challenge.challengeId, wrongPin, TEST_ACTOR)).to.deep.equal({
        result: 'rejected',
        attemptsLeft: 2,
      });
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code), TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
    });

    it('resets the failure count on success: only consecutive wrong answers block', async () => {
      await answer('alice', phone, true);
      await answer('alice', phone, true);
      expect(await answer('alice', phone)).to.deep.equal({ result: 'accepted' });
      expect((await bank.status('alice')).failures).to.equal(0);
      expect(await answer('alice', phone, true)).to.deep.equal({ result: 'rejected', attemptsLeft: 2 });
    });

    it('refuses a blocked customer even with the right answer, without counting', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      await bank.block('alice', TEST_ACTOR);
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code), TEST_ACTOR)).to.deep.equal({
        result: 'blocked',
      });
      expect(await bank.status('alice')).to.deep.equal({ user: 'alice', status: 'blocked', failures: 0 });
    });

    it('unblock resets the count and the same open challenge can then be answered', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      for (let i = 0; i < 3; i++)
        await bank.verify('alice', challenge.challengeId, wrongSignature(phone.sign(challenge.code)), TEST_ACTOR);
      expect(await bank.unblock('alice', TEST_ACTOR)).to.deep.equal({ user: 'alice', status: 'active', failures: 0 });
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code), TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
    });

    it('refuses an expired challenge after 5 minutes, without counting', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      clock.advance(5 * 60 * 1000 - 1);
      const inTime = await bank.challenge('alice', 'payment-2', TEST_ACTOR);
      clock.advance(1);
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code), TEST_ACTOR)).to.deep.equal({
        result: 'expired',
      });
      expect(
        await bank.verify('alice', challenge.challengeId, wrongSignature(phone.sign(challenge.code)), TEST_ACTOR),
      ).to.deep.equal({ result: 'expired' });
      expect((await bank.status('alice')).failures).to.equal(0);
      expect(await bank.verify('alice', inTime.challengeId, phone.sign(inTime.code), TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
    });

    it("refuses an unknown challenge and another customer's challenge as unknown", async () => {
      const bobPhone = new TestPhone(await bank.issue('bob', TEST_ACTOR));
      const bobs = await bank.challenge('bob', 'payment-9', TEST_ACTOR);
      expect(await bank.verify('alice', 'f'.repeat(32), '12345678', TEST_ACTOR)).to.deep.equal({
        result: 'unknown_challenge',
      });
      expect(await bank.verify('alice', bobs.challengeId, bobPhone.sign(bobs.code), TEST_ACTOR)).to.deep.equal({
        result: 'unknown_challenge',
      });
      expect((await bank.status('alice')).failures).to.equal(0);
    });

    it('refuses a signature of the wrong shape as bad input without counting it', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      for (const bad of ['1234567', '123456789', '1234567a', '']) {
        const error = await refusal(bank.verify('alice', challenge.challengeId, bad, TEST_ACTOR));
        expect(error.code).to.equal('bad_input');
        expect(error.message).to.equal('the signature value must be 8 digits');
      }
      expect((await bank.status('alice')).failures).to.equal(0);
    });

    it('refuses unknown customers everywhere', async () => {
      const attempts = [
        () => bank.challenge('nobody', 'd', TEST_ACTOR),
        () => bank.verify('nobody', 'a'.repeat(32), '12345678', TEST_ACTOR),
        () => bank.block('nobody', TEST_ACTOR),
        () => bank.unblock('nobody', TEST_ACTOR),
        () => bank.revoke('nobody', TEST_ACTOR),
        () => bank.status('nobody'),
      ];
      for (const attempt of attempts) {
        const error = await refusal(attempt());
        expect(error.code).to.equal('unknown_customer');
        expect(error.status).to.equal(404);
      }
    });

    it('re-issuing replaces the old key, unblocks and drops open challenges', async () => {
      const open = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      await bank.block('alice', TEST_ACTOR);
      const newPhone = new TestPhone(await bank.issue('alice', TEST_ACTOR));
      expect(await bank.status('alice')).to.deep.equal({ user: 'alice', status: 'active', failures: 0 });
      expect(await bank.verify('alice', open.challengeId, newPhone.sign(open.code), TEST_ACTOR)).to.deep.equal({
        result: 'unknown_challenge',
      });
      const challenge = await bank.challenge('alice', 'payment-2', TEST_ACTOR);
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code), TEST_ACTOR)).to.deep.equal({
        result: 'rejected',
        attemptsLeft: 2,
      });
      expect(
        await bank.verify('alice', challenge.challengeId, newPhone.sign(challenge.code), TEST_ACTOR),
      ).to.deep.equal({
        result: 'accepted',
      });
    });

    it('revoke removes the key: no challenges or verifications until a new envelope', async () => {
      const open = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      expect(await bank.revoke('alice', TEST_ACTOR)).to.deep.equal({ user: 'alice', status: 'revoked', failures: 0 });
      expect((await refusal(bank.verify('alice', open.challengeId, phone.sign(open.code), TEST_ACTOR))).code).to.equal(
        'no_key',
      );
      expect((await refusal(bank.challenge('alice', 'payment-2', TEST_ACTOR))).code).to.equal('no_key');
    });

    it('counts exactly 3 of 100 concurrent wrong answers and then refuses the right one as blocked', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      const wrong = wrongSignature(phone.sign(challenge.code));
      const verdicts = await Promise.all(
        Array.from({ length: 100 }, () => bank.verify('alice', challenge.challengeId, wrong, TEST_ACTOR)),
      );
      expect(verdicts.filter((v) => v.result === 'rejected')).to.have.length(2);
      expect(verdicts.filter((v) => v.result === 'blocked')).to.have.length(98);
      expect(await bank.status('alice')).to.deep.equal({ user: 'alice', status: 'blocked', failures: 3 });
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code), TEST_ACTOR)).to.deep.equal({
        result: 'blocked',
      });
    });

    it('keeps failures, blocks and used challenges across a restart', async () => {
      const used = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      await bank.verify('alice', used.challengeId, phone.sign(used.code), TEST_ACTOR);
      await answer('alice', phone, true);
      await answer('alice', phone, true);
      const open = await bank.challenge('alice', 'payment-2', TEST_ACTOR);
      await bank.close();
      bank = await openBank({ now: clock.now });
      expect(await bank.status('alice')).to.deep.equal({ user: 'alice', status: 'active', failures: 2 });
      expect(await bank.verify('alice', used.challengeId, phone.sign(used.code), TEST_ACTOR)).to.deep.equal({
        result: 'used',
      });
      expect(
        await bank.verify('alice', open.challengeId, wrongSignature(phone.sign(open.code)), TEST_ACTOR),
      ).to.deep.equal({
        result: 'blocked',
      });
      await bank.close();
      bank = await openBank({ now: clock.now });
      expect((await bank.status('alice')).status).to.equal('blocked');
    });

    it('purges challenges a day after they expired; answering one then is refused as unknown', async () => {
      const old = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      clock.advance(5 * 60 * 1000 + 24 * 60 * 60 * 1000 - 1);
      const recent = await bank.challenge('alice', 'payment-2', TEST_ACTOR);
      expect(await bank.purgeOldChallenges()).to.equal(0);
      clock.advance(2);
      expect(await bank.purgeOldChallenges()).to.equal(1);
      expect(await bank.verify('alice', old.challengeId, phone.sign(old.code), TEST_ACTOR)).to.deep.equal({
        result: 'unknown_challenge',
      });
      expect(await bank.verify('alice', recent.challengeId, phone.sign(recent.code), TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
    });

    it('refuses to open the database with another master key, naming the key it needs', async () => {
      await bank.close();
      const other = await sealing.otherSealer();
      const error = await refusal(openBank({ sealer: other }));
      expect(error.code).to.equal('config');
      expect(error.message).to.equal(
        `this database's master key is ${sealing.keyId()}, which this server does not have (it has ${other.keyId})`,
      );
      bank = await openBank({ now: clock.now });
    });

    it('never counts a wrong answer that races an accepted right one (issue 8 §2), in 150 rounds', async () => {
      let rejected = 0;
      for (let round = 0; round < 150; round++) {
        const challenge = await bank.challenge('alice', `payment-${round}`, TEST_ACTOR);
        const right = phone.sign(challenge.code);
        const verdicts = await Promise.all(
          [right, wrongSignature(right), wrongSignature(right)].map((answer) =>
            bank.verify('alice', challenge.challengeId, answer, TEST_ACTOR),
          ),
        );
        expect(verdicts[0]).to.deep.equal({ result: 'accepted' });
        for (const verdict of verdicts.slice(1)) expect(verdict.result).to.be.oneOf(['rejected', 'used']);
        rejected += verdicts.filter((v) => v.result === 'rejected').length;
        // Wrong answers counted before the right one are reset by it; none is counted after it.
        expect(await bank.status('alice'), `round ${round}`).to.deep.equal({
          user: 'alice',
          status: 'active',
          failures: 0,
        });
      }
      const records = await bank.audit('alice');
      expect(records.filter((r) => r.result === 'rejected')).to.have.length(rejected);
      expect(records.filter((r) => r.result === 'accepted')).to.have.length(150);
    });

    it('audits every decision in its transaction: time, instance, actor, what, never a secret', async () => {
      const start = clock.time;
      const first = await bank.challenge('alice', 'payment-1', 'teller');
      const right = phone.sign(first.code);
      await bank.verify('alice', first.challengeId, wrongSignature(right), 'backend');
      clock.advance(1000);
      await bank.verify('alice', first.challengeId, right, 'backend');
      await bank.verify('alice', first.challengeId, right, 'backend');
      const late = await bank.challenge('alice', 'payment-2', 'backend');
      clock.advance(5 * 60 * 1000);
      await bank.verify('alice', late.challengeId, phone.sign(late.code), 'backend');
      await bank.verify('alice', 'f'.repeat(32), right, 'backend');
      await bank.block('alice', 'support');
      await bank.verify('alice', late.challengeId, right, 'backend');
      await bank.unblock('alice', 'support');
      await bank.revoke('alice', 'support');
      await bank.status('alice');
      const later = start + 1000;
      const expiresAt = later + 5 * 60 * 1000;
      const at = later + 5 * 60 * 1000;
      const common = { instance: 'test-instance', userId: 'alice' };
      const paid = { challengeId: first.challengeId, documentId: 'payment-1', keySerial: 1 };
      const expired = { challengeId: late.challengeId, documentId: 'payment-2', keySerial: 1 };
      expect(await bank.audit('alice')).to.deep.equal([
        { ...common, at: start, actor: TEST_ACTOR, event: 'issue', keySerial: 1, masterKeyId: sealing.keyId() },
        {
          ...common,
          at: start,
          actor: 'teller',
          event: 'challenge',
          challengeId: first.challengeId,
          documentId: 'payment-1',
          expiresAt: start + 5 * 60 * 1000,
        },
        { ...common, at: start, actor: 'backend', event: 'verify', result: 'rejected', attemptsLeft: 2, ...paid },
        { ...common, at: later, actor: 'backend', event: 'verify', result: 'accepted', ...paid },
        { ...common, at: later, actor: 'backend', event: 'verify', result: 'used', ...paid },
        {
          ...common,
          at: later,
          actor: 'backend',
          event: 'challenge',
          challengeId: late.challengeId,
          documentId: 'payment-2',
          expiresAt,
        },
        { ...common, at, actor: 'backend', event: 'verify', result: 'expired', ...expired },
        {
          ...common,
          at,
          actor: 'backend',
          event: 'verify',
          result: 'unknown_challenge',
          challengeId: 'f'.repeat(32),
          keySerial: 1,
        },
        { ...common, at, actor: 'support', event: 'block' },
        { ...common, at, actor: 'backend', event: 'verify', result: 'blocked', ...expired },
        { ...common, at, actor: 'support', event: 'unblock' },
        { ...common, at, actor: 'support', event: 'revoke', keySerial: 2 },
      ]);
      expect((await bank.audit('alice', at)).map((r) => r.event)).to.deep.equal([
        'verify',
        'verify',
        'block',
        'verify',
        'unblock',
        'revoke',
      ]);
      const stored = await db.contents();
      expect(stored).not.to.include(right);
      expect(stored).not.to.include(wrongSignature(right));
    });

    it('keeps the audit trail append-only in the database itself, and purging challenges leaves it whole', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR);
      await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code), TEST_ACTOR);
      const before = await bank.audit('alice');
      for (const change of [
        "UPDATE audit SET actor = 'someone else'",
        'DELETE FROM audit',
        'DELETE FROM audit WHERE id = 1',
      ]) {
        const error = await db.exec(change).then(
          () => undefined,
          (refused: Error) => refused,
        );
        expect(error?.message, change).to.include(AUDIT_APPEND_ONLY);
      }
      if (db.setting.kind === 'postgres') {
        const error = await db.exec('TRUNCATE audit').catch((refused: Error) => refused);
        expect((error as Error).message).to.include(AUDIT_APPEND_ONLY);
      }
      clock.advance(2 * 24 * 60 * 60 * 1000);
      expect(await bank.purgeOldChallenges()).to.equal(1);
      expect(await bank.audit('alice')).to.deep.equal(before);
    });

    it('gives a new database the newest schema version and refuses one whose schema is newer, leaving it as it was', async () => {
      expect(await db.schemaVersion()).to.equal(SCHEMA_VERSION);
      await bank.close();
      await db.setSchemaVersion(SCHEMA_VERSION + 1);
      const error = await refusal(openBank());
      expect(error.message).to.equal(
        `the database ${db.name} has schema version ${SCHEMA_VERSION + 1}, newer than this mobipass-bank knows (${SCHEMA_VERSION}): upgrade mobipass-bank before using it`,
      );
      expect(await db.schemaVersion()).to.equal(SCHEMA_VERSION + 1);
      await db.setSchemaVersion(SCHEMA_VERSION);
      bank = await openBank({ now: clock.now });
    });
  });
