import { hostname } from 'node:os';
import { CONFIG_ENV, readBankConfig } from '../app/build/bankConfig';
import type { BankConfig } from '../app/bankSettings';
import { BankError } from './errors';

/** Where the bank kit reads its settings from: the environment, so secrets stay out of argv and shell history. */
export const ENV = {
  masterKey: 'MOBIPASS_MASTER_KEY',
  oldMasterKeys: 'MOBIPASS_OLD_MASTER_KEYS',
  pkcs11Module: 'MOBIPASS_PKCS11_MODULE',
  pkcs11Token: 'MOBIPASS_PKCS11_TOKEN',
  pkcs11Key: 'MOBIPASS_PKCS11_KEY',
  pkcs11OldKeys: 'MOBIPASS_PKCS11_OLD_KEYS',
  pkcs11Pin: 'MOBIPASS_PKCS11_PIN',
  pkcs11PinFile: 'MOBIPASS_PKCS11_PIN_FILE',
  pkcs11Sessions: 'MOBIPASS_PKCS11_SESSIONS',
  apiToken: 'MOBIPASS_API_TOKEN',
  apiTokens: 'MOBIPASS_API_TOKENS',
  apiTokensFile: 'MOBIPASS_API_TOKENS_FILE',
  database: 'MOBIPASS_DB',
  databasePool: 'MOBIPASS_DB_POOL',
  databaseTimeout: 'MOBIPASS_DB_TIMEOUT_MS',
  /** The bank config file the phone app is built with: suite and payment setting of new envelopes. */
  config: CONFIG_ENV,
  /** Retired: the suite comes from the bank config; a value left set is refused rather than ignored. */
  suite: 'MOBIPASS_SUITE',
  durability: 'MOBIPASS_DURABILITY',
  sqliteLocking: 'MOBIPASS_SQLITE_LOCKING',
  metricsToken: 'MOBIPASS_METRICS_TOKEN',
  requestTimeout: 'MOBIPASS_REQUEST_TIMEOUT_MS',
  headersTimeout: 'MOBIPASS_HEADERS_TIMEOUT_MS',
  keepAliveTimeout: 'MOBIPASS_KEEP_ALIVE_TIMEOUT_MS',
  connectionTimeout: 'MOBIPASS_CONNECTION_TIMEOUT_MS',
  maxConnections: 'MOBIPASS_MAX_CONNECTIONS',
  shutdownTimeout: 'MOBIPASS_SHUTDOWN_TIMEOUT_MS',
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

/** What new envelopes are issued for: the suite (its version) and the payee digits a payment binds (0: none). */
export interface SigningSetting {
  suite: string;
  payeeDigits: number;
}

export function signingOf(config: BankConfig): SigningSetting {
  return { suite: config.suite, payeeDigits: config.payment ? config.payment.payeeDigits : 0 };
}

/**
 * The bank config's suite and payment setting (MOBIPASS_CONFIG, else the default config): the file the
 * phone app is built with, read by the build's own reader, so phone and bank cannot disagree.
 */
export function signingSetting(env: NodeJS.ProcessEnv): SigningSetting {
  if (env[ENV.suite] !== undefined) {
    throw new BankError(
      'config',
      `${ENV.suite} is no longer read: the suite and the payment setting come from the bank config the phone app is built with (${ENV.config})`,
    );
  }
  try {
    return signingOf(readBankConfig(env).config);
  } catch (error) {
    throw new BankError('config', (error as Error).message);
  }
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

/**
 * Whether `serve` holds a SQLite file for itself ('exclusive', the default: faster) or shares it
 * ('shared': one-shot commands such as rotate-master-key can then use the file while it serves).
 */
export function sqliteLockingSetting(env: NodeJS.ProcessEnv): 'exclusive' | 'shared' {
  const value = env[ENV.sqliteLocking] || 'exclusive';
  if (value !== 'exclusive' && value !== 'shared')
    throw new BankError('config', `${ENV.sqliteLocking} must be exclusive or shared, not ${value}`);
  return value;
}

/** How long the HTTP server waits for clients, how many it holds, and how long a shutdown may take (docs/BANK.md). */
export interface HttpLimits {
  /** The whole request (headers and body) must arrive within this; else 408 and the connection closes. */
  requestTimeoutMs: number;
  /** The headers must arrive within this (at most requestTimeoutMs). */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this; longer than a load balancer's idle timeout. */
  keepAliveTimeoutMs: number;
  /** A connection with no traffic at all in either direction for this long is closed. */
  connectionTimeoutMs: number;
  /** Connections beyond this many are closed as soon as they are accepted. */
  maxConnections: number;
  /** After SIGTERM, requests still running after this are cut off and the process exits. */
  shutdownTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 5_000,
  keepAliveTimeoutMs: 65_000,
  connectionTimeoutMs: 15_000,
  maxConnections: 1_000,
  shutdownTimeoutMs: 10_000,
};

const LIMIT_ENV: { [limit in keyof HttpLimits]: string } = {
  requestTimeoutMs: ENV.requestTimeout,
  headersTimeoutMs: ENV.headersTimeout,
  keepAliveTimeoutMs: ENV.keepAliveTimeout,
  connectionTimeoutMs: ENV.connectionTimeout,
  maxConnections: ENV.maxConnections,
  shutdownTimeoutMs: ENV.shutdownTimeout,
};

/** The HTTP limits, each from its environment variable or its default. */
export function httpLimits(env: NodeJS.ProcessEnv): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS };
  for (const limit of Object.keys(LIMIT_ENV) as (keyof HttpLimits)[]) {
    const text = env[LIMIT_ENV[limit]];
    if (text === undefined || text === '') continue;
    if (!/^[1-9]\d{0,8}$/.test(text))
      throw new BankError('config', `${LIMIT_ENV[limit]} must be a whole number above 0, not ${text}`);
    limits[limit] = Number(text);
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs)
    throw new BankError('config', `${ENV.headersTimeout} must not be longer than ${ENV.requestTimeout}`);
  return limits;
}
