import { canonicalAmount } from './amount';
import { damm, withCheckDigit } from './damm';
import type { OcraSuite } from './ocra';
import { DOCUMENT_CODE_MIN_DIGITS, DOCUMENT_CODE_V2_DIGITS, PAYEE_MAX_DIGITS, suiteVersion } from './phoneSuite';

/** What a version 2 signature binds besides the code: the amount (as typed) and the payee digits. */
export interface Payment {
  amount: string;
  payee: string;
}

/** Why a document code is refused: not only digits, a length the suite does not take, a failed check digit. */
export type CodeProblem = 'digits' | 'length' | 'check';

/** A version 2 document code from 6 random digits: those digits and their Damm check digit. */
export function makeDocumentCode(randomDigits: string): string {
  if (!new RegExp('^\\d{' + (DOCUMENT_CODE_V2_DIGITS - 1) + '}$').test(randomDigits)) {
    throw new Error('invalid random digits');
  }
  return withCheckDigit(randomDigits);
}

/**
 * What is wrong with a document code under a phone suite, or null: version 1 takes 4 to nn digits
 * (QNnn), version 2 exactly 7 whose Damm check passes.
 */
export function documentCodeProblem(suite: OcraSuite, code: string): CodeProblem | null {
  if (!/^\d+$/.test(code)) return 'digits';
  const v2 = suiteVersion(suite) === 2;
  const min = v2 ? DOCUMENT_CODE_V2_DIGITS : DOCUMENT_CODE_MIN_DIGITS;
  const max = v2 ? DOCUMENT_CODE_V2_DIGITS : suite.questionLength;
  if (code.length < min || code.length > max) return 'length';
  return v2 && damm(code) ? 'check' : null;
}

/** Payee digits: 1 to 10 decimal digits, leading zeros significant. */
export function isPayeeDigits(payee: string): boolean {
  return new RegExp('^\\d{1,' + PAYEE_MAX_DIGITS + '}$').test(payee);
}

/**
 * The OCRA question (docs/ALGORITHM.md §3.3, §3.4): version 1, the code; version 2, the code, or with a payment
 * code ":" canonical amount ":" payee digits. Throws an Error on anything the phone would refuse.
 */
export function documentQuestion(suite: OcraSuite, code: string, payment?: Payment): string {
  if (documentCodeProblem(suite, code)) throw new Error('invalid document code');
  if (!payment) return code;
  if (suiteVersion(suite) === 1) throw new Error('a version 1 suite signs no payment');
  const amount = canonicalAmount(payment.amount).amount;
  if (!amount) throw new Error('invalid amount');
  if (!isPayeeDigits(payment.payee)) throw new Error('invalid payee');
  return code + ':' + amount + ':' + payment.payee;
}
