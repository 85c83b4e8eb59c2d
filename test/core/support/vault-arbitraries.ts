import fc from 'fast-check';
import { makeActivationPart } from '../../../src/core/activation';

/** Any valid envelope: 4 parts, each 7 random payload digits and its check digit. */
export const envelope = fc
  .array(fc.integer({ min: 0, max: 9999999 }), { minLength: 4, maxLength: 4 })
  .map((payloads) => payloads.map((payload, i) => makeActivationPart(i + 1, String(payload).padStart(7, '0'))));

/** Any 4-digit PIN. */
export const pin = fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0'));
