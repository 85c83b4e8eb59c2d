import { expect } from 'chai';
import { sha256 } from '../../src/core/sha256';

// sha256.ts does not ship its 64 + 8 constants: it computes them as FIPS 180-4 defines them, the first
// 32 bits of the fractional parts of the cube roots (K, §4.2.2) and square roots (IV, §5.3.3) of the
// first primes, with Math.cbrt and Math.sqrt. These tests pin the result to the published tables and
// show that the method cannot be thrown off by another engine's last-bit rounding.
const FIPS_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];
const FIPS_IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** The first 64 primes, found independently of sha256.ts. */
const PRIMES = Array.from({ length: 312 }, (_, n) => n).filter(
  (n) => n > 1 && Array.from({ length: n - 2 }, (_, i) => i + 2).every((d) => n % d),
);

/** frac(root) x 2^32, before truncation to a word. */
function scaledFraction(root: number): number {
  return (root - Math.floor(root)) * 2 ** 32;
}

/**
 * One ulp of cbrt(311) or sqrt(19) is under 1e-15, which moves frac x 2^32 by under 4e-6; a value at
 * least 1e-4 from an integer therefore truncates to the same word whatever the last bits are.
 * (Measured: the closest K value is 0.0247 from an integer, the closest IV value 0.0055.)
 */
const MARGIN = 1e-4;

function distanceToInteger(x: number): number {
  return Math.abs(x - Math.round(x));
}

describe('SHA-256 constants computed from roots of primes', () => {
  it('uses the first 64 primes', () => {
    expect(PRIMES).to.have.length(64);
    expect(PRIMES[63]).to.equal(311);
  });

  it('K: Math.cbrt gives the FIPS 180-4 §4.2.2 table, each value at least 1e-4 from a word boundary', () => {
    PRIMES.forEach((prime, t) => {
      const scaled = scaledFraction(Math.cbrt(prime));
      expect(Math.floor(scaled), `K[${t}]`).to.equal(FIPS_K[t]);
      expect(distanceToInteger(scaled), `K[${t}] margin`).to.be.at.least(MARGIN);
    });
  });

  it('IV: Math.sqrt gives the FIPS 180-4 §5.3.3 values, each at least 1e-4 from a word boundary', () => {
    PRIMES.slice(0, 8).forEach((prime, i) => {
      const scaled = scaledFraction(Math.sqrt(prime));
      expect(Math.floor(scaled), `H0[${i}]`).to.equal(FIPS_IV[i]);
      expect(distanceToInteger(scaled), `H0[${i}] margin`).to.be.at.least(MARGIN);
    });
  });

  it('the core carries exactly these IV words (its K is proven by the FIPS and RFC digests)', () => {
    expect(Array.from(sha256.iv, (word) => word >>> 0)).to.deep.equal(FIPS_IV);
  });
});
