import { activationKey, activationSecret } from './activation';
import { ascii, concatBytes, fromHex, toHex, wipe } from './bytes';
import { digest, readWords } from './digest';
import { pbkdf2 } from './pbkdf2';
import { sha256 } from './sha256';

/** The PIN is 4 digits (the manual's «PIN-код (4 цифры)»). */
export const PIN_DIGITS = 4;

/** The most PBKDF2 iterations a record may name: more would stall a phone on every signature. */
export const MAX_ITERATIONS = 1000000;

/**
 * What the phone stores (docs/ALGORITHM.md §4). It holds no MAC, PIN hash or check value: under
 * every PIN the wrapped key opens to some 32-byte key, so the record cannot tell a right PIN from a
 * wrong one.
 */
export interface VaultRecordV1 {
  version: 1;
  suite: string;
  /** 16 bytes, hex. */
  salt: string;
  iterations: number;
  /** K XOR PBKDF2-HMAC-SHA256(PIN, salt, iterations, 32), hex. */
  wrapped: string;
}

/**
 * Every record written for one envelope has the same salt, iterations and wrapped key, so all of
 * them open to the same 10^4 candidate keys; only the public offset, which maps the typed PIN to
 * the effective one, differs.
 */
export interface VaultRecordV2 {
  version: 2;
  suite: string;
  salt: string;
  iterations: number;
  /** K XOR PBKDF2-HMAC-SHA256(effective PIN, salt, iterations, 32), hex. */
  wrapped: string;
  /** PIN_DIGITS decimal digits; effective PIN = typed PIN + offset, digit-wise mod 10. */
  offset: string;
}

export type VaultRecord = VaultRecordV1 | VaultRecordV2;

/** ASCII("MobiPass vault 2") ‖ 0x00: what D hashes before S. */
const ACTIVATION_PREFIX = 'MobiPass vault 2\u0000';

/** a + sign·b digit-wise mod 10, over PIN_DIGITS digits; the same steps whatever the digits. */
function addDigits(a: string, b: string, sign: 1 | -1): string {
  let out = '';
  for (let i = 0; i < PIN_DIGITS; i++) out += (+a.charAt(i) + sign * +b.charAt(i) + 10) % 10;
  return out;
}

function xorWithPinMask(bytes: Uint8Array, pin: string, salt: Uint8Array, iterations: number): Uint8Array {
  const pinBytes = ascii(pin);
  const mask = pbkdf2(sha256, pinBytes, salt, iterations, 32);
  for (let i = 0; i < 32; i++) mask[i] ^= bytes[i];
  wipe(pinBytes);
  return mask;
}

/**
 * The record for an envelope under the chosen PIN. Salt, wrapped key and effective PIN E depend on
 * the envelope alone (D = SHA-256("MobiPass vault 2" ‖ 0x00 ‖ S)), so re-activating the same
 * envelope writes a record with the same candidate keys. The salt comes from S, never from K: a
 * candidate key cannot be tested against it. Throws on a code that fails its checks.
 */
export function sealEnvelope(parts: string[], pin: string, suite: string, iterations: number): VaultRecordV2 {
  const secret = ascii(activationSecret(parts));
  const message = concatBytes(ascii(ACTIVATION_PREFIX), secret);
  const derived = digest(sha256, message);
  const salt = derived.subarray(0, 16);
  const word = new Int32Array(1);
  readWords(derived, 16, word);
  const modulus = Math.pow(10, PIN_DIGITS);
  const effective = String(modulus + ((word[0] >>> 0) % modulus)).slice(1);
  const key = activationKey(parts);
  const wrapped = xorWithPinMask(key, effective, salt, iterations);
  const record: VaultRecordV2 = {
    version: 2,
    suite,
    salt: toHex(salt),
    iterations,
    wrapped: toHex(wrapped),
    offset: addDigits(effective, pin, -1),
  };
  wipe(secret, message, derived, word, key, wrapped);
  return record;
}

/** The key under this PIN: the right key for the right PIN, a different key for every other PIN. */
export function openKey(record: VaultRecord, pin: string): Uint8Array {
  const effective = record.version === 2 ? addDigits(pin, record.offset, 1) : pin;
  const wrapped = fromHex(record.wrapped) as Uint8Array;
  const key = xorWithPinMask(wrapped, effective, fromHex(record.salt) as Uint8Array, record.iterations);
  wipe(wrapped);
  return key;
}

/**
 * The record under a new PIN: the same salt, iterations and wrapped key with a new offset, so the
 * new PIN's effective PIN is the one the typed current PIN had. No PBKDF2 runs. A version-1 record
 * (offset 0) becomes version 2 with its own salt and wrapped key. A wrong current PIN is not
 * detected: the new PIN then opens the key the wrong one opened.
 */
export function changePin(record: VaultRecord, currentPin: string, newPin: string): VaultRecordV2 {
  const offset = record.version === 2 ? record.offset : new Array(PIN_DIGITS + 1).join('0');
  return {
    version: 2,
    suite: record.suite,
    salt: record.salt,
    iterations: record.iterations,
    wrapped: record.wrapped,
    offset: addDigits(addDigits(currentPin, offset, 1), newPin, -1),
  };
}

function matches(value: unknown, pattern: RegExp): boolean {
  return typeof value === 'string' && pattern.test(value);
}

/**
 * A stored value as a vault record, or null when it is not exactly one: version 1 or 2 with exactly
 * that version's fields, lowercase hex of the right lengths, a whole number of iterations from 1 to
 * MAX_ITERATIONS and a PIN_DIGITS-digit offset. The suite is checked when signing.
 */
export function readVaultRecord(value: unknown): VaultRecord | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as { [field: string]: unknown };
  const fields = ['version', 'suite', 'salt', 'iterations', 'wrapped'];
  if (record.version === 2) fields.push('offset');
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) if (fields.indexOf(keys[i]) < 0) return null;
  const iterations = record.iterations as number;
  const valid =
    (record.version === 1 || record.version === 2) &&
    keys.length === fields.length &&
    typeof record.suite === 'string' &&
    matches(record.salt, /^[0-9a-f]{32}$/) &&
    typeof iterations === 'number' &&
    iterations % 1 === 0 &&
    iterations >= 1 &&
    iterations <= MAX_ITERATIONS &&
    matches(record.wrapped, /^[0-9a-f]{64}$/) &&
    (record.version === 1 || matches(record.offset, new RegExp('^\\d{' + PIN_DIGITS + '}$')));
  return valid ? (value as VaultRecord) : null;
}
