import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { BankError } from './errors';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals each customer's K with AES-256-GCM under the server's master key, so a copied database
 * alone verifies nothing. The customer id is authenticated data: a sealed key moved to another
 * customer's row does not open.
 */
export class KeySealer {
  /** A KeyObject made once: a raw key given to every cipher would be imported again on each call. */
  private readonly masterKey: KeyObject;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new BankError('config', 'the master key must be 32 bytes');
    this.masterKey = createSecretKey(Buffer.from(masterKey));
  }

  /** iv ‖ tag ‖ ciphertext. */
  seal(label: string, key: Uint8Array): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(label, 'utf8'));
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** The key inside a sealed blob; the caller wipes it after use. */
  open(label: string, sealed: Uint8Array): Buffer {
    const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, blob.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(label, 'utf8'));
    decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new BankError(
        'config',
        'the master key does not open the stored key: is MOBIPASS_MASTER_KEY the one this database was made with?',
      );
    }
  }
}
