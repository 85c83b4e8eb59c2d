import { ascii, concatBytes, fromHex, toHex } from './bytes';
import { digest, type Hash } from './hash';
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

export interface OcraInput {
  question: string;
  counter?: number;
  pin?: string;
  /** Session information, hex. */
  session?: string;
  /** Time steps since the Unix epoch (see timeSteps). */
  time?: number;
}

const SUITE = /^OCRA-1:HOTP-(SHA\d+)-(\d\d?):(C-)?Q([ANH])(\d\d)(?:-P(SHA\d+))?(?:-S(\d{3}))?(?:-T(\d\d?)([SMH]))?$/;
const STEP_SECONDS: { [unit: string]: number } = { S: 1, M: 60, H: 3600 };
const STEP_LIMIT: { [unit: string]: number } = { S: 59, M: 59, H: 48 };

function lookup(hashes: HashTable, name: string): Hash {
  const hash = hashes[name];
  if (!hash) throw new Error('unsupported hash ' + name);
  return hash;
}

/** Parses a suite string; throws an Error saying which part is wrong. */
export function parseOcraSuite(text: string, hashes: HashTable): OcraSuite {
  const m = SUITE.exec(text);
  if (!m) throw new Error('suite must look like OCRA-1:HOTP-SHA256-8:QN08');
  const digits = +m[2];
  const questionLength = +m[5];
  const step = m[8] ? +m[8] : 0;
  if (digits && (digits < 4 || digits > 10)) throw new Error('digits must be 0 or 4..10');
  if (questionLength < 4 || questionLength > 64) throw new Error('question length must be 04..64');
  if (m[7] && +m[7] < 1) throw new Error('session length must be 001..999');
  if (m[9] && (step < 1 || step > STEP_LIMIT[m[9]])) throw new Error('time step out of range');
  return {
    text,
    hash: lookup(hashes, m[1]),
    digits,
    counter: !!m[3],
    questionFormat: m[4],
    questionLength,
    pinHash: m[6] ? lookup(hashes, m[6]) : undefined,
    sessionLength: m[7] ? +m[7] : 0,
    timeStep: m[9] ? step * STEP_SECONDS[m[9]] : 0,
  };
}

/** The suite's time-step count T for a Unix time in milliseconds. */
export function timeSteps(suite: OcraSuite, unixMillis: number): number {
  return Math.floor(unixMillis / 1000 / suite.timeStep);
}

/** A non-negative integer as an 8-byte big-endian field. */
function uint64(value: number | undefined, name: string): Uint8Array {
  if (value === undefined || value < 0 || value % 1 || value > 9007199254740991) throw new Error(name + ' must be a whole number');
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--, value = Math.floor(value / 256)) out[i] = value % 256;
  return out;
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

/**
 * RFC 6287 §5.1: Q is 128 bytes, the challenge left-aligned (hex nibbles for N and H) and zero-filled.
 * In mutual challenge-response (§7.3) Q is two concatenated challenges, so it may be twice QFxx long.
 */
function questionField(suite: OcraSuite, question: string): Uint8Array {
  const format = suite.questionFormat;
  const pattern = format === 'N' ? /^\d+$/ : format === 'H' ? /^[0-9a-f]+$/i : /^[ -~]+$/;
  const maxLength = 2 * suite.questionLength;
  if (question.length > maxLength || !pattern.test(question)) {
    throw new Error('question must be 1..' + maxLength + (format === 'N' ? ' digits' : format === 'H' ? ' hex digits' : ' ASCII characters'));
  }
  const field = new Uint8Array(128);
  if (format === 'A') field.set(ascii(question));
  else {
    let hex = format === 'N' ? decimalToHex(question) : question;
    while (hex.length < 256) hex += '0';
    field.set(fromHex(hex) as Uint8Array);
  }
  return field;
}

function sessionField(suite: OcraSuite, session = ''): Uint8Array {
  let hex = session;
  while (hex.length < suite.sessionLength * 2) hex = '0' + hex;
  const bytes = fromHex(hex);
  if (!bytes || bytes.length !== suite.sessionLength) throw new Error('session must be at most ' + suite.sessionLength + ' bytes of hex');
  return bytes;
}

/** RFC 4226 §5.3 dynamic truncation to the suite's digits, or the whole HMAC in hex for digits 0. */
function truncate(mac: Uint8Array, digits: number): string {
  if (!digits) return toHex(mac);
  const offset = mac[mac.length - 1] & 15;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  let code = String(binary % Math.pow(10, digits));
  while (code.length < digits) code = '0' + code;
  return code;
}

/** The OCRA value (RFC 6287 §5.2) of key and input under the suite. */
export function ocra(suite: OcraSuite, key: Uint8Array, input: OcraInput): string {
  let message = concatBytes(ascii(suite.text), new Uint8Array(1));
  if (suite.counter) message = concatBytes(message, uint64(input.counter, 'counter'));
  message = concatBytes(message, questionField(suite, input.question));
  if (suite.pinHash) {
    if (input.pin === undefined) throw new Error('the suite needs a PIN');
    message = concatBytes(message, digest(suite.pinHash, ascii(input.pin)));
  }
  if (suite.sessionLength) message = concatBytes(message, sessionField(suite, input.session));
  if (suite.timeStep) message = concatBytes(message, uint64(input.time, 'time'));
  return truncate(hmac(suite.hash, key, message), suite.digits);
}
