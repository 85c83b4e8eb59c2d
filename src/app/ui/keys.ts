import type { Key } from './view';

const KEYS =
  'SoftLeft SoftRight Enter Backspace EndCall ArrowUp ArrowDown ArrowLeft ArrowRight 0 1 2 3 4 5 6 7 8 9'.split(' ');

/**
 * The one keydown listener: KaiOS key names in, one call per key out. Keys the app uses never
 * reach the system (Backspace would otherwise close the app from any screen).
 */
export function listenForKeys(handle: (key: Key) => void): void {
  window.addEventListener('keydown', (event) => {
    if (KEYS.indexOf(event.key) < 0) return;
    event.preventDefault();
    handle(event.key as Key);
  });
}
