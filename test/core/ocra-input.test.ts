import { expect } from 'chai';
import { allHashes } from '../../src/core/allHashes';
import { ocra, parseOcraSuite } from '../../src/core/ocra';

const KEY = new Uint8Array(32).fill(7);

function run(suiteText: string, input: Parameters<typeof ocra>[2]): () => string {
  return () => ocra(parseOcraSuite(suiteText, allHashes), KEY, input);
}

describe('OCRA input checks', () => {
  it('takes numeric questions of 1 to 2 x QFxx digits (mutual mode concatenates two)', () => {
    expect(run('OCRA-1:HOTP-SHA256-8:QN08', { question: '1' })()).to.match(/^\d{8}$/);
    expect(run('OCRA-1:HOTP-SHA256-8:QN08', { question: '1'.repeat(16) })()).to.match(/^\d{8}$/);
    expect(run('OCRA-1:HOTP-SHA256-8:QN08', { question: '1'.repeat(17) })).to.throw(Error, /^invalid question$/);
  });

  it('rejects an empty question and questions outside the format', () => {
    expect(run('OCRA-1:HOTP-SHA256-8:QN08', { question: '' })).to.throw(Error, /^invalid question$/);
    expect(run('OCRA-1:HOTP-SHA256-8:QN08', { question: '12a4' })).to.throw(Error, /^invalid question$/);
    expect(run('OCRA-1:HOTP-SHA256-8:QH08', { question: '12g4' })).to.throw(Error, /^invalid question$/);
    expect(run('OCRA-1:HOTP-SHA256-8:QA08', { question: 'caf\u00e9' })).to.throw(Error, /^invalid question$/);
  });

  it('needs the counter, PIN, session and time its suite names', () => {
    expect(run('OCRA-1:HOTP-SHA1-6:C-QN08', { question: '1' })).to.throw(Error, /^invalid counter$/);
    expect(run('OCRA-1:HOTP-SHA1-6:C-QN08', { question: '1', counter: -1 })).to.throw(Error, /^invalid counter$/);
    expect(run('OCRA-1:HOTP-SHA1-6:C-QN08', { question: '1', counter: 1.5 })).to.throw(Error, /^invalid counter$/);
    expect(run('OCRA-1:HOTP-SHA1-6:C-QN08', { question: '1', counter: 2 ** 53 })).to.throw(Error, /^invalid counter$/);
    expect(run('OCRA-1:HOTP-SHA1-6:QN08-PSHA1', { question: '1' })).to.throw(Error, /^invalid PIN$/);
    expect(run('OCRA-1:HOTP-SHA1-6:QN08-T1M', { question: '1' })).to.throw(Error, /^invalid time$/);
    expect(run('OCRA-1:HOTP-SHA1-6:QN08-S002', { question: '1', session: '123456' })).to.throw(
      Error,
      /^invalid session$/,
    );
    expect(run('OCRA-1:HOTP-SHA1-6:QN08-S002', { question: '1', session: '12zz' })).to.throw(
      Error,
      /^invalid session$/,
    );
  });

  it('takes counters and times as 8-byte values: numbers up to 2^53 - 1, decimal digits up to 2^64 - 1', () => {
    const counter = (value: number | string) => run('OCRA-1:HOTP-SHA1-6:C-QN08', { question: '1', counter: value });
    const time = (value: number | string) => run('OCRA-1:HOTP-SHA1-6:QN08-T1M', { question: '1', time: value });
    for (const at of [counter, time]) {
      expect(at(2 ** 53 - 1)()).to.equal(at(String(2 ** 53 - 1))());
      expect(at('18446744073709551615')()).to.match(/^\d{6}$/);
      expect(at('000018446744073709551615')()).to.equal(at('18446744073709551615')());
      expect(at('0')()).to.equal(at(0)());
      for (const refused of ['18446744073709551616', '-1', '1.5', '', ' 1', '1e3', '0x10']) {
        expect(at(refused), refused).to.throw(Error, /^invalid (counter|time)$/);
      }
      for (const refused of [2 ** 53, -1, 1.5, NaN, Infinity]) expect(at(refused), String(refused)).to.throw(Error);
    }
  });

  it('right-aligns a short session value as the RFC reference code does (left zero padding)', () => {
    expect(run('OCRA-1:HOTP-SHA1-6:QN08-S004', { question: '1', session: 'abc' })()).to.equal(
      run('OCRA-1:HOTP-SHA1-6:QN08-S004', { question: '1', session: '00000abc' })(),
    );
  });
});
