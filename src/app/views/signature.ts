import { fill, t } from '../i18n';
import { el } from '../ui/dom';
import { show } from '../ui/shell';
import type { Key } from '../ui/view';

const SHOWN_SECONDS = 60;

/** 12345678 → "1234 5678", 123456 → "123 456": groups of 4, or of 3 when that divides evenly. */
export function groupDigits(value: string): string {
  const size = value.length % 4 && !(value.length % 3) ? 3 : 4;
  const groups: string[] = [];
  for (let i = 0; i < value.length; i += size) groups.push(value.slice(i, i + size));
  return groups.join(' ');
}

/** The signature, large and grouped; it clears itself after a minute and whenever the screen is left. */
export function showSignature(signature: string, again: () => void, done: () => void): void {
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
      const box = el('div', 'result');
      box.appendChild(valueNode);
      box.appendChild(hint);
      return box;
    },
    softkeys: () => ({ left: t.back, center: t.close }),
    onKey(key: Key) {
      if (key === 'Enter') done();
      else if (key === 'SoftLeft' || key === 'Backspace') again();
    },
    dispose() {
      clearInterval(timer);
      valueNode.textContent = '';
    },
  });
}
