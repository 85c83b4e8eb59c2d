import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { activationKey, findActivationError } from '../../src/core/activation';
import { toHex } from '../../src/core/bytes';
import type { Bank } from '../../src/bank/bank';
import { BankError } from '../../src/bank/errors';
import { DEFAULT_SUITE_V2 } from '../../src/core/phoneSuite';
import { ManualClock, TempDatabase, openBank } from './support/bank-fixture';
import { TestPhone, wrongSignature } from './support/phone';
import { SEALINGS } from './support/sealings';

async function refusal(promise: Promise<unknown>): Promise<BankError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BankError) return error;
    throw error;
  }
  throw new Error('expected a BankError');
}

for (const sealing of SEALINGS)
  describe(`bank: issue, challenge, verify (${sealing.name})`, () => {
    let db: TempDatabase;
    let clock: ManualClock;
    let bank: Bank;
    let phone: TestPhone;

    before(() => sealing.setUp());
    after(() => sealing.tearDown());

    async function reopen(): Promise<Bank> {
      return openBank(db.file, { now: clock.now, sealer: await sealing.sealer() });
    }

    beforeEach(async () => {
      db = new TempDatabase();
      clock = new ManualClock();
      bank = await reopen();
      phone = new TestPhone(await bank.issue('alice'));
    });

    afterEach(async () => {
      await bank.close();
      db.cleanup();
    });

    async function answer(user: string, signer: TestPhone, wrong = false) {
      const challenge = await bank.challenge(user, 'payment-1');
      const right = signer.sign(challenge.code);
      return bank.verify(user, challenge.challengeId, wrong ? wrongSignature(right) : right);
    }

    it('issues 4 valid envelope parts and stores neither them nor K in the clear', async () => {
      const parts = await bank.issue('bob');
      expect(parts).to.have.length(4);
      expect(findActivationError(parts)).to.equal(null);
      await bank.close();
      const file = readFileSync(db.file).toString('latin1'); // closing checkpointed the WAL into the file
      expect(file).to.include('bob');
      expect(file).not.to.include(parts.map((p) => p.slice(0, 7)).join(''));
      for (const part of parts) expect(file).not.to.include(part);
      expect(file).not.to.include(toHex(activationKey(parts)));
      expect(file).not.to.include(Buffer.from(activationKey(parts)).toString('latin1'));
      bank = await reopen();
    });

    it('gives a fresh 6-digit document code per challenge, bound to customer and document', async () => {
      const codes = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const challenge = await bank.challenge('alice', `doc-${i}`);
        expect(challenge.code).to.match(/^\d{6}$/);
        expect(challenge.documentId).to.equal(`doc-${i}`);
        expect(challenge.expiresAt).to.equal(clock.time + 5 * 60 * 1000);
        codes.add(challenge.code);
      }
      expect(codes.size).to.be.greaterThan(15);
    });

    it('accepts the right signature once; a replay is refused as used', async () => {
      const challenge = await bank.challenge('alice', 'payment-1');
      const signature = phone.sign(challenge.code);
      expect(await bank.verify('alice', challenge.challengeId, signature)).to.deep.equal({ result: 'accepted' });
      expect(await bank.verify('alice', challenge.challengeId, signature)).to.deep.equal({ result: 'used' });
    });

    it('counts wrong answers, says how many attempts are left, and blocks on the third', async () => {
      expect(await answer('alice', phone, true)).to.deep.equal({ result: 'rejected', attemptsLeft: 2 });
      expect(await answer('alice', phone, true)).to.deep.equal({ result: 'rejected', attemptsLeft: 1 });
      expect(await answer('alice', phone, true)).to.deep.equal({ result: 'blocked' });
      expect((await bank.status('alice')).status).to.equal('blocked');
      expect((await refusal(bank.challenge('alice', 'payment-2'))).code).to.equal('blocked');
    });

    it('lets the customer retry the same document code after a wrong PIN', async () => {
      const challenge = await bank.challenge('alice', 'payment-1');
      const wrongPin = phone.sign(challenge.code, '1357');
      expect(await bank.verify('alice', challenge.challengeId, wrongPin)).to.deep.equal({
        result: 'rejected',
        attemptsLeft: 2,
      });
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code))).to.deep.equal({
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
      const challenge = await bank.challenge('alice', 'payment-1');
      await bank.block('alice');
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code))).to.deep.equal({
        result: 'blocked',
      });
      expect(await bank.status('alice')).to.deep.equal({ user: 'alice', status: 'blocked', failures: 0 });
    });

    it('unblock resets the count and the same open challenge can then be answered', async () => {
      const challenge = await bank.challenge('alice', 'payment-1');
      for (let i = 0; i < 3; i++)
        await bank.verify('alice', challenge.challengeId, wrongSignature(phone.sign(challenge.code)));
      expect(await bank.unblock('alice')).to.deep.equal({ user: 'alice', status: 'active', failures: 0 });
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code))).to.deep.equal({
        result: 'accepted',
      });
    });

    it('refuses an expired challenge after 5 minutes, without counting', async () => {
      const challenge = await bank.challenge('alice', 'payment-1');
      clock.advance(5 * 60 * 1000 - 1);
      const inTime = await bank.challenge('alice', 'payment-2');
      clock.advance(1);
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code))).to.deep.equal({
        result: 'expired',
      });
      expect(
        await bank.verify('alice', challenge.challengeId, wrongSignature(phone.sign(challenge.code))),
      ).to.deep.equal({ result: 'expired' });
      expect((await bank.status('alice')).failures).to.equal(0);
      expect(await bank.verify('alice', inTime.challengeId, phone.sign(inTime.code))).to.deep.equal({
        result: 'accepted',
      });
    });

    it("refuses an unknown challenge and another customer's challenge as unknown", async () => {
      const bobPhone = new TestPhone(await bank.issue('bob'));
      const bobs = await bank.challenge('bob', 'payment-9');
      expect(await bank.verify('alice', 'f'.repeat(32), '12345678')).to.deep.equal({ result: 'unknown_challenge' });
      expect(await bank.verify('alice', bobs.challengeId, bobPhone.sign(bobs.code))).to.deep.equal({
        result: 'unknown_challenge',
      });
      expect((await bank.status('alice')).failures).to.equal(0);
    });

    it('refuses a signature of the wrong shape as bad input without counting it', async () => {
      const challenge = await bank.challenge('alice', 'payment-1');
      for (const bad of ['1234567', '123456789', '1234567a', '']) {
        const error = await refusal(bank.verify('alice', challenge.challengeId, bad));
        expect(error.code).to.equal('bad_input');
        expect(error.message).to.equal('the signature value must be 8 digits');
      }
      expect((await bank.status('alice')).failures).to.equal(0);
    });

    it('refuses unknown customers everywhere', async () => {
      const attempts = [
        () => bank.challenge('nobody', 'd'),
        () => bank.verify('nobody', 'a'.repeat(32), '12345678'),
        () => bank.block('nobody'),
        () => bank.unblock('nobody'),
        () => bank.revoke('nobody'),
        () => bank.status('nobody'),
      ];
      for (const attempt of attempts) {
        const error = await refusal(attempt());
        expect(error.code).to.equal('unknown_customer');
        expect(error.status).to.equal(404);
      }
    });

    it('re-issuing replaces the old key, unblocks and drops open challenges', async () => {
      const open = await bank.challenge('alice', 'payment-1');
      await bank.block('alice');
      const newPhone = new TestPhone(await bank.issue('alice'));
      expect(await bank.status('alice')).to.deep.equal({ user: 'alice', status: 'active', failures: 0 });
      expect(await bank.verify('alice', open.challengeId, newPhone.sign(open.code))).to.deep.equal({
        result: 'unknown_challenge',
      });
      const challenge = await bank.challenge('alice', 'payment-2');
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code))).to.deep.equal({
        result: 'rejected',
        attemptsLeft: 2,
      });
      expect(await bank.verify('alice', challenge.challengeId, newPhone.sign(challenge.code))).to.deep.equal({
        result: 'accepted',
      });
    });

    it('revoke removes the key: no challenges or verifications until a new envelope', async () => {
      const open = await bank.challenge('alice', 'payment-1');
      expect(await bank.revoke('alice')).to.deep.equal({ user: 'alice', status: 'revoked', failures: 0 });
      expect((await refusal(bank.verify('alice', open.challengeId, phone.sign(open.code)))).code).to.equal('no_key');
      expect((await refusal(bank.challenge('alice', 'payment-2'))).code).to.equal('no_key');
    });

    it('counts exactly 3 of 100 concurrent wrong answers and then refuses the right one as blocked', async () => {
      const challenge = await bank.challenge('alice', 'payment-1');
      const wrong = wrongSignature(phone.sign(challenge.code));
      const verdicts = await Promise.all(
        Array.from({ length: 100 }, () => bank.verify('alice', challenge.challengeId, wrong)),
      );
      expect(verdicts.filter((v) => v.result === 'rejected')).to.have.length(2);
      expect(verdicts.filter((v) => v.result === 'blocked')).to.have.length(98);
      expect(await bank.status('alice')).to.deep.equal({ user: 'alice', status: 'blocked', failures: 3 });
      expect(await bank.verify('alice', challenge.challengeId, phone.sign(challenge.code))).to.deep.equal({
        result: 'blocked',
      });
    });

    it('keeps failures, blocks and used challenges across a restart', async () => {
      const used = await bank.challenge('alice', 'payment-1');
      await bank.verify('alice', used.challengeId, phone.sign(used.code));
      await answer('alice', phone, true);
      await answer('alice', phone, true);
      const open = await bank.challenge('alice', 'payment-2');
      await bank.close();
      bank = await reopen();
      expect(await bank.status('alice')).to.deep.equal({ user: 'alice', status: 'active', failures: 2 });
      expect(await bank.verify('alice', used.challengeId, phone.sign(used.code))).to.deep.equal({ result: 'used' });
      expect(await bank.verify('alice', open.challengeId, wrongSignature(phone.sign(open.code)))).to.deep.equal({
        result: 'blocked',
      });
      await bank.close();
      bank = await reopen();
      expect((await bank.status('alice')).status).to.equal('blocked');
    });

    it('purges challenges a day after they expired; answering one then is refused as unknown', async () => {
      const old = await bank.challenge('alice', 'payment-1');
      clock.advance(5 * 60 * 1000 + 24 * 60 * 60 * 1000 - 1);
      const recent = await bank.challenge('alice', 'payment-2');
      expect(await bank.purgeOldChallenges()).to.equal(0);
      clock.advance(2);
      expect(await bank.purgeOldChallenges()).to.equal(1);
      expect(await bank.verify('alice', old.challengeId, phone.sign(old.code))).to.deep.equal({
        result: 'unknown_challenge',
      });
      expect(await bank.verify('alice', recent.challengeId, phone.sign(recent.code))).to.deep.equal({
        result: 'accepted',
      });
    });

    it('refuses a version 2 suite at start: the kit verifies version 1 only', async () => {
      const error = await refusal(openBank(db.file, { suite: DEFAULT_SUITE_V2, sealer: await sealing.sealer() }));
      expect(error.code).to.equal('config');
      expect(error.message).to.match(/this kit verifies version 1 \(QN\) suites only/);
    });

    it('refuses to open the database with another master key', async () => {
      await bank.close();
      const other = await sealing.otherSealer();
      const error = await refusal(openBank(db.file, { sealer: other }));
      expect(error.code).to.equal('config');
      expect(error.message).to.equal(`${other.description} is not the master key this database was created with`);
      bank = await reopen();
    });
  });
