import { expect } from 'chai';
import fc from 'fast-check';
import { allHashes } from '../../src/core/allHashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { sha256 } from '../../src/core/sha256';
import { signDocument } from '../../src/core/sign';
import { openKey, sealEnvelope } from '../../src/core/vault';
import { keyOf } from './support/reference-vault';
import { envelope, pin } from './support/vault-arbitraries';

const SUITE = 'OCRA-1:HOTP-SHA256-8:QN08';
const ITERATIONS = 8; // the vault tests say why a small N proves the same things
const documentCode = fc.integer({ min: 1000, max: 99999999 }).map(String);

describe('Signing a document', () => {
  it('is OCRA over the opened key and the document code, with only SHA-256 in the hash table', () => {
    fc.assert(
      fc.property(envelope, pin, documentCode, (parts, secretPin, code) => {
        const record = sealEnvelope(parts, secretPin, SUITE, ITERATIONS);
        const expected = ocra(parseOcraSuite(SUITE, allHashes), keyOf(parts), { question: code });
        expect(signDocument(record, secretPin, code, { SHA256: sha256 })).to.equal(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('under a wrong PIN gives the signature of the key that PIN opens, an equally plausible 8 digits', () => {
    fc.assert(
      fc.property(envelope, pin, pin, documentCode, (parts, rightPin, wrongPin, code) => {
        fc.pre(rightPin !== wrongPin);
        const record = sealEnvelope(parts, rightPin, SUITE, ITERATIONS);
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
