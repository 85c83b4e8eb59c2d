import { concatBytes, wipe } from './bytes';
import { digest, type Hash } from './hash';

/** RFC 2104 HMAC: the key padded to one block, XORed with 0x36 (inner) and 0x5c (outer). */
function paddedKey(hash: Hash, key: Uint8Array, pad: number): Uint8Array {
  const block = new Uint8Array(hash.blockWords * 4);
  block.set(key.length > block.length ? digest(hash, key) : key);
  for (let i = 0; i < block.length; i++) block[i] ^= pad;
  return block;
}

export function hmac(hash: Hash, key: Uint8Array, message: Uint8Array): Uint8Array {
  const inner = paddedKey(hash, key, 0x36);
  const outer = paddedKey(hash, key, 0x5c);
  const innerDigest = digest(hash, concatBytes(inner, message));
  const mac = digest(hash, concatBytes(outer, innerDigest));
  wipe(inner, outer, innerDigest);
  return mac;
}
