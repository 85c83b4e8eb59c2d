import { BANK } from '../bankSettings';
import { t } from '../i18n';
import { callSupport, canCallSupport } from '../services/supportCall';
import { el } from '../ui/dom';
import { scrollWithDpad } from '../ui/scroll';
import { show } from '../ui/shell';
import { readVersion } from '../version';

/**
 * «Справка»: the support phone first (and, where the phone has activities, «Позвонить» to dial it),
 * then the manual in the app's words and the version; the D-pad scrolls.
 */
export function showHelp(done: () => void): void {
  const text = el('div', 'help');
  const support = el('p', 'support', t.support + ' ');
  support.appendChild(el('b', 'phone', BANK.supportPhone));
  text.appendChild(support);
  t.helpText.forEach((paragraph) => text.appendChild(el('p', '', paragraph)));
  const version = el('p', 'version', BANK.appName + ' · ' + BANK.bankName);
  text.appendChild(version);
  readVersion().then(
    (number) => {
      version.textContent = BANK.appName + ' · ' + t.version + ' ' + number + ' · ' + BANK.bankName;
    },
    () => undefined,
  );

  show({
    title: t.help,
    render: () => text,
    softkeys: () => ({
      left: canCallSupport() ? { label: t.call, act: callSupport } : undefined,
      center: { label: t.close, act: done },
    }),
    onKey(key) {
      if (key === 'Backspace') done();
      else scrollWithDpad(text.parentNode as HTMLElement, key);
    },
  });
}
