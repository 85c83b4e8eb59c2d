import { expect } from 'chai';
import fc from 'fast-check';
import { allHashes } from '../../src/core/allHashes';
import { parseOcraSuite, timeSteps, type OcraSuite } from '../../src/core/ocra';
import { sha256 } from '../../src/core/sha256';
import { suiteText, type SuiteParts } from './support/reference-ocra';
import { suiteParts } from './support/suite-arbitraries';

const UNIT_SECONDS = { S: 1, M: 60, H: 3600 };

function expectParsed(suite: OcraSuite, parts: SuiteParts): void {
  expect(suite.text).to.equal(suiteText(parts));
  expect(suite.hash).to.equal(allHashes[parts.hash]);
  expect(suite.digits).to.equal(parts.digits);
  expect(suite.counter).to.equal(parts.counter);
  expect(suite.questionFormat).to.equal(parts.questionFormat);
  expect(suite.questionLength).to.equal(parts.questionLength);
  expect(suite.pinHash).to.equal(parts.pinHash ? allHashes[parts.pinHash] : undefined);
  expect(suite.sessionLength).to.equal(parts.sessionLength ?? 0);
  expect(suite.timeStep).to.equal(parts.time ? parts.time.count * UNIT_SECONDS[parts.time.unit] : 0);
}

const DEFAULT_PARTS: SuiteParts = { hash: 'SHA256', digits: 8, counter: false, questionFormat: 'N', questionLength: 8 };

/** The default suite with one part changed. */
function variants<K extends keyof SuiteParts>(key: K, values: SuiteParts[K][]): SuiteParts[] {
  return values.map((value) => ({ ...DEFAULT_PARTS, [key]: value }));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('OCRA suite parsing (RFC 6287 §6)', () => {
  it('accepts every value of every part of the grammar', () => {
    const all = [
      ...variants('hash', ['SHA1', 'SHA256', 'SHA512']),
      ...variants('digits', [0, ...range(4, 10)]),
      ...variants('counter', [true, false]),
      ...variants('questionFormat', ['A', 'N', 'H']),
      ...variants('questionLength', range(4, 64)),
      ...variants('pinHash', ['SHA1', 'SHA256', 'SHA512']),
      ...variants('sessionLength', [64, 128, 256, 512, 1, 999]),
      ...variants('time', [
        ...range(1, 59).map((count) => ({ count, unit: 'S' as const })),
        ...range(1, 59).map((count) => ({ count, unit: 'M' as const })),
        ...range(1, 48).map((count) => ({ count, unit: 'H' as const })),
      ]),
    ];
    for (const parts of all) expectParsed(parseOcraSuite(suiteText(parts), allHashes), parts);
  });

  it('accepts random combinations of the whole grammar', () => {
    fc.assert(
      fc.property(suiteParts, (parts) => expectParsed(parseOcraSuite(suiteText(parts), allHashes), parts)),
      { numRuns: 3000 },
    );
  });

  // The core keeps its messages short (they ship to the phone): 'invalid suite' for anything outside
  // the grammar or its ranges, 'unsupported hash NAME' for a hash the build does not carry.
  const INVALID = /^invalid suite$/;
  const rejected: [suite: string, reason: RegExp][] = [
    ['OCRA-1:HOTP-SHA384-8:QN08', /unsupported hash SHA384/],
    ['OCRA-1:HOTP-MD5-8:QN08', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08-PSHA384', /unsupported hash SHA384/],
    ['OCRA-1:HOTP-SHA256-1:QN08', INVALID],
    ['OCRA-1:HOTP-SHA256-2:QN08', INVALID],
    ['OCRA-1:HOTP-SHA256-3:QN08', INVALID],
    ['OCRA-1:HOTP-SHA256-11:QN08', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN03', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN65', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN8', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QX08', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08-S000', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08-T0S', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08-T60S', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08-T60M', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08-T0H', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08-T49H', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08-T1D', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08-T100S', INVALID],
    ['OCRA-2:HOTP-SHA256-8:QN08', INVALID],
    ['OCRA-1:HOTP-SHA256-8', INVALID],
    ['ocra-1:hotp-sha256-8:qn08', INVALID],
    ['OCRA-1:HOTP-SHA256-8:QN08 ', INVALID],
    ['', INVALID],
  ];
  for (const [suite, reason] of rejected) {
    it(`rejects ${JSON.stringify(suite)} saying ${reason.source.replace(/[\^$]/g, '')}`, () => {
      expect(() => parseOcraSuite(suite, allHashes)).to.throw(Error, reason);
    });
  }

  it('rejects a suite whose hash the build does not carry (the phone carries SHA-256 only)', () => {
    const phone = { SHA256: sha256 };
    expect(parseOcraSuite('OCRA-1:HOTP-SHA256-8:QN08', phone).hash).to.equal(sha256);
    expect(() => parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08', phone)).to.throw(Error, /unsupported hash SHA1/);
    expect(() => parseOcraSuite('OCRA-1:HOTP-SHA256-8:QN08-PSHA512', phone)).to.throw(Error, /unsupported hash SHA512/);
  });

  it('counts time steps from the Unix epoch: RFC 6287 Appendix C time 132d0b6 is 20,107,446 minutes', () => {
    const suite = parseOcraSuite('OCRA-1:HOTP-SHA512-8:QN08-T1M', allHashes);
    expect(timeSteps(suite, 0x132d0b6 * 60000)).to.equal(0x132d0b6);
    expect(timeSteps(suite, 0x132d0b6 * 60000 + 59999)).to.equal(0x132d0b6);
    const hours = parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08-T2H', allHashes);
    expect(timeSteps(hours, 7200 * 1000 * 5 + 1)).to.equal(5);
  });
});
