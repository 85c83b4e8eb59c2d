import { t } from '../i18n';
import { changePin } from '../services/keyService';
import { whileBusy } from '../ui/busy';
import { formView } from '../ui/formView';
import { showMessage } from '../ui/message';
import { show } from '../ui/shell';
import { choosePinForm } from './choosePinForm';

/**
 * «Изменить PIN-код»: current, new, confirmation, under a note that the current PIN is not checked.
 * A wrong current PIN is not detected and the flow proceeds silently (manual §6 item 6); the new
 * record is written in one call.
 */
export function showChangePin(done: () => void): void {
  const save = (pins: string[]) =>
    whileBusy(() => changePin(pins[0], pins[1])).then(
      () => showMessage(t.changeTitle, t.pinChanged, done, t.next),
      () => showMessage(t.changeTitle, t.storageFailed),
    );
  show(
    formView({
      ...choosePinForm(t.changeTitle, [t.currentPin, t.newPin, t.newPinConfirm], save, done),
      note: t.changePinNote,
    }),
  );
}
