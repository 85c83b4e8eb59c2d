import { PART_COUNT, PART_LENGTH } from '../../core/activation';
import { t } from '../i18n';
import { fill } from '../i18n/fill';
import { checkPart, saveKey } from '../services/keyService';
import { whileBusy } from '../ui/busy';
import type { FieldSpec } from '../ui/digitField';
import { formView } from '../ui/formView';
import { showMessage } from '../ui/message';
import { show } from '../ui/shell';
import { choosePinForm } from './choosePinForm';

/** «Сохранить ключ», step 2 (manual figure 4): the 4 parts of the activation code, each checked once complete. */
function showParts(pin: string, done: () => void): void {
  const fields: FieldSpec[] = [];
  for (let i = 0; i < PART_COUNT; i++) fields.push({ label: t.partPrompt[i], max: PART_LENGTH });
  show(
    formView({
      title: t.keyTitle,
      fields,
      incomplete: (index) => fill(t.partIncomplete, { n: index + 1 }),
      check(index, values) {
        if (!checkPart(index + 1, values[index])) return null;
        // The digits stay, so the part can be compared with the envelope and fixed with Back.
        return { message: fill(t.partWrong, { n: index + 1 }), focus: index, clear: [] };
      },
      submit(parts) {
        whileBusy(() => saveKey(pin, parts)).then(
          () => showMessage(t.keyTitle, t.keySaved, done, t.next),
          () => showMessage(t.keyTitle, t.storageFailed),
        );
      },
      back: () => showActivation(done),
    }),
  );
}

/** «Сохранить ключ», step 1 (manual figure 3): choose a PIN and confirm it. */
export function showActivation(done: () => void): void {
  show(formView(choosePinForm(t.pinTitle, [t.pinChoose, t.pinConfirm], (pins) => showParts(pins[0], done), done)));
}
