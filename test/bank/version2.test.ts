// The bank kit with version 2 (docs/ALGORITHM.md §3.4, §5), on every store: payments bound to the
// signature, the attack of a changed payment refused, mistyped answers never counted, the kit knowing per
// customer what its envelope was issued for, and never the same document code twice for one key,
// decided by the database even across instances.
import { expect } from 'chai';
import { Bank, type BankOptions, type IssuedChallenge } from '../../src/bank/bank';
import { MIGRATIONS } from '../../src/bank/store/migrations';
import { damm } from '../../src/core/damm';
import { DEFAULT_SUITE, DEFAULT_SUITE_V2 } from '../../src/core/phoneSuite';
import { ManualClock, TEST_ACTOR, testMasterKeys } from './support/bank-fixture';
import { PAYMENT } from './support/payment';
import { refusal } from './support/rejection';
import { TestPhone } from './support/phone';
import { STORE_KINDS, type TestDatabase } from './support/stores';

/** The default build's setting: version 2, the last 4 digits of the payee's account. */
const PAYMENT_SETTING = { suite: DEFAULT_SUITE_V2, payeeDigits: 4 };

/** Draws that replay a script of digits (then fall back to the script's last entry). */
function scripted(...draws: string[]): (n: number) => string {
  let next = 0;
  return (n) => {
    const digits = draws[Math.min(next++, draws.length - 1)];
    if (digits.length !== n) throw new Error(`the script gives ${digits}, the bank asked for ${n} digits`);
    return digits;
  };
}

for (const kind of STORE_KINDS)
  describe(`bank on ${kind.name}: version 2, payments, mistyped answers, codes never repeated`, () => {
    let db: TestDatabase;
    let clock: ManualClock;
    let bank: Bank;
    let phone: TestPhone;
    const banks: Bank[] = [];

    async function openBank(options: Partial<BankOptions> = {}): Promise<Bank> {
      const opened = await Bank.open({
        store: await db.open(),
        keys: testMasterKeys(),
        instance: 'test-instance',
        now: clock.now,
        ...PAYMENT_SETTING,
        ...options,
      });
      banks.push(opened);
      return opened;
    }

    beforeEach(async () => {
      db = await kind.create();
      clock = new ManualClock();
      bank = await openBank();
      phone = new TestPhone(await bank.issue('alice', TEST_ACTOR), '2580', DEFAULT_SUITE_V2);
    });

    afterEach(async () => {
      await Promise.all(banks.splice(0).map((opened) => opened.close().catch(() => undefined)));
      await db.cleanup();
    });

    it('binds the payment: a 7-digit code with its check digit, the canonical amount and the last payee digits', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR, PAYMENT);
      expect(challenge.code).to.match(/^\d{7}$/);
      expect(damm(challenge.code)).to.equal(0, 'the code ends in its Damm check digit');
      expect(challenge).to.deep.include({ amount: '15000', payeeDigits: '0100', signatureDigits: 8 });
      const answer = phone.answer(challenge);
      expect(answer).to.match(/^\d{8}$/);
      expect(await bank.verify('alice', challenge.challengeId, answer, TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
    });

    it('the attack: the customer signs the payment they saw, the bank received another payee or amount, and refuses it', async () => {
      // Malware in the browser shows the customer the payee …0100 and sends the bank …9999.
      const received = await bank.challenge('alice', 'payment-1', TEST_ACTOR, { ...PAYMENT, payee: 'KZ00 0000 9999' });
      const seen = { ...received, payeeDigits: '0100' };
      expect(await bank.verify('alice', received.challengeId, phone.answer(seen), TEST_ACTOR)).to.deep.equal({
        result: 'rejected',
        attemptsLeft: 2,
      });
      // The same with the amount: 15000 seen, 150000 received.
      const bigger = await bank.challenge('alice', 'payment-2', TEST_ACTOR, { ...PAYMENT, amount: '150000' });
      const seenAmount = { ...bigger, amount: '15000' };
      expect(await bank.verify('alice', bigger.challengeId, phone.answer(seenAmount), TEST_ACTOR)).to.deep.equal({
        result: 'rejected',
        attemptsLeft: 1,
      });
      // The payment the bank stored still verifies: only the changed one is refused.
      expect(await bank.verify('alice', received.challengeId, phone.answer(received), TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
    });

    it('a signature for one payment is refused for another with the same code; spellings of one amount sign alike', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR, PAYMENT);
      const other = phone.answer({ ...challenge, amount: '15000.01' });
      expect(await bank.verify('alice', challenge.challengeId, other, TEST_ACTOR)).to.deep.equal({
        result: 'rejected',
        attemptsLeft: 2,
      });
      for (const amount of ['15000', '15000.0', '015000.00']) {
        expect(phone.answer({ ...challenge, amount }), amount).to.equal(phone.answer(challenge));
      }
      expect(await bank.verify('alice', challenge.challengeId, phone.answer(challenge), TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
    });

    it('mistyped answers are never counted, leave the challenge open, and are audited', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', TEST_ACTOR, PAYMENT);
      const right = phone.answer(challenge);
      const swapped = right[1] + right[0] + right.slice(2);
      const slips = [
        right.slice(0, 7) + ((+right[7] + 1) % 10),
        right.slice(0, 3) + ((+right[3] + 5) % 10) + right.slice(4),
      ];
      if (right[0] !== right[1]) slips.push(swapped);
      for (let round = 0; round < 5; round++) {
        for (const slip of slips) {
          expect(await bank.verify('alice', challenge.challengeId, slip, TEST_ACTOR), slip).to.deep.equal({
            result: 'mistyped',
          });
        }
      }
      expect(await bank.status('alice')).to.deep.equal({ user: 'alice', status: 'active', failures: 0 });
      expect(await bank.verify('alice', challenge.challengeId, phone.wrongAnswer(challenge), TEST_ACTOR)).to.deep.equal(
        {
          result: 'rejected',
          attemptsLeft: 2,
        },
      );
      expect(await bank.verify('alice', challenge.challengeId, right, TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
      const verdicts = (await bank.audit('alice')).filter((r) => r.event === 'verify').map((r) => r.result);
      expect(verdicts).to.deep.equal([...Array(5 * slips.length).fill('mistyped'), 'rejected', 'accepted']);
      // A used challenge or a blocked customer comes first: a slip then changes nothing either.
      expect(await bank.verify('alice', challenge.challengeId, slips[0], TEST_ACTOR)).to.deep.equal({ result: 'used' });
      await bank.block('alice', TEST_ACTOR);
      const late = await bank.verify('alice', 'f'.repeat(32), slips[0], TEST_ACTOR);
      expect(late).to.deep.equal({ result: 'blocked' });
    });

    it('the challenge audit record holds the canonical amount and the payee digits, never the code or the account', async () => {
      const challenge = await bank.challenge('alice', 'payment-1', 'teller', PAYMENT);
      const record = (await bank.audit('alice')).find((r) => r.event === 'challenge');
      expect(record).to.deep.equal({
        at: clock.time,
        instance: 'test-instance',
        actor: 'teller',
        userId: 'alice',
        event: 'challenge',
        challengeId: challenge.challengeId,
        documentId: 'payment-1',
        expiresAt: challenge.expiresAt,
        amount: '15000',
        payee: '0100',
      });
    });

    it('refuses a payment it cannot bind, with the reason, and creates nothing', async () => {
      const refuse = async (payment: { amount?: string; payee?: string }, message: string) => {
        const error = await refusal(bank.challenge('alice', 'payment-1', TEST_ACTOR, payment));
        expect([error.code, error.message], JSON.stringify(payment)).to.deep.equal(['bad_input', message]);
      };
      await refuse({}, 'customer alice signs payments: send the amount and the payee');
      await refuse({ amount: '15000' }, 'amount and payee go together: send both, or neither');
      await refuse({ payee: PAYMENT.payee }, 'amount and payee go together: send both, or neither');
      await refuse(
        { amount: '15000', payee: 'KZ 123' },
        "the payee's account has fewer than 4 digits: the phone signs the last 4 digits of the account",
      );
      for (const amount of ['0', '0.00', '1.001', '1000000000000', '1,5']) {
        const error = await refusal(bank.challenge('alice', 'payment-1', TEST_ACTOR, { ...PAYMENT, amount }));
        expect(error.message, amount).to.match(/^amount must be an amount above 0/);
      }
      expect((await bank.audit('alice')).map((r) => r.event)).to.deep.equal(['issue']);
    });

    it('knows per customer what its envelope was issued for: version 1, version 2 with and without payment', async () => {
      const v1 = await openBank({ suite: DEFAULT_SUITE, payeeDigits: 0 });
      const bob = new TestPhone(await v1.issue('bob', TEST_ACTOR), '2580', DEFAULT_SUITE);
      const twoField = await openBank({ suite: DEFAULT_SUITE_V2, payeeDigits: 0 });
      const carol = new TestPhone(await twoField.issue('carol', TEST_ACTOR), '2580', DEFAULT_SUITE_V2);
      // One bank, issuing version 2 with payments now, verifies each customer as issued.
      for (const [user, signer, codeDigits] of [
        ['bob', bob, 6],
        ['carol', carol, 7],
        ['alice', phone, 7],
      ] as const) {
        const challenge = await bank.challenge(user, `payment-${user}`, TEST_ACTOR, PAYMENT);
        expect(challenge.code, user).to.have.length(codeDigits);
        expect(challenge.signatureDigits, user).to.equal(8);
        // The payment is bound only where the envelope signs payments; otherwise the reply says so by leaving it out.
        expect(challenge.amount, user).to.equal(user === 'alice' ? '15000' : undefined);
        expect(
          await bank.verify(user, challenge.challengeId, signer.answer(challenge), TEST_ACTOR),
          user,
        ).to.deep.equal({
          result: 'accepted',
        });
      }
      const plain = await bank.challenge('carol', 'no-payment', TEST_ACTOR);
      expect(await bank.verify('carol', plain.challengeId, carol.sign(plain.code), TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
      // Version 1 cannot tell a slip: a changed last digit is a wrong value, counted.
      const v1Challenge = await bank.challenge('bob', 'slip', TEST_ACTOR);
      const right = bob.answer(v1Challenge);
      const slip = right.slice(0, 7) + ((+right[7] + 1) % 10);
      expect(await bank.verify('bob', v1Challenge.challengeId, slip, TEST_ACTOR)).to.deep.equal({
        result: 'rejected',
        attemptsLeft: 2,
      });
    });

    it('refuses a payment setting without a version 2 suite at start', async () => {
      const error = await refusal(openBank({ suite: DEFAULT_SUITE, payeeDigits: 4 }));
      expect(error.code).to.equal('config');
      expect(error.message).to.equal(
        `payment data needs a version 2 (QA) suite and 1..10 payee digits, not 4 with ${DEFAULT_SUITE}`,
      );
    });

    it('never issues one code twice to a key: a repeat is drawn again, also after the challenge is purged', async () => {
      const drawing = await openBank({ drawDigits: scripted('338609', '338609', '338609', '123456') });
      const first = await drawing.challenge('alice', 'payment-1', TEST_ACTOR, PAYMENT);
      expect(first.code).to.equal('3386095');
      await drawing.verify('alice', first.challengeId, phone.answer(first), TEST_ACTOR);
      clock.advance(3 * 24 * 60 * 60 * 1000);
      expect(await drawing.purgeOldChallenges()).to.equal(1);
      const second = await drawing.challenge('alice', 'payment-2', TEST_ACTOR, PAYMENT);
      expect(second.code).to.equal('1234566', 'the used code was drawn twice and refused both times');
      // A new envelope is a new key: its codes start afresh.
      const newPhone = new TestPhone(await drawing.issue('alice', TEST_ACTOR), '2580', DEFAULT_SUITE_V2);
      const again = await (
        await openBank({ drawDigits: scripted('338609') })
      ).challenge('alice', 'payment-3', TEST_ACTOR, PAYMENT);
      expect(again.code).to.equal('3386095');
      expect(await drawing.verify('alice', again.challengeId, newPhone.answer(again), TEST_ACTOR)).to.deep.equal({
        result: 'accepted',
      });
    });

    it('version 1 codes are numbers: 000042 and 00000042 are one code for the key', async () => {
      const v1 = await openBank({ suite: DEFAULT_SUITE, payeeDigits: 0, drawDigits: scripted('000042') });
      await v1.issue('bob', TEST_ACTOR);
      expect((await v1.challenge('bob', 'payment-1', TEST_ACTOR)).code).to.equal('000042');
      const longer = await openBank({
        suite: DEFAULT_SUITE,
        payeeDigits: 0,
        codeDigits: 8,
        drawDigits: scripted('00000042', '00000042', '00000043'),
      });
      expect((await longer.challenge('bob', 'payment-2', TEST_ACTOR)).code).to.equal('00000043');
    });

    it('says when a key has issued nearly all its codes, and nothing is stored for the refused challenge', async () => {
      const drawing = await openBank({ drawDigits: scripted('338609') });
      await drawing.challenge('alice', 'payment-1', TEST_ACTOR, PAYMENT);
      const error = await refusal(drawing.challenge('alice', 'payment-2', TEST_ACTOR, PAYMENT));
      expect([error.code, error.status, error.message]).to.deep.equal([
        'codes_used_up',
        409,
        'the key of customer alice has issued nearly all of its document codes: issue a new envelope',
      ]);
      expect((await bank.audit('alice')).filter((r) => r.event === 'challenge')).to.have.length(1);
    });

    it('two instances drawing the same codes at once never issue one twice: the database decides', async () => {
      // Both draw the same sequence of codes, 10 challenges each, all at once: nearly every code is drawn
      // by both, and one of them must draw again. A challenge's draws can lose only to the other
      // instance's 10 codes, so it never runs out of its 20 draws (nor an instance of the 30 codes).
      const sequence = Array.from({ length: 30 }, (_, i) => String(100000 + i));
      const [a, b] = await Promise.all([
        openBank({ drawDigits: scripted(...sequence) }),
        openBank({ drawDigits: scripted(...sequence) }),
      ]);
      const made: IssuedChallenge[] = await Promise.all(
        [a, b].flatMap((instance, n) =>
          Array.from({ length: 10 }, (_, i) => instance.challenge('alice', `doc-${n}-${i}`, TEST_ACTOR, PAYMENT)),
        ),
      );
      const codes = made.map((challenge) => challenge.code);
      expect(new Set(codes).size).to.equal(20);
      for (const challenge of made) {
        expect(await bank.verify('alice', challenge.challengeId, phone.answer(challenge), TEST_ACTOR)).to.deep.equal({
          result: 'accepted',
        });
      }
    });

    it('schema step 3 records the codes of the current keys still among the challenges (all version 1 before it)', async () => {
      const old = await kind.create();
      const postgres = old.setting.kind === 'postgres';
      try {
        if (postgres)
          await old.exec(
            'CREATE TABLE mobipass_schema (version INTEGER NOT NULL); INSERT INTO mobipass_schema VALUES (0)',
          );
        for (const step of MIGRATIONS.slice(0, 2)) await old.exec(postgres ? step.postgres : step.sqlite);
        await old.setSchemaVersion(2);
        // dave's key 2 was issued at 20: the code of 30 is its own, the code of 10 was key 1's.
        await old.exec(`INSERT INTO customers (user_id, sealed_key, suite, key_serial, updated_at)
          VALUES ('dave', ${postgres ? "'\\x01'::bytea" : "x'01'"}, '${DEFAULT_SUITE}', 2, 10)`);
        await old.exec(`INSERT INTO audit (at, instance, actor, user_id, event, key_serial)
          VALUES (5, 'i', 'cli', 'dave', 'issue', 1), (20, 'i', 'cli', 'dave', 'issue', 2)`);
        await old.exec(`INSERT INTO challenges (id, user_id, document_id, code, created_at, expires_at)
          VALUES ('${'a'.repeat(32)}', 'dave', 'd', '000042', 10, 99), ('${'b'.repeat(32)}', 'dave', 'd', '000043', 30, 99)`);
        const store = await old.open();
        try {
          expect(await old.schemaVersion()).to.be.at.least(3);
          const add = (code: string) =>
            store.addChallenge(
              {
                id: code.padStart(32, 'c'),
                userId: 'dave',
                documentId: 'd',
                code,
                amount: null,
                payee: null,
                createdAt: 40,
                expiresAt: 99,
                usedAt: null,
                keySerial: 2,
                codeValue: code.replace(/^0+/, ''),
              },
              { at: 40, instance: 'i', actor: 'cli' },
            );
          expect(await add('000043')).to.equal(false, 'issued to key 2 before the upgrade');
          expect(await add('000042')).to.equal(true, "issued before key 2: another key's code");
        } finally {
          await store.close();
        }
      } finally {
        await old.cleanup();
      }
    });
  });
