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

export type AuditEvent = 'issue' | 'challenge' | 'verify' | 'block' | 'unblock' | 'revoke';

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
  /** issue, revoke, verify: the customer's key serial the decision was about. */
  keySerial?: number;
  /** challenge binding a payment: its canonical amount and payee digits. */
  amount?: string;
  payee?: string;
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

export interface BankStore {
  /**
   * The database's master-key check: stores this sealed probe if the database has none yet and
   * returns the stored one, so a server started with another master key can say so at once.
   */
  masterKeyProbe(sealedProbe: Buffer): Promise<Buffer>;
  /** The stored probe (undefined before the first open), read without writing: the readiness check. */
  readProbe(): Promise<Buffer | undefined>;

  getCustomer(userId: string): Promise<CustomerRecord | undefined>;
  /** The customer and the challenge together (each undefined when absent). */
  getVerification(userId: string, challengeId: string): Promise<VerificationState>;
  /**
   * Creates or replaces the customer's key, issued for this suite and payment setting: failures 0,
   * unblocked, the customer's open challenges and the old key's issued codes dropped; audited as
   * `issue` with the new key serial.
   */
  putKey(userId: string, sealedKey: Buffer, suite: string, payeeDigits: number, audit: AuditContext): Promise<void>;
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

  /** A pooled store's connections, read when metrics are scraped (src/bank/metrics.ts); SQLite has no pool. */
  poolUsage?(): PoolUsage;

  close(): Promise<void>;
}
