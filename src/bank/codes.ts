import { randomInt } from 'node:crypto';
import { PART_COUNT, PART_LENGTH, makeActivationPart } from '../core/activation';
import { makeDocumentCode } from '../core/document';
import type { OcraSuite } from '../core/ocra';
import { DOCUMENT_CODE_V2_DIGITS, suiteVersion } from '../core/phoneSuite';

/** n decimal digits from the operating system's CSPRNG, leading zeros kept. */
export function randomDigits(n: number): string {
  let out = '';
  for (let left = n; left > 0; left -= 6) {
    const take = Math.min(6, left);
    out += String(randomInt(0, 10 ** take)).padStart(take, '0');
  }
  return out;
}

/** A fresh envelope code: 4 parts of 7 random payload digits and their position-bound check digit. */
export function newActivationCode(): string[] {
  const parts: string[] = [];
  for (let position = 1; position <= PART_COUNT; position++) {
    parts.push(makeActivationPart(position, randomDigits(PART_LENGTH - 1)));
  }
  return parts;
}

/**
 * A document code for a customer's suite (docs/ALGORITHM.md §5.2) from random digits: version 1, the
 * kit's fixed number of digits; version 2, 6 digits and their check digit.
 */
export function documentCode(suite: OcraSuite, v1Digits: number, draw: (n: number) => string): string {
  return suiteVersion(suite) === 2 ? makeDocumentCode(draw(DOCUMENT_CODE_V2_DIGITS - 1)) : draw(v1Digits);
}

/**
 * What makes two codes the same for one key: a version 1 code is a number (0042 and 42 sign alike, §3.3),
 * a version 2 code counts every character.
 */
export function codeValue(suite: OcraSuite, code: string): string {
  return suiteVersion(suite) === 2 ? code : code.replace(/^0+(?=.)/, '');
}
