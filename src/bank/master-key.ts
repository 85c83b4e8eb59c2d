import { BankError } from './errors';
import { ENV } from './settings';

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** The 32-byte AES-256 master key from its 64-hex-digit form, with a message that says how to fix it. */
export function parseMasterKey(hex: string | undefined): Buffer {
  if (!hex) {
    throw new BankError(
      'config',
      `${ENV.masterKey} is not set: give the server a 64-hex-digit master key (e.g. from: openssl rand -hex 32)`,
    );
  }
  if (!HEX_KEY.test(hex.trim())) {
    throw new BankError('config', `${ENV.masterKey} must be exactly 64 hex digits (32 bytes)`);
  }
  return Buffer.from(hex.trim(), 'hex');
}

/** MOBIPASS_OLD_MASTER_KEYS: keys of 64 hex digits separated by commas or spaces (none when unset). */
export function parseOldMasterKeys(text: string | undefined): Buffer[] {
  const keys = (text ?? '').split(/[\s,]+/).filter(Boolean);
  if (keys.some((hex) => !HEX_KEY.test(hex)))
    throw new BankError(
      'config',
      `${ENV.oldMasterKeys} must be master keys of exactly 64 hex digits, separated by commas or spaces`,
    );
  return keys.map((hex) => Buffer.from(hex, 'hex'));
}
