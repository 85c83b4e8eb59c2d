import { readBankConfig } from '../../../src/app/build/bankConfig';
import { signingOf } from '../../../src/bank/settings';
import { TestPhone } from './phone';

/**
 * What the bank config (MOBIPASS_CONFIG, else the default: version 2 with payment data) issues new
 * envelopes for: the CLI, serve and npm start read it, as the app's build does.
 */
export const CONFIG_SIGNING = signingOf(readBankConfig(process.env).config);

/** A payment as the bank's back end sends it with a challenge: the amount as typed and the payee's account. */
export const PAYMENT = { amount: '15000.00', payee: 'KZ86 125K ZT50 0410 0100' };
/** The same on the mobipass-bank command line. */
export const PAYMENT_ARGS = ['--amount', PAYMENT.amount, '--payee', PAYMENT.payee];

/** The phone activated with an envelope issued under the bank config. */
export function configPhone(parts: string[]): TestPhone {
  return new TestPhone(parts, '2580', CONFIG_SIGNING.suite);
}
