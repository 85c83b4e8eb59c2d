import { expect } from 'chai';
import { allHashes } from '../../src/core/allHashes';
import { DEFAULT_SUITE, parsePhoneSuite } from '../../src/core/phoneSuite';

describe('Suites a phone can sign with and show', () => {
  it('takes numeric questions with 4 to 8 digits and any hash, the default among them', () => {
    for (const suite of [
      DEFAULT_SUITE,
      'OCRA-1:HOTP-SHA1-6:QN06',
      'OCRA-1:HOTP-SHA512-4:QN64',
      'OCRA-1:HOTP-SHA256-8:QN04',
    ]) {
      expect(parsePhoneSuite(suite, allHashes).text).to.equal(suite);
    }
  });

  it('refuses, saying why, what a phone cannot do or the screen cannot show', () => {
    const refused: [suite: string, reason: string][] = [
      ['OCRA-1:HOTP-SHA256-8:C-QN08', 'counter (C)'],
      ['OCRA-1:HOTP-SHA256-8:QN08-PSHA1', 'no P'],
      ['OCRA-1:HOTP-SHA256-8:QN08-S064', 'session data (S)'],
      ['OCRA-1:HOTP-SHA256-8:QN08-T1M', 'no time step (T)'],
      ['OCRA-1:HOTP-SHA256-8:QA08', 'numeric (QN)'],
      ['OCRA-1:HOTP-SHA256-8:QH08', 'numeric (QN)'],
      ['OCRA-1:HOTP-SHA256-10:QN08', '4 to 8 decimal digits'],
      ['OCRA-1:HOTP-SHA256-9:QN08', '4 to 8 decimal digits'],
      ['OCRA-1:HOTP-SHA256-0:QN08', '4 to 8 decimal digits'],
      ['OCRA-1:HOTP-SHA384-8:QN08', 'unsupported hash SHA384'],
      ['OCRA-2:HOTP-SHA256-8:QN08', 'invalid suite'],
    ];
    for (const [suite, reason] of refused)
      expect(() => parsePhoneSuite(suite, allHashes), suite).to.throw(Error, reason);
  });
});
