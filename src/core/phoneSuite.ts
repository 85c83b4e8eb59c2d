import { AMOUNT_FRACTION_DIGITS, AMOUNT_INTEGER_DIGITS } from './amount';
import { parseOcraSuite, type HashTable, type OcraSuite } from './ocra';

/**
 * The version 1 suite (docs/ALGORITHM.md §3.2): of existing envelopes and phones, and what `mobipass sign`
 * and the bank kit's Bank class take when given no suite.
 */
export const DEFAULT_SUITE = 'OCRA-1:HOTP-SHA256-8:QN08';

/** The version 2 suite: the default build's and the demo's, with payment data (src/app/bank.config.json). */
export const DEFAULT_SUITE_V2 = 'OCRA-1:HOTP-SHA256-7:QA40';

/** The shortest version 1 document code number the phone takes (the longest is the suite's question length). */
export const DOCUMENT_CODE_MIN_DIGITS = 4;

/** A version 2 document code: 6 random digits and their Damm check digit. */
export const DOCUMENT_CODE_V2_DIGITS = 7;

/** The most payee digits a version 2 payment carries (the bank chooses how many, e.g. an account's last 4). */
export const PAYEE_MAX_DIGITS = 10;

/** The longest signature value a 240 px screen shows whole in its large, grouped digits ("1234 5678"). */
export const SIGNATURE_MAX_DIGITS = 8;

/**
 * Version 2's OCRA value: its check digit makes 8 typed digits, and a guess that passes the check is
 * right once in 10^7 counted attempts (the issue's bound), so no other length meets both.
 */
export const V2_OCRA_DIGITS = SIGNATURE_MAX_DIGITS - 1;

/** The longest version 2 question: code ":" amount (12 digits "." 2 digits) ":" payee digits = 34. */
export const V2_QUESTION_MAX_LENGTH =
  DOCUMENT_CODE_V2_DIGITS + 1 + AMOUNT_INTEGER_DIGITS + 1 + AMOUNT_FRACTION_DIGITS + 1 + PAYEE_MAX_DIGITS;

/** The version follows the suite: a numeric question (QN) is version 1, an alphanumeric one (QA) version 2. */
export function suiteVersion(suite: OcraSuite): 1 | 2 {
  return suite.questionFormat === 'A' ? 2 : 1;
}

/** How many digits the customer types back: the OCRA value, and in version 2 its check digit. */
export function typedDigits(suite: OcraSuite): number {
  return suite.digits + (suiteVersion(suite) === 2 ? 1 : 0);
}

/**
 * A suite a phone can sign with and show, parsed: the one rule the app build, the bank kit and the
 * `mobipass sign` tool apply. The phone keeps no counter, sends no PIN or session data, and the bank
 * verifies from the key and the document alone (no time step); the code is typed on a keypad, and the
 * value must fit the screen. Throws an Error that says why not.
 */
export function parsePhoneSuite(text: string, hashes: HashTable): OcraSuite {
  const suite = parseOcraSuite(text, hashes);
  if (suite.counter) throw new Error('a phone cannot keep a counter (C)');
  if (suite.pinHash) throw new Error('the PIN protects the key on the phone and never leaves it: no P');
  if (suite.sessionLength) throw new Error('a phone cannot receive session data (S)');
  if (suite.timeStep) throw new Error('the bank verifies from the key and the document alone: no time step (T)');
  if (suite.questionFormat === 'H') {
    throw new Error('the question must be QN (version 1, the document code) or QA (version 2, code and payment)');
  }
  if (suiteVersion(suite) === 1 && (!suite.digits || suite.digits > SIGNATURE_MAX_DIGITS)) {
    throw new Error(`the signature must be 4 to ${SIGNATURE_MAX_DIGITS} decimal digits to fit the phone's screen`);
  }
  if (suiteVersion(suite) === 2 && suite.digits !== V2_OCRA_DIGITS) {
    throw new Error(`a version 2 (QA) signature has ${V2_OCRA_DIGITS} digits, typed with its check digit as 8`);
  }
  if (suiteVersion(suite) === 2 && suite.questionLength < V2_QUESTION_MAX_LENGTH) {
    throw new Error(
      `a version 2 (QA) question is up to ${V2_QUESTION_MAX_LENGTH} characters: QA${V2_QUESTION_MAX_LENGTH} or more`,
    );
  }
  return suite;
}
