import type { Hash } from './digest';

/** FIPS 180-4 §4.2.3 constants as (high, low) 32-bit word pairs. */
const K = [
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc, 0x3956c25b,
  0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118, 0xd807aa98, 0xa3030242,
  0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2, 0x72be5d74, 0xf27b896f, 0x80deb1fe,
  0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694, 0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3,
  0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65, 0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc,
  0xbd41fbd4, 0x76f988da, 0x831153b5, 0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f,
  0xbf597fc7, 0xbeef0ee4, 0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967,
  0x0a0e6e70, 0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b, 0xa2bfe8a1,
  0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30, 0xd192e819, 0xd6ef5218,
  0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8, 0x19a4c116, 0xb8d2d0c8, 0x1e376c08,
  0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8, 0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb,
  0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3, 0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814,
  0xa1f0ab72, 0x8cc70208, 0x1a6439ec, 0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915,
  0xc67178f2, 0xe372532b, 0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f,
  0xee6ed178, 0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c, 0x4cc5d4be,
  0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
];
const W = new Int32Array(160);
const V = new Int32Array(16);

function rotr32(x: number, y: number, n: number): number {
  return (x >>> n) | (y << (32 - n));
}

/**
 * One half of rotr(a) ^ rotr(b) ^ rotr-or-shr(c) on the 64-bit word (x, y): the high half when x is
 * the high word, the low half when the words are passed swapped. shr differs from rotr only in the
 * high half, hence shiftInHigh.
 */
function mix(x: number, y: number, a: number, b: number, c: number, shiftInHigh?: boolean): number {
  const rotr = (n: number) => (n < 32 ? rotr32(x, y, n) : rotr32(y, x, n - 32));
  return rotr(a) ^ rotr(b) ^ (shiftInHigh ? x >>> c : rotr(c));
}

/** Stores the 64-bit sum whose high words add to hi and whose unsigned low words add to lo. */
function put(out: Int32Array, i: number, hi: number, lo: number): void {
  out[i] = hi + Math.floor(lo / 0x100000000);
  out[i + 1] = lo;
}

export const sha512: Hash = {
  blockWords: 32,
  iv: [
    0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1, 0x510e527f,
    0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
  ],
  compress(state, block) {
    W.set(block);
    for (let i = 32; i < 160; i += 2) {
      const h2 = W[i - 4],
        l2 = W[i - 3],
        h15 = W[i - 30],
        l15 = W[i - 29];
      put(
        W,
        i,
        mix(h2, l2, 19, 61, 6, true) + W[i - 14] + mix(h15, l15, 1, 8, 7, true) + W[i - 32],
        (mix(l2, h2, 19, 61, 6) >>> 0) + (W[i - 13] >>> 0) + (mix(l15, h15, 1, 8, 7) >>> 0) + (W[i - 31] >>> 0),
      );
    }
    V.set(state);
    for (let i = 0; i < 160; i += 2) {
      const ah = V[0],
        al = V[1],
        eh = V[8],
        el = V[9];
      const t1lo =
        (V[15] >>> 0) +
        (mix(el, eh, 14, 18, 41) >>> 0) +
        (((el & V[11]) ^ (~el & V[13])) >>> 0) +
        (K[i + 1] >>> 0) +
        (W[i + 1] >>> 0);
      const t1hi = V[14] + mix(eh, el, 14, 18, 41) + ((eh & V[10]) ^ (~eh & V[12])) + K[i] + W[i];
      const t2lo = (mix(al, ah, 28, 34, 39) >>> 0) + (((al & V[3]) ^ (al & V[5]) ^ (V[3] & V[5])) >>> 0);
      const t2hi = mix(ah, al, 28, 34, 39) + ((ah & V[2]) ^ (ah & V[4]) ^ (V[2] & V[4]));
      V.copyWithin(2, 0, 14);
      put(V, 8, V[8] + t1hi, (V[9] >>> 0) + t1lo);
      put(V, 0, t1hi + t2hi, t1lo + t2lo);
    }
    for (let i = 0; i < 16; i += 2) put(state, i, state[i] + V[i], (state[i + 1] >>> 0) + (V[i + 1] >>> 0));
  },
};
