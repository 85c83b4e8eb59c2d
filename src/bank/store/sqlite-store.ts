import Database from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { BankError } from '../errors';
import { ENV } from '../settings';
import { GroupCommit } from './group-commit';
import {
  AUDIT_COLUMNS,
  auditRecord,
  auditValues,
  challengeAudit,
  failureAudit,
  issueAudit,
  resealAudit,
  verificationAudit,
  type AuditRow,
} from './audit-rows';
import * as keyRows from './master-key-rows';
import { MIGRATIONS, newerSchemaMessage, SCHEMA_VERSION } from './migrations';
import {
  CHALLENGE_COLUMNS,
  CUSTOMER_COLUMNS,
  customerRecord,
  verificationQuery,
  verificationState,
  type CustomerRow,
  type VerificationRow,
} from './rows';
import type {
  AuditContext,
  AuditRecord,
  BankStore,
  ChallengeRecord,
  CustomerRecord,
  FailureCount,
  NewChallenge,
  InstanceKeys,
  MasterKeyCount,
  MasterKeyUse,
  Reseal,
  RetiredMasterKey,
  StoredCustomerKey,
  VerificationState,
} from './store';
import type { Sealed, StoredSealed } from '../sealer/master-keys';

export interface SqliteStoreOptions {
  /**
   * 'full' fsyncs every commit (a power cut loses nothing); 'normal' is WAL's usual setting (never
   * corrupt; a power cut may lose the last commits, e.g. a failure count or a consumed challenge).
   */
  durability?: 'full' | 'normal';
  /**
   * Hold the file's lock for as long as the store is open (SQLite locking_mode EXCLUSIVE): no lock
   * system calls per statement, several times faster on small virtual machines, but no other process
   * can use the file meanwhile — for the one long-running server; one-shot CLI commands share.
   */
  exclusive?: boolean;
}

/** SQLITE_BUSY from a file another process holds, in words that say what to do. */
function explainBusy<T>(file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new BankError(
      'config',
      `the database ${file} is in use by a running mobipass-bank serve: use its HTTP API, stop it first, or start it with ${ENV.sqliteLocking}=shared`,
    );
  }
}

/** Runs the migrations the file lacks, each in its own transaction with its version (PRAGMA user_version). */
function migrate(db: Database.Database, file: string): void {
  const current = () => db.pragma('user_version', { simple: true }) as number;
  if (current() > SCHEMA_VERSION) throw new BankError('config', newerSchemaMessage(file, current()));
  for (const migration of MIGRATIONS) {
    db.transaction(() => {
      if (current() >= migration.version) return;
      db.exec(migration.sqlite);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

/** The embedded store: one SQLite file in WAL mode. */
export class SqliteStore implements BankStore {
  private readonly db: Database.Database;
  private readonly commits: GroupCommit;
  private readonly statements;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    // Created for its owner only: SQLite gives the -wal and -shm files the database file's mode.
    closeSync(openSync(file, 'a', 0o600));
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 2000');
    if (options.exclusive) this.db.pragma('locking_mode = EXCLUSIVE');
    try {
      explainBusy(file, () => {
        this.db.pragma('journal_mode = WAL');
        migrate(this.db, file);
      });
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    // A checkpoint runs inside a commit and holds up every answer of that turn: one every 10,000 WAL
    // pages (about 40 MB) instead of SQLite's 1,000 copies each often rewritten page once, not ten
    // times, and took the p99 of npm run bench:bank from 9–10 ms to 6–7 ms.
    this.db.pragma('wal_autocheckpoint = 10000');
    this.commits = new GroupCommit(this.db);
    const db = this.db;
    this.statements = {
      putProbe: db.prepare<[Buffer, string]>(
        `INSERT INTO meta (name, value, master_key_id) VALUES ('${keyRows.PROBE_NAME}', ?, ?) ON CONFLICT (name) DO NOTHING`,
      ),
      getProbe: db.prepare<[], { value: Buffer; master_key_id: string | null }>(
        `SELECT value, master_key_id FROM meta WHERE name = '${keyRows.PROBE_NAME}'`,
      ),
      replaceProbe: db.prepare<[Buffer, string, Buffer]>(
        `UPDATE meta SET value = ?, master_key_id = ? WHERE name = '${keyRows.PROBE_NAME}' AND value = ?`,
      ),
      getCustomer: db.prepare<[string], CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE user_id = ?`),
      getVerification: db.prepare<{ userId: string; challengeId: string }, VerificationRow>(
        verificationQuery('@userId', '@challengeId'),
      ),
      upsertKey: db.prepare<
        { userId: string; sealedKey: Buffer; masterKeyId: string; suite: string; payeeDigits: number; now: number },
        { key_serial: number }
      >(
        `INSERT INTO customers (user_id, sealed_key, master_key_id, suite, payee_digits, failures, blocked, key_serial, updated_at)
        VALUES (@userId, @sealedKey, @masterKeyId, @suite, @payeeDigits, 0, 0, 1, @now)
        ON CONFLICT (user_id) DO UPDATE SET sealed_key = excluded.sealed_key, master_key_id = excluded.master_key_id,
          suite = excluded.suite, payee_digits = excluded.payee_digits, failures = 0, blocked = 0,
          key_serial = key_serial + 1, updated_at = excluded.updated_at
        RETURNING key_serial`,
      ),
      isRetired: db.prepare<[string], { key_id: string }>('SELECT key_id FROM retired_master_keys WHERE key_id = ?'),
      dropOpenChallenges: db.prepare('DELETE FROM challenges WHERE user_id = ? AND used_at IS NULL'),
      dropIssuedCodes: db.prepare('DELETE FROM issued_codes WHERE user_id = ?'),
      revoke: db.prepare<[number, string], { key_serial: number }>(
        `UPDATE customers SET sealed_key = NULL, master_key_id = NULL, failures = 0, blocked = 0,
          key_serial = key_serial + 1, updated_at = ? WHERE user_id = ? RETURNING key_serial`,
      ),
      block: db.prepare('UPDATE customers SET blocked = 1, updated_at = ? WHERE user_id = ?'),
      unblock: db.prepare('UPDATE customers SET blocked = 0, failures = 0, updated_at = ? WHERE user_id = ?'),
      // A code the key was issued before is refused by the primary key, so a repeat never gets stored.
      issueCode: db.prepare<{ userId: string; keySerial: number; codeValue: string }>(
        `INSERT INTO issued_codes (user_id, key_serial, code)
        SELECT @userId, @keySerial, @codeValue
        WHERE EXISTS (SELECT 1 FROM customers WHERE user_id = @userId AND key_serial = @keySerial AND sealed_key IS NOT NULL)
        ON CONFLICT DO NOTHING`,
      ),
      addChallenge: db.prepare(`INSERT INTO challenges (${CHALLENGE_COLUMNS})
        VALUES (@id, @userId, @documentId, @code, @amount, @payee, @createdAt, @expiresAt, NULL)`),
      consume: db.prepare(`UPDATE challenges SET used_at = @now
        WHERE id = @id AND user_id = @userId AND used_at IS NULL AND expires_at > @now
          AND EXISTS (SELECT 1 FROM customers WHERE user_id = @userId AND blocked = 0 AND key_serial = @keySerial)`),
      purge: db.prepare('DELETE FROM challenges WHERE expires_at < ?'),
      resetFailures: db.prepare(
        'UPDATE customers SET failures = 0 WHERE user_id = ? AND key_serial = ? AND failures <> 0',
      ),
      // SET reads the old row: the increment and the block decision see the same value. Counted only
      // while the answered challenge is still open (issue 8 §2: not after another answer consumed it).
      fail: db.prepare<
        { limit: number; now: number; userId: string; keySerial: number; challengeId: string },
        { failures: number; blocked: number }
      >(`UPDATE customers
        SET failures = failures + 1, blocked = (failures + 1 >= @limit), updated_at = @now
        WHERE user_id = @userId AND key_serial = @keySerial AND blocked = 0 AND sealed_key IS NOT NULL
          AND EXISTS (SELECT 1 FROM challenges
            WHERE id = @challengeId AND user_id = @userId AND used_at IS NULL AND expires_at > @now)
        RETURNING failures, blocked`),
      audit: db.prepare(
        `INSERT INTO audit (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`,
      ),
      readAudit: db.prepare<[string, number], AuditRow>(
        `SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit WHERE user_id = ? AND at >= ? ORDER BY id`,
      ),
      keysNotUnder: db.prepare<[string, string, number], keyRows.CustomerKeyRow>(
        keyRows.keysNotUnderQuery('?', '?', '?'),
      ),
      reseal: db.prepare<[Buffer, string, number, string, Buffer], { key_serial: number }>(
        `UPDATE customers SET sealed_key = ?, master_key_id = ?, updated_at = ?
          WHERE user_id = ? AND sealed_key = ? RETURNING key_serial`,
      ),
      masterKeyCounts: db.prepare<[], { master_key_id: string | null; customers: number }>(keyRows.MASTER_KEY_COUNTS),
      keyUse: db.prepare<{ keyId: string }, { customers: number; unlabelled: number; probe: number }>(
        keyRows.keyUseQuery('@keyId'),
      ),
      retire: db.prepare<[string, number, string, string]>(
        'INSERT INTO retired_master_keys (key_id, at, instance, actor) VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING',
      ),
      retired: db.prepare<[], { key_id: string; at: number; instance: string; actor: string }>(keyRows.RETIRED_KEYS),
      announce: db.prepare<[string, string, string, number, number]>(
        keyRows.announceStatement(['?', '?', '?', '?', '?']),
      ),
      liveInstances: db.prepare<[number], keyRows.InstanceRow>(
        `SELECT ${keyRows.INSTANCE_COLUMNS} FROM instances WHERE seen_at >= ? ORDER BY instance`,
      ),
    };
  }

  async masterKeyProbe(probe: Sealed): Promise<StoredSealed> {
    await this.commits.run(() => this.statements.putProbe.run(probe.blob, probe.keyId));
    return (await this.readProbe()) as StoredSealed;
  }

  /** Nothing to ask: this process opened the file for writing and holds it; a full disk shows on the write itself. */
  async assertWritable(): Promise<void> {}

  async readProbe(): Promise<StoredSealed | undefined> {
    const row = this.statements.getProbe.get();
    return row && { blob: row.value, keyId: row.master_key_id };
  }

  async getCustomer(userId: string): Promise<CustomerRecord | undefined> {
    const row = this.statements.getCustomer.get(userId);
    return row && customerRecord(row);
  }

  async getVerification(userId: string, challengeId: string): Promise<VerificationState> {
    return verificationState(this.statements.getVerification.get({ userId, challengeId }) as VerificationRow);
  }

  putKey(userId: string, sealedKey: Sealed, suite: string, payeeDigits: number, audit: AuditContext): Promise<void> {
    return this.commits.run(() => {
      // In the same transaction as the write: a retirement (one transaction too) comes wholly before or after.
      if (this.statements.isRetired.get(sealedKey.keyId)) throw keyRows.retiredKeyError(sealedKey.keyId);
      const { key_serial } = this.statements.upsertKey.get({
        userId,
        sealedKey: sealedKey.blob,
        masterKeyId: sealedKey.keyId,
        suite,
        payeeDigits,
        now: audit.at,
      })!;
      this.statements.dropOpenChallenges.run(userId);
      this.statements.dropIssuedCodes.run(userId);
      this.writeAudit(issueAudit(audit, userId, key_serial, sealedKey.keyId));
    });
  }

  revokeKey(userId: string, audit: AuditContext): Promise<boolean> {
    return this.commits.run(() => {
      const revoked = this.statements.revoke.get(audit.at, userId);
      if (!revoked) return false;
      this.statements.dropOpenChallenges.run(userId);
      this.statements.dropIssuedCodes.run(userId);
      this.writeAudit({ ...audit, userId, event: 'revoke', keySerial: revoked.key_serial });
      return true;
    });
  }

  setBlocked(userId: string, blocked: boolean, audit: AuditContext): Promise<boolean> {
    return this.commits.run(() => {
      if ((blocked ? this.statements.block : this.statements.unblock).run(audit.at, userId).changes !== 1) return false;
      this.writeAudit({ ...audit, userId, event: blocked ? 'block' : 'unblock' });
      return true;
    });
  }

  addChallenge(challenge: NewChallenge, audit: AuditContext): Promise<boolean> {
    const { userId, keySerial, codeValue } = challenge;
    return this.commits.run(() => {
      if (this.statements.issueCode.run({ userId, keySerial, codeValue }).changes !== 1) return false;
      const { id, documentId, code, amount, payee, createdAt, expiresAt } = challenge;
      this.statements.addChallenge.run({ id, userId, documentId, code, amount, payee, createdAt, expiresAt });
      this.writeAudit(challengeAudit(audit, challenge));
      return true;
    });
  }

  acceptAnswer(challenge: ChallengeRecord, keySerial: number, audit: AuditContext): Promise<boolean> {
    const { id, userId } = challenge;
    return this.commits.run(() => {
      if (this.statements.consume.run({ id, userId, keySerial, now: audit.at }).changes !== 1) return false;
      this.statements.resetFailures.run(userId, keySerial);
      this.writeAudit(verificationAudit(audit, challenge, keySerial, { result: 'accepted' }));
      return true;
    });
  }

  recordFailure(
    challenge: ChallengeRecord,
    keySerial: number,
    limit: number,
    audit: AuditContext,
  ): Promise<FailureCount | undefined> {
    return this.commits.run(() => {
      const row = this.statements.fail.get({
        limit,
        now: audit.at,
        userId: challenge.userId,
        keySerial,
        challengeId: challenge.id,
      });
      if (!row) return undefined;
      const count = { failures: row.failures, blocked: row.blocked === 1 };
      this.writeAudit(failureAudit(audit, challenge, keySerial, count, limit));
      return count;
    });
  }

  async recordRefusal(record: AuditRecord): Promise<void> {
    await this.commits.run(() => this.writeAudit(record));
  }

  async readAudit(userId: string, since: number): Promise<AuditRecord[]> {
    return this.statements.readAudit.all(userId, since).map(auditRecord);
  }

  purgeChallenges(expiredBefore: number): Promise<number> {
    return this.commits.run(() => this.statements.purge.run(expiredBefore).changes);
  }

  replaceProbe(from: Buffer, to: Sealed): Promise<boolean> {
    return this.commits.run(() => this.statements.replaceProbe.run(to.blob, to.keyId, from).changes === 1);
  }

  async keysNotUnder(keyId: string, afterUserId: string, limit: number): Promise<StoredCustomerKey[]> {
    return this.statements.keysNotUnder.all(afterUserId, keyId, limit).map(keyRows.customerKey);
  }

  resealKeys(reseals: Reseal[], audit: AuditContext): Promise<string[]> {
    return this.commits.run(() =>
      reseals.flatMap((reseal) => {
        const { to, userId, from } = reseal;
        const row = this.statements.reseal.get(to.blob, to.keyId, audit.at, userId, from);
        if (!row) return [];
        this.writeAudit(resealAudit(audit, reseal, row.key_serial));
        return [userId];
      }),
    );
  }

  async masterKeyCounts(): Promise<MasterKeyCount[]> {
    return this.statements.masterKeyCounts.all().map(keyRows.masterKeyCount);
  }

  retireMasterKey(keyId: string, audit: AuditContext): Promise<MasterKeyUse> {
    return this.commits.run(() => {
      const use = keyRows.masterKeyUse(this.statements.keyUse.get({ keyId })!);
      if (keyRows.unused(use)) this.statements.retire.run(keyId, audit.at, audit.instance, audit.actor);
      return use;
    });
  }

  async retiredMasterKeys(): Promise<RetiredMasterKey[]> {
    return this.statements.retired.all().map(keyRows.retiredKey);
  }

  async announceInstance(keys: Omit<InstanceKeys, 'seenAt'>): Promise<void> {
    await this.commits.run(() => this.statements.announce.run(...keyRows.instanceValues(keys), Date.now()));
  }

  async liveInstances(withinMs: number): Promise<InstanceKeys[]> {
    return this.statements.liveInstances.all(Date.now() - withinMs).map(keyRows.instanceKeys);
  }

  async close(): Promise<void> {
    this.commits.flush();
    this.db.close();
  }

  private writeAudit(record: AuditRecord): void {
    this.statements.audit.run(auditValues(record));
  }
}
