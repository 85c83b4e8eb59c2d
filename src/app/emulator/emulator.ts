import { BANK } from '../bankSettings';
import { chooseLanguage } from '../i18n/languages';
import { isKey, PHONE_ONLY_KEYS, type Key } from '../ui/keys';
import { EMULATOR_TEXTS } from './texts';

/**
 * The phone-sized emulator page: shows ../app/index.html in a 240x320 frame and turns on-screen
 * buttons and keyboard shortcuts into the KaiOS key events the app listens for. The page and the app
 * speak the language the page's address names (`?lang=kk`, from the landing page's switch), else the
 * browser's, chosen by the app's own rule.
 */
const frame = document.getElementById('app') as HTMLIFrameElement;
const closedNotice = document.getElementById('closed') as HTMLElement;

/** Desktop shortcuts for the phone keys no keyboard has; every other app key is typed as itself. */
const SHORTCUTS: { [key: string]: Key } = {
  q: 'SoftLeft',
  '[': 'SoftLeft',
  e: 'SoftRight',
  ']': 'SoftRight',
  Escape: 'EndCall',
  // An amount's decimal point is the phone's * key (docs/APP.md); a desktop types it as a point or comma.
  '.': '*',
  ',': '*',
};

/** Sends a KaiOS key (by its KeyboardEvent.key name) into the framed app, as the phone would. */
function press(key: string): void {
  const app = frame.contentWindow as Window & { KeyboardEvent: typeof KeyboardEvent };
  if (!app || !closedNotice.hidden) return;
  const target = app.document.activeElement || app.document.body;
  target.dispatchEvent(new app.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  target.dispatchEvent(new app.KeyboardEvent('keyup', { key, bubbles: true, cancelable: true }));
}

/** The phone's softkey labels, copied onto the on-screen softkey buttons. */
function mirrorSoftkeyLabels(): void {
  const doc = frame.contentDocument;
  const buttons = document.querySelectorAll('.soft');
  const names = ['.sk-left', '.sk-right'];
  for (let i = 0; i < buttons.length; i++) {
    const label = doc && doc.querySelector(names[i]);
    buttons[i].textContent = (label && label.textContent) || '—';
  }
}

function onAppLoaded(): void {
  const app = frame.contentWindow as Window;
  // window.close() does nothing inside a frame: show what the phone would do instead.
  app.close = () => {
    closedNotice.hidden = false;
  };
  mirrorSoftkeyLabels();
  new MutationObserver(mirrorSoftkeyLabels).observe(app.document.body, {
    childList: true,
    subtree: true,
    characterData: true,
  });
}

// Keyboard focus stays on this page (the frame ignores the pointer), so every shortcut arrives here.
frame.addEventListener('load', onAppLoaded);

document.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest('button[data-key]');
  if (button) press(button.getAttribute('data-key') as string);
});

document.addEventListener('keydown', (event) => {
  const typed = isKey(event.key) && PHONE_ONLY_KEYS.indexOf(event.key) < 0 ? event.key : '';
  const key = SHORTCUTS[event.key] || typed;
  if (!key) return;
  event.preventDefault();
  press(key);
});

(document.getElementById('restart') as HTMLElement).addEventListener('click', () => {
  closedNotice.hidden = true;
  frame.contentWindow!.location.reload();
});

/** Fills each element's data-text (its text), data-text-title and data-text-aria-label from the texts. */
function translatePage(texts: { [name: string]: string }): void {
  const fills: [string, (element: Element, text: string) => void][] = [
    ['data-text', (element, text) => (element.textContent = text)],
    ['data-text-title', (element, text) => element.setAttribute('title', text)],
    ['data-text-aria-label', (element, text) => element.setAttribute('aria-label', text)],
  ];
  for (const [attribute, fill] of fills) {
    const elements = document.querySelectorAll('[' + attribute + ']');
    for (let i = 0; i < elements.length; i++) fill(elements[i], texts[elements[i].getAttribute(attribute) as string]);
  }
}

const language = chooseLanguage(location.search, navigator.language, BANK.defaultLanguage);
document.documentElement.lang = language;
translatePage(EMULATOR_TEXTS[language]);
frame.src = frame.getAttribute('data-src') + '?lang=' + language;
