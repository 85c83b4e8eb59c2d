import { randomInt } from 'node:crypto';
import { PART_COUNT, PART_LENGTH, makeActivationPart } from '../core/activation';

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
