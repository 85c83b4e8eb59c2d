import { parseOcraSuite, type HashTable, type OcraSuite } from './ocra';

/** The suite of the default build and of new envelopes unless a bank chooses another (docs/ALGORITHM.md §3). */
export const DEFAULT_SUITE = 'OCRA-1:HOTP-SHA256-8:QN08';

/** The shortest document code number the phone takes (the longest is the suite's question length). */
export const DOCUMENT_CODE_MIN_DIGITS = 4;

/** The longest signature value a 240 px screen shows whole in its large, grouped digits ("1234 5678"). */
export const SIGNATURE_MAX_DIGITS = 8;

/**
 * A suite a phone can sign with and show, parsed: the one rule the app build, the bank kit and the
 * `mobipass sign` tool apply. The phone keeps no counter, sends no PIN or session data, and the bank
 * verifies from the key and the document code alone (no time step); the code is typed on a keypad
 * (numeric question), and the value must fit the screen. Throws an Error that says why not.
 */
export function parsePhoneSuite(text: string, hashes: HashTable): OcraSuite {
  const suite = parseOcraSuite(text, hashes);
  if (suite.counter) throw new Error('a phone cannot keep a counter (C)');
  if (suite.pinHash) throw new Error('the PIN protects the key on the phone and never leaves it: no P');
  if (suite.sessionLength) throw new Error('a phone cannot receive session data (S)');
  if (suite.timeStep) throw new Error('the bank verifies from the key and the document code alone: no time step (T)');
  if (suite.questionFormat !== 'N')
    throw new Error('the document code is typed on a keypad: the question must be numeric (QN)');
  if (!suite.digits || suite.digits > SIGNATURE_MAX_DIGITS) {
    throw new Error(`the signature must be 4 to ${SIGNATURE_MAX_DIGITS} decimal digits to fit the phone's screen`);
  }
  return suite;
}
