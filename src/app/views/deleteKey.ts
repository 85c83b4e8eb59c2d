import { t } from '../i18n';
import { deleteKey } from '../services/keyService';
import { whileBusy } from '../ui/busy';
import { el } from '../ui/dom';
import { showMessage } from '../ui/message';
import { closeDialog, openDialog } from '../ui/shell';
import type { Key } from '../ui/view';

/** «Удалить ключ»: a confirmation that also gives the support phone; SoftRight deletes. */
export function confirmDelete(done: () => void): void {
  openDialog({
    title: t.deleteKey,
    render: () => el('p', 'dialog-text', t.deleteConfirm),
    softkeys: () => ({ left: t.cancel, right: t.remove }),
    onKey(key: Key) {
      if (key === 'SoftLeft' || key === 'Backspace') closeDialog();
      else if (key === 'SoftRight') {
        closeDialog();
        whileBusy(deleteKey).then(
          () => showMessage(t.deleteKey, t.keyDeleted, done, t.next),
          () => showMessage(t.deleteKey, t.storageFailed),
        );
      }
    },
    dispose() {},
  });
}
