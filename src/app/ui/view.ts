/** Labels of the softkey bar: left (SoftLeft), center (Enter), right (SoftRight). */
export interface Softkeys {
  left?: string;
  center?: string;
  right?: string;
}

/** The KaiOS keys the app reacts to, by their KeyboardEvent.key names. */
export type Key =
  | 'SoftLeft'
  | 'SoftRight'
  | 'Enter'
  | 'Backspace'
  | 'EndCall'
  | 'ArrowUp'
  | 'ArrowDown'
  | 'ArrowLeft'
  | 'ArrowRight'
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9';

/** The one shape every screen and dialog has. */
export interface View {
  title: string;
  /** The body of the screen, built once when the view is shown. */
  render(): HTMLElement;
  softkeys(): Softkeys;
  /** Handles a key; the shell has already dealt with EndCall. */
  onKey(key: Key): void;
  /** Called when the view leaves the screen: wipe secrets, stop timers. */
  dispose(): void;
}
