import { Client, Pool, types, type PoolClient, type QueryResultRow } from 'pg';
import { BankError } from '../errors';
import {
  AUDIT_COLUMNS,
  auditRecord,
  auditValues,
  challengeAudit,
  failureAudit,
  issueAudit,
  verificationAudit,
  type AuditRow,
} from './audit-rows';
import * as keyRows from './master-key-rows';
import { MIGRATIONS, newerSchemaMessage, SCHEMA_VERSION } from './migrations';
import { CHALLENGE_COLUMNS, CUSTOMER_COLUMNS, customerRecord, verificationQuery, verificationState } from './rows';
import type { CustomerRow, VerificationRow } from './rows';
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
  PoolUsage,
  Reseal,
  RetiredMasterKey,
  StoredCustomerKey,
  VerificationState,
} from './store';
import type { Sealed, StoredSealed } from '../sealer/master-keys';

export interface PostgresStoreOptions {
  /** Connections this process keeps at most (default 10). */
  poolSize?: number;
  /**
   * The longest a connection, a wait for a free connection, or a statement may take (default 5000 ms);
   * past it the request fails as database_unavailable instead of hanging.
   */
  timeoutMs?: number;
  /** Shown in pg_stat_activity: which mobipass-bank instance a connection belongs to. */
  applicationName?: string;
}

/** Times are ms since 1970 in BIGINT columns: numbers, not node-postgres's default strings. */
const INT8_OID = 20;
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/** pg_advisory_lock key: instances starting together migrate one after the other. */
const MIGRATION_LOCK = 0x6d6f6269;
/**
 * Transaction-level advisory lock: issues take it shared, a retirement exclusive, so a retirement's
 * check sees every key issued before it and no key is issued under the key it retires afterwards.
 */
const RETIREMENT_LOCK = 0x6d6f6272;
/** Transaction-level advisory lock: batches of two rotate-master-key runs never lock rows against each other. */
const ROTATION_LOCK = 0x6d6f6273;
/** The database's clock in ms since 1970: the servers' announcements are timed by one clock, whatever their hosts'. */
const DATABASE_NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';

/**
 * The two statements of every verification, prepared once per connection (named): parsed and planned
 * once, not on every request.
 */
const VERIFICATION_READ = { name: 'mobipass_verification_read', text: verificationQuery('$1::text', '$2::text') };
const ACCEPT = {
  name: 'mobipass_accept',
  text: `WITH decided AS MATERIALIZED (SELECT mobipass_accept($8, $4, $11, $1) AS accepted)
    INSERT INTO audit (${AUDIT_COLUMNS.join(', ')})
    SELECT ${AUDIT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')} FROM decided WHERE accepted`,
};

const AUDIT_INSERT = `INSERT INTO audit (${AUDIT_COLUMNS.join(', ')})
  VALUES (${AUDIT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/** A connection string for messages: never the password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres://…';
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '57014', // query_canceled: statement_timeout
  '53300', // too_many_connections
  '25006', // read_only_sql_transaction: connected to a standby
]);
const UNAVAILABLE_MESSAGES = /timeout|Connection terminated|not queryable|ended|closed/i;

/** Whether an error means "the database cannot be reached or did not answer in time" (then: 503, retry). */
function isUnavailable(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return !code && UNAVAILABLE_MESSAGES.test(message ?? '');
}

function unavailable(error: unknown): BankError {
  const { code, message } = error as { code?: string; message?: string };
  return new BankError(
    'database_unavailable',
    `the database is unavailable (${code ?? message ?? 'no answer'}): try again shortly`,
  );
}

/**
 * Brings the database's schema up to SCHEMA_VERSION, on a connection of its own without timeouts (a step
 * may take long on a big table). The session holds an advisory lock meanwhile, so instances starting at
 * once run the steps one after the other; each step and its version number commit together.
 */
async function migrate(url: string, connectTimeoutMs: number): Promise<void> {
  const database = describeDatabaseUrl(url);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, types: TYPES });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // Only looked up (not CREATE … IF NOT EXISTS): the server's role may lack the right to create.
    const { rows } = await client.query<{ present: boolean }>(
      "SELECT to_regclass('mobipass_schema') IS NOT NULL AS present",
    );
    if (!rows[0].present) {
      await client.query(`BEGIN;
        CREATE TABLE mobipass_schema (version INTEGER NOT NULL);
        INSERT INTO mobipass_schema (version) VALUES (0);
        COMMIT`);
    }
    const current = (await client.query<{ version: number }>('SELECT version FROM mobipass_schema')).rows[0].version;
    if (current > SCHEMA_VERSION) throw new BankError('config', newerSchemaMessage(database, current));
    for (const migration of MIGRATIONS.filter((step) => step.version > current)) {
      await client.query('BEGIN');
      try {
        await client.query(migration.postgres);
        await client.query('UPDATE mobipass_schema SET version = $1', [migration.version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * The store for several verifier instances: one PostgreSQL database over a pool of connections.
 *
 * Concurrency: every decision about a customer first locks that customer's row (FOR NO KEY UPDATE),
 * and each statement after the lock takes a fresh snapshot (READ COMMITTED), so decisions about one
 * customer happen one after the other whichever instance makes them, exactly as in SQLite; different
 * customers never wait for each other. Nothing is decided in this process.
 */
export class PostgresStore implements BankStore {
  private constructor(
    private readonly pool: Pool,
    private readonly poolSize: number,
  ) {}

  /** The connection pool, for the metrics (mobipass_db_pool_* gauges). */
  poolUsage(): PoolUsage {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
      max: this.poolSize,
    };
  }

  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const timeoutMs = options.timeoutMs ?? 5000;
    await migrate(url, timeoutMs);
    const poolSize = options.poolSize ?? 10;
    const pool = new Pool({
      connectionString: url,
      max: poolSize,
      connectionTimeoutMillis: timeoutMs,
      statement_timeout: timeoutMs,
      // Client side too, in case the server cannot even cancel (a dead host): one second later.
      query_timeout: timeoutMs + 1000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: options.applicationName ?? 'mobipass-bank',
      types: TYPES,
    });
    // An idle connection the server closed (a restart, a failover): the pool drops it and the next
    // query opens a new one; the error itself is reported to whoever queries next, if it persists.
    pool.on('error', () => undefined);
    return new PostgresStore(pool, poolSize);
  }

  async masterKeyProbe(probe: Sealed): Promise<StoredSealed> {
    await this.query(
      `INSERT INTO meta (name, value, master_key_id) VALUES ('${keyRows.PROBE_NAME}', $1, $2) ON CONFLICT (name) DO NOTHING`,
      [probe.blob, probe.keyId],
    );
    // A statement of its own: it sees the probe whichever instance's insert won.
    return (await this.readProbe()) as StoredSealed;
  }

  async assertWritable(): Promise<void> {
    // A standby, or a primary a failover demoted, answers reads but would refuse every decision.
    const { rows } = await this.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
    if (rows[0].transaction_read_only === 'on')
      throw new BankError('database_unavailable', 'the database is read-only (a standby, not the primary): not ready');
  }

  async readProbe(): Promise<StoredSealed | undefined> {
    const { rows } = await this.query<{ value: Buffer; master_key_id: string | null }>(
      `SELECT value, master_key_id FROM meta WHERE name = '${keyRows.PROBE_NAME}'`,
    );
    return rows[0] && { blob: rows[0].value, keyId: rows[0].master_key_id };
  }

  async getCustomer(userId: string): Promise<CustomerRecord | undefined> {
    const { rows } = await this.query<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE user_id = $1`, [
      userId,
    ]);
    return rows[0] && customerRecord(rows[0]);
  }

  async getVerification(userId: string, challengeId: string): Promise<VerificationState> {
    const { rows } = await this.query<VerificationRow>(VERIFICATION_READ, [userId, challengeId]);
    return verificationState(rows[0]);
  }

  putKey(userId: string, sealedKey: Sealed, suite: string, payeeDigits: number, audit: AuditContext): Promise<void> {
    return this.transaction(async (client) => {
      // First, in a statement of its own: the insert's snapshot is then taken after any retirement that
      // held the lock has committed, and sees it.
      await client.query('SELECT pg_advisory_xact_lock_shared($1)', [RETIREMENT_LOCK]);
      const { rows } = await client.query<{ key_serial: number }>(
        `INSERT INTO customers (user_id, sealed_key, master_key_id, suite, payee_digits, failures, blocked, key_serial, updated_at)
          SELECT $1, $2, $3, $4, $6, 0, false, 1, $5
            WHERE NOT EXISTS (SELECT 1 FROM retired_master_keys WHERE key_id = $3)
          ON CONFLICT (user_id) DO UPDATE SET sealed_key = excluded.sealed_key, master_key_id = excluded.master_key_id,
            suite = excluded.suite, payee_digits = excluded.payee_digits, failures = 0, blocked = false,
            key_serial = customers.key_serial + 1, updated_at = excluded.updated_at
          RETURNING key_serial`,
        [userId, sealedKey.blob, sealedKey.keyId, suite, audit.at, payeeDigits],
      );
      if (!rows.length) throw keyRows.retiredKeyError(sealedKey.keyId);
      await this.dropKeyState(client, userId);
      await client.query(AUDIT_INSERT, auditValues(issueAudit(audit, userId, rows[0].key_serial, sealedKey.keyId)));
    });
  }

  revokeKey(userId: string, audit: AuditContext): Promise<boolean> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ key_serial: number }>(
        `UPDATE customers SET sealed_key = NULL, master_key_id = NULL, failures = 0, blocked = false,
          key_serial = key_serial + 1, updated_at = $1 WHERE user_id = $2 RETURNING key_serial`,
        [audit.at, userId],
      );
      if (!rows.length) return false;
      await this.dropKeyState(client, userId);
      await client.query(
        AUDIT_INSERT,
        auditValues({ ...audit, userId, event: 'revoke', keySerial: rows[0].key_serial }),
      );
      return true;
    });
  }

  async setBlocked(userId: string, blocked: boolean, audit: AuditContext): Promise<boolean> {
    const change = blocked ? 'blocked = true' : 'blocked = false, failures = 0';
    const record = auditValues({ ...audit, userId, event: blocked ? 'block' : 'unblock' });
    const { rowCount } = await this.query(
      `WITH changed AS (UPDATE customers SET ${change}, updated_at = $1 WHERE user_id = $4 RETURNING user_id)
        INSERT INTO audit (${AUDIT_COLUMNS.join(', ')})
        SELECT ${AUDIT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')} FROM changed`,
      record,
    );
    return rowCount === 1;
  }

  /**
   * After the customer's row is locked on the same key (a new envelope waits, or has already replaced
   * the key and nothing is written), one statement: the code joins the key's issued codes unless it is
   * there already (the primary key decides, whichever instance asks), and only then are the challenge
   * and its audit record inserted.
   */
  addChallenge(challenge: NewChallenge, audit: AuditContext): Promise<boolean> {
    const record = auditValues(challengeAudit(audit, challenge));
    const n = record.length;
    const values = [
      ...record,
      challenge.id,
      challenge.documentId,
      challenge.code,
      challenge.amount,
      challenge.payee,
      challenge.createdAt,
      challenge.expiresAt,
      challenge.keySerial,
      challenge.codeValue,
    ];
    const p = (i: number) => `$${n + i}`;
    return this.transaction(async (client) => {
      const { rows } = await client.query(
        `SELECT 1 FROM customers WHERE user_id = $1 AND key_serial = $2 AND sealed_key IS NOT NULL FOR NO KEY UPDATE`,
        [challenge.userId, challenge.keySerial],
      );
      if (!rows.length) return false;
      const { rowCount } = await client.query(
        `WITH issued AS (INSERT INTO issued_codes (user_id, key_serial, code) VALUES ($4, ${p(8)}, ${p(9)})
            ON CONFLICT DO NOTHING RETURNING 1),
          added AS (INSERT INTO challenges (${CHALLENGE_COLUMNS})
            SELECT ${p(1)}, $4, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, NULL FROM issued RETURNING 1)
        INSERT INTO audit (${AUDIT_COLUMNS.join(', ')})
          SELECT ${AUDIT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')} FROM added`,
        values,
      );
      return rowCount === 1;
    });
  }

  /**
   * One statement, one round trip: mobipass_accept (migration 2) locks the customer, consumes the
   * challenge if still open for the unblocked customer on this key, resets the failures; the
   * accepted record is inserted only if it did.
   */
  async acceptAnswer(challenge: ChallengeRecord, keySerial: number, audit: AuditContext): Promise<boolean> {
    const record = auditValues(verificationAudit(audit, challenge, keySerial, { result: 'accepted' }));
    const { rowCount } = await this.query(ACCEPT, record);
    return rowCount === 1;
  }

  recordFailure(
    challenge: ChallengeRecord,
    keySerial: number,
    limit: number,
    audit: AuditContext,
  ): Promise<FailureCount | undefined> {
    return this.transaction(async (client) => {
      await this.lockCustomer(client, challenge.userId);
      // After the lock this statement sees every decision made before it: an answer that consumed the
      // challenge meanwhile has committed, and this one is not counted.
      const { rows } = await client.query<FailureCount>(
        `UPDATE customers SET failures = failures + 1, blocked = failures + 1 >= $1, updated_at = $2
          WHERE user_id = $3 AND key_serial = $4 AND NOT blocked AND sealed_key IS NOT NULL
            AND EXISTS (SELECT 1 FROM challenges
              WHERE id = $5 AND user_id = $3 AND used_at IS NULL AND expires_at > $2)
          RETURNING failures, blocked`,
        [limit, audit.at, challenge.userId, keySerial, challenge.id],
      );
      if (!rows.length) return undefined;
      await client.query(AUDIT_INSERT, auditValues(failureAudit(audit, challenge, keySerial, rows[0], limit)));
      return { failures: rows[0].failures, blocked: rows[0].blocked };
    });
  }

  async recordRefusal(record: AuditRecord): Promise<void> {
    await this.query(AUDIT_INSERT, auditValues(record));
  }

  async readAudit(userId: string, since: number): Promise<AuditRecord[]> {
    const { rows } = await this.query<AuditRow>(
      `SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit WHERE user_id = $1 AND at >= $2 ORDER BY id`,
      [userId, since],
    );
    return rows.map(auditRecord);
  }

  async purgeChallenges(expiredBefore: number): Promise<number> {
    return (await this.query('DELETE FROM challenges WHERE expires_at < $1', [expiredBefore])).rowCount ?? 0;
  }

  async replaceProbe(from: Buffer, to: Sealed): Promise<boolean> {
    const { rowCount } = await this.query(
      `UPDATE meta SET value = $1, master_key_id = $2 WHERE name = '${keyRows.PROBE_NAME}' AND value = $3`,
      [to.blob, to.keyId, from],
    );
    return rowCount === 1;
  }

  async keysNotUnder(keyId: string, afterUserId: string, limit: number): Promise<StoredCustomerKey[]> {
    const { rows } = await this.query<keyRows.CustomerKeyRow>(keyRows.keysNotUnderQuery('$1', '$2', '$3'), [
      afterUserId,
      keyId,
      limit,
    ]);
    return rows.map(keyRows.customerKey);
  }

  /**
   * One statement switches the batch: each row is locked as it is updated (after a verification that
   * holds it, READ COMMITTED re-checks the row's sealed key), and the records of the rows that switched
   * are inserted with it.
   */
  resealKeys(reseals: Reseal[], audit: AuditContext): Promise<string[]> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
      const { rows } = await client.query<{ user_id: string }>(
        `WITH reseal AS (
            SELECT * FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::text[], $5::text[])
              AS r(user_id, old_key, new_key, key_id, previous_key_id)
          ), switched AS (
            UPDATE customers c SET sealed_key = r.new_key, master_key_id = r.key_id, updated_at = $6
              FROM reseal r WHERE c.user_id = r.user_id AND c.sealed_key = r.old_key
              RETURNING c.user_id, c.key_serial, r.key_id, r.previous_key_id
          )
          INSERT INTO audit (at, instance, actor, user_id, event, key_serial, master_key_id, previous_master_key_id)
            SELECT $6, $7, $8, user_id, 'reseal', key_serial, key_id, previous_key_id FROM switched
          RETURNING user_id`,
        [
          reseals.map((r) => r.userId),
          reseals.map((r) => r.from),
          reseals.map((r) => r.to.blob),
          reseals.map((r) => r.to.keyId),
          reseals.map((r) => r.previousKeyId),
          audit.at,
          audit.instance,
          audit.actor,
        ],
      );
      return rows.map((row) => row.user_id);
    });
  }

  async masterKeyCounts(): Promise<MasterKeyCount[]> {
    return (await this.query<{ master_key_id: string | null; customers: number }>(keyRows.MASTER_KEY_COUNTS)).rows.map(
      keyRows.masterKeyCount,
    );
  }

  retireMasterKey(keyId: string, audit: AuditContext): Promise<MasterKeyUse> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [RETIREMENT_LOCK]);
      const { rows } = await client.query<{ customers: number; unlabelled: number; probe: number }>(
        keyRows.keyUseQuery('$1'),
        [keyId],
      );
      const use = keyRows.masterKeyUse(rows[0]);
      if (keyRows.unused(use))
        await client.query(
          `INSERT INTO retired_master_keys (key_id, at, instance, actor) VALUES ($1, $2, $3, $4)
            ON CONFLICT (key_id) DO NOTHING`,
          [keyId, audit.at, audit.instance, audit.actor],
        );
      return use;
    });
  }

  async retiredMasterKeys(): Promise<RetiredMasterKey[]> {
    return (
      await this.query<{ key_id: string; at: number; instance: string; actor: string }>(keyRows.RETIRED_KEYS)
    ).rows.map(keyRows.retiredKey);
  }

  async announceInstance(keys: Omit<InstanceKeys, 'seenAt'>): Promise<void> {
    await this.query(
      keyRows.announceStatement(['$1', '$2', '$3', '$4', DATABASE_NOW_MS]),
      keyRows.instanceValues(keys),
    );
  }

  async liveInstances(withinMs: number): Promise<InstanceKeys[]> {
    const { rows } = await this.query<keyRows.InstanceRow>(
      `SELECT ${keyRows.INSTANCE_COLUMNS} FROM instances WHERE seen_at >= ${DATABASE_NOW_MS} - $1 ORDER BY instance`,
      [withinMs],
    );
    return rows.map(keyRows.instanceKeys);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** A replaced or revoked key: its open challenges and its issued codes go with it. */
  private async dropKeyState(client: PoolClient, userId: string): Promise<void> {
    await client.query('DELETE FROM challenges WHERE user_id = $1 AND used_at IS NULL', [userId]);
    await client.query('DELETE FROM issued_codes WHERE user_id = $1', [userId]);
  }

  private async lockCustomer(client: PoolClient, userId: string): Promise<void> {
    await client.query('SELECT 1 FROM customers WHERE user_id = $1 FOR NO KEY UPDATE', [userId]);
  }

  private async query<Row extends QueryResultRow = QueryResultRow>(
    statement: string | { name: string; text: string },
    values?: unknown[],
  ) {
    try {
      return await this.pool.query<Row>(
        typeof statement === 'string' ? { text: statement, values } : { ...statement, values },
      );
    } catch (error) {
      throw isUnavailable(error) ? unavailable(error) : error;
    }
  }

  /** One transaction on one connection; a connection that failed is dropped from the pool. */
  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw isUnavailable(error) ? unavailable(error) : error;
    }
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A connection that cannot even roll back is released with the error: the pool drops it (and the
      // server rolls back when it goes).
      const rolledBack = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      client.release(rolledBack ? undefined : (error as Error));
      throw isUnavailable(error) ? unavailable(error) : error;
    }
  }
}
