import { BANK } from '../bankSettings';
import { t } from '../i18n';
import { hasKey } from '../services/keyService';
import { el } from '../ui/dom';
import { reveal, show } from '../ui/shell';
import type { View } from '../ui/view';
import { showActivation } from './activation';
import { confirmDelete } from './deleteKey';
import { showHelp } from './help';
import { showChangePin } from './changePin';
import { showSign } from './sign';

export function exitApp(): void {
  window.close();
}

interface Item {
  label: string;
  open(): void;
}

function items(): Item[] {
  const help = { label: t.help, open: () => showHelp(showMenu) };
  const exit = { label: t.exit, open: exitApp };
  if (!hasKey()) return [{ label: t.saveKey, open: () => showActivation(showMenu) }, help, exit];
  return [
    { label: t.sign, open: () => showSign(showMenu) },
    { label: t.changePin, open: () => showChangePin(showMenu) },
    { label: t.deleteKey, open: () => confirmDelete(showMenu) },
    help,
    exit,
  ];
}

/** The main menu; its entries depend on whether a key is saved. */
export function showMenu(): void {
  const entries = items();
  const nodes = entries.map((item) => el('li', 'item', item.label));
  let focused = 0;

  function focus(index: number): void {
    nodes[focused].className = 'item';
    focused = (index + nodes.length) % nodes.length;
    nodes[focused].className = 'item focused';
    reveal(nodes[focused]);
  }

  const view: View = {
    title: BANK.appName,
    render() {
      const list = el('ul', 'menu');
      nodes.forEach((node) => list.appendChild(node));
      focus(0);
      return list;
    },
    softkeys: () => ({
      center: { label: t.next, act: () => entries[focused].open() },
      right: { label: t.exit, act: exitApp },
    }),
    onKey(key) {
      if (key === 'ArrowUp') focus(focused - 1);
      else if (key === 'ArrowDown') focus(focused + 1);
      else if (key === 'Backspace') exitApp();
    },
  };
  show(view);
}
