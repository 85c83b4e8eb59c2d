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

  it('right-aligns a short session value as the RFC reference code does (left zero padding)', () => {
    expect(run('OCRA-1:HOTP-SHA1-6:QN08-S004', { question: '1', session: 'abc' })()).to.equal(
      run('OCRA-1:HOTP-SHA1-6:QN08-S004', { question: '1', session: '00000abc' })(),
    );
  });
});
