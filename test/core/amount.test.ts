import { expect } from 'chai';
import fc from 'fast-check';
import { canonicalAmount } from '../../src/core/amount';
import { referenceAmount } from './support/reference-amount';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: min, maxLength: max, size: 'max' });

/** Typed amounts as a keypad makes them: digits, at most one point, sometimes stray zeros or characters. */
const typedAmount = fc.oneof(
  fc
    .tuple(digits(0, 15), fc.option(digits(0, 4)))
    .map(([whole, fraction]) => whole + (fraction === null ? '' : '.' + fraction)),
  fc.string({ unit: fc.constantFrom(...'0123456789.,- '.split('')), maxLength: 18 }),
);

describe('Amounts in their canonical form', () => {
  it('signs 15000, 15000.0 and 15000.00 alike, and 15000.01 and 15000.10 each their own way', () => {
    const vectors: [typed: string, canonical: string][] = [
      ['15000', '15000'],
      ['15000.0', '15000'],
      ['15000.00', '15000'],
      ['00015000.', '15000'],
      ['15000.01', '15000.01'],
      ['15000.10', '15000.1'],
      ['0.5', '0.5'],
      ['.50', '0.5'],
      ['0.01', '0.01'],
      ['999999999999.99', '999999999999.99'],
      ['0999999999999.990', '999999999999.99'],
    ];
    for (const [typed, canonical] of vectors)
      expect(canonicalAmount(typed), typed).to.deep.equal({ amount: canonical });
  });

  it('refuses, with the reason, what is not an amount of at most 12 + 2 digits above 0', () => {
    const vectors: [typed: string, problem: string][] = [
      ['', 'empty'],
      ['.', 'empty'],
      ['1,5', 'characters'],
      ['1.2.3', 'characters'],
      ['-1', 'characters'],
      [' 1', 'characters'],
      ['1e3', 'characters'],
      ['\uff11', 'characters'],
      ['1000000000000', 'integer'],
      ['1000000000000.001', 'integer'],
      ['0.001', 'fraction'],
      ['1.005', 'fraction'],
      ['0', 'zero'],
      ['000.000', 'zero'],
    ];
    for (const [typed, problem] of vectors) expect(canonicalAmount(typed), typed).to.deep.equal({ problem });
  });

  it('agrees with an arithmetic computation on random typed amounts', () => {
    fc.assert(
      fc.property(typedAmount, (typed) => {
        expect(canonicalAmount(typed)).to.deep.equal(referenceAmount(typed));
      }),
      { numRuns: 5000 },
    );
  });

  it('depends only on the value: leading and trailing zeros change nothing, and the form is its own form', () => {
    fc.assert(
      fc.property(typedAmount, digits(0, 3), digits(0, 3), (typed, lead, trail) => {
        const zeros = (s: string) => s.replace(/./g, '0');
        const padded = zeros(lead) + typed + (typed.includes('.') ? '' : '.') + zeros(trail);
        fc.pre(/^\d*(\.\d*)?$/.test(typed) && /\d/.test(typed));
        const result = canonicalAmount(typed);
        expect(canonicalAmount(padded)).to.deep.equal(result);
        if (result.amount) expect(canonicalAmount(result.amount)).to.deep.equal(result);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives different forms to different values (the form is a value written one way)', () => {
    const cents = fc.bigInt({ min: 1n, max: 10n ** 14n - 1n });
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        const write = (n: bigint) => `${n / 100n}.${(n % 100n).toString().padStart(2, '0')}`;
        const [formA, formB] = [canonicalAmount(write(a)).amount, canonicalAmount(write(b)).amount];
        expect(formA === formB).to.equal(a === b);
      }),
      { numRuns: 3000 },
    );
  });
});
