// The payment fields the bank's back end sends with a challenge: the amount rule the API states as a
// pattern is exactly the core's canonical amount, and the payee digits are the account's last digits.
import { expect } from 'chai';
import fc from 'fast-check';
import { canonicalAmount } from '../../src/core/amount';
import { FIELDS } from '../../src/bank/http/fields';
import { payeeDigitsOf } from '../../src/bank/payment';

describe('payment fields of a challenge', () => {
  it('the amount pattern accepts exactly the amounts the core signs, on every input', () => {
    const agree = (typed: string) => FIELDS.amount.accepts(typed) === Boolean(canonicalAmount(typed).amount);
    // Amount-like strings (digits, points, zeros where they matter), then anything printable.
    const amountLike = fc
      .array(fc.constantFrom('0', '0', '0', '1', '5', '9', '.'), { maxLength: 20 })
      .map((chars) => chars.join(''));
    fc.assert(fc.property(amountLike, agree), { numRuns: 20000 });
    fc.assert(fc.property(fc.string({ maxLength: 20 }), agree), { numRuns: 5000 });
    for (const typed of ['15000', '15000.00', '.5', '5.', '0.01', '999999999999.99', '000000000000015000.1000'])
      expect(FIELDS.amount.accepts(typed), typed).to.equal(true);
    for (const typed of ['', '.', '0', '0.00', '0.001', '1.001', '1000000000000', '1,50', '-5', '1.2.3', ' 1'])
      expect(FIELDS.amount.accepts(typed), typed).to.equal(false);
  });

  it('takes the last n digits of the payee account, letters and spaces skipped', () => {
    expect(payeeDigitsOf('KZ86 125K ZT50 0410 0100', 4)).to.equal('0100');
    expect(payeeDigitsOf('KZ86125KZT5004100100', 10)).to.equal('5004100100');
    expect(payeeDigitsOf('40817810ABC', 4)).to.equal('7810');
    expect(payeeDigitsOf('KZ 123', 4)).to.equal(undefined);
    expect(payeeDigitsOf('0042', 4)).to.equal('0042');
    for (const account of ['KZ86 125K ZT50 0410 0100', 'A1', '1 2 3'])
      expect(FIELDS.payee.accepts(account)).to.equal(true);
    for (const account of ['', ' KZ', 'KZ  86', 'KZ-86', 'x'.repeat(35)])
      expect(FIELDS.payee.accepts(account)).to.equal(false);
  });
});
