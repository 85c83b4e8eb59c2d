import { expect } from 'chai';
import fc from 'fast-check';
import { allHashes } from '../../src/core/allHashes';
import { documentCodeProblem, documentQuestion, makeDocumentCode, type Payment } from '../../src/core/document';
import { parseOcraSuite } from '../../src/core/ocra';
import { DEFAULT_SUITE, DEFAULT_SUITE_V2 } from '../../src/core/phoneSuite';
import { completing, digits, payment, v2Code } from './support/document-arbitraries';
import { referenceAmount } from './support/reference-amount';

const V1 = parseOcraSuite(DEFAULT_SUITE, allHashes);
const V2 = parseOcraSuite(DEFAULT_SUITE_V2, allHashes);

/** Every code one typing slip away: each digit replaced by each other, each adjacent pair of different digits swapped. */
function slips(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i++) {
    for (const d of '0123456789') if (d !== code[i]) out.push(code.slice(0, i) + d + code.slice(i + 1));
    if (i + 1 < code.length && code[i] !== code[i + 1]) {
      out.push(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2));
    }
  }
  return out;
}

describe('Version 2 document codes', () => {
  it('are 6 random digits and their Damm check digit', () => {
    expect(makeDocumentCode('338609')).to.equal('3386095');
    expect(makeDocumentCode('000000')).to.equal('0000000');
    expect(makeDocumentCode('999999')).to.equal('9999990');
    fc.assert(
      fc.property(digits(6, 6), (random) => {
        expect(makeDocumentCode(random)).to.equal(random + completing(random));
      }),
      { numRuns: 2000 },
    );
  });

  it('are made only from 6 digits', () => {
    for (const bad of ['', '12345', '1234567', '12345a', ' 12345', '１２３４５６']) {
      expect(() => makeDocumentCode(bad), bad).to.throw(Error, /^invalid random digits$/);
    }
  });

  it('pass the phone, and every single slip (a digit, or two adjacent digits swapped) is refused as check', () => {
    fc.assert(
      fc.property(v2Code, (code) => {
        expect(documentCodeProblem(V2, code)).to.equal(null);
        for (const slip of slips(code)) expect(documentCodeProblem(V2, slip), slip).to.equal('check');
      }),
      { numRuns: 1000 },
    );
  });

  it('of exactly one digit in ten after any 6: the rest are refused', () => {
    fc.assert(
      fc.property(digits(6, 6), (random) => {
        const passing = '0123456789'.split('').filter((c) => documentCodeProblem(V2, random + c) === null);
        expect(passing).to.deep.equal([completing(random)]);
      }),
      { numRuns: 2000 },
    );
  });

  it('have exactly 7 digits; version 1 takes 4 to nn digits and no check', () => {
    expect(documentCodeProblem(V2, '338609')).to.equal('length');
    expect(documentCodeProblem(V2, '33860950')).to.equal('length');
    expect(documentCodeProblem(V2, '33860a5')).to.equal('digits');
    expect(documentCodeProblem(V2, '')).to.equal('digits');
    expect(documentCodeProblem(V1, '123')).to.equal('length');
    expect(documentCodeProblem(V1, '123456789')).to.equal('length');
    expect(documentCodeProblem(V1, '12 4')).to.equal('digits');
    const qn10 = parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN10', allHashes);
    fc.assert(
      fc.property(digits(4, 8), digits(9, 10), (code, longer) => {
        expect(documentCodeProblem(V1, code)).to.equal(null);
        expect(documentCodeProblem(qn10, longer)).to.equal(null);
        expect(documentCodeProblem(V1, longer)).to.equal('length');
      }),
      { numRuns: 1000 },
    );
  });
});

/** The inputs a question stands for, read back from it (the spec's proof, run). */
function readQuestion(question: string): { code: string; amount?: string; payee?: string } {
  const fields = question.split(':');
  return fields.length === 1 ? { code: question } : { code: fields[0], amount: fields[1], payee: fields[2] };
}

describe('Version 2 questions', () => {
  it('are the code alone, or code:canonical amount:payee digits', () => {
    expect(documentQuestion(V2, '3386095')).to.equal('3386095');
    expect(documentQuestion(V2, '3386095', { amount: '15000.00', payee: '4321' })).to.equal('3386095:15000:4321');
    expect(documentQuestion(V2, '3386095', { amount: '015000.10', payee: '0042' })).to.equal('3386095:15000.1:0042');
    expect(documentQuestion(V1, '338609')).to.equal('338609');
  });

  it('are refused for what the phone refuses, and version 1 signs no payment', () => {
    const refused: [code: string, payment: Payment | undefined, reason: RegExp][] = [
      ['3386096', undefined, /^invalid document code$/],
      ['338609', { amount: '1', payee: '1' }, /^invalid document code$/],
      ['3386095', { amount: '0.00', payee: '1' }, /^invalid amount$/],
      ['3386095', { amount: '1.001', payee: '1' }, /^invalid amount$/],
      ['3386095', { amount: '1', payee: '' }, /^invalid payee$/],
      ['3386095', { amount: '1', payee: '12345678901' }, /^invalid payee$/],
      ['3386095', { amount: '1', payee: '12:3' }, /^invalid payee$/],
    ];
    for (const [code, pay, reason] of refused) expect(() => documentQuestion(V2, code, pay)).to.throw(Error, reason);
    expect(() => documentQuestion(V1, '338609', { amount: '1', payee: '1' })).to.throw(Error, /version 1/);
  });

  it('give back the code, the canonical amount and the payee they were made of, so no two payments share one', () => {
    fc.assert(
      fc.property(v2Code, fc.option(payment), (code, pay) => {
        const question = documentQuestion(V2, code, pay ?? undefined);
        expect(question.length).to.be.at.most(V2.questionLength);
        expect(question).to.match(/^[ -~]+$/);
        const expected = pay ? { code, amount: referenceAmount(pay.amount).amount, payee: pay.payee } : { code };
        expect(readQuestion(question)).to.deep.equal(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('differ for different payments, are equal for equal ones, and a two-field question is never a payment one', () => {
    // Small domains, so that equal documents come up as often as different ones.
    const smallPayment = fc.record({
      amount: fc.constantFrom('1', '1.0', '01.00', '1.1', '10', '0.1', '100'),
      payee: fc.constantFrom('1', '01', '10', '0'),
    });
    const code = fc.constantFrom('3386095', '0000000', '1234566');
    const document = fc.tuple(code, fc.option(smallPayment));
    fc.assert(
      fc.property(document, document, ([codeA, payA], [codeB, payB]) => {
        const same =
          codeA === codeB &&
          (payA === null || payB === null
            ? payA === payB
            : referenceAmount(payA.amount).amount === referenceAmount(payB.amount).amount && payA.payee === payB.payee);
        const [qA, qB] = [
          documentQuestion(V2, codeA, payA ?? undefined),
          documentQuestion(V2, codeB, payB ?? undefined),
        ];
        expect(qA === qB, `${qA} ${qB}`).to.equal(same);
      }),
      { numRuns: 3000 },
    );
  });
});
