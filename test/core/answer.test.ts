import { expect } from 'chai';
import fc from 'fast-check';
import { allHashes } from '../../src/core/allHashes';
import { readAnswer } from '../../src/core/answer';
import { parseOcraSuite } from '../../src/core/ocra';
import { DEFAULT_SUITE, DEFAULT_SUITE_V2 } from '../../src/core/phoneSuite';
import { typedValue } from '../../src/core/sign';
import { completing, digits, payment, v2Code } from './support/document-arbitraries';

const V1 = parseOcraSuite(DEFAULT_SUITE, allHashes);
const V2 = parseOcraSuite(DEFAULT_SUITE_V2, allHashes);
const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** The value with spaces put in at random places, as a customer copying "1234 5678" might type it. */
const spaced = (value: string) =>
  fc.array(fc.integer({ min: 0, max: 3 }), { minLength: value.length + 1, maxLength: value.length + 1 }).map(
    (gaps) =>
      value
        .split('')
        .map((digit, i) => ' '.repeat(gaps[i]) + digit)
        .join('') + ' '.repeat(gaps[value.length]),
  );

describe('Reading a typed answer at the bank', () => {
  it('takes the value the phone shows, with any spaces, as the digits to compare', () => {
    const typedCase = fc.tuple(key32, v2Code, fc.option(payment)).chain(([key, code, pay]) => {
      const value = typedValue(V2, key, code, pay ?? undefined);
      return fc.tuple(fc.constant(value), spaced(value));
    });
    fc.assert(
      fc.property(typedCase, ([value, typed]) => {
        expect(readAnswer(V2, typed)).to.deep.equal({ answer: value });
      }),
      { numRuns: 2000 },
    );
    expect(readAnswer(V1, '5879 6286')).to.deep.equal({ answer: '58796286' });
  });

  it('calls a version 2 answer mistyped when one digit is wrong or two adjacent ones are swapped', () => {
    fc.assert(
      fc.property(digits(7, 7), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), (v, at, add) => {
        const right = v + completing(v);
        const typo = right.slice(0, at) + String((+right[at] + add) % 10) + right.slice(at + 1);
        expect(readAnswer(V2, typo)).to.deep.equal({ problem: 'mistyped' });
        const swap = at < 7 && right[at] !== right[at + 1];
        if (swap) {
          const swapped = right.slice(0, at) + right[at + 1] + right[at] + right.slice(at + 2);
          expect(readAnswer(V2, swapped)).to.deep.equal({ problem: 'mistyped' });
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('passes one in ten 8-digit guesses on to the comparison: the check digit keeps nothing secret', () => {
    fc.assert(
      fc.property(digits(7, 7), (v) => {
        const passing = '0123456789'.split('').filter((c) => readAnswer(V2, v + c).answer !== undefined);
        expect(passing).to.deep.equal([completing(v)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses as format anything but the digits the customer types, spaces aside', () => {
    for (const typed of [
      '',
      ' ',
      '7010261',
      '701026120',
      '7010-2612',
      '7010\t2612',
      '7010\u00a02612',
      '７０１０２６１２',
    ]) {
      expect(readAnswer(V2, typed), JSON.stringify(typed)).to.deep.equal({ problem: 'format' });
    }
    for (const typed of ['5879628', '587962861', '5879628a']) {
      expect(readAnswer(V1, typed), typed).to.deep.equal({ problem: 'format' });
    }
  });

  it('never calls a version 1 answer mistyped: it has no check digit', () => {
    fc.assert(
      fc.property(digits(8, 8), (typed) => {
        expect(readAnswer(V1, typed)).to.deep.equal({ answer: typed });
      }),
      { numRuns: 1000 },
    );
  });
});
