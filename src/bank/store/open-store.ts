import { BankError } from '../errors';
import type { DatabaseSetting } from '../settings';
import { describeDatabaseUrl, PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { BankStore } from './store';

export interface OpenStoreOptions {
  /** SQLite: hold the file for this process alone (the one long-running server). */
  exclusive?: boolean;
  /** PostgreSQL: shown as the connections' application_name. */
  instance?: string;
}

/** The database named by the setting, its schema brought up to date; a failure to open is a setup error. */
export async function openStore(database: DatabaseSetting, options: OpenStoreOptions = {}): Promise<BankStore> {
  const name = database.kind === 'sqlite' ? database.file : describeDatabaseUrl(database.url);
  try {
    if (database.kind === 'sqlite')
      return new SqliteStore(database.file, { exclusive: options.exclusive, durability: database.durability });
    return await PostgresStore.open(database.url, {
      poolSize: database.poolSize,
      timeoutMs: database.timeoutMs,
      applicationName: options.instance ? `mobipass-bank ${options.instance}`.slice(0, 63) : undefined,
    });
  } catch (error) {
    if (error instanceof BankError) throw error;
    throw new BankError('config', `cannot open the database ${name}: ${(error as Error).message}`);
  }
}
