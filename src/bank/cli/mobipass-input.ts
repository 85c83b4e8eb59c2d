// Turns the mobipass CLI's option strings into core inputs, refusing bad input with one line that
// says what is wrong. Secrets (key, PIN, code parts) are never echoed back.
import { PART_COUNT, PART_LENGTH, checkActivationPart } from '../../core/activation';
import { fromHex } from '../../core/bytes';
import { allHashes } from '../../core/hashes';
import { parseOcraSuite, type OcraSuite } from '../../core/ocra';
import { DOCUMENT_CODE_MIN_DIGITS } from '../../core/sign';
import { DEFAULT_SUITE } from '../bank';

/** Bad input: the message is shown as is, after "mobipass: ". */
export class InputError extends Error {}

export function parseSuite(text: string): OcraSuite {
  try {
    return parseOcraSuite(text, allHashes);
  } catch (error) {
    const reason = (error as Error).message;
    const detail = reason === 'invalid suite' ? `not an RFC 6287 suite (for example ${DEFAULT_SUITE})` : reason;
    throw new InputError(`unknown suite ${JSON.stringify(text)}: ${detail}`);
  }
}

export function parseHex(option: string, text: string): Uint8Array {
  const bytes = fromHex(text);
  if (!bytes || bytes.length === 0) throw new InputError(`--${option} must be hex digits, an even number of them`);
  return bytes;
}

/** A non-negative whole number given in decimal (counter) or hex (time steps, as RFC 6287 prints them). */
export function parseWhole(option: string, text: string, radix: 10 | 16): number {
  const pattern = radix === 10 ? /^\d+$/ : /^[0-9a-f]+$/i;
  const value = parseInt(text, radix);
  if (!pattern.test(text) || !Number.isSafeInteger(value)) {
    throw new InputError(`--${option} must be a whole number${radix === 16 ? ' in hex' : ''} below 2^53`);
  }
  return value;
}

const QUESTION_KIND: { [format: string]: string } = {
  N: 'decimal digits',
  H: 'hex digits',
  A: 'printable ASCII characters',
};

/** "4 to 8 decimal digits for QN08": the challenges the phone accepts under a suite. */
export function documentCodeRule(suite: OcraSuite): string {
  return `--challenge must be a document code of ${DOCUMENT_CODE_MIN_DIGITS} to ${suite.questionLength} ${QUESTION_KIND[suite.questionFormat]}, as the phone takes them`;
}

/** Says which input the core refused ('invalid question' or 'invalid session'; the rest is checked before). */
export function explainOcraError(suite: OcraSuite, error: Error): InputError {
  if (error.message === 'invalid session') {
    return new InputError(
      `--session must be hex of at most ${suite.sessionLength} bytes (${suite.sessionLength * 2} hex digits)`,
    );
  }
  if (error.message === 'invalid question') {
    const q = `Q${suite.questionFormat}${String(suite.questionLength).padStart(2, '0')}`;
    const max = 2 * suite.questionLength;
    return new InputError(
      `--challenge must be 1 to ${suite.questionLength} ${QUESTION_KIND[suite.questionFormat]} for ${q} (up to ${max} for a mutual challenge)`,
    );
  }
  return new InputError(error.message);
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
    throw new InputError(
      `the activation code has ${PART_COUNT} parts of ${PART_LENGTH} digits separated by spaces; got ${parts.length} part${parts.length === 1 ? '' : 's'}`,
    );
  }
  parts.forEach((part, i) => {
    const problem = describePartError(i + 1, part);
    if (problem) throw new InputError(problem);
  });
  return parts;
}
