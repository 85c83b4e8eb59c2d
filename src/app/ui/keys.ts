/** The KaiOS keys the app reacts to, by their KeyboardEvent.key names: the one list of them. */
export const KEYS = [
  'SoftLeft',
  'SoftRight',
  'Enter',
  'Backspace',
  'EndCall',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  // The decimal point of an amount (docs/APP.md, «Typing an amount»).
  '*',
] as const;

export type Key = (typeof KEYS)[number];

/** Phone keys no desktop keyboard has: the emulator maps shortcuts to them, tests send them as synthetic events. */
export const PHONE_ONLY_KEYS: Key[] = ['SoftLeft', 'SoftRight', 'EndCall'];

export function isKey(name: string): name is Key {
  return (KEYS as readonly string[]).indexOf(name) >= 0;
}

/**
 * The one keydown listener: KaiOS key names in, one call per key out. Keys the app uses never
 * reach the system (Backspace would otherwise close the app from any screen).
 */
export function listenForKeys(handle: (key: Key) => void): void {
  window.addEventListener('keydown', (event) => {
    if (!isKey(event.key)) return;
    event.preventDefault();
    handle(event.key);
  });
}
