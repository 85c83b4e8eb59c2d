import { ascii, fromHex, toHex } from './bytes';
import { digest, type Hash } from './digest';
import { hmac } from './hmac';

/** Hash functions by their suite name ('SHA1', 'SHA256', 'SHA512'); a build may carry only some. */
export type HashTable = { [name: string]: Hash | undefined };

/** An RFC 6287 §6 OCRA suite, e.g. OCRA-1:HOTP-SHA256-8:QN08. */
export interface OcraSuite {
  text: string;
  hash: Hash;
  /** 0 = no truncation (the full HMAC in hex), else 4..10 decimal digits. */
  digits: number;
  counter: boolean;
  questionFormat: string;
  questionLength: number;
  pinHash?: Hash;
  sessionLength: number;
  /** Seconds per time step; 0 when the suite has no T. */
  timeStep: number;
}

/** Counter and time are 8-byte fields: 0..2^64-1, as a safe integer or in decimal digits (above 2^53). */
export interface OcraInput {
  question: string;
  counter?: number | string;
  pin?: string;
  /** Session information, hex. */
  session?: string;
  /** Time steps since the Unix epoch (see timeSteps). */
  time?: number | string;
}

/** RFC 6287 §6 with its ranges: t = 0 or 4..10, Q length 04..64, S 001..999, T 1..59 S or M, 1..48 H. */
const SUITE =
  /^OCRA-1:HOTP-(SHA\d+)-(0|[4-9]|10):(C-)?Q([ANH])(0[4-9]|[1-5]\d|6[0-4])(?:-P(SHA\d+))?(?:-S(?!000)(\d{3}))?(?:-T(?:([1-9]|[1-5]\d)([SM])|([1-9]|[1-3]\d|4[0-8])H))?$/;

function lookup(hashes: HashTable, name: string): Hash {
  const hash = hashes[name];
  if (!hash) throw new Error('unsupported hash ' + name);
  return hash;
}

/** Parses a suite string; throws an Error when it is not of the RFC's shape or names a hash this build lacks. */
export function parseOcraSuite(text: string, hashes: HashTable): OcraSuite {
  const m = SUITE.exec(text);
  if (!m) throw new Error('invalid suite');
  return {
    text,
    hash: lookup(hashes, m[1]),
    digits: +m[2],
    counter: !!m[3],
    questionFormat: m[4],
    questionLength: +m[5],
    pinHash: m[6] ? lookup(hashes, m[6]) : undefined,
    sessionLength: +(m[7] || 0),
    timeStep: m[8] ? +m[8] * (m[9] === 'M' ? 60 : 1) : +(m[10] || 0) * 3600,
  };
}

/** The suite's time-step count T for a Unix time in milliseconds. */
export function timeSteps(suite: OcraSuite, unixMillis: number): number {
  return Math.floor(unixMillis / 1000 / suite.timeStep);
}

/** Pads with '0' to a length, on the left (right-aligned) or on the right (left-aligned). */
function pad(text: string, length: number, onLeft?: boolean): string {
  while (text.length < length) text = onLeft ? '0' + text : text + '0';
  return text;
}

/** Decimal digits to hex, by long division (no BigInt on Gecko 48). */
function decimalToHex(decimal: string): string {
  const digits = decimal.split('').map(Number);
  let hex = '';
  while (digits.some((d) => d > 0)) {
    let remainder = 0;
    for (let i = 0; i < digits.length; i++) {
      const value = remainder * 10 + digits[i];
      digits[i] = value >> 4;
      remainder = value & 15;
    }
    hex = remainder.toString(16) + hex;
  }
  return hex;
}

/** 0..2^64-1 as an 8-byte big-endian field, in hex; a number must be a safe integer to be exact. */
function uint64Hex(value: number | string | undefined, name: string): string {
  const decimal = typeof value === 'number' && value <= 9007199254740991 ? String(value) : value;
  const hex = typeof decimal === 'string' && /^\d+$/.test(decimal) ? decimalToHex(decimal) : undefined;
  if (hex === undefined || hex.length > 16) throw new Error('invalid ' + name);
  return pad(hex, 16, true);
}

const QUESTION_CHARACTER: { [format: string]: string } = { N: '\\d', H: '[0-9a-fA-F]', A: '[ -~]' };

/**
 * RFC 6287 §5.1: Q is 128 bytes, the challenge left-aligned (hex nibbles for N and H) and zero-filled.
 * In mutual challenge-response (§7.3) Q is two concatenated challenges, so it may be twice QFxx long.
 */
function questionHex(suite: OcraSuite, question: string): string {
  const format = suite.questionFormat;
  if (!new RegExp('^' + QUESTION_CHARACTER[format] + '{1,' + 2 * suite.questionLength + '}$').test(question)) {
    throw new Error('invalid question');
  }
  return pad(format === 'N' ? decimalToHex(question) : format === 'H' ? question : toHex(ascii(question)), 256);
}

/** S is the suite's length in bytes, the session information right-aligned and zero-filled. */
function sessionHex(suite: OcraSuite, session = ''): string {
  if (!/^[0-9a-f]*$/i.test(session) || session.length > suite.sessionLength * 2) throw new Error('invalid session');
  return pad(session, suite.sessionLength * 2, true);
}

/** RFC 4226 §5.3 dynamic truncation to the suite's digits, or the whole HMAC in hex for digits 0. */
function truncate(mac: Uint8Array, digits: number): string {
  if (!digits) return toHex(mac);
  const offset = mac[mac.length - 1] & 15;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return pad(String(binary % Math.pow(10, digits)), digits, true);
}

/** The OCRA value (RFC 6287 §5.2) of key and input under the suite: HMAC over suite ‖ 00 ‖ [C] ‖ Q ‖ [P] ‖ [S] ‖ [T]. */
export function ocra(suite: OcraSuite, key: Uint8Array, input: OcraInput): string {
  let message = toHex(ascii(suite.text)) + '00';
  if (suite.counter) message += uint64Hex(input.counter, 'counter');
  message += questionHex(suite, input.question);
  if (suite.pinHash) {
    if (input.pin === undefined) throw new Error('invalid PIN');
    message += toHex(digest(suite.pinHash, ascii(input.pin)));
  }
  if (suite.sessionLength) message += sessionHex(suite, input.session);
  if (suite.timeStep) message += uint64Hex(input.time, 'time');
  return truncate(hmac(suite.hash, key, fromHex(message) as Uint8Array), suite.digits);
}
