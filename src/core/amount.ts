/** The most digits an amount has before and after its decimal point (docs/ALGORITHM.md §3.4). */
export const AMOUNT_INTEGER_DIGITS = 12;
export const AMOUNT_FRACTION_DIGITS = 2;

/**
 * Why a typed amount cannot be signed. characters: anything but digits and one '.'; empty: no digit;
 * integer: more than 12 digits before the point (leading zeros aside); fraction: more than 2 after it
 * (trailing zeros aside); zero: the amount is 0.
 */
export type AmountProblem = 'characters' | 'empty' | 'integer' | 'fraction' | 'zero';

export type CanonicalAmount = { amount: string; problem?: undefined } | { amount?: undefined; problem: AmountProblem };

/**
 * The one form an amount is signed in: the integer part without leading zeros ("0" if none), then, only
 * when the fraction has a non-zero digit, "." and the fraction without trailing zeros. It depends only on
 * the amount's value, so "15000", "015000.0" and "15000.00" are all "15000" (and refused or not alike).
 */
export function canonicalAmount(typed: string): CanonicalAmount {
  const parts = /^(\d*)(?:\.(\d*))?$/.exec(typed);
  if (!parts) return { problem: 'characters' };
  if (!/\d/.test(typed)) return { problem: 'empty' };
  const integer = parts[1].replace(/^0+/, '');
  const fraction = (parts[2] || '').replace(/0+$/, '');
  if (integer.length > AMOUNT_INTEGER_DIGITS) return { problem: 'integer' };
  if (fraction.length > AMOUNT_FRACTION_DIGITS) return { problem: 'fraction' };
  if (!integer && !fraction) return { problem: 'zero' };
  return { amount: (integer || '0') + (fraction ? '.' + fraction : '') };
}
