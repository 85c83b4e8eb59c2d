// Turns the mobipass CLI's option strings into core inputs, refusing bad input with one line that
// says what is wrong. Secrets (key, PIN, code parts) are never echoed back.
import { PART_COUNT, PART_LENGTH, checkActivationPart } from '../core/activation';
import { fromHex } from '../core/bytes';
import { allHashes } from '../core/allHashes';
import { parseOcraSuite, type OcraSuite } from '../core/ocra';
import { AMOUNT_FRACTION_DIGITS, AMOUNT_INTEGER_DIGITS, canonicalAmount, type AmountProblem } from '../core/amount';
import { documentCodeProblem, isPayeeDigits, type Payment } from '../core/document';
import {
  DEFAULT_SUITE,
  DOCUMENT_CODE_MIN_DIGITS,
  DOCUMENT_CODE_V2_DIGITS,
  PAYEE_MAX_DIGITS,
  parsePhoneSuite,
  suiteVersion,
} from '../core/phoneSuite';
import { UsageError } from './args';

function suiteError(error: unknown): UsageError {
  const reason = (error as Error).message;
  const detail = reason === 'invalid suite' ? `not an RFC 6287 suite (for example ${DEFAULT_SUITE})` : reason;
  return new UsageError(`--suite: ${detail}`);
}

/** Any RFC 6287 suite (for the ocra command). */
export function parseSuite(text: string): OcraSuite {
  try {
    return parseOcraSuite(text, allHashes);
  } catch (error) {
    throw suiteError(error);
  }
}

/** A suite the phone can sign with (the core's one rule), for the sign command. */
export function parsePhoneSuiteOption(text: string): OcraSuite {
  try {
    return parsePhoneSuite(text, allHashes);
  } catch (error) {
    throw suiteError(error);
  }
}

/** P hashes the PIN's ASCII bytes (RFC 6287 §5.1): other characters have no single byte. */
export function parseAsciiPin(text: string): string {
  if (!/^[ -~]+$/.test(text)) throw new UsageError('--pin must be printable ASCII characters');
  return text;
}

export function parseHex(option: string, text: string): Uint8Array {
  const bytes = fromHex(text);
  if (!bytes || bytes.length === 0) throw new UsageError(`--${option} must be hex digits, an even number of them`);
  return bytes;
}

const UINT64_MAX = 2n ** 64n - 1n;

/**
 * A counter (decimal) or time-step count (hex, as RFC 6287 prints them): RFC 6287 makes both 8-byte
 * fields, so 0 to 2^64-1; returned in decimal digits, as the core takes values above 2^53.
 */
export function parseWhole(option: string, text: string, radix: 10 | 16): string {
  const pattern = radix === 10 ? /^\d+$/ : /^[0-9a-f]+$/i;
  const value = pattern.test(text) ? BigInt(radix === 10 ? text : '0x' + text) : undefined;
  if (value === undefined || value > UINT64_MAX) {
    throw new UsageError(
      `--${option} must be a whole number${radix === 16 ? ' in hex' : ''} from 0 to 2^64-1 (an 8-byte field)`,
    );
  }
  return value.toString();
}

const QUESTION_KIND: { [format: string]: string } = {
  N: 'decimal digits',
  H: 'hex digits',
  A: 'printable ASCII characters',
};

/** A document code as the phone takes it: 4 to nn digits for QNnn (version 1), 7 with a check digit for QA. */
export function parseDocumentCode(suite: OcraSuite, text: string): string {
  const problem = documentCodeProblem(suite, text);
  if (problem === 'check')
    throw new UsageError('--challenge fails its check digit: a typing mistake in the document code');
  if (problem) {
    throw new UsageError(
      suiteVersion(suite) === 2
        ? `--challenge must be a document code of ${DOCUMENT_CODE_V2_DIGITS} decimal digits (the last is a check digit), as the phone takes them`
        : `--challenge must be a document code of ${DOCUMENT_CODE_MIN_DIGITS} to ${suite.questionLength} decimal digits, as the phone takes them`,
    );
  }
  return text;
}

const AMOUNT_PROBLEM: { [problem in AmountProblem]: string } = {
  characters: "--amount must be decimal digits with at most one '.'",
  empty: '--amount has no digits',
  integer: `--amount has more than ${AMOUNT_INTEGER_DIGITS} digits before the point`,
  fraction: `--amount has more than ${AMOUNT_FRACTION_DIGITS} digits after the point (trailing zeros aside)`,
  zero: '--amount must be more than 0',
};

/** The payment a version 2 suite signs: both --amount and --payee, or neither. */
export function parsePayment(suite: OcraSuite, amount?: string, payee?: string): Payment | undefined {
  if (amount === undefined && payee === undefined) return undefined;
  if (suiteVersion(suite) === 1) {
    throw new UsageError('--amount and --payee are signed by version 2 suites (QA) only; this suite is version 1 (QN)');
  }
  if (amount === undefined || payee === undefined) throw new UsageError('give both --amount and --payee, or neither');
  const canonical = canonicalAmount(amount);
  if (canonical.problem) throw new UsageError(AMOUNT_PROBLEM[canonical.problem]);
  if (!isPayeeDigits(payee)) throw new UsageError(`--payee must be 1 to ${PAYEE_MAX_DIGITS} decimal digits`);
  return { amount: canonical.amount, payee };
}

/** Says which input the core refused ('invalid question' or 'invalid session'; the rest is checked before). */
export function explainOcraError(suite: OcraSuite, error: Error): UsageError {
  if (error.message === 'invalid session') {
    return new UsageError(
      `--session must be hex of at most ${suite.sessionLength} bytes (${suite.sessionLength * 2} hex digits)`,
    );
  }
  if (error.message === 'invalid question') {
    const q = `Q${suite.questionFormat}${String(suite.questionLength).padStart(2, '0')}`;
    const max = 2 * suite.questionLength;
    return new UsageError(
      `--challenge must be 1 to ${suite.questionLength} ${QUESTION_KIND[suite.questionFormat]} for ${q} (up to ${max} for a mutual challenge)`,
    );
  }
  return new UsageError(error.message);
}

/** The position, other than its own, at which a part would pass its check digit, if any. */
function slotThatAccepts(part: string, position: number): number | undefined {
  for (let other = 1; other <= PART_COUNT; other++) {
    if (other !== position && checkActivationPart(other, part) === null) return other;
  }
  return undefined;
}

function describePartError(position: number, part: string): string | undefined {
  const error = checkActivationPart(position, part);
  if (!error) return undefined;
  const name = `part ${position} of the activation code`;
  if (error.problem === 'length') return `${name} has ${part.length} characters; each part has ${PART_LENGTH} digits`;
  if (error.problem === 'digits') return `${name} has a character that is not a digit`;
  const other = slotThatAccepts(part, position);
  // Any 8 digits pass at one of the slot digits 0..9, so a typo can also look like another slot's part.
  return (
    `${name} fails its check digit: a typing mistake` + (other ? `, or part ${other} typed in place ${position}` : '')
  );
}

/** "AAAAAAAA BBBBBBBB CCCCCCCC DDDDDDDD" (spaces or dashes between parts, or none) into 4 checked parts. */
export function parseActivationCode(text: string): string[] {
  const trimmed = text.trim();
  let parts = trimmed.split(/[\s-]+/).filter(Boolean);
  if (parts.length === 1 && /^\d{32}$/.test(trimmed)) parts = trimmed.match(/\d{8}/g) as string[];
  if (parts.length !== PART_COUNT) {
    throw new UsageError(
      `the activation code has ${PART_COUNT} parts of ${PART_LENGTH} digits separated by spaces; got ${parts.length} part${parts.length === 1 ? '' : 's'}`,
    );
  }
  parts.forEach((part, i) => {
    const problem = describePartError(i + 1, part);
    if (problem) throw new UsageError(problem);
  });
  return parts;
}
