import { BankError } from '../errors';

/**
 * Seals each customer's K with AES-256-GCM under a master key, so a copied database alone verifies
 * nothing. The customer id is the authenticated data: a sealed key moved to another customer's row
 * does not open. Every sealer writes the same blob, iv ‖ tag ‖ ciphertext (12-byte random IV, 128-bit
 * tag), so a key imported into an HSM opens what the same key sealed in memory, and back.
 */
export interface KeySealer {
  /**
   * Which master key seals, safe to store and show (`env:<fingerprint>`, `pkcs11:<token>/<key>`):
   * with several master keys in use at once, each sealed key will record the id of the one that sealed it.
   */
  readonly keyId: string;
  /** The master key as an operator knows it, for messages (MOBIPASS_MASTER_KEY, the HSM key pkcs11:…). */
  readonly description: string;
  seal(label: string, key: Uint8Array): Promise<Buffer>;
  /** The key inside a sealed blob; the caller wipes it after use. Throws WrongMasterKey if it does not open. */
  open(label: string, sealed: Uint8Array): Promise<Buffer>;
  /** Forgets the master key (wipes it, or ends the HSM sessions); waits for the seals and opens under way. */
  close(): Promise<void>;
}

/** The blob was not sealed under this master key for this label (or was altered). */
export class WrongMasterKey extends BankError {
  constructor(message: string) {
    super('config', message);
  }
}

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export function sealedBlob(iv: Uint8Array, tag: Uint8Array, body: Uint8Array): Buffer {
  return Buffer.concat([iv, tag, body]);
}

/** The parts of a blob; undefined when it is too short to be one. */
export function blobParts(sealed: Uint8Array): { iv: Buffer; tag: Buffer; body: Buffer } | undefined {
  const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (blob.length < IV_BYTES + TAG_BYTES) return undefined;
  return {
    iv: blob.subarray(0, IV_BYTES),
    tag: blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
    body: blob.subarray(IV_BYTES + TAG_BYTES),
  };
}
