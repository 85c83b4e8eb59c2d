import type { Key } from './keys';

const STEP = 44;

/** Up/Down scroll a text that is longer than the screen, a couple of lines per press. */
export function scrollWithDpad(node: HTMLElement, key: Key): void {
  if (key === 'ArrowDown') node.scrollTop += STEP;
  else if (key === 'ArrowUp') node.scrollTop -= STEP;
}
