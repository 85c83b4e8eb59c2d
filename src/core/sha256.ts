import type { Hash } from './digest';

/** The first n primes. */
function primes(n: number): number[] {
  const found: number[] = [];
  for (let candidate = 2; found.length < n; candidate++) {
    let prime = true;
    for (let i = 0; i < found.length; i++) if (candidate % found[i] === 0) prime = false;
    if (prime) found.push(candidate);
  }
  return found;
}

/** First 32 bits of the fractional part: FIPS 180-4 defines both tables this way (§4.2.2, §5.3.3). */
function fraction32(x: number): number {
  return ((x - Math.floor(x)) * 0x100000000) | 0;
}

const PRIMES = primes(64);
const K = PRIMES.map((p) => fraction32(Math.cbrt(p)));
const W = new Int32Array(64);

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

export const sha256: Hash = {
  blockWords: 16,
  iv: PRIMES.slice(0, 8).map((p) => fraction32(Math.sqrt(p))),
  compress(state, block) {
    W.set(block);
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15];
      const w2 = W[t - 2];
      W[t] =
        (rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10)) +
        W[t - 7] +
        (rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3)) +
        W[t - 16];
    }
    let a = state[0],
      b = state[1],
      c = state[2],
      d = state[3],
      e = state[4],
      f = state[5],
      g = state[6],
      h = state[7];
    for (let t = 0; t < 64; t++) {
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  },
};
