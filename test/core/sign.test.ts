import { expect } from 'chai';
import fc from 'fast-check';
import { allHashes } from '../../src/core/allHashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { sha256 } from '../../src/core/sha256';
import { DEFAULT_SUITE_V2 } from '../../src/core/phoneSuite';
import { signDocument, typedValue } from '../../src/core/sign';
import { openKey, sealEnvelope } from '../../src/core/vault';
import { completing, payment, v2Code } from './support/document-arbitraries';
import { referenceAmount } from './support/reference-amount';
import { referenceOcra, suiteParts } from './support/reference-ocra';
import { keyOf } from './support/reference-vault';
import { envelope, pin } from './support/vault-arbitraries';

const SUITE = 'OCRA-1:HOTP-SHA256-8:QN08';
const ITERATIONS = 8; // the vault tests say why a small N proves the same things
const documentCode = fc.integer({ min: 1000, max: 99999999 }).map(String);
const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

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

describe('The value the customer types', () => {
  const V2 = parseOcraSuite(DEFAULT_SUITE_V2, allHashes);
  const V2_PARTS = suiteParts(DEFAULT_SUITE_V2);

  it('in version 2 is OCRA over the independent question and its check digit, with or without payment', () => {
    fc.assert(
      fc.property(key32, v2Code, fc.option(payment), (key, code, pay) => {
        const question = pay ? `${code}:${referenceAmount(pay.amount).amount}:${pay.payee}` : code;
        const value = referenceOcra(V2_PARTS, key, { question });
        expect(value).to.match(/^\d{7}$/);
        expect(typedValue(V2, key, code, pay ?? undefined)).to.equal(value + completing(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('in version 1 is the OCRA value itself, and takes no payment', () => {
    const V1 = parseOcraSuite(SUITE, allHashes);
    fc.assert(
      fc.property(key32, documentCode, (key, code) => {
        expect(typedValue(V1, key, code)).to.equal(referenceOcra(suiteParts(SUITE), key, { question: code }));
      }),
      { numRuns: 500 },
    );
    expect(() => typedValue(V1, new Uint8Array(32), '338609', { amount: '1', payee: '1' })).to.throw(/version 1/);
  });

  it('is what the phone signs under the PIN, payment included; a wrong PIN gives another value of the same shape', () => {
    fc.assert(
      fc.property(envelope, pin, pin, v2Code, payment, (parts, rightPin, otherPin, code, pay) => {
        const record = sealEnvelope(parts, rightPin, DEFAULT_SUITE_V2, ITERATIONS);
        const key = keyOf(parts);
        expect(signDocument(record, rightPin, code, { SHA256: sha256 }, pay)).to.equal(typedValue(V2, key, code, pay));
        const other = signDocument(record, otherPin, code, allHashes, pay);
        expect(other).to.equal(typedValue(V2, openKey(record, otherPin), code, pay));
        expect(other).to.match(/^\d{8}$/);
      }),
      { numRuns: 200 },
    );
  });

  it('is computed for no code the phone refuses', () => {
    const parts = ['45678893', '66556668', '86566660', '45677777'];
    const record = sealEnvelope(parts, '1234', DEFAULT_SUITE_V2, ITERATIONS);
    expect(() => signDocument(record, '1234', '3386096', allHashes)).to.throw(/^invalid document code$/);
    const v1 = sealEnvelope(parts, '1234', SUITE, ITERATIONS);
    expect(() => signDocument(v1, '1234', '123', allHashes)).to.throw(/^invalid document code$/);
  });
});
