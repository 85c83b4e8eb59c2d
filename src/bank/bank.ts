import { randomBytes, timingSafeEqual } from 'node:crypto';
import { activationKey } from '../core/activation';
import { canonicalAmount } from '../core/amount';
import { readAnswer } from '../core/answer';
import { wipe } from '../core/bytes';
import { allHashes } from '../core/allHashes';
import type { OcraSuite } from '../core/ocra';
import {
  DEFAULT_SUITE,
  DOCUMENT_CODE_MIN_DIGITS,
  PAYEE_MAX_DIGITS,
  parsePhoneSuite,
  suiteVersion,
  typedDigits,
} from '../core/phoneSuite';
import { typedValue } from '../core/sign';
import { codeValue, documentCode, newActivationCode, randomDigits } from './codes';
import { BankError } from './errors';
import { checkProbe, openProbe } from './master-key-probe';
import { AMOUNT_PROBLEM, payeeDigitsOf } from './payment';
import type { MasterKeys } from './sealer/master-keys';
import { instanceSetting } from './settings';
import { verificationAudit } from './store/audit-rows';
import type {
  AuditContext,
  AuditRecord,
  BankStore,
  ChallengeRecord,
  CustomerRecord,
  NewChallenge,
} from './store/store';
import { failureVerdict, type Verdict } from './verdicts';

export interface BankOptions {
  store: BankStore;
  /**
   * The master keys: the current one seals each customer's K, each stored K is opened by the key it was
   * sealed under. The bank closes store and keys.
   */
  keys: MasterKeys;
  /** The OCRA suite new envelopes are issued for; must match the app's build (the bank config's suite). */
  suite?: string;
  /**
   * Version 2: the payee digits every payment binds, as the app's build asks for them (the bank config's
   * payment.payeeDigits); 0 or absent: new envelopes sign the document code only.
   */
  payeeDigits?: number;
  /** Digits of a version 1 document code number (default 6). */
  codeDigits?: number;
  /** n random decimal digits (default: the operating system's CSPRNG); document codes are drawn from it. */
  drawDigits?: (n: number) => string;
  challengeLifetimeMs?: number;
  /** Consecutive wrong answers that block (default 3, manual §5). */
  maxFailures?: number;
  now?: () => number;
  /** This process's name in the audit trail (default: MOBIPASS_INSTANCE, else host name and process id). */
  instance?: string;
}

export interface CustomerStatus {
  user: string;
  status: 'active' | 'blocked' | 'revoked';
  failures: number;
}

/** What a challenge binds besides its code, as the bank's back end sends it: the amount and the payee's account. */
export interface PaymentRequest {
  amount?: string;
  payee?: string;
}

/** A challenge made, with what the customer types into the phone: the code and, when bound, the payment. */
export interface IssuedChallenge {
  challengeId: string;
  code: string;
  documentId: string;
  expiresAt: number;
  /** The canonical amount the signature binds (only when it binds a payment). */
  amount?: string;
  /** The payee digits the signature binds (with amount). */
  payeeDigits?: string;
  /** How many digits the customer types back (version 2: 8, the value and its check digit). */
  signatureDigits: number;
}

/** Expired challenges are kept this long, so answering one says "expired" rather than "unknown". */
const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;
/**
 * Codes drawn before a challenge is refused because the key has issued nearly all of its codes: with
 * half of them used, 20 draws all repeat once in a million challenges.
 */
const CODE_DRAWS = 20;

/** How often a server tells the database which master keys it has. */
export const ANNOUNCE_EVERY_MS = 10_000;
/** A server that said so within this long is taken to be running (rotate-master-key). */
export const LIVE_WITHIN_MS = 3 * ANNOUNCE_EVERY_MS;

/** The suites phones sign with (one rule for phone, bank and tools), as a setup error. */
function verifiableSuite(text: string): OcraSuite {
  try {
    return parsePhoneSuite(text, allHashes);
  } catch (error) {
    throw new BankError('config', `OCRA suite ${text}: ${(error as Error).message}`);
  }
}

/**
 * Issuing, challenges, verification with the 3-strike block, and the support line's block/unblock/revoke.
 * Every decision names its actor (the API token's name, or `cli`) for the audit trail.
 */
export class Bank {
  readonly suite: string;
  readonly payeeDigits: number;
  readonly codeDigits: number;
  readonly maxFailures: number;
  private readonly store: BankStore;
  private readonly keys: MasterKeys;
  private readonly lifetimeMs: number;
  private readonly now: () => number;
  private readonly instance: string;
  private readonly drawDigits: (n: number) => string;
  private readonly suites = new Map<string, OcraSuite>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly startedAt: number;

  private constructor(options: BankOptions) {
    this.store = options.store;
    this.keys = options.keys;
    this.suite = options.suite ?? DEFAULT_SUITE;
    this.payeeDigits = options.payeeDigits ?? 0;
    this.codeDigits = options.codeDigits ?? 6;
    this.drawDigits = options.drawDigits ?? randomDigits;
    this.lifetimeMs = options.challengeLifetimeMs ?? 5 * 60 * 1000;
    this.maxFailures = options.maxFailures ?? 3;
    this.now = options.now ?? Date.now;
    this.instance = options.instance ?? instanceSetting(process.env);
    this.startedAt = this.now();
    const suite = this.parsedSuite(this.suite);
    const payeeDigits = this.payeeDigits;
    if (
      payeeDigits &&
      (suiteVersion(suite) !== 2 || !Number.isInteger(payeeDigits) || payeeDigits < 0 || payeeDigits > PAYEE_MAX_DIGITS)
    ) {
      throw new BankError(
        'config',
        `payment data needs a version 2 (QA) suite and 1..${PAYEE_MAX_DIGITS} payee digits, not ${payeeDigits} with ${this.suite}`,
      );
    }
    if (
      !Number.isInteger(this.codeDigits) ||
      this.codeDigits < DOCUMENT_CODE_MIN_DIGITS ||
      this.codeDigits > Math.min(8, suite.questionLength)
    ) {
      throw new BankError(
        'config',
        `document codes must have ${DOCUMENT_CODE_MIN_DIGITS}..${Math.min(8, suite.questionLength)} digits for ${this.suite}`,
      );
    }
  }

  /**
   * A bank over a store, after checking that its keys open the store's probe and that its current key
   * is not retired (else the store and keys are closed).
   */
  static async open(options: BankOptions): Promise<Bank> {
    try {
      const bank = new Bank(options);
      await openProbe(bank.store, bank.keys);
      const current = bank.keys.current.keyId;
      const retired = (await bank.store.retiredMasterKeys()).find((key) => key.keyId === current);
      if (retired)
        throw new BankError(
          'config',
          `the current master key ${current} was retired on ${new Date(retired.at).toISOString()}: seal with the master key that replaced it`,
        );
      return bank;
    } catch (error) {
      // A refused setting or master key: the store and the keys the caller handed over are closed all the same.
      await Promise.allSettled([options.store.close(), options.keys.close()]);
      throw error;
    }
  }

  /** Readiness: the database answers and takes writes, and this server's keys open its probe; else the BankError saying why not. */
  async ready(): Promise<void> {
    await this.store.assertWritable();
    await checkProbe(this.keys, await this.store.readProbe());
  }

  async close(): Promise<void> {
    this.stopTimers();
    try {
      await this.store.close();
    } finally {
      await this.keys.close();
    }
  }

  /** Deletes challenges that expired more than a day ago; returns how many. */
  purgeOldChallenges(): Promise<number> {
    return this.store.purgeChallenges(this.now() - EXPIRED_KEPT_MS);
  }

  /** For long-running servers: purge now and every hour until close(). */
  keepPurging(): void {
    const purge = () => this.purgeOldChallenges();
    void this.repeat(purge, 'purging old challenges');
    this.every(PURGE_EVERY_MS, purge, 'purging old challenges');
  }

  /**
   * For long-running servers: tells the database which master keys this server seals and opens with,
   * now (a failure stops the start) and every ANNOUNCE_EVERY_MS until close(), so rotate-master-key can
   * refuse to move keys under a master key a running server does not have.
   */
  async keepAnnouncing(): Promise<void> {
    const announce = () =>
      this.store.announceInstance({
        instance: this.instance,
        sealsWith: this.keys.current.keyId,
        opensWith: this.keys.ids,
        startedAt: this.startedAt,
      });
    await announce();
    this.every(ANNOUNCE_EVERY_MS, announce, 'telling the database which master keys this server has');
  }

  private every(ms: number, task: () => Promise<unknown>, doing: string): void {
    const timer = setInterval(() => void this.repeat(task, doing), ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** A background task's failure is logged, and it is tried again at its next turn. */
  private async repeat(task: () => Promise<unknown>, doing: string): Promise<void> {
    try {
      await task();
    } catch (error) {
      console.error(`mobipass-bank: ${doing} failed: ${(error as Error).message}`);
    }
  }

  private stopTimers(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /**
   * A fresh envelope for the customer; replaces any earlier key, clears failures and blocks. `deliver`
   * puts the envelope where it must go (printed, written to a file) before anything is committed: if it
   * throws, the customer keeps the old key and the new envelope never counts.
   */
  async issue(
    userId: string,
    actor: string,
    deliver: (parts: string[]) => void | Promise<void> = () => undefined,
  ): Promise<string[]> {
    const parts = newActivationCode();
    const key = activationKey(parts);
    let sealed;
    try {
      sealed = await this.keys.seal(userId, key);
    } finally {
      wipe(key);
    }
    await deliver(parts);
    await this.store.putKey(userId, sealed, this.suite, this.payeeDigits, this.context(actor));
    return parts;
  }

  /**
   * A challenge for the document: a code the customer's key was never issued (the database refuses a
   * repeat and another is drawn), bound to the payment when the customer's envelope signs payments.
   * For an envelope that signs the code only, a payment sent along is not bound: the reply then has no
   * amount or payee digits.
   */
  async challenge(
    userId: string,
    documentId: string,
    actor: string,
    payment: PaymentRequest = {},
  ): Promise<IssuedChallenge> {
    if ((payment.amount === undefined) !== (payment.payee === undefined)) {
      throw new BankError('bad_input', 'amount and payee go together: send both, or neither');
    }
    const audit = this.context(actor);
    for (let draw = 0; draw < CODE_DRAWS; draw++) {
      // Read again on every draw: a new envelope meanwhile changes the key, and so the codes to avoid.
      const customer = this.usable(await this.store.getCustomer(userId), userId);
      if (customer.blocked) throw new BankError('blocked', `customer ${userId} is blocked`);
      const suite = this.parsedSuite(customer.suite);
      const bound = this.boundPayment(customer, payment);
      const code = documentCode(suite, this.codeDigits, this.drawDigits);
      const record: NewChallenge = {
        id: randomBytes(16).toString('hex'),
        userId,
        documentId,
        code,
        amount: bound ? bound.amount : null,
        payee: bound ? bound.payee : null,
        createdAt: audit.at,
        expiresAt: audit.at + this.lifetimeMs,
        usedAt: null,
        keySerial: customer.keySerial,
        codeValue: codeValue(suite, code),
      };
      if (await this.store.addChallenge(record, audit)) {
        return {
          challengeId: record.id,
          code,
          documentId,
          expiresAt: record.expiresAt,
          ...(bound ? { amount: bound.amount, payeeDigits: bound.payee } : {}),
          signatureDigits: typedDigits(suite),
        };
      }
    }
    throw new BankError(
      'codes_used_up',
      `the key of customer ${userId} has issued nearly all of its document codes: issue a new envelope`,
    );
  }

  /** The payment a challenge for this customer binds: canonical amount and payee digits; null if none. */
  private boundPayment(customer: CustomerRecord, payment: PaymentRequest): { amount: string; payee: string } | null {
    const n = customer.payeeDigits;
    if (payment.amount === undefined || payment.payee === undefined) {
      if (n)
        throw new BankError('bad_input', `customer ${customer.userId} signs payments: send the amount and the payee`);
      return null;
    }
    const amount = canonicalAmount(payment.amount).amount;
    if (!amount) throw new BankError('bad_input', `amount ${AMOUNT_PROBLEM}`);
    if (!n) return null;
    const payee = payeeDigitsOf(payment.payee, n);
    if (!payee) {
      throw new BankError(
        'bad_input',
        `the payee's account has fewer than ${n} digits: the phone signs the last ${n} digits of the account`,
      );
    }
    return { amount, payee };
  }

  async verify(userId: string, challengeId: string, signature: string, actor: string): Promise<Verdict> {
    const read = await this.store.getVerification(userId, challengeId);
    const customer = this.usable(read.customer, userId);
    const audit = this.context(actor);
    if (customer.blocked) return this.refuse(audit, customer, challengeId, read.challenge, { result: 'blocked' });
    const suite = this.parsedSuite(customer.suite);
    const typed = readAnswer(suite, signature);
    if (typed.problem === 'format') {
      throw new BankError('bad_input', `the signature value must be ${typedDigits(suite)} digits`);
    }
    const closed = this.closedChallenge(read.challenge, userId, audit.at);
    if (closed) return this.refuse(audit, customer, challengeId, read.challenge, closed);
    const challenge = read.challenge as ChallengeRecord;
    // Version 2: a typing slip fails the check digit (the format was checked above); it cannot be right,
    // so it is never counted.
    if (typed.problem !== undefined)
      return this.refuse(audit, customer, challengeId, challenge, { result: 'mistyped' });
    if (await this.answerMatches(customer, suite, challenge, typed.answer)) {
      if (await this.store.acceptAnswer(challenge, customer.keySerial, audit)) return { result: 'accepted' };
    } else {
      const count = await this.store.recordFailure(challenge, customer.keySerial, this.maxFailures, audit);
      if (count) return failureVerdict(count, this.maxFailures);
    }
    // The database refused the write because something changed since the read: say what it was.
    const now = await this.store.getVerification(userId, challengeId);
    const current = this.usable(now.customer, userId);
    const verdict: Verdict = current.blocked
      ? { result: 'blocked' }
      : (this.closedChallenge(now.challenge, userId, audit.at) ?? { result: 'unknown_challenge' });
    return this.refuse(audit, current, challengeId, now.challenge, verdict);
  }

  async block(userId: string, actor: string): Promise<CustomerStatus> {
    if (!(await this.store.setBlocked(userId, true, this.context(actor)))) throw this.unknown(userId);
    return this.status(userId);
  }

  async unblock(userId: string, actor: string): Promise<CustomerStatus> {
    if (!(await this.store.setBlocked(userId, false, this.context(actor)))) throw this.unknown(userId);
    return this.status(userId);
  }

  /** The key is gone for good; the customer needs a new envelope. */
  async revoke(userId: string, actor: string): Promise<CustomerStatus> {
    if (!(await this.store.revokeKey(userId, this.context(actor)))) throw this.unknown(userId);
    return this.status(userId);
  }

  /** The customer's audit records since this time (ms), oldest first. */
  audit(userId: string, since = 0): Promise<AuditRecord[]> {
    return this.store.readAudit(userId, since);
  }

  async status(userId: string): Promise<CustomerStatus> {
    const customer = await this.store.getCustomer(userId);
    if (!customer) throw this.unknown(userId);
    const status = !customer.sealedKey ? 'revoked' : customer.blocked ? 'blocked' : 'active';
    return { user: userId, status, failures: customer.failures };
  }

  /** The answer against the value recomputed from K over what the bank stored: the code and its payment. */
  private async answerMatches(
    customer: CustomerRecord,
    suite: OcraSuite,
    challenge: ChallengeRecord,
    answer: string,
  ): Promise<boolean> {
    const { key } = await this.keys.open(customer.userId, {
      blob: customer.sealedKey as Buffer,
      keyId: customer.masterKeyId,
    });
    try {
      const payment =
        challenge.amount !== null ? { amount: challenge.amount, payee: challenge.payee as string } : undefined;
      return timingSafeEqual(
        Buffer.from(typedValue(suite, key, challenge.code, payment), 'latin1'),
        Buffer.from(answer, 'latin1'),
      );
    } finally {
      wipe(key);
    }
  }

  private closedChallenge(challenge: ChallengeRecord | undefined, userId: string, now: number): Verdict | undefined {
    if (!challenge || challenge.userId !== userId) return { result: 'unknown_challenge' };
    if (challenge.usedAt !== null) return { result: 'used' };
    if (challenge.expiresAt <= now) return { result: 'expired' };
    return undefined;
  }

  /** A verification refused on what was read (or a mistyped answer): audited, never counted. */
  private async refuse(
    audit: AuditContext,
    customer: CustomerRecord,
    challengeId: string,
    challenge: ChallengeRecord | undefined,
    verdict: Verdict,
  ): Promise<Verdict> {
    // Another customer's challenge is named by its id only: its document stays out of this customer's record.
    const documentId = challenge?.userId === customer.userId ? challenge.documentId : undefined;
    const about = { id: challengeId, userId: customer.userId, documentId };
    await this.store.recordRefusal(verificationAudit(audit, about, customer.keySerial, verdict));
    return verdict;
  }

  private usable(customer: CustomerRecord | undefined, userId: string): CustomerRecord {
    if (!customer) throw this.unknown(userId);
    if (!customer.sealedKey) throw new BankError('no_key', `customer ${userId} has no key: issue a new envelope`);
    return customer;
  }

  private context(actor: string): AuditContext {
    return { at: this.now(), instance: this.instance, actor };
  }

  private parsedSuite(text: string): OcraSuite {
    let suite = this.suites.get(text);
    if (!suite) {
      suite = verifiableSuite(text);
      this.suites.set(text, suite);
    }
    return suite;
  }

  private unknown(userId: string): BankError {
    return new BankError('unknown_customer', `no customer ${userId}: issue an envelope first`);
  }
}
