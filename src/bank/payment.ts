import { AMOUNT_FRACTION_DIGITS as F, AMOUNT_INTEGER_DIGITS as I } from '../core/amount';

/**
 * The payment a challenge binds (docs/ALGORITHM.md §3.4), as the bank's back end sends it: the amount
 * and the payee's account, from which the kit takes the payee digits the customer types.
 */

/**
 * Exactly the amounts the core signs (canonicalAmount gives a form; test/bank/payment.test.ts checks the
 * two agree on every input): digits with at most one '.', at most 12 significant digits before it and 2
 * after it, more than 0. As a pattern, so the API's schema states it and the CLI checks the same rule.
 */
export const AMOUNT_PATTERN = `^0*(?:[1-9][0-9]{0,${I - 1}}(?:\\.[0-9]{0,${F}}0*)?|\\.(?=0{0,${F - 1}}[1-9])[0-9]{0,${F}}0*)$`;
export const AMOUNT_PROBLEM = `must be an amount above 0 in digits with at most one '.', at most ${I} digits before it and ${F} after it (leading and trailing zeros aside), such as 15000 or 15000.50`;

/** An account number as payment orders carry it (an IBAN has at most 34 characters), printed in groups or not. */
export const ACCOUNT_PATTERN = '^[A-Za-z0-9]( ?[A-Za-z0-9]){0,33}$';
export const ACCOUNT_PROBLEM =
  "must be the payee's account number: 1..34 letters and digits, single spaces between groups allowed";

/**
 * The payee digits a payment binds: the last n digits of the payee's account, letters and spaces skipped
 * (KZ86 125K ZT50 0410 0100 → 0100 for n = 4); undefined when the account has fewer digits.
 */
export function payeeDigitsOf(account: string, n: number): string | undefined {
  const digits = account.replace(/[^0-9]/g, '');
  return digits.length >= n ? digits.slice(digits.length - n) : undefined;
}
