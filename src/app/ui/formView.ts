import { t } from '../i18n';
import { el } from './dom';
import { DigitField, type FieldSpec } from './digitField';
import { showMessage } from './message';
import type { View } from './view';

/** A refused entry: the message to show, the field to return to, and the fields to empty. */
export interface Refusal {
  message: string;
  focus: number;
  clear: number[];
}

export interface FormSpec {
  title: string;
  /** A paragraph above the fields. */
  note?: string;
  fields: FieldSpec[];
  /** Checks field `index` once it is complete (on filling up and again on «Далее»). */
  check?(index: number, values: string[]): Refusal | null;
  /** Says how to complete an incomplete field. */
  incomplete(index: number): string;
  /** Every field complete and checked. */
  submit(values: string[]): void;
  /** «Назад», or Back with nothing to erase. */
  back(): void;
}

/**
 * A screen of digit fields: digits (and * in an amount) type into the focused field, Up/Down move
 * focus (wrapping), Backspace erases a digit or goes back, «Далее» checks every field and submits.
 */
export function formView(spec: FormSpec): View {
  const fields = spec.fields.map((field) => new DigitField(field));
  let focused = 0;

  function values(): string[] {
    return fields.map((field) => field.value);
  }

  function focus(index: number): void {
    fields[focused].setFocus(false);
    focused = (index + fields.length) % fields.length;
    fields[focused].setFocus(true);
  }

  function refuse(refusal: Refusal): void {
    refusal.clear.forEach((index) => fields[index].clear());
    focus(refusal.focus);
    showMessage(spec.title, refusal.message);
  }

  function checked(index: number): boolean {
    const refusal = spec.check ? spec.check(index, values()) : null;
    if (refusal) refuse(refusal);
    return !refusal;
  }

  function submit(): void {
    // A field with no fixed length (an amount) is done when the customer says so: «Далее» moves on to
    // the next field while that one is still empty.
    const next = fields[focused + 1];
    if (next && !next.value && fields[focused].complete) {
      if (checked(focused)) focus(focused + 1);
      return;
    }
    for (let i = 0; i < fields.length; i++) {
      if (!fields[i].complete) {
        focus(i);
        showMessage(spec.title, spec.incomplete(i));
        return;
      }
      if (!checked(i)) return;
    }
    spec.submit(values());
  }

  function type(key: string): void {
    const field = fields[focused];
    if (!field.type(key) || !field.full) return;
    if (checked(focused) && focused < fields.length - 1) focus(focused + 1);
  }

  return {
    title: spec.title,
    render() {
      const form = el('div', 'form');
      if (spec.note) form.appendChild(el('p', 'note', spec.note));
      fields.forEach((field) => form.appendChild(field.node));
      fields[0].setFocus(true);
      return form;
    },
    softkeys: () => ({ left: { label: t.back, act: spec.back }, center: { label: t.next, act: submit } }),
    onKey(key) {
      if (key === 'ArrowUp') focus(focused - 1);
      else if (key === 'ArrowDown') focus(focused + 1);
      else if (key === 'Backspace') {
        if (!fields[focused].erase()) spec.back();
      } else if (/^[\d*]$/.test(key)) type(key);
    },
    dispose() {
      fields.forEach((field) => field.clear());
    },
  };
}
