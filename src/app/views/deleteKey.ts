import { t } from '../i18n';
import { deleteKey } from '../services/keyService';
import { callSupport, canCallSupport } from '../services/supportCall';
import { whileBusy } from '../ui/busy';
import { el } from '../ui/dom';
import { showMessage } from '../ui/message';
import { closeDialog, openDialog } from '../ui/shell';

/**
 * «Удалить ключ»: a confirmation that also gives the support phone (the center key dials it where the
 * phone has activities); only the right softkey deletes.
 */
export function confirmDelete(done: () => void): void {
  const remove = () => {
    closeDialog();
    whileBusy(deleteKey).then(
      () => showMessage(t.deleteKey, t.keyDeleted, done, t.next),
      () => showMessage(t.deleteKey, t.storageFailed),
    );
  };
  openDialog({
    title: t.deleteKey,
    render: () => el('p', 'dialog-text', t.deleteConfirm),
    softkeys: () => ({
      left: { label: t.cancel, act: closeDialog },
      center: canCallSupport() ? { label: t.call, act: callSupport } : undefined,
      right: { label: t.remove, act: remove },
    }),
    onKey(key) {
      if (key === 'Backspace') closeDialog();
    },
  });
}
