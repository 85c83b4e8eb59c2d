import type { Payment } from '../../core/document';
import { t } from '../i18n';
import { fill } from '../i18n/fill';
import { signedAmount } from '../services/keyService';
import { groupDigits } from '../ui/groupDigits';
import { el } from '../ui/dom';
import { show } from '../ui/shell';

const SHOWN_SECONDS = 60;

/** An amount as the language writes money: 15000.5 → «15 000,50» (ru), «15,000.50» (en). */
function formatAmount(typed: string): string {
  const parts = signedAmount(typed).split('.');
  const integer = parts[0].replace(/\B(?=(\d{3})+$)/g, t.group);
  return parts[1] ? integer + t.decimal + (parts[1] + '0').slice(0, 2) : integer;
}

/**
 * The signature, large and grouped, under what it signs (a payment's amount and payee digits); it
 * clears itself after a minute and whenever the screen is left.
 */
export function showSignature(
  signature: string,
  payment: Payment | undefined,
  again: () => void,
  done: () => void,
): void {
  const valueNode = el('div', 'signature', groupDigits(signature));
  const hint = el('p', 'hint', fill(t.signatureHint, { s: SHOWN_SECONDS }));
  let left = SHOWN_SECONDS;
  const timer = setInterval(() => {
    left--;
    if (left > 0) hint.textContent = fill(t.signatureHint, { s: left });
    else done();
  }, 1000);

  show({
    title: t.signatureTitle,
    render() {
      const box = el('div', payment ? 'result payment' : 'result');
      if (payment) {
        box.appendChild(el('p', 'signed', t.amountSigned + ' ' + formatAmount(payment.amount)));
        box.appendChild(el('p', 'signed', t.payee + ' ' + payment.payee));
      }
      box.appendChild(valueNode);
      box.appendChild(hint);
      return box;
    },
    softkeys: () => ({ left: { label: t.back, act: again }, center: { label: t.close, act: done } }),
    onKey(key) {
      if (key === 'Backspace') again();
    },
    dispose() {
      clearInterval(timer);
      valueNode.textContent = '';
    },
  });
}
