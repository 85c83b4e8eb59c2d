import type { Sealed, StoredSealed } from '../sealer/master-keys';

/**
 * What the bank kit keeps. Every method that changes a counter or consumes a challenge is one
 * atomic statement (or one transaction) in the implementation, decided by the database, so several
 * verifier processes sharing one database cannot double-count, under-count or accept a challenge
 * twice. Every decision writes its audit record in the same statement or transaction.
 */
export interface CustomerRecord {
  userId: string;
  /** K sealed under the master key; null once revoked. */
  sealedKey: Buffer | null;
  /** The id of the master key that sealed it; null when it was sealed before schema step 4 recorded key ids. */
  masterKeyId: string | null;
  /** The OCRA suite the envelope was issued for: its version (docs/ALGORITHM.md §3.2). */
  suite: string;
  /** Version 2: payee digits each payment binds; 0 when the envelope signs the document code only. */
  payeeDigits: number;
  failures: number;
  blocked: boolean;
  /** Grows on every issue and revoke, so an answer checked against an old key never touches the new one. */
  keySerial: number;
}

export interface ChallengeRecord {
  id: string;
  userId: string;
  documentId: string;
  code: string;
  /** The payment the signature binds (version 2 with payment data): canonical amount and payee digits. */
  amount: string | null;
  payee: string | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** A challenge to store, for the customer's key of this serial, with its code's value (ALGORITHM.md §5.2). */
export interface NewChallenge extends ChallengeRecord {
  keySerial: number;
  /** What makes two codes the same for the key: version 1 codes are numbers, version 2 codes strings. */
  codeValue: string;
}

export interface FailureCount {
  failures: number;
  blocked: boolean;
}

/** What a verification reads, in one round trip. */
export interface VerificationState {
  customer?: CustomerRecord;
  challenge?: ChallengeRecord;
}

/** Every kind of audit record; `reseal`: rotate-master-key moved the customer's K under another master key. */
export const AUDIT_EVENTS = ['issue', 'challenge', 'verify', 'block', 'unblock', 'revoke', 'reseal'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/**
 * One audit record: who decided what about which customer, when and where. Never K, envelope digits,
 * document codes or signature values.
 */
export interface AuditRecord {
  /** The server's clock, ms since 1970. */
  at: number;
  /** Which mobipass-bank process (MOBIPASS_INSTANCE). */
  instance: string;
  /** The API token's name, or `cli`. */
  actor: string;
  userId: string;
  event: AuditEvent;
  /** verify: the verdict (accepted, rejected, mistyped, blocked, used, expired, unknown_challenge). */
  result?: string;
  /** verify rejected: attempts left. */
  attemptsLeft?: number;
  challengeId?: string;
  documentId?: string;
  /** challenge: when it expires. */
  expiresAt?: number;
  /** issue, revoke, verify, reseal: the customer's key serial the decision was about. */
  keySerial?: number;
  /** challenge binding a payment: its canonical amount and payee digits. */
  amount?: string;
  payee?: string;
  /** issue, reseal: the master key K is sealed under from now on. */
  masterKeyId?: string;
  /** reseal: the master key K was sealed under before (the same one when only its key id was recorded). */
  previousMasterKeyId?: string;
}

/** Who acts, where and when: the part of an audit record every decision shares. */
export type AuditContext = Pick<AuditRecord, 'at' | 'instance' | 'actor'>;

export interface PoolUsage {
  /** Open connections, busy and idle. */
  total: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
  /** The most connections the pool opens. */
  max: number;
}

/** A customer's sealed key as rotate-master-key reads it. */
export interface StoredCustomerKey {
  userId: string;
  sealed: StoredSealed;
}

/** One customer's key moved under another master key, if the row still holds the sealed key that was read. */
export interface Reseal {
  userId: string;
  /** The sealed key as read: the row switches only if it still holds exactly this. */
  from: Buffer;
  to: Sealed;
  /** The master key that opened `from`. */
  previousKeyId: string;
}

/** How many customers' keys are sealed under each master key (null: no key id, sealed before step 4). */
export interface MasterKeyCount {
  keyId: string | null;
  customers: number;
}

/** What still uses a master key: a retirement needs all of it zero or false. */
export interface MasterKeyUse {
  customers: number;
  /** Keys without a key id: any of them may be sealed under it. */
  unlabelled: number;
  probe: boolean;
}

export interface RetiredMasterKey {
  keyId: string;
  at: number;
  instance: string;
  actor: string;
}

/** A running server's master keys, as it announces them while it serves (rotate-master-key checks them). */
export interface InstanceKeys {
  instance: string;
  /** The key id it seals with. */
  sealsWith: string;
  /** The key ids it opens with, the current one first. */
  opensWith: string[];
  startedAt: number;
  /** When it last said so (the database's clock on PostgreSQL). */
  seenAt: number;
}

export interface BankStore {
  /**
   * The database's master-key check: stores this sealed probe if the database has none yet and
   * returns the stored one, so a server started with another master key can say so at once.
   */
  masterKeyProbe(probe: Sealed): Promise<StoredSealed>;
  /** The stored probe (undefined before the first open), read without writing: the readiness check. */
  readProbe(): Promise<StoredSealed | undefined>;
  /** Refuses (database_unavailable) when the database would refuse writes, e.g. a standby: the readiness check. */
  assertWritable(): Promise<void>;

  getCustomer(userId: string): Promise<CustomerRecord | undefined>;
  /** The customer and the challenge together (each undefined when absent). */
  getVerification(userId: string, challengeId: string): Promise<VerificationState>;
  /**
   * Creates or replaces the customer's key, issued for this suite and payment setting: failures 0,
   * unblocked, the customer's open challenges and the old key's issued codes dropped; audited as
   * `issue` with the new key serial and the master key. Refused (a config BankError, nothing written)
   * when that master key is retired.
   */
  putKey(userId: string, sealedKey: Sealed, suite: string, payeeDigits: number, audit: AuditContext): Promise<void>;
  /** Drops the key, the open challenges and the issued codes; false (nothing written) for an unknown customer. */
  revokeKey(userId: string, audit: AuditContext): Promise<boolean>;
  /** Block, or unblock with failures reset; false (nothing written) for an unknown customer. */
  setBlocked(userId: string, blocked: boolean, audit: AuditContext): Promise<boolean>;

  /**
   * Stores the challenge, its code among the key's issued codes and its audit record (the challenge's
   * createdAt is the record's time), in one transaction, if the customer still has that key and the
   * key was never issued this code; false (nothing written) otherwise: the database decides.
   */
  addChallenge(challenge: NewChallenge, audit: AuditContext): Promise<boolean>;
  /**
   * A right answer: marks the challenge used if it is still open and the customer is still unblocked
   * on the same key, resets the failure count and writes the `accepted` record, in one transaction.
   * False (nothing written) when any of that no longer holds.
   */
  acceptAnswer(challenge: ChallengeRecord, keySerial: number, audit: AuditContext): Promise<boolean>;
  /**
   * A wrong answer: if the challenge is still open and the customer unblocked on the same key, one
   * increment that blocks at the limit, with its `rejected` or `blocked` record, in one transaction.
   * Undefined (nothing written) when any of that no longer holds: an answer to a challenge another
   * answer has just consumed never counts.
   */
  recordFailure(
    challenge: ChallengeRecord,
    keySerial: number,
    limit: number,
    audit: AuditContext,
  ): Promise<FailureCount | undefined>;
  /** The audit record of a verification refused on what was read (blocked, used, expired, unknown). */
  recordRefusal(record: AuditRecord): Promise<void>;

  /** The customer's audit records from this time on (ms), oldest first. */
  readAudit(userId: string, since: number): Promise<AuditRecord[]>;

  /** Deletes challenges that expired before this time; returns how many. The audit trail is never purged. */
  purgeChallenges(expiredBefore: number): Promise<number>;

  // Master-key rotation (rotate-master-key) and retirement.

  /** Replaces the probe if it still is `from`; false (nothing written) if it changed meanwhile. */
  replaceProbe(from: Buffer, to: Sealed): Promise<boolean>;
  /** Customers' sealed keys not under `keyId` (or without a key id), after `afterUserId` in user id order. */
  keysNotUnder(keyId: string, afterUserId: string, limit: number): Promise<StoredCustomerKey[]>;
  /**
   * One batch in one transaction: each row whose sealed key is still the one read switches to the new
   * one (its key serial unchanged: K is the same), with its `reseal` record; a row issued or revoked
   * meanwhile is left as it is. Returns the customers switched.
   */
  resealKeys(reseals: Reseal[], audit: AuditContext): Promise<string[]>;
  /** Customers' keys per master key id (revoked customers have none), most first. */
  masterKeyCounts(): Promise<MasterKeyCount[]>;
  /**
   * Records the master key as retired if nothing uses it, checked in the same transaction, with every
   * issue waiting meanwhile, so no key is sealed under it afterwards; returns what uses it (retired only
   * if nothing does). Retiring a retired key changes nothing.
   */
  retireMasterKey(keyId: string, audit: AuditContext): Promise<MasterKeyUse>;
  retiredMasterKeys(): Promise<RetiredMasterKey[]>;
  /** Records (or refreshes) which keys this server has; `seenAt` is stamped by the store. */
  announceInstance(keys: Omit<InstanceKeys, 'seenAt'>): Promise<void>;
  /** The servers that announced their keys within the last `withinMs`. */
  liveInstances(withinMs: number): Promise<InstanceKeys[]>;

  /** A pooled store's connections, read when metrics are scraped (src/bank/metrics.ts); SQLite has no pool. */
  poolUsage?(): PoolUsage;

  close(): Promise<void>;
}
