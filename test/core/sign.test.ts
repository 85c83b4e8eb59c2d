import { expect } from 'chai';
import fc from 'fast-check';
import { allHashes } from '../../src/core/allHashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { sha256 } from '../../src/core/sha256';
import { signDocument } from '../../src/core/sign';
import { openKey, sealKey } from '../../src/core/vault';

const SUITE = 'OCRA-1:HOTP-SHA256-8:QN08';
const ITERATIONS = 8; // the vault tests say why a small N proves the same things
const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const pin = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
const documentCode = fc.integer({ min: 1000, max: 99999999 }).map(String);

describe('Signing a document', () => {
  it('is OCRA over the opened key and the document code, with only SHA-256 in the hash table', () => {
    fc.assert(
      fc.property(key32, pin, documentCode, (key, secretPin, code) => {
        const record = sealKey(key, secretPin, SUITE, new Uint8Array(16).fill(1), ITERATIONS);
        const expected = ocra(parseOcraSuite(SUITE, allHashes), key, { question: code });
        expect(signDocument(record, secretPin, code, { SHA256: sha256 })).to.equal(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('under a wrong PIN gives the signature of the key that PIN opens, an equally plausible 8 digits', () => {
    fc.assert(
      fc.property(key32, pin, pin, documentCode, (key, rightPin, wrongPin, code) => {
        fc.pre(rightPin !== wrongPin);
        const record = sealKey(key, rightPin, SUITE, new Uint8Array(16).fill(2), ITERATIONS);
        const signature = signDocument(record, wrongPin, code, allHashes);
        expect(signature).to.match(/^\d{8}$/);
        expect(signature).to.equal(
          ocra(parseOcraSuite(SUITE, allHashes), openKey(record, wrongPin), { question: code }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
