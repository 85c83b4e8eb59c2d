import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { toHex } from '../../src/core/bytes';
import {
  changePin,
  MAX_ITERATIONS,
  openKey,
  readVaultRecord,
  sealEnvelope,
  type VaultRecord,
} from '../../src/core/vault';
import * as reference from './support/reference-vault';
import { envelope, pin } from './support/vault-arbitraries';

const SUITE = 'OCRA-1:HOTP-SHA256-8:QN08';
// Camouflage does not depend on the iteration count: the mask is PBKDF2's output under any N, and
// N only sets what one guess costs. A small N lets a test open one record with all 10,000 PINs in
// seconds; the production N is exercised by the vectors in docs/ALGORITHM.md, by the attack on
// the app's own records (test/app/e2e-vault-remnants.test.ts) and by `npm run bench`.
const TEST_ITERATIONS = 8;
const iterations = fc.integer({ min: 1, max: 50 });
const salt16 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes));
const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes));

/** A version-1 record as an older app wrote it, from the reference implementation. */
const version1 = fc
  .tuple(key32, pin, salt16, iterations)
  .map(([key, secretPin, salt, n]) => reference.sealVersion1(key, secretPin, SUITE, salt, n));
/** A version-2 record as this app writes it: activation, then perhaps PIN changes. */
const version2 = fc
  .tuple(envelope, pin, fc.array(fc.tuple(pin, pin), { maxLength: 3 }), iterations)
  .map(([parts, chosen, changes, n]) =>
    changes.reduce<VaultRecord>(
      (record, [current, next]) => reference.changePin(record, current, next),
      reference.activate(parts, chosen, SUITE, n),
    ),
  );
const anyRecord = fc.oneof(version1, version2);

/** The key each of the 10,000 PINs opens a record to, with the core. */
function allKeys(record: VaultRecord): Set<string> {
  return new Set(reference.ALL_PINS.map((candidate) => toHex(openKey(record, candidate))));
}

/** What anyone holding the storage sees of a record, without the values. */
function shape(record: VaultRecord): [string, string, number][] {
  return Object.entries(record).map(([name, value]) => [name, typeof value, String(value).length]);
}

describe('Key vault', () => {
  it('activation writes exactly the record docs/ALGORITHM.md §4 defines (an independent node:crypto computation)', () => {
    fc.assert(
      fc.property(envelope, pin, iterations, (parts, chosen, n) => {
        expect(sealEnvelope(parts, chosen, SUITE, n)).to.deep.equal(reference.activate(parts, chosen, SUITE, n));
      }),
      { numRuns: 300 },
    );
  });

  it("opening under any typed PIN gives the document's key for it; the chosen PIN gives the envelope's K", () => {
    fc.assert(
      fc.property(anyRecord, pin, (record, typed) => {
        const before = JSON.stringify(record);
        expect(toHex(openKey(record, typed))).to.equal(reference.open(record, typed).toString('hex'));
        expect(JSON.stringify(record)).to.equal(before, 'opening leaves the record as it was');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(envelope, pin, iterations, (parts, chosen, n) => {
        expect(toHex(openKey(sealEnvelope(parts, chosen, SUITE, n), chosen))).to.equal(
          reference.keyOf(parts).toString('hex'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('opens one record under all 10,000 PINs to 10,000 distinct 32-byte keys, one of them K', () => {
    const parts = fc.sample(envelope, 1)[0];
    const keys = allKeys(sealEnvelope(parts, '4711', SUITE, TEST_ITERATIONS));
    expect(keys.size).to.equal(10000);
    expect(keys.has(reference.keyOf(parts).toString('hex'))).to.equal(true);
  });

  it('stores the same fields, types and lengths whatever the envelope and PIN', () => {
    fc.assert(
      fc.property(envelope, pin, envelope, pin, (partsA, pinA, partsB, pinB) => {
        const a = sealEnvelope(partsA, pinA, SUITE, TEST_ITERATIONS);
        const b = sealEnvelope(partsB, pinB, SUITE, TEST_ITERATIONS);
        expect(shape(a)).to.deep.equal(shape(b));
        expect(Object.keys(a)).to.deep.equal(['version', 'suite', 'salt', 'iterations', 'wrapped', 'offset']);
        expect(a.offset).to.match(/^\d{4}$/);
      }),
      { numRuns: 300 },
    );
  });

  it('activating one envelope again, under any PIN, writes the same salt, N and wrapped key: only the offset differs', () => {
    fc.assert(
      fc.property(envelope, pin, pin, (parts, pinA, pinB) => {
        const { offset: offsetA, ...restA } = sealEnvelope(parts, pinA, SUITE, TEST_ITERATIONS);
        const { offset: offsetB, ...restB } = sealEnvelope(parts, pinB, SUITE, TEST_ITERATIONS);
        expect(restA).to.deep.equal(restB);
        // What the two records reveal together: the digit-wise difference of the two PINs.
        expect(reference.digitwise(offsetA, '-', offsetB)).to.equal(reference.digitwise(pinB, '-', pinA));
      }),
      { numRuns: 300 },
    );
  });

  it('a PIN change is what the document defines, for version-1 and version-2 records, right or wrong current PIN', () => {
    fc.assert(
      fc.property(anyRecord, pin, pin, (record, current, next) => {
        expect(changePin(record, current, next)).to.deep.equal(reference.changePin(record, current, next));
      }),
      { numRuns: 1000 },
    );
  });

  it('after a PIN change the new PIN opens what the typed current PIN opened: K if it was right, silently another key if not', () => {
    fc.assert(
      fc.property(envelope, pin, pin, pin, (parts, chosen, typed, next) => {
        const record = sealEnvelope(parts, chosen, SUITE, TEST_ITERATIONS);
        const changed = changePin(record, typed, next);
        expect(shape(changed)).to.deep.equal(shape(record));
        expect(toHex(openKey(changed, next))).to.equal(toHex(openKey(record, typed)));
        const opensK = toHex(openKey(changed, next)) === reference.keyOf(parts).toString('hex');
        expect(opensK).to.equal(typed === chosen);
      }),
      { numRuns: 300 },
    );
  });

  it('a PIN change keeps salt, N and wrapped key: old and new record open to the same 10,000 keys', () => {
    const parts = fc.sample(envelope, 1)[0];
    const record = sealEnvelope(parts, '2468', SUITE, TEST_ITERATIONS);
    const changed = changePin(record, '2468', '5930');
    expect(changed).to.deep.include({ salt: record.salt, iterations: record.iterations, wrapped: record.wrapped });
    expect([...allKeys(changed)].sort()).to.deep.equal([...allKeys(record)].sort());
  });

  it('a version-1 record opens as before and is upgraded on a PIN change to version 2 with its own salt and wrapped key', () => {
    fc.assert(
      fc.property(key32, pin, salt16, pin, (key, chosen, salt, next) => {
        const old = reference.sealVersion1(key, chosen, SUITE, salt, TEST_ITERATIONS);
        expect(toHex(openKey(old, chosen))).to.equal(key.toString('hex'));
        const upgraded = changePin(old, chosen, next);
        expect(upgraded).to.deep.equal({
          version: 2,
          suite: SUITE,
          salt: old.salt,
          iterations: TEST_ITERATIONS,
          wrapped: old.wrapped,
          offset: reference.digitwise(chosen, '-', next),
        });
        expect(toHex(openKey(upgraded, next))).to.equal(key.toString('hex'));
      }),
      { numRuns: 300 },
    );
    const old = reference.sealVersion1(randomBytes(32), '2468', SUITE, randomBytes(16), TEST_ITERATIONS);
    expect([...allKeys(changePin(old, '2468', '5930'))].sort()).to.deep.equal([...allKeys(old)].sort());
  });

  describe('reading a stored record', () => {
    it('reads back every record the app writes, of either version, as it is', () => {
      fc.assert(
        fc.property(anyRecord, (record) => {
          const stored = JSON.parse(JSON.stringify(record));
          expect(readVaultRecord(stored)).to.deep.equal(record);
        }),
        { numRuns: 300 },
      );
    });

    it('reads a record below the iteration floor, down to N = 1, and up to N = MAX_ITERATIONS', () => {
      const record = reference.activate(fc.sample(envelope, 1)[0], '2468', SUITE, 10000);
      for (const n of [1, 9999, MAX_ITERATIONS]) {
        expect(readVaultRecord({ ...record, iterations: n }), `N = ${n}`).to.not.equal(null);
      }
    });

    it('refuses anything that is not exactly a record of version 1 or 2', () => {
      const v2 = reference.activate(fc.sample(envelope, 1)[0], '2468', SUITE, 10000);
      const { offset, ...v1 } = { ...v2, version: 1 };
      const refused: [string, unknown][] = [
        ['nothing', undefined],
        ['a string', JSON.stringify(v2)],
        ['an array', [v2]],
        ['version 3', { ...v2, version: 3 }],
        ['version "2"', { ...v2, version: '2' }],
        ['version 1 with an offset', { ...v1, offset }],
        ['version 2 without its offset', { ...v1, version: 2 }],
        ['an extra field', { ...v2, pinHash: 'ab' }],
        ['no suite', { ...v2, suite: undefined }],
        ['a 15-byte salt', { ...v2, salt: v2.salt.slice(2) }],
        ['an uppercase salt', { ...v2, salt: v2.salt.toUpperCase().replace(/^[0-9]/, 'A') }],
        ['a salt in an array', { ...v2, salt: [v2.salt] }],
        ['a 31-byte wrapped key', { ...v2, wrapped: v2.wrapped.slice(2) }],
        ['wrapped not hex', { ...v2, wrapped: 'g' + v2.wrapped.slice(1) }],
        ['N = 0', { ...v2, iterations: 0 }],
        ['N = 1.5', { ...v2, iterations: 1.5 }],
        ['N as text', { ...v2, iterations: '10000' }],
        ['N above the maximum', { ...v2, iterations: MAX_ITERATIONS + 1 }],
        ['a 3-digit offset', { ...v2, offset: '123' }],
        ['a 5-digit offset', { ...v2, offset: '12345' }],
        ['an offset with a letter', { ...v2, offset: '12a4' }],
        ['a numeric offset', { ...v2, offset: 1234 }],
      ];
      for (const [what, value] of refused) expect(readVaultRecord(value), what).to.equal(null);
      expect(readVaultRecord(v1)).to.deep.equal(v1);
    });
  });
});
