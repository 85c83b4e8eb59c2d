import { randomBytes, timingSafeEqual } from 'node:crypto';
import { activationKey } from '../core/activation';
import { wipe } from '../core/bytes';
import { allHashes } from '../core/allHashes';
import { ocra, type OcraSuite } from '../core/ocra';
import { DEFAULT_SUITE, DOCUMENT_CODE_MIN_DIGITS, parsePhoneSuite, suiteVersion } from '../core/phoneSuite';
import { newActivationCode, randomDigits } from './codes';
import { BankError } from './errors';
import { checkProbe, openProbe } from './master-key-probe';
import type { MasterKeys } from './sealer/master-keys';
import { instanceSetting } from './settings';
import { verificationAudit } from './store/audit-rows';
import type { AuditContext, AuditRecord, BankStore, ChallengeRecord, CustomerRecord } from './store/store';
import { failureVerdict, type Verdict } from './verdicts';

export interface BankOptions {
  store: BankStore;
  /**
   * The master keys: the current one seals each customer's K, each stored K is opened by the key it was
   * sealed under. The bank closes store and keys.
   */
  keys: MasterKeys;
  /** The OCRA suite new envelopes are issued for; must match the app's build. */
  suite?: string;
  /** Digits of the document code number (default 6). */
  codeDigits?: number;
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

export interface IssuedChallenge {
  challengeId: string;
  code: string;
  documentId: string;
  expiresAt: number;
}

/** Expired challenges are kept this long, so answering one says "expired" rather than "unknown". */
const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** How often a server tells the database which master keys it has. */
export const ANNOUNCE_EVERY_MS = 10_000;
/** A server that said so within this long is taken to be running (rotate-master-key). */
export const LIVE_WITHIN_MS = 3 * ANNOUNCE_EVERY_MS;

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

/**
 * Issuing, challenges, verification with the 3-strike block, and the support line's block/unblock/revoke.
 * Every decision names its actor (the API token's name, or `cli`) for the audit trail.
 */
export class Bank {
  readonly suite: string;
  readonly codeDigits: number;
  readonly maxFailures: number;
  private readonly store: BankStore;
  private readonly keys: MasterKeys;
  private readonly lifetimeMs: number;
  private readonly now: () => number;
  private readonly instance: string;
  private readonly suites = new Map<string, OcraSuite>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly startedAt: number;

  private constructor(options: BankOptions) {
    this.store = options.store;
    this.keys = options.keys;
    this.suite = options.suite ?? DEFAULT_SUITE;
    this.codeDigits = options.codeDigits ?? 6;
    this.lifetimeMs = options.challengeLifetimeMs ?? 5 * 60 * 1000;
    this.maxFailures = options.maxFailures ?? 3;
    this.now = options.now ?? Date.now;
    this.instance = options.instance ?? instanceSetting(process.env);
    this.startedAt = this.now();
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

  /** Readiness: the database answers and this server's keys open its probe; else the BankError saying why not. */
  async ready(): Promise<void> {
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
    await this.store.putKey(userId, sealed, this.suite, this.context(actor));
    return parts;
  }

  async challenge(userId: string, documentId: string, actor: string): Promise<IssuedChallenge> {
    const customer = this.usable(await this.store.getCustomer(userId), userId);
    if (customer.blocked) throw new BankError('blocked', `customer ${userId} is blocked`);
    const audit = this.context(actor);
    const now = audit.at;
    const record: ChallengeRecord = {
      id: randomBytes(16).toString('hex'),
      userId,
      documentId,
      code: randomDigits(this.codeDigits),
      createdAt: now,
      expiresAt: now + this.lifetimeMs,
      usedAt: null,
    };
    await this.store.addChallenge(record, audit);
    return { challengeId: record.id, code: record.code, documentId, expiresAt: record.expiresAt };
  }

  async verify(userId: string, challengeId: string, signature: string, actor: string): Promise<Verdict> {
    const read = await this.store.getVerification(userId, challengeId);
    const customer = this.usable(read.customer, userId);
    const audit = this.context(actor);
    if (customer.blocked) return this.refuse(audit, customer, challengeId, read.challenge, { result: 'blocked' });
    const suite = this.parsedSuite(customer.suite);
    if (!/^\d+$/.test(signature) || signature.length !== suite.digits) {
      throw new BankError('bad_input', `the signature value must be ${suite.digits} digits`);
    }
    const closed = this.closedChallenge(read.challenge, userId, audit.at);
    if (closed) return this.refuse(audit, customer, challengeId, read.challenge, closed);
    const challenge = read.challenge as ChallengeRecord;
    if (await this.answerMatches(customer, suite, challenge.code, signature)) {
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

  private async answerMatches(
    customer: CustomerRecord,
    suite: OcraSuite,
    code: string,
    signature: string,
  ): Promise<boolean> {
    const { key } = await this.keys.open(customer.userId, {
      blob: customer.sealedKey as Buffer,
      keyId: customer.masterKeyId,
    });
    try {
      return timingSafeEqual(
        Buffer.from(ocra(suite, key, { question: code }), 'latin1'),
        Buffer.from(signature, 'latin1'),
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

  /** A verification refused on what was read: audited, never counted. */
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
