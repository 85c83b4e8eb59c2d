// An OCRA (RFC 6287) written for the tests only, from the RFC's text and its Appendix A reference
// code, on node:crypto, Buffer and BigInt. It shares nothing with src/core, so agreement between
// the two on random inputs means something.
import { createHash, createHmac } from 'node:crypto';

export type HashName = 'SHA1' | 'SHA256' | 'SHA512';

/** The parts of an OCRA suite; suiteText spells them in the RFC 6287 §6 grammar. */
export interface SuiteParts {
  hash: HashName;
  /** 0 (no truncation) or 4..10. */
  digits: number;
  counter: boolean;
  questionFormat: 'A' | 'N' | 'H';
  /** 4..64 */
  questionLength: number;
  pinHash?: HashName;
  /** Session information length in bytes, 1..999. */
  sessionLength?: number;
  time?: { count: number; unit: 'S' | 'M' | 'H' };
}

export interface ReferenceInput {
  question: string;
  /** 0..2^64-1: a number, or decimal digits for values past 2^53. */
  counter?: number | string;
  pin?: string;
  session?: string;
  time?: number | string;
}

export function suiteText(parts: SuiteParts): string {
  let dataInput =
    (parts.counter ? 'C-' : '') + 'Q' + parts.questionFormat + String(parts.questionLength).padStart(2, '0');
  if (parts.pinHash) dataInput += '-P' + parts.pinHash;
  if (parts.sessionLength) dataInput += '-S' + String(parts.sessionLength).padStart(3, '0');
  if (parts.time) dataInput += '-T' + parts.time.count + parts.time.unit;
  return `OCRA-1:HOTP-${parts.hash}-${parts.digits}:${dataInput}`;
}

/** The inverse of suiteText, for suites known to be well formed (the RFC's own). */
export function suiteParts(text: string): SuiteParts {
  const [, hash, digits, counter, format, length, pin, session, count, unit] = text.match(
    /^OCRA-1:HOTP-(\w+)-(\d+):(C-)?Q(\w)(\d\d)(?:-P(\w+))?(?:-S(\d+))?(?:-T(\d+)(\w))?$/,
  ) as string[];
  return {
    hash: hash as HashName,
    digits: Number(digits),
    counter: Boolean(counter),
    questionFormat: format as SuiteParts['questionFormat'],
    questionLength: Number(length),
    pinHash: pin as HashName | undefined,
    sessionLength: session ? Number(session) : undefined,
    time: count ? { count: Number(count), unit: unit as 'S' | 'M' | 'H' } : undefined,
  };
}

function uint64(value: number | string): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(value));
  return out;
}

/** §5.1: 128 bytes; numeric questions as the hex of their value, nibbles left-aligned, zero-filled. */
function questionBytes(parts: SuiteParts, question: string): Buffer {
  if (parts.questionFormat === 'A') {
    const out = Buffer.alloc(128);
    out.write(question, 'ascii');
    return out;
  }
  const hex = parts.questionFormat === 'N' ? BigInt(question).toString(16) : question;
  return Buffer.from(hex.padEnd(256, '0'), 'hex');
}

export function referenceOcra(parts: SuiteParts, key: Uint8Array, input: ReferenceInput): string {
  const fields: Buffer[] = [Buffer.from(suiteText(parts), 'ascii'), Buffer.alloc(1)];
  if (parts.counter) fields.push(uint64(input.counter ?? 0));
  fields.push(questionBytes(parts, input.question));
  if (parts.pinHash)
    fields.push(
      createHash(parts.pinHash.toLowerCase())
        .update(input.pin ?? '', 'ascii')
        .digest(),
    );
  if (parts.sessionLength)
    fields.push(Buffer.from((input.session ?? '').padStart(parts.sessionLength * 2, '0'), 'hex'));
  if (parts.time) fields.push(uint64(input.time ?? 0));
  const mac = createHmac(parts.hash.toLowerCase(), key).update(Buffer.concat(fields)).digest();
  if (parts.digits === 0) return mac.toString('hex');
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** parts.digits).padStart(parts.digits, '0');
}
