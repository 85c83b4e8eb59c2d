/**
 * What the bank kit keeps. Every method that changes a counter or consumes a challenge is one
 * atomic statement (or one transaction) in the implementation, so several verifier processes
 * sharing one database (e.g. a PostgreSQL implementation of this interface) cannot double-count,
 * under-count or accept a challenge twice.
 */
export interface CustomerRecord {
  userId: string;
  /** K sealed under the master key; null once revoked. */
  sealedKey: Buffer | null;
  suite: string;
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
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface FailureCount {
  failures: number;
  blocked: boolean;
}

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

  getCustomer(userId: string): Promise<CustomerRecord | undefined>;
  /** Creates or replaces the customer's key: failures 0, unblocked, the customer's open challenges dropped. */
  putKey(userId: string, sealedKey: Buffer, suite: string, now: number): Promise<void>;
  /** Drops the key and the open challenges; false for an unknown customer. */
  revokeKey(userId: string, now: number): Promise<boolean>;
  /** Block, or unblock with failures reset; false for an unknown customer. */
  setBlocked(userId: string, blocked: boolean, now: number): Promise<boolean>;

  addChallenge(challenge: ChallengeRecord): Promise<void>;
  getChallenge(id: string): Promise<ChallengeRecord | undefined>;
  /**
   * A right answer: marks the challenge used if it is still open and the customer is still unblocked
   * on the same key, and resets the failure count, in one transaction. False when any of that no
   * longer holds.
   */
  acceptAnswer(challengeId: string, userId: string, keySerial: number, now: number): Promise<boolean>;
  /**
   * A wrong answer: one atomic increment that blocks at the limit; undefined when the customer is
   * already blocked or has another key (nothing counted).
   */
  recordFailure(userId: string, keySerial: number, limit: number, now: number): Promise<FailureCount | undefined>;

  /** Deletes challenges that expired before this time; returns how many. */
  purgeChallenges(expiredBefore: number): Promise<number>;

  /** A pooled store's connections, read when metrics are scraped (src/bank/metrics.ts); SQLite has no pool. */
  poolUsage?(): PoolUsage;

  close(): Promise<void>;
}
