import type { Payment } from '../../core/document';
import { PIN_DIGITS } from '../../core/vault';
import { t } from '../i18n';
import { fill } from '../i18n/fill';
import { AMOUNT_FRACTION_DIGITS, AMOUNT_INTEGER_DIGITS, codeMistyped, sign, signFlow } from '../services/keyService';
import { whileBusy } from '../ui/busy';
import type { FieldSpec } from '../ui/digitField';
import { formView } from '../ui/formView';
import { show } from '../ui/shell';
import { showSignature } from './signature';

/**
 * «Подписать»: PIN and «Кодовое число документа» (and, when the bank signs payments, the amount and
 * the payee digits) → the signature value. The app never knows whether the PIN was right: a wrong one
 * goes down the very same path to a different value.
 */
export function showSign(done: () => void): void {
  const flow = signFlow();
  const n = flow.payeeDigits;
  const fields: FieldSpec[] = [
    { label: t.pinEnter, max: PIN_DIGITS, secret: true },
    { label: t.documentCode, min: flow.codeMin, max: flow.codeMax },
  ];
  if (n) {
    fields.push(
      {
        label: t.amount,
        max: AMOUNT_INTEGER_DIGITS,
        decimal: { separator: t.decimal, digits: AMOUNT_FRACTION_DIGITS },
      },
      { label: t.payee, max: n },
    );
  }
  const codeIncomplete =
    flow.codeMin === flow.codeMax
      ? fill(t.codeLength, { n: flow.codeMin })
      : fill(t.codeIncomplete, { min: flow.codeMin, max: flow.codeMax });
  show(
    formView({
      title: t.signTitle,
      fields,
      incomplete: (index) =>
        [t.pinIncomplete, codeIncomplete, t.amountIncomplete, fill(t.payeeIncomplete, { n })][index],
      // A mistyped code is refused as soon as it is complete; its digits stay, to be corrected with Back.
      check: (index, values) =>
        index === 1 && codeMistyped(values[1]) ? { message: t.codeMistyped, focus: 1, clear: [] } : null,
      submit(values) {
        const payment: Payment | undefined = n ? { amount: values[2], payee: values[3] } : undefined;
        whileBusy(() => sign(values[0], values[1], payment)).then((value) => {
          // The app may have gone to the background while computing: the value is then never shown.
          if (document.hidden) done();
          else showSignature(value, payment, () => showSign(done), done);
        });
      },
      back: done,
    }),
  );
}
