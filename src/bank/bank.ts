import { randomBytes, timingSafeEqual } from 'node:crypto';
import { activationKey } from '../core/activation';
import { wipe } from '../core/bytes';
import { allHashes } from '../core/allHashes';
import { ocra, type OcraSuite } from '../core/ocra';
import { DEFAULT_SUITE, DOCUMENT_CODE_MIN_DIGITS, parsePhoneSuite, suiteVersion } from '../core/phoneSuite';
import { newActivationCode, randomDigits } from './codes';
import { BankError } from './errors';
import { WrongMasterKey, type KeySealer } from './sealer/key-sealer';
import type { BankStore, ChallengeRecord, CustomerRecord } from './store/store';
import type { Verdict } from './verdicts';

export interface BankOptions {
  store: BankStore;
  /** Seals and opens each customer's K under the master key. The bank closes store and sealer. */
  sealer: KeySealer;
  /** The OCRA suite new envelopes are issued for; must match the app's build. */
  suite?: string;
  /** Digits of the document code number (default 6). */
  codeDigits?: number;
  challengeLifetimeMs?: number;
  /** Consecutive wrong answers that block (default 3, manual §5). */
  maxFailures?: number;
  now?: () => number;
}

export interface CustomerStatus {
  user: string;
  status: 'active' | 'blocked' | 'revoked';
  failures: number;
}

export interface IssuedChallenge {
  challengeId: string;
  code: string;
  documentId: string;
  expiresAt: number;
}

const PROBE_LABEL = 'mobipass master key probe';
/** Expired challenges are kept this long, so answering one says "expired" rather than "unknown". */
const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** The suites phones sign with (one rule for phone, bank and tools), as a setup error. */
function verifiableSuite(text: string): OcraSuite {
  try {
    const suite = parsePhoneSuite(text, allHashes);
    if (suiteVersion(suite) !== 1) throw new Error('this kit verifies version 1 (QN) suites only');
    return suite;
  } catch (error) {
    throw new BankError('config', `OCRA suite ${text}: ${(error as Error).message}`);
  }
}

/** Issuing, challenges, verification with the 3-strike block, and the support line's block/unblock/revoke. */
export class Bank {
  readonly suite: string;
  readonly codeDigits: number;
  readonly maxFailures: number;
  private readonly store: BankStore;
  private readonly sealer: KeySealer;
  private readonly lifetimeMs: number;
  private readonly now: () => number;
  private readonly suites = new Map<string, OcraSuite>();
  private purgeTimer?: NodeJS.Timeout;

  private constructor(options: BankOptions) {
    this.store = options.store;
    this.sealer = options.sealer;
    this.suite = options.suite ?? DEFAULT_SUITE;
    this.codeDigits = options.codeDigits ?? 6;
    this.lifetimeMs = options.challengeLifetimeMs ?? 5 * 60 * 1000;
    this.maxFailures = options.maxFailures ?? 3;
    this.now = options.now ?? Date.now;
    const suite = this.parsedSuite(this.suite);
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

  /** A bank over a store, after checking the master key is the one the store was made with. */
  static async open(options: BankOptions): Promise<Bank> {
    let bank: Bank;
    try {
      bank = new Bank(options);
    } catch (error) {
      // A refused setting: the store and the sealer the caller handed over are closed all the same.
      await Promise.allSettled([options.store.close(), options.sealer.close()]);
      throw error;
    }
    try {
      const probe = await bank.store.masterKeyProbe(await bank.sealer.seal(PROBE_LABEL, randomBytes(32)));
      wipe(await bank.sealer.open(PROBE_LABEL, probe));
    } catch (error) {
      await bank.close();
      if (!(error instanceof WrongMasterKey)) throw error;
      throw new BankError('config', `${bank.sealer.description} is not the master key this database was created with`);
    }
    return bank;
  }

  async close(): Promise<void> {
    this.stopPurging();
    try {
      await this.store.close();
    } finally {
      await this.sealer.close();
    }
  }

  /** Deletes challenges that expired more than a day ago; returns how many. */
  purgeOldChallenges(): Promise<number> {
    return this.store.purgeChallenges(this.now() - EXPIRED_KEPT_MS);
  }

  /** For long-running servers: purge now and every hour until close(). */
  keepPurging(): void {
    const purge = () => {
      this.purgeOldChallenges().catch((error: Error) =>
        console.error(`mobipass-bank: purging old challenges failed: ${error.message}`),
      );
    };
    purge();
    this.purgeTimer = setInterval(purge, PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  private stopPurging(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
  }

  /**
   * A fresh envelope for the customer; replaces any earlier key, clears failures and blocks. `deliver`
   * puts the envelope where it must go (printed, written to a file) before anything is committed: if it
   * throws, the customer keeps the old key and the new envelope never counts.
   */
  async issue(userId: string, deliver: (parts: string[]) => void | Promise<void> = () => undefined): Promise<string[]> {
    const parts = newActivationCode();
    const key = activationKey(parts);
    let sealed: Buffer;
    try {
      sealed = await this.sealer.seal(userId, key);
    } finally {
      wipe(key);
    }
    await deliver(parts);
    await this.store.putKey(userId, sealed, this.suite, this.now());
    return parts;
  }

  async challenge(userId: string, documentId: string): Promise<IssuedChallenge> {
    const customer = await this.usableCustomer(userId);
    if (customer.blocked) throw new BankError('blocked', `customer ${userId} is blocked`);
    const now = this.now();
    const record: ChallengeRecord = {
      id: randomBytes(16).toString('hex'),
      userId,
      documentId,
      code: randomDigits(this.codeDigits),
      createdAt: now,
      expiresAt: now + this.lifetimeMs,
      usedAt: null,
    };
    await this.store.addChallenge(record);
    return { challengeId: record.id, code: record.code, documentId, expiresAt: record.expiresAt };
  }

  async verify(userId: string, challengeId: string, signature: string): Promise<Verdict> {
    const customer = await this.usableCustomer(userId);
    if (customer.blocked) return { result: 'blocked' };
    const suite = this.parsedSuite(customer.suite);
    if (!/^\d+$/.test(signature) || signature.length !== suite.digits) {
      throw new BankError('bad_input', `the signature value must be ${suite.digits} digits`);
    }
    const challenge = await this.store.getChallenge(challengeId);
    const closed = this.closedChallenge(challenge, userId);
    if (closed) return closed;
    const now = this.now();
    if (await this.answerMatches(customer, suite, (challenge as ChallengeRecord).code, signature)) {
      if (await this.store.acceptAnswer(challengeId, userId, customer.keySerial, now)) return { result: 'accepted' };
    } else {
      const count = await this.store.recordFailure(userId, customer.keySerial, this.maxFailures, now);
      if (count)
        return count.blocked
          ? { result: 'blocked' }
          : { result: 'rejected', attemptsLeft: this.maxFailures - count.failures };
    }
    return this.refusalAfterRace(userId, challengeId);
  }

  async block(userId: string): Promise<CustomerStatus> {
    if (!(await this.store.setBlocked(userId, true, this.now()))) throw this.unknown(userId);
    return this.status(userId);
  }

  async unblock(userId: string): Promise<CustomerStatus> {
    if (!(await this.store.setBlocked(userId, false, this.now()))) throw this.unknown(userId);
    return this.status(userId);
  }

  /** The key is gone for good; the customer needs a new envelope. */
  async revoke(userId: string): Promise<CustomerStatus> {
    if (!(await this.store.revokeKey(userId, this.now()))) throw this.unknown(userId);
    return this.status(userId);
  }

  async status(userId: string): Promise<CustomerStatus> {
    const customer = await this.store.getCustomer(userId);
    if (!customer) throw this.unknown(userId);
    const status = !customer.sealedKey ? 'revoked' : customer.blocked ? 'blocked' : 'active';
    return { user: userId, status, failures: customer.failures };
  }

  private async answerMatches(
    customer: CustomerRecord,
    suite: OcraSuite,
    code: string,
    signature: string,
  ): Promise<boolean> {
    const key = await this.sealer.open(customer.userId, customer.sealedKey as Buffer);
    try {
      return timingSafeEqual(
        Buffer.from(ocra(suite, key, { question: code }), 'latin1'),
        Buffer.from(signature, 'latin1'),
      );
    } finally {
      wipe(key);
    }
  }

  private closedChallenge(challenge: ChallengeRecord | undefined, userId: string): Verdict | undefined {
    if (!challenge || challenge.userId !== userId) return { result: 'unknown_challenge' };
    if (challenge.usedAt !== null) return { result: 'used' };
    if (challenge.expiresAt <= this.now()) return { result: 'expired' };
    return undefined;
  }

  /** The store refused a write because something changed since we read: say what it was. */
  private async refusalAfterRace(userId: string, challengeId: string): Promise<Verdict> {
    const customer = await this.usableCustomer(userId);
    if (customer.blocked) return { result: 'blocked' };
    return this.closedChallenge(await this.store.getChallenge(challengeId), userId) ?? { result: 'unknown_challenge' };
  }

  private async usableCustomer(userId: string): Promise<CustomerRecord> {
    const customer = await this.store.getCustomer(userId);
    if (!customer) throw this.unknown(userId);
    if (!customer.sealedKey) throw new BankError('no_key', `customer ${userId} has no key: issue a new envelope`);
    return customer;
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
