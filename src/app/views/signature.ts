import { t } from '../i18n';
import { fill } from '../i18n/fill';
import { groupDigits } from '../ui/groupDigits';
import { el } from '../ui/dom';
import { show } from '../ui/shell';

const SHOWN_SECONDS = 60;

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
