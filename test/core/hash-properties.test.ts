import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { digest, type Hash } from '../../src/core/digest';
import { hmac } from '../../src/core/hmac';
import { pbkdf2 } from '../../src/core/pbkdf2';
import { sha1 } from '../../src/core/sha1';
import { sha256 } from '../../src/core/sha256';
import { sha512 } from '../../src/core/sha512';

// Each primitive against Node's own OpenSSL-backed crypto on random inputs. Lengths run past one
// and two blocks (64 bytes for SHA-1/256, 128 for SHA-512) so every padding branch is crossed.
const HASHES: [nodeName: string, hash: Hash][] = [
  ['sha1', sha1],
  ['sha256', sha256],
  ['sha512', sha512],
];

// size 'max': fast-check's default size keeps arrays to about 10 elements, far short of a block.
const bytes = (maxLength: number) => fc.uint8Array({ minLength: 0, maxLength, size: 'max' });

for (const [nodeName, hash] of HASHES) {
  describe(`${nodeName} family against node:crypto`, () => {
    it(`digest of 0..300 random bytes`, () => {
      fc.assert(
        fc.property(bytes(300), (message) => {
          expect(Buffer.from(digest(hash, message))).to.deep.equal(createHash(nodeName).update(message).digest());
        }),
        { numRuns: 3000 },
      );
    });

    it(`digest of every length 0..300`, () => {
      for (let length = 0; length <= 300; length++) {
        const message = new Uint8Array(length).map((_, i) => (i * 31 + length) & 255);
        expect(Buffer.from(digest(hash, message))).to.deep.equal(createHash(nodeName).update(message).digest());
      }
    });

    it(`HMAC with keys of 0..300 bytes (longer than a block) and messages of 0..300 bytes`, () => {
      fc.assert(
        fc.property(bytes(300), bytes(300), (key, message) => {
          expect(Buffer.from(hmac(hash, key, message))).to.deep.equal(
            createHmac(nodeName, key).update(message).digest(),
          );
        }),
        { numRuns: 2000 },
      );
    });

    it(`PBKDF2 with 1..8 iterations and output lengths crossing digest boundaries`, () => {
      fc.assert(
        fc.property(
          bytes(200),
          bytes(100),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 1, max: 150 }),
          (password, salt, iterations, length) => {
            expect(Buffer.from(pbkdf2(hash, password, salt, iterations, length))).to.deep.equal(
              pbkdf2Sync(password, salt, iterations, length, nodeName),
            );
          },
        ),
        { numRuns: 1000 },
      );
    });
  });
}
