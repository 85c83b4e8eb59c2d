import type { Key } from './keys';

/** A softkey: its label in the bar and what its key does, always together. */
export interface Softkey {
  label: string;
  act(): void;
}

/** The softkey bar: left (SoftLeft), center (Enter), right (SoftRight). A key without a softkey does nothing. */
export interface Softkeys {
  left?: Softkey;
  center?: Softkey;
  right?: Softkey;
}

/** The one shape every screen and dialog has. */
export interface View {
  title: string;
  /** The body of the screen, built once when the view is shown. */
  render(): HTMLElement;
  softkeys(): Softkeys;
  /** The other keys (digits, the D-pad, Back); EndCall never reaches a view. */
  onKey?(key: Key): void;
  /** Called when the view leaves the screen: wipe secrets, stop timers. */
  dispose?(): void;
}
