// The canonical amount (docs/ALGORITHM.md §3.4) computed for the tests only, by BigInt arithmetic
// instead of the core's string trimming, so agreement between the two means something.
import type { CanonicalAmount } from '../../../src/core/amount';

/**
 * An independent canonical form, by arithmetic instead of string trimming: the amount as an integer
 * count of 10^-scale units (BigInt), reduced while it ends in a zero, then printed.
 */
export function referenceAmount(typed: string): CanonicalAmount {
  const match = /^([0-9]*)(?:\.([0-9]*))?$/.exec(typed);
  if (!match) return { problem: 'characters' };
  const [whole, fraction = ''] = [match[1], match[2]];
  if (whole.length + fraction.length === 0) return { problem: 'empty' };
  let units = BigInt(whole + fraction || '0');
  let scale = fraction.length;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  const divisor = 10n ** BigInt(scale);
  const integerPart = units / divisor;
  if (integerPart >= 10n ** 12n) return { problem: 'integer' };
  if (scale > 2) return { problem: 'fraction' };
  if (units === 0n) return { problem: 'zero' };
  const fractionPart = scale ? '.' + (units % divisor).toString().padStart(scale, '0') : '';
  return { amount: integerPart.toString() + fractionPart };
}
