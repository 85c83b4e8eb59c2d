import { ascii, fromHex, toHex, wipe } from './bytes';
import { pbkdf2 } from './pbkdf2';
import { sha256 } from './sha256';

/** The PIN is 4 digits (the manual's «PIN-код (4 цифры)»). */
export const PIN_DIGITS = 4;

/**
 * What the phone stores. It holds no MAC, PIN hash or check value: under every PIN the wrapped key
 * opens to some 32-byte key, so the record cannot tell a right PIN from a wrong one.
 */
export interface VaultRecord {
  version: 1;
  suite: string;
  /** 16 random bytes, hex. */
  salt: string;
  iterations: number;
  /** K XOR PBKDF2-HMAC-SHA256(PIN, salt, iterations, 32), hex. */
  wrapped: string;
}

function xorWithPinMask(bytes: Uint8Array, pin: string, salt: Uint8Array, iterations: number): Uint8Array {
  const pinBytes = ascii(pin);
  const mask = pbkdf2(sha256, pinBytes, salt, iterations, 32);
  for (let i = 0; i < 32; i++) mask[i] ^= bytes[i];
  wipe(pinBytes);
  return mask;
}

export function sealKey(
  key: Uint8Array,
  pin: string,
  suite: string,
  salt: Uint8Array,
  iterations: number,
): VaultRecord {
  const wrapped = xorWithPinMask(key, pin, salt, iterations);
  const record: VaultRecord = { version: 1, suite, salt: toHex(salt), iterations, wrapped: toHex(wrapped) };
  wipe(wrapped);
  return record;
}

/** The key under this PIN: the right key for the right PIN, a different key for every other PIN. */
export function openKey(record: VaultRecord, pin: string): Uint8Array {
  const wrapped = fromHex(record.wrapped) as Uint8Array;
  const key = xorWithPinMask(wrapped, pin, fromHex(record.salt) as Uint8Array, record.iterations);
  wipe(wrapped);
  return key;
}

/** Re-seals under a new PIN and salt. A wrong current PIN is not detected: it seals a wrong key. */
export function changePin(record: VaultRecord, currentPin: string, newPin: string, newSalt: Uint8Array): VaultRecord {
  const key = openKey(record, currentPin);
  const sealed = sealKey(key, newPin, record.suite, newSalt, record.iterations);
  wipe(key);
  return sealed;
}
