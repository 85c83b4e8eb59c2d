import { wipe } from './bytes';
import { digest, type Hash } from './digest';

/** HMAC's keyed starting state: the hash state after absorbing the key block XOR pad (RFC 2104). */
export function keyedState(hash: Hash, key: Uint8Array, pad: number): Int32Array {
  const block = new Int32Array(hash.blockWords);
  for (let i = 0; i < key.length; i++) block[i >> 2] |= key[i] << (24 - (i & 3) * 8);
  for (let i = 0; i < block.length; i++) block[i] ^= pad * 0x01010101;
  const state = new Int32Array(hash.iv);
  hash.compress(state, block);
  wipe(block);
  return state;
}

/** A key longer than a block is replaced by its hash. */
export function hmacKey(hash: Hash, key: Uint8Array): Uint8Array {
  return key.length > hash.blockWords * 4 ? digest(hash, key) : key;
}

export function hmac(hash: Hash, key: Uint8Array, message: Uint8Array): Uint8Array {
  const blockKey = hmacKey(hash, key);
  const inner = keyedState(hash, blockKey, 0x36);
  const outer = keyedState(hash, blockKey, 0x5c);
  const innerDigest = digest(hash, message, inner, hash.blockWords * 4);
  const mac = digest(hash, innerDigest, outer, hash.blockWords * 4);
  wipe(inner, outer, innerDigest);
  if (blockKey !== key) wipe(blockKey);
  return mac;
}
