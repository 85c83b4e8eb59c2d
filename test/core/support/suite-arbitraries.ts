import fc from 'fast-check';
import type { HashName, SuiteParts } from './reference-ocra';

const hashName = fc.constantFrom<HashName>('SHA1', 'SHA256', 'SHA512');

/** Every time step the grammar allows: 1-59 S, 1-59 M, 1-48 H. */
export const timeStep = fc.oneof(
  fc.record({ count: fc.integer({ min: 1, max: 59 }), unit: fc.constant<'S'>('S') }),
  fc.record({ count: fc.integer({ min: 1, max: 59 }), unit: fc.constant<'M'>('M') }),
  fc.record({ count: fc.integer({ min: 1, max: 48 }), unit: fc.constant<'H'>('H') }),
);

/** Any suite of the RFC 6287 §6 grammar. */
export const suiteParts: fc.Arbitrary<SuiteParts> = fc.record(
  {
    hash: hashName,
    digits: fc.constantFrom(0, 4, 5, 6, 7, 8, 9, 10),
    counter: fc.boolean(),
    questionFormat: fc.constantFrom<'A' | 'N' | 'H'>('A', 'N', 'H'),
    questionLength: fc.integer({ min: 4, max: 64 }),
    pinHash: hashName,
    sessionLength: fc.oneof(fc.constantFrom(64, 128, 256, 512), fc.integer({ min: 1, max: 999 })),
    time: timeStep,
  },
  { requiredKeys: ['hash', 'digits', 'counter', 'questionFormat', 'questionLength'] },
);
