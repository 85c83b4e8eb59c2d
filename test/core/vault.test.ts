import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { toHex } from '../../src/core/bytes';
import { changePin, openKey, sealKey, type VaultRecord } from '../../src/core/vault';

const SUITE = 'OCRA-1:HOTP-SHA256-8:QN08';
// Camouflage does not depend on the iteration count: the mask is PBKDF2's output under any N, and
// N only sets what one guess costs. A small N lets a test open one record with all 10,000 PINs in
// seconds; the production N is exercised by the vectors in docs/ALGORITHM.md and by `npm run bench`.
const TEST_ITERATIONS = 8;

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const salt16 = fc.uint8Array({ minLength: 16, maxLength: 16 });
const pin = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));

function allPins(): string[] {
  return Array.from({ length: 10000 }, (_, n) => String(n).padStart(4, '0'));
}

/** What anyone holding the storage sees of a record, without the values. */
function shape(record: VaultRecord): [string, string, number][] {
  return Object.entries(record).map(([name, value]) => [name, typeof value, String(value).length]);
}

describe('Key vault', () => {
  it('opens one record under all 10,000 PINs to 10,000 distinct 32-byte keys, and the right PIN to K', () => {
    const key = new Uint8Array(randomBytes(32));
    const record = sealKey(key, '4711', SUITE, new Uint8Array(randomBytes(16)), TEST_ITERATIONS);
    const opened = new Set<string>();
    for (const candidate of allPins()) {
      const unwrapped = openKey(record, candidate);
      expect(unwrapped).to.have.length(32);
      opened.add(toHex(unwrapped));
    }
    expect(opened.size).to.equal(10000);
    expect(toHex(openKey(record, '4711'))).to.equal(toHex(key));
  });

  it('stores the same fields, types and lengths whatever the PIN and key', () => {
    fc.assert(
      fc.property(key32, pin, key32, pin, salt16, (keyA, pinA, keyB, pinB, salt) => {
        const a = sealKey(keyA, pinA, SUITE, salt, TEST_ITERATIONS);
        const b = sealKey(keyB, pinB, SUITE, salt, TEST_ITERATIONS);
        expect(shape(a)).to.deep.equal(shape(b));
        expect(Object.keys(a).sort()).to.deep.equal(['iterations', 'salt', 'suite', 'version', 'wrapped']);
        expect(a).to.include({ version: 1, suite: SUITE, iterations: TEST_ITERATIONS, salt: toHex(salt) });
        expect(a.wrapped).to.match(/^[0-9a-f]{64}$/);
      }),
      { numRuns: 300 },
    );
  });

  it('wraps K with exactly PBKDF2-HMAC-SHA256(ASCII(PIN), salt, N, 32) as node:crypto computes it', () => {
    fc.assert(
      fc.property(key32, pin, salt16, fc.integer({ min: 1, max: 50 }), (key, secretPin, salt, iterations) => {
        const record = sealKey(key, secretPin, SUITE, salt, iterations);
        const mask = pbkdf2Sync(Buffer.from(secretPin, 'ascii'), salt, iterations, 32, 'sha256');
        const expected = Buffer.from(key.map((byte, i) => byte ^ mask[i]));
        expect(record.wrapped).to.equal(expected.toString('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('sealKey then openKey gives K back; openKey leaves the record as it was', () => {
    fc.assert(
      fc.property(key32, pin, salt16, (key, secretPin, salt) => {
        const record = sealKey(key, secretPin, SUITE, salt, TEST_ITERATIONS);
        const before = JSON.stringify(record);
        expect(toHex(openKey(record, secretPin))).to.equal(toHex(key));
        expect(JSON.stringify(record)).to.equal(before);
      }),
      { numRuns: 300 },
    );
  });

  it('changePin re-seals K under the new PIN and salt, keeping suite and N', () => {
    fc.assert(
      fc.property(key32, pin, pin, salt16, salt16, (key, oldPin, newPin, oldSalt, newSalt) => {
        const record = sealKey(key, oldPin, SUITE, oldSalt, TEST_ITERATIONS);
        const changed = changePin(record, oldPin, newPin, newSalt);
        expect(changed).to.include({ version: 1, suite: SUITE, iterations: TEST_ITERATIONS, salt: toHex(newSalt) });
        expect(toHex(openKey(changed, newPin))).to.equal(toHex(key));
        expect(changed).to.deep.equal(sealKey(key, newPin, SUITE, newSalt, TEST_ITERATIONS));
      }),
      { numRuns: 300 },
    );
  });

  it('changePin with a wrong current PIN succeeds silently and seals a key that is not K', () => {
    fc.assert(
      fc.property(key32, pin, pin, pin, salt16, (key, rightPin, wrongPin, newPin, newSalt) => {
        fc.pre(wrongPin !== rightPin);
        const record = sealKey(key, rightPin, SUITE, new Uint8Array(16), TEST_ITERATIONS);
        const changed = changePin(record, wrongPin, newPin, newSalt);
        expect(shape(changed)).to.deep.equal(shape(record));
        expect(toHex(openKey(changed, newPin))).to.not.equal(toHex(key));
        expect(toHex(openKey(changed, newPin))).to.equal(toHex(openKey(record, wrongPin)));
      }),
      { numRuns: 300 },
    );
  });
});
