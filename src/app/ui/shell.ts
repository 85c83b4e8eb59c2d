import { el } from './dom';
import { scrollWithDpad } from './scroll';
import type { Key, Softkeys, View } from './view';

/**
 * The screen: header, the current view's body, at most one dialog over it, and the softkey bar.
 * Keys go to the dialog when one is open, else to the view; a dialog's softkey labels replace the
 * view's and are restored when it closes.
 */
const header = el('h1', 'header');
const body = el('main', 'body');
const bar = el('footer', 'softkeys');
const labels = [el('span', 'sk-left'), el('span', 'sk-center'), el('span', 'sk-right')];
labels.forEach((label) => bar.appendChild(label));

let view: View | null = null;
let dialog: View | null = null;
let dialogNode: HTMLElement | null = null;
let dialogBody: HTMLElement | null = null;
let busy = false;
let screen: HTMLElement;

export function mountShell(root: HTMLElement): void {
  screen = root;
  root.appendChild(header);
  root.appendChild(body);
  root.appendChild(bar);
}

function paintSoftkeys(keys: Softkeys): void {
  labels[0].textContent = keys.left || '';
  labels[1].textContent = keys.center || '';
  // Without a center label the side labels share its room (long words such as «Болдырмау» fit).
  labels[1].className = keys.center ? 'sk-center' : 'sk-center none';
  labels[2].textContent = keys.right || '';
}

/** Repaints the softkey bar from whichever layer is on top (after a view changes its labels). */
export function refreshSoftkeys(): void {
  const top = dialog || view;
  if (top) paintSoftkeys(top.softkeys());
}

function dropDialog(): void {
  if (!dialog) return;
  dialog.dispose();
  (dialogNode as HTMLElement).parentNode!.removeChild(dialogNode as HTMLElement);
  dialog = dialogNode = dialogBody = null;
}

/** Replaces the current view (and any dialog over it). */
export function show(next: View): void {
  dropDialog();
  if (view) view.dispose();
  view = next;
  header.textContent = next.title;
  body.textContent = '';
  body.appendChild(next.render());
  refreshSoftkeys();
}

export function openDialog(next: View): void {
  dropDialog();
  dialog = next;
  dialogNode = el('section', 'dialog');
  dialogNode.setAttribute('role', 'alertdialog');
  dialogNode.appendChild(el('h2', 'dialog-title', next.title));
  dialogBody = dialogNode.appendChild(next.render());
  screen.appendChild(dialogNode);
  refreshSoftkeys();
}

export function closeDialog(): void {
  dropDialog();
  refreshSoftkeys();
}

/** While busy (PBKDF2, storage) keys are ignored and the center softkey says to wait. */
export function setBusy(on: boolean, waitLabel: string): void {
  busy = on;
  screen.className = on ? 'busy' : '';
  if (on) paintSoftkeys({ center: waitLabel });
  else refreshSoftkeys();
}

export function dispatch(key: Key): void {
  if (busy) return;
  // A dialog's text may be longer than the screen (long languages, big fonts): the D-pad scrolls it.
  if (dialogBody) scrollWithDpad(dialogBody, key);
  const top = dialog || view;
  if (top) top.onKey(key);
}
