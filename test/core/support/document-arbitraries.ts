import fc from 'fast-check';
import { damm } from '../../../src/core/damm';

export const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength, maxLength, size: 'max' });

/** The one digit that makes a digit string pass Damm's check: found by trying all ten. */
export function completing(digitString: string): string {
  return '0123456789'.split('').filter((c) => damm(digitString + c) === 0)[0];
}

/** A version 2 document code: 6 random digits and the digit that completes them. */
export const v2Code = digits(6, 6).map((random) => random + completing(random));

/** An amount as typed on a keypad that has a canonical form: up to 12 + 2 significant digits, above 0. */
export const typedAmount = fc
  .tuple(digits(0, 2), digits(1, 12), fc.option(digits(0, 2)), digits(0, 2))
  .filter(([, whole, fraction]) => /[1-9]/.test(whole + (fraction ?? '')))
  .map(
    ([lead, whole, fraction, trail]) =>
      lead.replace(/./g, '0') + whole + (fraction === null ? '' : '.' + fraction + trail.replace(/./g, '0')),
  );

export const payee = digits(1, 10);

export const payment = fc.record({ amount: typedAmount, payee });
