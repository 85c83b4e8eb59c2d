import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { DatabaseSetting } from '../../../src/bank/settings';
import { openStore, type OpenStoreOptions } from '../../../src/bank/store/open-store';
import type { BankStore } from '../../../src/bank/store/store';
import { sharedPostgres } from '../../support/postgres-cluster';
import { TempDatabase } from './bank-fixture';

/** A fresh database of one kind, and what tests need to look at it from outside the store. */
export interface TestDatabase {
  readonly setting: DatabaseSetting;
  /** Where the store's messages say the database is. */
  readonly name: string;
  open(options?: OpenStoreOptions): Promise<BankStore>;
  /** Everything stored, as text: the SQLite file's bytes; every row of every PostgreSQL table. */
  contents(): Promise<string>;
  schemaVersion(): Promise<number>;
  setSchemaVersion(version: number): Promise<void>;
  /** Runs SQL as the database's owner, past the store; rejects with the database's error. */
  exec(sql: string): Promise<void>;
  cleanup(): Promise<void>;
}

export interface StoreKind {
  name: string;
  create(): Promise<TestDatabase>;
}

class SqliteDatabase implements TestDatabase {
  private readonly temp = new TempDatabase();
  readonly setting: DatabaseSetting = { kind: 'sqlite', file: this.temp.file, durability: 'full' };
  readonly name = this.temp.file;

  open(options?: OpenStoreOptions): Promise<BankStore> {
    return openStore(this.setting, options);
  }

  async contents(): Promise<string> {
    const wal = `${this.temp.file}-wal`;
    return [this.temp.file, wal]
      .filter(existsSync)
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
  }

  private raw<T>(use: (db: Database.Database) => T): T {
    const db = new Database(this.temp.file);
    try {
      return use(db);
    } finally {
      db.close();
    }
  }

  async schemaVersion(): Promise<number> {
    return this.raw((db) => db.pragma('user_version', { simple: true }) as number);
  }

  async setSchemaVersion(version: number): Promise<void> {
    this.raw((db) => db.pragma(`user_version = ${version}`));
  }

  async exec(sql: string): Promise<void> {
    this.raw((db) => db.exec(sql));
  }

  async cleanup(): Promise<void> {
    this.temp.cleanup();
  }
}

class PostgresDatabase implements TestDatabase {
  readonly setting: DatabaseSetting;
  readonly name: string;

  constructor(readonly url: string) {
    this.setting = { kind: 'postgres', url, poolSize: 10, timeoutMs: 5000 };
    this.name = url;
  }

  open(options?: OpenStoreOptions): Promise<BankStore> {
    return openStore(this.setting, options);
  }

  private async raw<T>(use: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end();
    }
  }

  contents(): Promise<string> {
    return this.raw(async (client) => {
      const tables = await client.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
      );
      const rows: string[] = [];
      for (const { name } of tables.rows) {
        const result = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
        rows.push(...result.rows.map((r) => r.row));
      }
      return rows.join('\n');
    });
  }

  schemaVersion(): Promise<number> {
    return this.raw(async (client) => {
      const present = await client.query("SELECT to_regclass('mobipass_schema') IS NOT NULL AS present");
      if (!present.rows[0].present) return 0;
      return (await client.query('SELECT version FROM mobipass_schema')).rows[0].version;
    });
  }

  async setSchemaVersion(version: number): Promise<void> {
    await this.exec(`UPDATE mobipass_schema SET version = ${version}`);
  }

  async exec(sql: string): Promise<void> {
    await this.raw((client) => client.query(sql));
  }

  async cleanup(): Promise<void> {
    // The database stays until the cluster goes at the end of the run: dropping it waits for every
    // connection a test left to a killed server to time out.
  }
}

/** Every store, for the tests that hold for each: SQLite files and databases on a throwaway PostgreSQL. */
export const STORE_KINDS: StoreKind[] = [
  { name: 'SQLite', create: async () => new SqliteDatabase() },
  {
    name: 'PostgreSQL',
    create: async () => new PostgresDatabase(await (await sharedPostgres()).createDatabase()),
  },
];
