import { concatBytes, wipe } from './bytes';
import { digest, readWords, wordsToBytes, type Hash } from './digest';
import { hmacKey, keyedState } from './hmac';

/**
 * RFC 8018 PBKDF2 with HMAC. Iterations 2..c run on words: each HMAC is two compressions from the
 * keyed states, and the inner and outer messages (one digest long) share one padded block.
 */
export function pbkdf2(
  hash: Hash,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Uint8Array {
  const key = hmacKey(hash, password);
  const innerState = keyedState(hash, key, 0x36);
  const outerState = keyedState(hash, key, 0x5c);
  const digestWords = hash.iv.length;
  const block = new Int32Array(hash.blockWords);
  block[digestWords] = 0x80000000;
  block[hash.blockWords - 1] = (hash.blockWords + digestWords) * 32;
  const state = new Int32Array(digestWords);
  const sum = new Int32Array(digestWords);
  const out = new Uint8Array(length);
  for (let index = 1, offset = 0; offset < length; index++, offset += digestWords * 4) {
    const blockBytes = hash.blockWords * 4;
    const firstInner = digest(hash, concatBytes(salt, wordsToBytes(new Int32Array([index]))), innerState, blockBytes);
    const first = digest(hash, firstInner, outerState, blockBytes);
    readWords(first, 0, sum);
    block.set(sum);
    for (let i = 1; i < iterations; i++) {
      state.set(innerState);
      hash.compress(state, block);
      block.set(state);
      state.set(outerState);
      hash.compress(state, block);
      block.set(state);
      for (let j = 0; j < digestWords; j++) sum[j] ^= state[j];
    }
    const bytes = wordsToBytes(sum);
    out.set(bytes.subarray(0, length - offset), offset);
    wipe(firstInner, first, bytes);
  }
  wipe(innerState, outerState, block, state, sum);
  if (key !== password) wipe(key);
  return out;
}
