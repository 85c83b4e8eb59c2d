import { expect } from 'chai';
import { allHashes } from '../../src/core/allHashes';
import { parseOcraSuite } from '../../src/core/ocra';
import {
  DEFAULT_SUITE,
  DEFAULT_SUITE_V2,
  parsePhoneSuite,
  suiteVersion,
  typedDigits,
  V2_QUESTION_MAX_LENGTH,
} from '../../src/core/phoneSuite';

describe('Suites a phone can sign with and show', () => {
  it('takes QN with 4 to 8 digits as version 1, and QA of 34 or more with 7 digits as version 2, any hash', () => {
    expect(V2_QUESTION_MAX_LENGTH).to.equal(34);
    const taken: [suite: string, version: number, typed: number][] = [
      [DEFAULT_SUITE, 1, 8],
      ['OCRA-1:HOTP-SHA1-6:QN06', 1, 6],
      ['OCRA-1:HOTP-SHA512-4:QN64', 1, 4],
      ['OCRA-1:HOTP-SHA256-8:QN04', 1, 8],
      [DEFAULT_SUITE_V2, 2, 8],
      ['OCRA-1:HOTP-SHA256-7:QA34', 2, 8],
      ['OCRA-1:HOTP-SHA1-7:QA64', 2, 8],
      ['OCRA-1:HOTP-SHA512-7:QA40', 2, 8],
    ];
    for (const [suite, version, typed] of taken) {
      const parsed = parsePhoneSuite(suite, allHashes);
      expect(parsed.text).to.equal(suite);
      expect(suiteVersion(parsed), suite).to.equal(version);
      expect(typedDigits(parsed), suite).to.equal(typed);
    }
  });

  it('tells the versions apart by the question format alone', () => {
    expect(suiteVersion(parseOcraSuite('OCRA-1:HOTP-SHA256-8:QN08', allHashes))).to.equal(1);
    expect(suiteVersion(parseOcraSuite('OCRA-1:HOTP-SHA256-8:QA08', allHashes))).to.equal(2);
  });

  it('refuses, saying why, what a phone cannot do or the screen cannot show', () => {
    const refused: [suite: string, reason: string][] = [
      ['OCRA-1:HOTP-SHA256-8:C-QN08', 'counter (C)'],
      ['OCRA-1:HOTP-SHA256-8:QN08-PSHA1', 'no P'],
      ['OCRA-1:HOTP-SHA256-8:QN08-S064', 'session data (S)'],
      ['OCRA-1:HOTP-SHA256-8:QN08-T1M', 'no time step (T)'],
      ['OCRA-1:HOTP-SHA256-7:QA40-T1M', 'no time step (T)'],
      ['OCRA-1:HOTP-SHA256-8:QH08', 'QN (version 1, the document code) or QA (version 2'],
      ['OCRA-1:HOTP-SHA256-10:QN08', '4 to 8 decimal digits'],
      ['OCRA-1:HOTP-SHA256-9:QN08', '4 to 8 decimal digits'],
      ['OCRA-1:HOTP-SHA256-0:QN08', '4 to 8 decimal digits'],
      ['OCRA-1:HOTP-SHA256-8:QA40', 'version 2 (QA) signature has 7 digits'],
      ['OCRA-1:HOTP-SHA256-6:QA40', 'version 2 (QA) signature has 7 digits'],
      ['OCRA-1:HOTP-SHA256-0:QA40', 'version 2 (QA) signature has 7 digits'],
      ['OCRA-1:HOTP-SHA256-7:QA33', 'up to 34 characters: QA34 or more'],
      ['OCRA-1:HOTP-SHA256-7:QA08', 'up to 34 characters: QA34 or more'],
      ['OCRA-1:HOTP-SHA384-8:QN08', 'unsupported hash SHA384'],
      ['OCRA-2:HOTP-SHA256-8:QN08', 'invalid suite'],
    ];
    for (const [suite, reason] of refused)
      expect(() => parsePhoneSuite(suite, allHashes), suite).to.throw(Error, reason);
  });
});
