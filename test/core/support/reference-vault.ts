// The key vault (docs/ALGORITHM.md §4) written for the tests only, from the document's text, on
// node:crypto and Buffer. It shares no code with src/core/vault.ts, so agreement on random inputs,
// and an attack run with it against records the app wrote, mean something.
import { createHash, pbkdf2, pbkdf2Sync } from 'node:crypto';
import { promisify } from 'node:util';
import type { VaultRecord, VaultRecordV1, VaultRecordV2 } from '../../../src/core/vault';

const pbkdf2Async = promisify(pbkdf2);

/** Every 4-digit PIN, 0000 to 9999. */
export const ALL_PINS = Array.from({ length: 10000 }, (_, n) => String(n).padStart(4, '0'));

/** Digit by digit, (a ± b) mod 10. */
export function digitwise(a: string, op: '+' | '-', b: string): string {
  return Array.from(a, (digit, i) => {
    const sum = op === '+' ? Number(digit) + Number(b[i]) : Number(digit) - Number(b[i]);
    return String(((sum % 10) + 10) % 10);
  }).join('');
}

/** S: the 7 payload digits of each part (its 8th digit is the check digit). */
export function secretOf(parts: string[]): string {
  return parts.map((part) => part.slice(0, 7)).join('');
}

export function keyOf(parts: string[]): Buffer {
  return createHash('sha256').update(secretOf(parts), 'ascii').digest();
}

function xor(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ b[i]));
}

export function mask(pin: string, saltHex: string, iterations: number): Buffer {
  return pbkdf2Sync(Buffer.from(pin, 'ascii'), Buffer.from(saltHex, 'hex'), iterations, 32, 'sha256');
}

/** D = SHA-256("MobiPass vault 2" ‖ 0x00 ‖ S): the salt is D[0..16), E is D[16..20) mod 10^4. */
export function activationValues(parts: string[]): { salt: string; effectivePin: string } {
  const derived = createHash('sha256')
    .update(Buffer.concat([Buffer.from('MobiPass vault 2\0', 'ascii'), Buffer.from(secretOf(parts), 'ascii')]))
    .digest();
  return {
    salt: derived.subarray(0, 16).toString('hex'),
    effectivePin: String(derived.readUInt32BE(16) % 10000).padStart(4, '0'),
  };
}

export function activate(parts: string[], pin: string, suite: string, iterations: number): VaultRecordV2 {
  const { salt, effectivePin } = activationValues(parts);
  const wrapped = xor(keyOf(parts), mask(effectivePin, salt, iterations)).toString('hex');
  return { version: 2, suite, salt, iterations, wrapped, offset: digitwise(effectivePin, '-', pin) };
}

/** A version-1 record as the app wrote it before version 2: K ⊕ PBKDF2(PIN, salt). */
export function sealVersion1(key: Buffer, pin: string, suite: string, salt: Buffer, iterations: number): VaultRecordV1 {
  const saltHex = salt.toString('hex');
  return {
    version: 1,
    suite,
    salt: saltHex,
    iterations,
    wrapped: xor(key, mask(pin, saltHex, iterations)).toString('hex'),
  };
}

/** The PIN the mask is derived from when this PIN is typed. */
export function effectivePin(record: VaultRecord, pin: string): string {
  return record.version === 2 ? digitwise(pin, '+', record.offset) : pin;
}

export function open(record: VaultRecord, pin: string): Buffer {
  return xor(Buffer.from(record.wrapped, 'hex'), mask(effectivePin(record, pin), record.salt, record.iterations));
}

/** The new PIN must lead to the effective PIN the typed current PIN leads to. */
export function changePin(record: VaultRecord, currentPin: string, newPin: string): VaultRecordV2 {
  const { suite, salt, iterations, wrapped } = record;
  return {
    version: 2,
    suite,
    salt,
    iterations,
    wrapped,
    offset: digitwise(effectivePin(record, currentPin), '-', newPin),
  };
}

/**
 * What anyone holding a record can compute: the key each of the 10^4 PINs opens it to (key hex →
 * the PIN). PBKDF2 runs in node's thread pool; masks are shared between records with the same
 * salt and N through `masks` (the same inputs give the same mask, so this changes no result).
 */
export async function candidateKeys(
  record: VaultRecord,
  masks: Map<string, Promise<Buffer>>,
): Promise<Map<string, string>> {
  const wrapped = Buffer.from(record.wrapped, 'hex');
  const opened = await Promise.all(
    ALL_PINS.map(async (pin) => {
      const effective = effectivePin(record, pin);
      const id = `${record.salt}/${record.iterations}/${effective}`;
      let pending = masks.get(id);
      if (!pending) {
        pending = pbkdf2Async(
          Buffer.from(effective, 'ascii'),
          Buffer.from(record.salt, 'hex'),
          record.iterations,
          32,
          'sha256',
        );
        masks.set(id, pending);
      }
      return [xor(wrapped, await pending).toString('hex'), pin] as [string, string];
    }),
  );
  return new Map(opened);
}
