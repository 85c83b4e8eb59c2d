/**
 * The Merkle–Damgård frame shared by SHA-1, SHA-256 and SHA-512: big-endian 32-bit words, 0x80
 * padding and a bit-length trailer. SHA-512's 64-bit words are stored as (high, low) word pairs,
 * so all three hashes present the same word-level shape to HMAC and PBKDF2.
 */
export interface Hash {
  /** Block size in 32-bit words (16 or 32). */
  blockWords: number;
  /** Initial state; its length is also the digest length in words. */
  iv: ArrayLike<number>;
  /** Folds one block (never modified) into the state. */
  compress(state: Int32Array, block: Int32Array): void;
}

export function readWords(bytes: Uint8Array, offset: number, into: Int32Array): void {
  for (let i = 0; i < into.length; i++, offset += 4) {
    into[i] = (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
  }
}

export function wordsToBytes(words: Int32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < out.length; i++) out[i] = words[i >> 2] >>> (24 - (i & 3) * 8);
  return out;
}

/**
 * The hash of a message, or, given the state after `absorbed` bytes (whole blocks) of a longer
 * message, the hash of that message continued by `message`: how HMAC reuses its keyed states.
 */
export function digest(hash: Hash, message: Uint8Array, start: ArrayLike<number> = hash.iv, absorbed = 0): Uint8Array {
  const blockBytes = hash.blockWords * 4;
  // The length trailer is 8 bytes for 64-byte blocks and 16 bytes for 128-byte blocks.
  const length = Math.ceil((message.length + 1 + blockBytes / 8) / blockBytes) * blockBytes;
  const padded = new Uint8Array(length);
  padded.set(message);
  padded[message.length] = 0x80;
  const bits = (absorbed + message.length) * 8;
  for (let i = 1; i <= 4; i++) {
    padded[length - i] = bits >>> (8 * i - 8);
    padded[length - 4 - i] = (bits / 0x100000000) >>> (8 * i - 8);
  }
  const state = new Int32Array(start);
  const block = new Int32Array(hash.blockWords);
  for (let offset = 0; offset < length; offset += blockBytes) {
    readWords(padded, offset, block);
    hash.compress(state, block);
  }
  return wordsToBytes(state);
}
