import { createHash } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { activationKey, checkActivationPart, findActivationError, makeActivationPart } from '../../src/core/activation';
import { damm } from '../../src/core/damm';

const payload = fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 7, maxLength: 7 });
const position = fc.integer({ min: 1, max: 4 });
const validPart = fc
  .record({ position, payload })
  .map(({ position, payload }) => ({ position, part: makeActivationPart(position, payload) }));
const validCode = fc
  .tuple(payload, payload, payload, payload)
  .map((payloads) => payloads.map((p, i) => makeActivationPart(i + 1, p)));

function substitutions(part: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < part.length; i++) {
    for (const digit of '0123456789') if (digit !== part[i]) out.push(part.slice(0, i) + digit + part.slice(i + 1));
  }
  return out;
}

function adjacentTranspositions(part: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < part.length; i++) {
    if (part[i] !== part[i + 1]) out.push(part.slice(0, i) + part[i + 1] + part[i] + part.slice(i + 2));
  }
  return out;
}

describe('Damm check digit', () => {
  it('is a quasigroup: each row and each column of its table is a permutation of 0..9', () => {
    // Row r, column d is the interim after digit d from interim r; reach interim r with a one-digit prefix.
    const prefix = (interim: number) => String([...'0123456789'].findIndex((d) => damm(d) === interim));
    const table = Array.from({ length: 10 }, (_, r) =>
      Array.from({ length: 10 }, (_, d) => damm((r ? prefix(r) : '') + d)),
    );
    for (let i = 0; i < 10; i++) {
      expect(new Set(table[i]).size, `row ${i}`).to.equal(10);
      expect(new Set(table.map((row) => row[i])).size, `column ${i}`).to.equal(10);
    }
  });
});

describe('Activation parts', () => {
  it('accepts every part made for its position', () => {
    fc.assert(
      fc.property(validPart, ({ position, part }) => {
        expect(checkActivationPart(position, part)).to.equal(null);
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects every single-digit substitution of a valid part, at its position', () => {
    fc.assert(
      fc.property(validPart, ({ position, part }) => {
        for (const typo of substitutions(part))
          expect(checkActivationPart(position, typo), typo).to.deep.equal({ part: position, problem: 'check' });
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects every adjacent transposition of a valid part, at its position', () => {
    fc.assert(
      fc.property(validPart, ({ position, part }) => {
        for (const swap of adjacentTranspositions(part))
          expect(checkActivationPart(position, swap), swap).to.deep.equal({ part: position, problem: 'check' });
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects a valid part typed into any other slot', () => {
    fc.assert(
      fc.property(validPart, ({ position, part }) => {
        for (let slot = 1; slot <= 4; slot++) {
          if (slot !== position)
            expect(checkActivationPart(slot, part), `slot ${slot}`).to.deep.equal({ part: slot, problem: 'check' });
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects a part of another slot for every payload: the slot digit starts a different interim', () => {
    // damm(i + payload + c) runs the payload from interim T[0][i]; the quasigroup's columns are
    // permutations, so two different starting interims can never both end at 0. Row 0 is a
    // permutation, so the slot digits 1..4 start four different interims.
    expect(new Set([1, 2, 3, 4].map((slot) => damm(String(slot)))).size).to.equal(4);
  });

  it('names the part and the problem for a wrong length or a non-digit', () => {
    expect(checkActivationPart(3, '1234567')).to.deep.equal({ part: 3, problem: 'length' });
    expect(checkActivationPart(3, '123456789')).to.deep.equal({ part: 3, problem: 'length' });
    expect(checkActivationPart(2, '')).to.deep.equal({ part: 2, problem: 'length' });
    expect(checkActivationPart(4, '1234567a')).to.deep.equal({ part: 4, problem: 'digits' });
    expect(checkActivationPart(1, '1234 678')).to.deep.equal({ part: 1, problem: 'digits' });
    expect(checkActivationPart(1, '１２３４５６７８')).to.deep.equal({ part: 1, problem: 'digits' });
  });

  it('findActivationError reports the first wrong part of a code, and a missing part by its position', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 3 }), (code, wrong) => {
        expect(findActivationError(code)).to.equal(null);
        const broken = code.slice();
        broken[wrong] = broken[wrong].slice(0, 7);
        expect(findActivationError(broken)).to.deep.equal({ part: wrong + 1, problem: 'length' });
        expect(findActivationError(code.slice(0, wrong))).to.deep.equal({ part: wrong + 1, problem: 'length' });
      }),
      { numRuns: 500 },
    );
  });
});

describe('Activation key', () => {
  it('is SHA-256 of the 28 payload digits in part order', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const secret = code.map((part) => part.slice(0, 7)).join('');
        expect(secret).to.match(/^\d{28}$/);
        expect(Buffer.from(activationKey(code))).to.deep.equal(createHash('sha256').update(secret, 'ascii').digest());
      }),
      { numRuns: 2000 },
    );
  });

  it('throws on a code with a wrong part, too few or too many parts', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const typo = code.slice();
        typo[2] = substitutions(typo[2])[0];
        expect(() => activationKey(typo)).to.throw(Error, /^invalid activation code$/);
        expect(() => activationKey(code.slice(0, 3))).to.throw(Error, /^invalid activation code$/);
        expect(() => activationKey([...code, code[0]])).to.throw(Error, /^invalid activation code$/);
        expect(() => activationKey([code[1], code[0], code[2], code[3]])).to.throw(Error, /^invalid activation code$/);
      }),
      { numRuns: 500 },
    );
  });
});
