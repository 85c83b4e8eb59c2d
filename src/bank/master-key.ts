import { BankError } from './errors';
import { ENV } from './settings';

const MASTER_KEY_ENV = ENV.masterKey;

/** The 32-byte AES-256 master key from its 64-hex-digit form, with a message that says how to fix it. */
export function parseMasterKey(hex: string | undefined): Buffer {
  if (!hex) {
    throw new BankError(
      'config',
      `${MASTER_KEY_ENV} is not set: give the server a 64-hex-digit master key (e.g. from: openssl rand -hex 32)`,
    );
  }
  if (!/^[0-9a-fA-F]{64}$/.test(hex.trim())) {
    throw new BankError('config', `${MASTER_KEY_ENV} must be exactly 64 hex digits (32 bytes)`);
  }
  return Buffer.from(hex.trim(), 'hex');
}
