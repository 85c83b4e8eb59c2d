import { BankError } from './errors';
import { DEFAULT_SUITE } from '../core/phoneSuite';

/** Where the bank kit reads its settings from: the environment, so secrets stay out of argv and shell history. */
export const ENV = {
  masterKey: 'MOBIPASS_MASTER_KEY',
  pkcs11Module: 'MOBIPASS_PKCS11_MODULE',
  pkcs11Token: 'MOBIPASS_PKCS11_TOKEN',
  pkcs11Key: 'MOBIPASS_PKCS11_KEY',
  pkcs11Pin: 'MOBIPASS_PKCS11_PIN',
  pkcs11PinFile: 'MOBIPASS_PKCS11_PIN_FILE',
  pkcs11Sessions: 'MOBIPASS_PKCS11_SESSIONS',
  apiToken: 'MOBIPASS_API_TOKEN',
  database: 'MOBIPASS_DB',
  suite: 'MOBIPASS_SUITE',
  durability: 'MOBIPASS_DURABILITY',
} as const;

export const DEFAULT_DATABASE = 'mobipass-bank.sqlite';

export function databasePath(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env[ENV.database] ?? DEFAULT_DATABASE;
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
