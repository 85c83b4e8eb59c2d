import { el } from './dom';
import type { Key } from './keys';
import { scrollWithDpad } from './scroll';
import type { Softkeys, View } from './view';

/**
 * The screen: header, the current view's body, at most one dialog over it, and the softkey bar.
 * Keys go to the dialog when one is open, else to the view; a dialog's softkeys replace the view's
 * and the view's come back when it closes.
 */
const header = el('h1', 'header');
const body = el('main', 'body');
const bar = el('footer', 'softkeys');
const labels = [el('span', 'sk-left'), el('span', 'sk-center'), el('span', 'sk-right')];
labels.forEach((label) => bar.appendChild(label));

/** Which softkey each softkey key runs. */
const SOFTKEY_OF: { [key: string]: keyof Softkeys } = { SoftLeft: 'left', Enter: 'center', SoftRight: 'right' };

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
  labels[0].textContent = keys.left ? keys.left.label : '';
  labels[1].textContent = keys.center ? keys.center.label : '';
  // Without a center label the side labels share its room (long words such as «Болдырмау» fit).
  labels[1].className = keys.center ? 'sk-center' : 'sk-center none';
  labels[2].textContent = keys.right ? keys.right.label : '';
}

function top(): View | null {
  return dialog || view;
}

function repaintSoftkeys(): void {
  const current = top();
  if (current) paintSoftkeys(current.softkeys());
}

function dispose(layer: View): void {
  if (layer.dispose) layer.dispose();
}

function dropDialog(): void {
  if (!dialog) return;
  dispose(dialog);
  (dialogNode as HTMLElement).parentNode!.removeChild(dialogNode as HTMLElement);
  dialog = dialogNode = dialogBody = null;
}

/** Replaces the current view (and any dialog over it). */
export function show(next: View): void {
  dropDialog();
  if (view) dispose(view);
  view = next;
  header.textContent = next.title;
  body.textContent = '';
  body.appendChild(next.render());
  // A new screen starts at its top, whatever the last one was scrolled to.
  body.scrollTop = 0;
  repaintSoftkeys();
}

export function openDialog(next: View): void {
  dropDialog();
  dialog = next;
  dialogNode = el('section', 'dialog');
  dialogNode.setAttribute('role', 'alertdialog');
  dialogNode.appendChild(el('h2', 'dialog-title', next.title));
  dialogBody = dialogNode.appendChild(next.render());
  screen.appendChild(dialogNode);
  repaintSoftkeys();
}

export function closeDialog(): void {
  dropDialog();
  repaintSoftkeys();
}

/** Scrolls the body just enough to show the node whole: where focus went on a screen too short for it. */
export function reveal(node: HTMLElement): void {
  const view = body.getBoundingClientRect();
  const box = node.getBoundingClientRect();
  if (box.bottom > view.bottom) body.scrollTop += box.bottom - view.bottom;
  if (box.top < view.top) body.scrollTop -= view.top - box.top;
}

/** While busy (PBKDF2, storage) keys are ignored and the center softkey says to wait. */
export function setBusy(on: boolean, waitLabel: string): void {
  busy = on;
  screen.className = on ? 'busy' : '';
  if (on) {
    labels[0].textContent = labels[2].textContent = '';
    labels[1].textContent = waitLabel;
    labels[1].className = 'sk-center';
  } else repaintSoftkeys();
}

export function dispatch(key: Key): void {
  const current = top();
  if (busy || !current) return;
  const slot = SOFTKEY_OF[key];
  if (slot) {
    const softkey = current.softkeys()[slot];
    if (softkey) softkey.act();
    return;
  }
  // A dialog's text may be longer than the screen (long languages, big fonts): the D-pad scrolls it.
  if (dialogBody) scrollWithDpad(dialogBody, key);
  if (current.onKey) current.onKey(key);
}
