import { t } from '../i18n';
import { el } from './dom';
import { closeDialog, openDialog } from './shell';
import type { Key } from './view';

/**
 * A message over the current view. Any of its softkeys or Back closes it and runs then();
 * label is the center softkey («Закрыть» unless given, «Далее» when the flow continues).
 */
export function showMessage(title: string, text: string, then?: () => void, label = t.close): void {
  openDialog({
    title,
    render: () => el('p', 'dialog-text', text),
    softkeys: () => ({ center: label }),
    onKey(key: Key) {
      if (key === 'Enter' || key === 'Backspace' || key === 'SoftLeft' || key === 'SoftRight') {
        closeDialog();
        if (then) then();
      }
    },
    dispose() {},
  });
}
