import { hostname } from 'node:os';
import { BankError } from './errors';
import { DEFAULT_SUITE } from '../core/phoneSuite';

/** Where the bank kit reads its settings from: the environment, so secrets stay out of argv and shell history. */
export const ENV = {
  masterKey: 'MOBIPASS_MASTER_KEY',
  apiToken: 'MOBIPASS_API_TOKEN',
  apiTokens: 'MOBIPASS_API_TOKENS',
  apiTokensFile: 'MOBIPASS_API_TOKENS_FILE',
  database: 'MOBIPASS_DB',
  databasePool: 'MOBIPASS_DB_POOL',
  databaseTimeout: 'MOBIPASS_DB_TIMEOUT_MS',
  suite: 'MOBIPASS_SUITE',
  durability: 'MOBIPASS_DURABILITY',
  instance: 'MOBIPASS_INSTANCE',
} as const;

export const DEFAULT_DATABASE = 'mobipass-bank.sqlite';

/** Where the bank's data lives: a SQLite file, or a PostgreSQL server shared by several instances. */
export type DatabaseSetting =
  | { kind: 'sqlite'; file: string; durability: 'full' | 'normal' }
  | { kind: 'postgres'; url: string; poolSize: number; timeoutMs: number };

/** `--db`, else MOBIPASS_DB: a postgres:// or postgresql:// URL selects PostgreSQL, anything else is a SQLite file. */
export function databaseSetting(flag: string | undefined, env: NodeJS.ProcessEnv): DatabaseSetting {
  const value = flag ?? env[ENV.database] ?? DEFAULT_DATABASE;
  if (!/^postgres(ql)?:\/\//.test(value)) return { kind: 'sqlite', file: value, durability: durabilitySetting(env) };
  return {
    kind: 'postgres',
    url: value,
    poolSize: wholeNumber(env, ENV.databasePool, 10, 1, 1000),
    timeoutMs: wholeNumber(env, ENV.databaseTimeout, 5000, 100, 600_000),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new BankError('config', `${name} must be a whole number ${min}..${max}`);
  return Number(text);
}

/** This process's name in the audit trail: MOBIPASS_INSTANCE, else host name and process id. */
export function instanceSetting(env: NodeJS.ProcessEnv): string {
  const instance = env[ENV.instance] || `${hostname()}/${process.pid}`;
  if (!/^[A-Za-z0-9._@:/-]{1,64}$/.test(instance))
    throw new BankError('config', `${ENV.instance} must be 1..64 letters, digits or . _ @ : / -`);
  return instance;
}

export function suiteSetting(env: NodeJS.ProcessEnv): string {
  return env[ENV.suite] ?? DEFAULT_SUITE;
}

export function portSetting(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new BankError('bad_input', `port must be a number 0..65535 (0: any free port), not ${text}`);
  return port;
}

/** SQLite's commit durability: 'full' (default, fsync per group commit) or 'normal' (see docs/BANK.md). */
export function durabilitySetting(env: NodeJS.ProcessEnv): 'full' | 'normal' {
  const value = env[ENV.durability] || 'full';
  if (value !== 'full' && value !== 'normal')
    throw new BankError('config', `${ENV.durability} must be full or normal, not ${value}`);
  return value;
}
