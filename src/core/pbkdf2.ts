import { concatBytes, wipe } from './bytes';
import { digest, readWords, wordsToBytes, type Hash } from './hash';
import { hmac } from './hmac';

/** HMAC's keyed starting state: the hash state after absorbing the padded key block. */
function keyedState(hash: Hash, password: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(hash.blockWords * 4);
  block.set(password);
  for (let i = 0; i < block.length; i++) block[i] ^= pad;
  const words = new Int32Array(hash.blockWords);
  readWords(block, 0, words);
  const state = new Int32Array(hash.iv);
  hash.compress(state, words);
  wipe(block, words);
  return state;
}

/**
 * RFC 8018 PBKDF2 with HMAC. Iterations 2..c run on words: each HMAC is two compressions from the
 * keyed states, and the inner and outer messages (one digest long) share one padded block.
 */
export function pbkdf2(hash: Hash, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  const key = password.length > hash.blockWords * 4 ? digest(hash, password) : password;
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
    const first = hmac(hash, key, concatBytes(salt, wordsToBytes(new Int32Array([index]))));
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
    wipe(first, bytes);
  }
  wipe(innerState, outerState, block, state, sum);
  if (key !== password) wipe(key);
  return out;
}
