import { readFileSync } from 'node:fs';
import { BankError } from '../errors';
import { parseMasterKey, parseOldMasterKeys } from '../master-key';
import { ENV } from '../settings';

/** Where the master key is and how to reach it: read from the environment (and a PIN file), never from argv. */
export interface Pkcs11Settings {
  /** The PKCS#11 library of the HSM (e.g. /usr/lib/softhsm/libsofthsm2.so). */
  module: string;
  token: string;
  key: string;
  /** The token's user PIN. */
  pin: string;
  /** How many sessions seal and open at once (each operation holds one session for its duration). */
  sessions: number;
}

/** Where one master key is: in the environment (the key itself) or in an HSM (how to reach it). */
export type KeySetting = { kind: 'env'; masterKey: Buffer } | ({ kind: 'pkcs11' } & Pkcs11Settings);

/**
 * The master keys of this process: the current one seals every new key (and opens), the older ones
 * only open keys sealed under them until rotate-master-key has re-sealed those (docs/BANK.md).
 */
export interface SealerSettings {
  current: KeySetting;
  older: KeySetting[];
}

const PKCS11_SETTINGS = [
  ENV.pkcs11Token,
  ENV.pkcs11Key,
  ENV.pkcs11OldKeys,
  ENV.pkcs11Pin,
  ENV.pkcs11PinFile,
  ENV.pkcs11Sessions,
] as const;
const DEFAULT_SESSIONS = 4;
const MAX_SESSIONS = 64;

function setupError(message: string): BankError {
  return new BankError('config', message);
}

/**
 * The current key: in the HSM when its module is set, else in the environment; a half-made or ambiguous
 * choice is refused. Older keys: environment keys (MOBIPASS_OLD_MASTER_KEYS) with either, so a database
 * moves from the environment into the HSM; keys of the same token (MOBIPASS_PKCS11_OLD_KEYS) with an HSM key.
 */
export function sealerSettings(env: NodeJS.ProcessEnv): SealerSettings {
  const oldEnvKeys = parseOldMasterKeys(env[ENV.oldMasterKeys]);
  if (oldEnvKeys.some((key, i) => oldEnvKeys.findIndex((other) => other.equals(key)) !== i))
    throw setupError(`${ENV.oldMasterKeys} names the same key twice`);
  const older: KeySetting[] = oldEnvKeys.map((masterKey) => ({ kind: 'env', masterKey }));
  if (!env[ENV.pkcs11Module]) {
    const stray = PKCS11_SETTINGS.find((name) => env[name]);
    if (stray) throw setupError(`${stray} is set but ${ENV.pkcs11Module} is not: set both to seal in the HSM`);
    const masterKey = parseMasterKey(env[ENV.masterKey]);
    if (oldEnvKeys.some((key) => key.equals(masterKey)))
      throw setupError(`${ENV.oldMasterKeys} repeats ${ENV.masterKey}: a key is either the current one or an old one`);
    return { current: { kind: 'env', masterKey }, older };
  }
  if (env[ENV.masterKey]) {
    throw setupError(
      `both ${ENV.masterKey} and ${ENV.pkcs11Module} are set: the current master key is either in the environment or in the HSM (an environment key the HSM key replaces goes in ${ENV.oldMasterKeys})`,
    );
  }
  const current = pkcs11Settings(env);
  const oldLabels = oldKeyLabels(env[ENV.pkcs11OldKeys]);
  if (oldLabels.includes(current.key))
    throw setupError(`${ENV.pkcs11OldKeys} repeats ${ENV.pkcs11Key}: a key is either the current one or an old one`);
  if (new Set(oldLabels).size !== oldLabels.length) throw setupError(`${ENV.pkcs11OldKeys} names the same key twice`);
  return {
    current: { kind: 'pkcs11', ...current },
    older: [...oldLabels.map((key): KeySetting => ({ kind: 'pkcs11', ...current, key })), ...older],
  };
}

/** MOBIPASS_PKCS11_OLD_KEYS: labels of older keys in the same token, separated by commas. */
function oldKeyLabels(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => label(name, ENV.pkcs11OldKeys, 'labels of older keys in the token', 64));
}

/** The HSM's settings; `key` overrides the key label (hsm-create-key --label). */
export function pkcs11Settings(env: NodeJS.ProcessEnv, key = env[ENV.pkcs11Key]): Pkcs11Settings {
  const module = env[ENV.pkcs11Module];
  if (!module) throw setupError(`${ENV.pkcs11Module} is not set: the path of the HSM's PKCS#11 library`);
  return {
    module,
    token: label(env[ENV.pkcs11Token], ENV.pkcs11Token, 'the label of the token that holds the master key', 32),
    key: label(key, ENV.pkcs11Key, "the master key's label in the token", 64),
    pin: userPin(env),
    sessions: sessionCount(env[ENV.pkcs11Sessions]),
  };
}

/** PKCS#11 token labels are at most 32 bytes; printable ASCII keeps every message on one line. */
function label(value: string | undefined, name: string, meaning: string, maxLength: number): string {
  if (!value) throw setupError(`${name} is not set: ${meaning}`);
  if (!new RegExp(`^[\\x20-\\x7e]{1,${maxLength}}$`).test(value))
    throw setupError(`${name} must be 1..${maxLength} printable ASCII characters`);
  return value;
}

function userPin(env: NodeJS.ProcessEnv): string {
  const file = env[ENV.pkcs11PinFile];
  if (file && env[ENV.pkcs11Pin]) throw setupError(`set ${ENV.pkcs11PinFile} or ${ENV.pkcs11Pin}, not both`);
  let pin = env[ENV.pkcs11Pin];
  if (file) {
    try {
      pin = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw setupError(`cannot read ${ENV.pkcs11PinFile} ${file}: ${(error as NodeJS.ErrnoException).code}`);
    }
  }
  if (!pin)
    throw setupError(
      `the token's user PIN is missing: put it in the file ${ENV.pkcs11PinFile} names, or in ${ENV.pkcs11Pin}`,
    );
  if (/[\r\n]/.test(pin)) throw setupError(`the user PIN must be one line`);
  return pin;
}

function sessionCount(text: string | undefined): number {
  if (!text) return DEFAULT_SESSIONS;
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1 || count > MAX_SESSIONS)
    throw setupError(`${ENV.pkcs11Sessions} must be a number 1..${MAX_SESSIONS}, not ${text}`);
  return count;
}
