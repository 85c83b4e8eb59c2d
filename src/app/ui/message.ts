import { t } from '../i18n';
import { el } from './dom';
import { closeDialog, openDialog } from './shell';

/**
 * A message over the current view, closed by its one softkey or Back, which then runs then().
 * label is the center softkey («Закрыть» unless given, «Далее» when the flow continues).
 */
export function showMessage(title: string, text: string, then?: () => void, label = t.close): void {
  const close = () => {
    closeDialog();
    if (then) then();
  };
  openDialog({
    title,
    render: () => el('p', 'dialog-text', text),
    softkeys: () => ({ center: { label, act: close } }),
    onKey(key) {
      if (key === 'Backspace') close();
    },
  });
}
