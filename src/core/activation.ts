import { ascii, wipe } from './bytes';
import { damm } from './damm';
import { digest } from './digest';
import { sha256 } from './sha256';

/**
 * The envelope's activation code: 4 parts of 8 digits. Part i is 7 payload digits and the Damm
 * check digit of "i" followed by the payload, so a part typed into the wrong slot fails its check.
 */
export const PART_COUNT = 4;
export const PART_LENGTH = 8;

export interface PartError {
  /** 1-based position of the part that is wrong. */
  part: number;
  /**
   * length: not 8 characters; digits: not only digits; check: the check digit does not match, from a
   * typo or from a part of another slot. The two cannot be told apart: any 8 digits pass the check at
   * exactly one of the positions 0..9, so 3 in 10 typos would look like "part of another slot".
   */
  problem: 'length' | 'digits' | 'check';
}

/** A complete part for a position from its 7 payload digits. */
export function makeActivationPart(position: number, payload: string): string {
  return payload + damm(position + payload);
}

/** What is wrong with the part at a position (1..4), or null when it is right. */
export function checkActivationPart(position: number, part: string): PartError | null {
  if (part.length !== PART_LENGTH) return { part: position, problem: 'length' };
  if (!/^\d+$/.test(part)) return { part: position, problem: 'digits' };
  return damm(position + part) === 0 ? null : { part: position, problem: 'check' };
}

/** The first wrong part of a code, or null; a code must have exactly 4 parts. */
export function findActivationError(parts: string[]): PartError | null {
  for (let i = 0; i < PART_COUNT; i++) {
    const error = checkActivationPart(i + 1, parts[i] || '');
    if (error) return error;
  }
  return null;
}

/** S: the 28 payload digits in part order (check digits dropped). Throws on a code that fails its checks. */
export function activationSecret(parts: string[]): string {
  if (parts.length !== PART_COUNT || findActivationError(parts)) throw new Error('invalid activation code');
  return parts.map((part) => part.slice(0, PART_LENGTH - 1)).join('');
}

/** K = SHA-256(S). Throws on a code that fails its checks. */
export function activationKey(parts: string[]): Uint8Array {
  const secret = ascii(activationSecret(parts));
  const key = digest(sha256, secret);
  wipe(secret);
  return key;
}
