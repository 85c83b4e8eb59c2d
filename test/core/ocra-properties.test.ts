import { expect } from 'chai';
import fc from 'fast-check';
import { allHashes } from '../../src/core/allHashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';
import { fromHex } from '../../src/core/bytes';
import {
  referenceOcra,
  suiteParts as parseParts,
  suiteText,
  type ReferenceInput,
  type SuiteParts,
} from './support/reference-ocra';
import { suiteParts } from './support/suite-arbitraries';
import { RFC6287_KEYS, RFC6287_VECTORS } from './vectors/rfc6287-appendix-c';

/** size 'max': fast-check's default size keeps strings to about 10 characters. */
function stringOf(characters: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...characters.split('')), minLength, maxLength, size: 'max' });
}

const DIGITS = '0123456789';
const HEX = '0123456789abcdefABCDEF';
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/** A question of the suite's format: one challenge, or two concatenated (mutual mode), so up to 2 x xx. */
function question(parts: SuiteParts): fc.Arbitrary<string> {
  const max = 2 * parts.questionLength;
  return stringOf(parts.questionFormat === 'N' ? DIGITS : parts.questionFormat === 'H' ? HEX : PRINTABLE, 1, max);
}

/** An 8-byte field's value: a safe integer, or any of 0..2^64-1 in decimal digits (with leading zeros at times). */
const uint64 = fc.oneof(
  fc.maxSafeNat(),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String),
  fc.tuple(stringOf('0', 1, 3), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(([zeros, n]) => zeros + n),
);

function input(parts: SuiteParts): fc.Arbitrary<ReferenceInput> {
  return fc.record({
    question: question(parts),
    counter: parts.counter ? uint64 : fc.constant(undefined),
    pin: parts.pinHash ? stringOf(PRINTABLE, 0, 16) : fc.constant(undefined),
    session: parts.sessionLength ? stringOf(HEX, 0, parts.sessionLength * 2) : fc.constant(undefined),
    time: parts.time ? uint64 : fc.constant(undefined),
  });
}

const caseArbitrary = suiteParts.chain((parts) =>
  fc.record({ parts: fc.constant(parts), key: fc.uint8Array({ maxLength: 140, size: 'max' }), input: input(parts) }),
);

describe('OCRA against an independent node:crypto computation', () => {
  it('the independent computation itself gives every RFC 6287 Appendix C value', () => {
    for (const vector of RFC6287_VECTORS) {
      const parts = parseParts(vector.suite);
      expect(suiteText(parts)).to.equal(vector.suite);
      const key = fromHex(RFC6287_KEYS[vector.key]) as Uint8Array;
      const time = vector.time === undefined ? undefined : parseInt(vector.time, 16);
      expect(referenceOcra(parts, key, { ...vector, time }), vector.suite + ' ' + vector.question).to.equal(
        vector.expected,
      );
    }
  });

  it('agrees on random suites from the whole grammar and random inputs', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ parts, key, input }) => {
        const suite = parseOcraSuite(suiteText(parts), allHashes);
        expect(ocra(suite, key, input)).to.equal(referenceOcra(parts, key, input));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on the default suite OCRA-1:HOTP-SHA256-8:QN08 for document codes of 4 to 8 digits', () => {
    const parts: SuiteParts = { hash: 'SHA256', digits: 8, counter: false, questionFormat: 'N', questionLength: 8 };
    const suite = parseOcraSuite('OCRA-1:HOTP-SHA256-8:QN08', allHashes);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), stringOf(DIGITS, 4, 8), (key, code) => {
        expect(ocra(suite, key, { question: code })).to.equal(referenceOcra(parts, key, { question: code }));
      }),
      { numRuns: 2000 },
    );
  });
});
