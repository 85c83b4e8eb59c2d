import { el } from './dom';
import { reveal } from './shell';

export interface FieldSpec {
  label: string;
  /** Digits the field holds; typing stops there. */
  max: number;
  /** Digits it needs to be complete (default max). */
  min?: number;
  /** PIN fields show dots, never digits. */
  secret?: boolean;
}

/** A labelled field typed on the keypad. Digits beyond max are ignored. */
export class DigitField {
  value = '';
  readonly node = el('div', 'field');
  private readonly box = el('div', 'field-value');

  constructor(readonly spec: FieldSpec) {
    this.node.appendChild(el('label', 'field-label', spec.label));
    this.node.appendChild(this.box);
    if (spec.secret) this.box.className += ' secret';
    this.paint();
  }

  private paint(): void {
    let shown = this.value;
    if (this.spec.secret) shown = new Array(shown.length + 1).join('●');
    this.box.textContent = shown;
  }

  get full(): boolean {
    return this.value.length >= this.spec.max;
  }

  get complete(): boolean {
    return this.value.length >= (this.spec.min || this.spec.max);
  }

  /** Appends a digit; false when the field is already full. */
  type(digit: string): boolean {
    if (this.full) return false;
    this.value += digit;
    this.paint();
    return true;
  }

  /** Deletes the last digit; false when there was none. */
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
