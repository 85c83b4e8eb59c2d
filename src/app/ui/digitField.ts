import { el } from './dom';
import { reveal } from './shell';

export interface FieldSpec {
  label: string;
  /** Digits the field holds (an amount: before its decimal point); typing stops there. */
  max: number;
  /** Digits it needs to be complete (default max). */
  min?: number;
  /** PIN fields show dots, never digits. */
  secret?: boolean;
  /**
   * An amount: the * key types its decimal point, shown as `separator`, with at most `digits` digits
   * after it; complete once it is more than 0.
   */
  decimal?: { separator: string; digits: number };
}

/** A labelled field typed on the keypad. Keys that would break its rule (too many digits) are ignored. */
export class DigitField {
  value = '';
  readonly node = el('div', 'field');
  private readonly box = el('div', 'field-value');
  private readonly rule: RegExp;

  constructor(readonly spec: FieldSpec) {
    this.node.appendChild(el('label', 'field-label', spec.label));
    this.node.appendChild(this.box);
    if (spec.secret) this.box.className += ' secret';
    const decimal = spec.decimal;
    this.rule = new RegExp('^\\d{0,' + spec.max + '}' + (decimal ? '(\\.\\d{0,' + decimal.digits + '})?' : '') + '$');
    this.paint();
  }

  private paint(): void {
    let shown = this.value;
    if (this.spec.secret) shown = new Array(shown.length + 1).join('●');
    if (this.spec.decimal) shown = shown.replace('.', this.spec.decimal.separator);
    this.box.textContent = shown;
  }

  /** No key can add to it. */
  get full(): boolean {
    return !this.rule.test(this.value + '0') && !this.rule.test(this.value + '.');
  }

  get complete(): boolean {
    return this.spec.decimal ? /[1-9]/.test(this.value) : this.value.length >= (this.spec.min || this.spec.max);
  }

  /** Appends a digit (or an amount's decimal point, key *); false when the field does not take it. */
  type(key: string): boolean {
    const next = this.value + (key === '*' ? '.' : key);
    if (!this.rule.test(next)) return false;
    this.value = next;
    this.paint();
    return true;
  }

  /** Deletes the last character; false when there was none. */
  erase(): boolean {
    if (!this.value) return false;
    this.value = this.value.slice(0, -1);
    this.paint();
    return true;
  }

  clear(): void {
    this.value = '';
    this.paint();
  }

  setFocus(on: boolean): void {
    this.node.className = on ? 'field focused' : 'field';
    if (on) reveal(this.node);
  }
}
