import Database from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { BankError } from '../errors';
import { GroupCommit } from './group-commit';
import { MIGRATIONS, newerSchemaMessage, SCHEMA_VERSION } from './migrations';
import type { BankStore, ChallengeRecord, CustomerRecord, FailureCount } from './store';

interface CustomerRow {
  user_id: string;
  sealed_key: Buffer | null;
  suite: string;
  failures: number;
  blocked: number;
  key_serial: number;
}

interface ChallengeRow {
  id: string;
  user_id: string;
  document_id: string;
  code: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

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
      `the database ${file} is in use by a running mobipass-bank serve: use its HTTP API, or stop it first`,
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
    this.commits = new GroupCommit(this.db);
    const db = this.db;
    this.statements = {
      putProbe: db.prepare(
        "INSERT INTO meta (name, value) VALUES ('master_key_probe', ?) ON CONFLICT (name) DO NOTHING",
      ),
      getProbe: db.prepare<[], { value: Buffer }>("SELECT value FROM meta WHERE name = 'master_key_probe'"),
      getCustomer: db.prepare<[string], CustomerRow>(
        'SELECT user_id, sealed_key, suite, failures, blocked, key_serial FROM customers WHERE user_id = ?',
      ),
      upsertKey:
        db.prepare(`INSERT INTO customers (user_id, sealed_key, suite, failures, blocked, key_serial, updated_at)
        VALUES (@userId, @sealedKey, @suite, 0, 0, 1, @now)
        ON CONFLICT (user_id) DO UPDATE SET sealed_key = excluded.sealed_key, suite = excluded.suite,
          failures = 0, blocked = 0, key_serial = key_serial + 1, updated_at = excluded.updated_at`),
      dropOpenChallenges: db.prepare('DELETE FROM challenges WHERE user_id = ? AND used_at IS NULL'),
      revoke: db.prepare(
        'UPDATE customers SET sealed_key = NULL, failures = 0, blocked = 0, key_serial = key_serial + 1, updated_at = ? WHERE user_id = ?',
      ),
      block: db.prepare('UPDATE customers SET blocked = 1, updated_at = ? WHERE user_id = ?'),
      unblock: db.prepare('UPDATE customers SET blocked = 0, failures = 0, updated_at = ? WHERE user_id = ?'),
      addChallenge: db.prepare(`INSERT INTO challenges (id, user_id, document_id, code, created_at, expires_at, used_at)
        VALUES (@id, @userId, @documentId, @code, @createdAt, @expiresAt, NULL)`),
      getChallenge: db.prepare<[string], ChallengeRow>(
        'SELECT id, user_id, document_id, code, created_at, expires_at, used_at FROM challenges WHERE id = ?',
      ),
      consume: db.prepare(`UPDATE challenges SET used_at = @now
        WHERE id = @id AND user_id = @userId AND used_at IS NULL AND expires_at > @now
          AND EXISTS (SELECT 1 FROM customers WHERE user_id = @userId AND blocked = 0 AND key_serial = @keySerial)`),
      purge: db.prepare('DELETE FROM challenges WHERE expires_at < ?'),
      resetFailures: db.prepare(
        'UPDATE customers SET failures = 0 WHERE user_id = ? AND key_serial = ? AND failures <> 0',
      ),
      // SET reads the old row: the increment and the block decision see the same value.
      fail: db.prepare<[number, number, string, number], { failures: number; blocked: number }>(`UPDATE customers
        SET failures = failures + 1, blocked = (failures + 1 >= ?), updated_at = ?
        WHERE user_id = ? AND key_serial = ? AND blocked = 0 AND sealed_key IS NOT NULL
        RETURNING failures, blocked`),
    };
  }

  async masterKeyProbe(sealedProbe: Buffer): Promise<Buffer> {
    await this.commits.run(() => this.statements.putProbe.run(sealedProbe));
    return (this.statements.getProbe.get() as { value: Buffer }).value;
  }

  async getCustomer(userId: string): Promise<CustomerRecord | undefined> {
    const row = this.statements.getCustomer.get(userId);
    if (!row) return undefined;
    return {
      userId: row.user_id,
      sealedKey: row.sealed_key,
      suite: row.suite,
      failures: row.failures,
      blocked: row.blocked === 1,
      keySerial: row.key_serial,
    };
  }

  putKey(userId: string, sealedKey: Buffer, suite: string, now: number): Promise<void> {
    return this.commits.run(() => {
      this.statements.upsertKey.run({ userId, sealedKey, suite, now });
      this.statements.dropOpenChallenges.run(userId);
    });
  }

  revokeKey(userId: string, now: number): Promise<boolean> {
    return this.commits.run(() => {
      const changed = this.statements.revoke.run(now, userId).changes === 1;
      this.statements.dropOpenChallenges.run(userId);
      return changed;
    });
  }

  setBlocked(userId: string, blocked: boolean, now: number): Promise<boolean> {
    return this.commits.run(
      () => (blocked ? this.statements.block : this.statements.unblock).run(now, userId).changes === 1,
    );
  }

  async addChallenge(challenge: ChallengeRecord): Promise<void> {
    await this.commits.run(() => this.statements.addChallenge.run(challenge));
  }

  async getChallenge(id: string): Promise<ChallengeRecord | undefined> {
    const row = this.statements.getChallenge.get(id);
    if (!row) return undefined;
    return {
      id: row.id,
      userId: row.user_id,
      documentId: row.document_id,
      code: row.code,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
    };
  }

  acceptAnswer(challengeId: string, userId: string, keySerial: number, now: number): Promise<boolean> {
    return this.commits.run(() => {
      if (this.statements.consume.run({ id: challengeId, userId, keySerial, now }).changes !== 1) return false;
      this.statements.resetFailures.run(userId, keySerial);
      return true;
    });
  }

  async recordFailure(
    userId: string,
    keySerial: number,
    limit: number,
    now: number,
  ): Promise<FailureCount | undefined> {
    const row = await this.commits.run(() => this.statements.fail.get(limit, now, userId, keySerial));
    return row && { failures: row.failures, blocked: row.blocked === 1 };
  }

  purgeChallenges(expiredBefore: number): Promise<number> {
    return this.commits.run(() => this.statements.purge.run(expiredBefore).changes);
  }

  async close(): Promise<void> {
    this.commits.flush();
    this.db.close();
  }
}
