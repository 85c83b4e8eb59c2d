import { PIN_DIGITS } from '../../core/vault';
import { t } from '../i18n';
import { weakPinReason } from '../weakPins';
import type { FieldSpec } from '../ui/digitField';
import type { FormSpec } from '../ui/formView';

/**
 * A form whose last two fields are a new PIN and its confirmation (after any leading PIN fields):
 * a weak new PIN or a mismatch empties both and returns to the new PIN.
 */
export function choosePinForm(
  title: string,
  labels: string[],
  submit: (pins: string[]) => void,
  back: () => void,
): FormSpec {
  const fields: FieldSpec[] = labels.map((label) => ({ label, max: PIN_DIGITS, secret: true }));
  const newPin = labels.length - 2;
  return {
    title,
    fields,
    incomplete: () => t.pinIncomplete,
    check(index, values) {
      if (index < newPin) return null;
      const reason = weakPinReason(values[newPin]);
      if (index === newPin && reason) return { message: t.weakPin[reason], focus: newPin, clear: [newPin, newPin + 1] };
      if (index > newPin && values[index] !== values[newPin])
        return { message: t.mismatch, focus: newPin, clear: [newPin, newPin + 1] };
      return null;
    },
    submit,
    back,
  };
}
