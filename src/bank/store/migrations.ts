/**
 * The bank's schema as numbered steps, one SQL text per database dialect. A store brings its database
 * up to the newest step it knows, one transaction per step, and refuses a database whose schema is
 * newer than that (a newer mobipass-bank made it). Steps are only ever added, never changed; each step
 * only adds (tables, nullable columns or columns with a default, indexes, functions), so instances of the previous version keep
 * working on the upgraded database while they are replaced one by one (docs/DEPLOY.md).
 */
export interface Migration {
  version: number;
  description: string;
  sqlite: string;
  postgres: string;
}

/** The message the databases give when anything tries to change or delete an audit record. */
export const AUDIT_APPEND_ONLY = 'the audit trail is append-only';

/** Step 4 in either dialect: they differ only in the type of times (ms since 1970). */
function keyIdsStep(time: 'INTEGER' | 'BIGINT'): string {
  return `
    ALTER TABLE customers ADD COLUMN master_key_id TEXT;
    ALTER TABLE meta ADD COLUMN master_key_id TEXT;
    ALTER TABLE audit ADD COLUMN master_key_id TEXT;
    ALTER TABLE audit ADD COLUMN previous_master_key_id TEXT;
    CREATE TABLE retired_master_keys (
      key_id TEXT PRIMARY KEY,
      at ${time} NOT NULL,
      instance TEXT NOT NULL,
      actor TEXT NOT NULL
    );
    CREATE TABLE instances (
      instance TEXT PRIMARY KEY,
      seals_with TEXT NOT NULL,
      opens_with TEXT NOT NULL,
      started_at ${time} NOT NULL,
      seen_at ${time} NOT NULL
    );`;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    // IF NOT EXISTS: SQLite databases made before the schema had a version (user_version 0) already have it.
    description: 'customers, challenges and the master-key probe',
    sqlite: `
      CREATE TABLE IF NOT EXISTS meta (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
      );
      CREATE TABLE IF NOT EXISTS customers (
        user_id TEXT PRIMARY KEY,
        sealed_key BLOB,
        suite TEXT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        blocked INTEGER NOT NULL DEFAULT 0,
        key_serial INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS challenges (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES customers(user_id),
        document_id TEXT NOT NULL,
        code TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX IF NOT EXISTS challenges_by_user ON challenges(user_id);`,
    postgres: `
      CREATE TABLE meta (
        name TEXT PRIMARY KEY,
        value BYTEA NOT NULL
      );
      CREATE TABLE customers (
        user_id TEXT PRIMARY KEY,
        sealed_key BYTEA,
        suite TEXT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        blocked BOOLEAN NOT NULL DEFAULT false,
        key_serial INTEGER NOT NULL DEFAULT 1,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE challenges (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES customers(user_id),
        document_id TEXT NOT NULL,
        code TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT
      );
      CREATE INDEX challenges_by_user ON challenges(user_id);`,
  },
  {
    version: 2,
    // The database itself refuses to change or delete an audit record, whoever asks (PostgreSQL: also
    // TRUNCATE; the server's role gets no UPDATE/DELETE/TRUNCATE grant either, docs/DEPLOY.md). SQLite's
    // ids need no AUTOINCREMENT: no row is ever deleted, so none is ever reused.
    description: 'the append-only audit trail of every decision (PostgreSQL: and the one-round-trip accept)',
    sqlite: `
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        instance TEXT NOT NULL,
        actor TEXT NOT NULL,
        user_id TEXT NOT NULL,
        event TEXT NOT NULL,
        result TEXT,
        attempts_left INTEGER,
        challenge_id TEXT,
        document_id TEXT,
        expires_at INTEGER,
        key_serial INTEGER
      );
      CREATE INDEX audit_by_user ON audit(user_id, at);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, '${AUDIT_APPEND_ONLY}'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, '${AUDIT_APPEND_ONLY}'); END;`,
    postgres: `
      CREATE TABLE audit (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
        instance TEXT NOT NULL,
        actor TEXT NOT NULL,
        user_id TEXT NOT NULL,
        event TEXT NOT NULL,
        result TEXT,
        attempts_left INTEGER,
        challenge_id TEXT,
        document_id TEXT,
        expires_at BIGINT,
        key_serial INTEGER
      );
      CREATE INDEX audit_by_user ON audit(user_id, at);
      CREATE FUNCTION mobipass_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '${AUDIT_APPEND_ONLY}'; END $$;
      CREATE TRIGGER audit_no_update_or_delete BEFORE UPDATE OR DELETE ON audit
        FOR EACH ROW EXECUTE FUNCTION mobipass_audit_append_only();
      CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
        FOR EACH STATEMENT EXECUTE FUNCTION mobipass_audit_append_only();
      REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM PUBLIC;
      -- A right answer in one round trip (PostgresStore.acceptAnswer): the customer's row is locked
      -- first, as by every decision about a customer, and each statement after the lock sees what the
      -- decisions before it committed (a fresh snapshot per statement), so they happen one after the other.
      CREATE FUNCTION mobipass_accept(p_challenge TEXT, p_user TEXT, p_key_serial INTEGER, p_now BIGINT)
        RETURNS BOOLEAN LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM 1 FROM customers
            WHERE user_id = p_user AND key_serial = p_key_serial AND NOT blocked AND sealed_key IS NOT NULL
            FOR NO KEY UPDATE;
          IF NOT FOUND THEN RETURN false; END IF;
          UPDATE challenges SET used_at = p_now
            WHERE id = p_challenge AND user_id = p_user AND used_at IS NULL AND expires_at > p_now;
          IF NOT FOUND THEN RETURN false; END IF;
          UPDATE customers SET failures = 0 WHERE user_id = p_user AND failures <> 0;
          RETURN true;
        END $$;`,
  },
  {
    version: 3,
    // Version 2 (docs/ALGORITHM.md §3.4, §5): what each envelope was issued for (its suite was already
    // kept; now whether it signs payments: the payee digits, 0 for none), the payment each challenge
    // binds, the payment in the challenge's audit record, and every document code issued to each key,
    // kept for the key's life (not purged with the challenges), so the database itself refuses a repeat.
    // Codes are kept by value: a version 1 code is a number (§3.3, 0042 and 42 sign alike), so its
    // leading zeros are dropped; version 2 codes are kept as they are. The codes of the current keys
    // still among the challenges (all version 1 before this step) are recorded: those issued since the
    // key's last issue in the audit trail.
    description:
      'version 2: payment setting per customer, payment per challenge and in the audit, codes issued per key',
    sqlite: `
      ALTER TABLE customers ADD COLUMN payee_digits INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE challenges ADD COLUMN amount TEXT;
      ALTER TABLE challenges ADD COLUMN payee TEXT;
      ALTER TABLE audit ADD COLUMN amount TEXT;
      ALTER TABLE audit ADD COLUMN payee TEXT;
      CREATE TABLE issued_codes (
        user_id TEXT NOT NULL,
        key_serial INTEGER NOT NULL,
        code TEXT NOT NULL,
        PRIMARY KEY (user_id, key_serial, code)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO issued_codes (user_id, key_serial, code)
        SELECT ch.user_id, c.key_serial, CASE WHEN ltrim(ch.code, '0') = '' THEN '0' ELSE ltrim(ch.code, '0') END
        FROM challenges ch JOIN customers c ON c.user_id = ch.user_id
        WHERE c.sealed_key IS NOT NULL
          AND ch.created_at >= (SELECT max(a.at) FROM audit a WHERE a.user_id = ch.user_id AND a.event = 'issue');`,
    postgres: `
      ALTER TABLE customers ADD COLUMN payee_digits INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE challenges ADD COLUMN amount TEXT, ADD COLUMN payee TEXT;
      ALTER TABLE audit ADD COLUMN amount TEXT, ADD COLUMN payee TEXT;
      CREATE TABLE issued_codes (
        user_id TEXT NOT NULL,
        key_serial INTEGER NOT NULL,
        code TEXT NOT NULL,
        PRIMARY KEY (user_id, key_serial, code)
      );
      INSERT INTO issued_codes (user_id, key_serial, code)
        SELECT ch.user_id, c.key_serial, CASE WHEN ltrim(ch.code, '0') = '' THEN '0' ELSE ltrim(ch.code, '0') END
        FROM challenges ch JOIN customers c ON c.user_id = ch.user_id
        WHERE c.sealed_key IS NOT NULL
          AND ch.created_at >= (SELECT max(a.at) FROM audit a WHERE a.user_id = ch.user_id AND a.event = 'issue')
        ON CONFLICT DO NOTHING;`,
  },
  {
    version: 4,
    // Nullable columns and a new table only: ADD COLUMN without a default rewrites nothing, so the step
    // is instant on a big table and a server of the previous version keeps working beside it (its rows
    // get no key id, and are opened as rows from before this step are: docs/BANK.md). No index on the
    // key id: only rotate-master-key and a retirement look rows up by it, and an index build would hold
    // off every write to customers on PostgreSQL for as long as it takes.
    description:
      'the id of the master key that sealed each customer key and the probe; retired master keys; which keys each running server has',
    sqlite: keyIdsStep('INTEGER'),
    postgres: keyIdsStep('BIGINT'),
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The refusal of a database a newer mobipass-bank has upgraded. */
export function newerSchemaMessage(database: string, version: number): string {
  return `the database ${database} has schema version ${version}, newer than this mobipass-bank knows (${SCHEMA_VERSION}): upgrade mobipass-bank before using it`;
}
