/**
 * The bank's schema as numbered steps. A store brings its database up to the newest step it knows, one
 * transaction per step, and refuses a database whose schema is newer than that (a newer mobipass-bank
 * made it). Steps are only ever added, never changed.
 */
export interface Migration {
  version: number;
  description: string;
  sqlite: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    // IF NOT EXISTS: databases made before the schema had a version (user_version 0) already have it.
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
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The refusal of a database a newer mobipass-bank has upgraded. */
export function newerSchemaMessage(database: string, version: number): string {
  return `the database ${database} has schema version ${version}, newer than this mobipass-bank knows (${SCHEMA_VERSION}): upgrade mobipass-bank before using it`;
}
