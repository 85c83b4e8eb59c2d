import { PIN_DIGITS } from '../../core/vault';
import { t } from '../i18n';
import { fill } from '../i18n/fill';
import { CODE_MAX, CODE_MIN, sign } from '../services/keyService';
import { whileBusy } from '../ui/busy';
import { formView } from '../ui/formView';
import { show } from '../ui/shell';
import { showSignature } from './signature';

/**
 * «Подписать»: PIN and «Кодовое число документа» → the signature value. The app never knows
 * whether the PIN was right: a wrong one goes down the very same path to a different value.
 */
export function showSign(done: () => void): void {
  show(
    formView({
      title: t.signTitle,
      fields: [
        { label: t.pinEnter, max: PIN_DIGITS, secret: true },
        { label: t.documentCode, min: CODE_MIN, max: CODE_MAX },
      ],
      incomplete: (index) => (index ? fill(t.codeIncomplete, { min: CODE_MIN, max: CODE_MAX }) : t.pinIncomplete),
      submit(values) {
        whileBusy(() => sign(values[0], values[1])).then((value) => {
          // The app may have gone to the background while computing: the value is then never shown.
          if (document.hidden) done();
          else showSignature(value, () => showSign(done), done);
        });
      },
      back: done,
    }),
  );
}
