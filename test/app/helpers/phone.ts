import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import type { VaultRecord } from '../../../src/core/vault';
import { PHONE_ONLY_KEYS } from '../../../src/app/ui/keys';

export const SCREENSHOTS = join(__dirname, '../../../artifacts/screenshots');

export interface Field {
  label: string;
  value: string;
  focused: boolean;
}

/** What is on the screen, read from the DOM the way a user reads it. */
export interface Screen {
  header: string;
  softkeys: string[];
  menu: string[];
  focusedItem: string;
  fields: Field[];
  dialogTitle: string | null;
  dialog: string | null;
  signature: string | null;
  busy: boolean;
}

// Page functions are strings: tsx would otherwise wrap them with helpers the page does not have.
const READ_SCREEN = `(() => {
  const text = (node) => (node ? node.textContent : null);
  const all = (selector) => Array.prototype.slice.call(document.querySelectorAll(selector));
  return {
    header: text(document.querySelector('.header')) || '',
    softkeys: all('.softkeys span').map((node) => node.textContent),
    menu: all('.menu .item').map((node) => node.textContent),
    focusedItem: text(document.querySelector('.item.focused')) || '',
    fields: all('.field').map((node) => ({
      label: node.querySelector('.field-label').textContent,
      value: node.querySelector('.field-value').textContent,
      focused: node.className.indexOf('focused') >= 0,
    })),
    dialogTitle: text(document.querySelector('.dialog .dialog-title')),
    dialog: text(document.querySelector('.dialog .dialog-text')),
    signature: text(document.querySelector('.signature')),
    busy: document.getElementById('app').className.indexOf('busy') >= 0,
  };
})()`;

const READ_VAULT = `new Promise((resolve, reject) => {
  const open = indexedDB.open('mobipass');
  // No database (never saved, or deleted): none is created just to look.
  open.onupgradeneeded = () => open.transaction.abort();
  open.onerror = () => (open.error.name === 'AbortError' ? resolve(null) : reject(open.error));
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('vault')) { db.close(); resolve(null); return; }
    const get = db.transaction('vault', 'readonly').objectStore('vault').get('record');
    get.onsuccess = () => { db.close(); resolve(get.result === undefined ? null : get.result); };
    get.onerror = () => reject(get.error);
  };
})`;

/** Puts a record where the app keeps it (as an older version of the app would have left it). */
const WRITE_VAULT = (record: unknown) => `new Promise((resolve, reject) => {
  const open = indexedDB.open('mobipass');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const put = db.transaction('vault', 'readwrite').objectStore('vault').put(${JSON.stringify(record)}, 'record');
    put.transaction.oncomplete = () => { db.close(); resolve(null); };
    put.transaction.onerror = () => reject(put.error);
  };
})`;

/** Records window.close() instead of closing, so a test can see the app asked to exit. */
const WATCH_CLOSE = `window.close = function () { window.__closed = (window.__closed || 0) + 1; };`;

/** The screens of KaiOS phones: most are 240x320 portrait, some (QWERTY models) 320x240 landscape. */
export const PORTRAIT = { width: 240, height: 320 };
export const LANDSCAPE = { width: 320, height: 240 };

/** A phone: one isolated browser context (its own IndexedDB) showing the built app, 240x320 unless told. */
export class Phone {
  private closed = false;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly url: string,
    private readonly browserName: string,
  ) {}

  /** Opens the app with the phone language set (navigator.language), before any app code runs. */
  static async open(
    browser: Browser,
    browserName: string,
    url: string,
    options: { language?: string; init?: string; inProfile?: boolean; screen?: { width: number; height: number } } = {},
  ): Promise<Phone> {
    // A new context is isolated (its own IndexedDB, in memory in Chromium); the default context
    // keeps its storage in the browser's profile directory, where the storage tests look.
    const context = options.inProfile ? browser.defaultBrowserContext() : await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport(options.screen || PORTRAIT);
    const language = JSON.stringify(options.language || 'ru-RU');
    await page.evaluateOnNewDocument(
      `Object.defineProperty(Navigator.prototype, 'language', { get: function () { return ${language}; } });${WATCH_CLOSE}${options.init || ''}`,
    );
    const phone = new Phone(page, context, url, browserName);
    await phone.load();
    return phone;
  }

  private async load(): Promise<void> {
    await this.page.goto(this.url);
    await this.page.waitForSelector('.menu .item');
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.waitForSelector('.menu .item');
  }

  /** Closes the phone; closing it again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.context === this.context.browser().defaultBrowserContext()) await this.page.close();
    else await this.context.close();
  }

  async screen(): Promise<Screen> {
    return (await this.page.evaluate(READ_SCREEN)) as Screen;
  }

  /** Waits until slow work (PBKDF2, storage) is over and the screen is usable again. */
  async settle(): Promise<Screen> {
    await this.page.waitForFunction(`document.getElementById('app').className.indexOf('busy') < 0`);
    return this.screen();
  }

  async press(key: string): Promise<void> {
    // Keys puppeteer cannot press (no keyboard has them): synthetic KeyboardEvents, as the phone sends them.
    if ((PHONE_ONLY_KEYS as string[]).includes(key)) {
      await this.page.evaluate(
        `window.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, bubbles: true, cancelable: true }))`,
      );
    } else {
      await this.page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
    }
  }

  /** Presses keys in order; a string of digits is one press per digit. */
  async keys(...keys: string[]): Promise<Screen> {
    for (const key of keys) {
      if (/^\d+$/.test(key)) for (const digit of key) await this.press(digit);
      else await this.press(key);
    }
    return this.settle();
  }

  /** From the menu: moves focus to the item and opens it. */
  async choose(label: string): Promise<Screen> {
    const screen = await this.screen();
    const index = screen.menu.indexOf(label);
    if (index < 0) throw new Error(`menu has no «${label}»: ${screen.menu.join(', ')}`);
    const from = screen.menu.indexOf(screen.focusedItem);
    for (let i = from; i < index; i++) await this.press('ArrowDown');
    for (let i = from; i > index; i--) await this.press('ArrowUp');
    return this.keys('Enter');
  }

  /** The softkey labels that do not fit their place in the bar (cut off with an ellipsis). */
  async cutSoftkeys(): Promise<string[]> {
    return (await this.page.$$eval('.softkeys span', (nodes) =>
      nodes.filter((node) => node.scrollWidth > node.clientWidth).map((node) => node.textContent || ''),
    )) as string[];
  }

  async closeCount(): Promise<number> {
    return ((await this.page.evaluate('window.__closed || 0')) as number) || 0;
  }

  async vaultRecord(): Promise<VaultRecord | null> {
    return (await this.page.evaluate(READ_VAULT)) as VaultRecord | null;
  }

  /** Writes a record straight into the app's storage; the app reads it on its next start. */
  async writeVaultRecord(record: VaultRecord): Promise<void> {
    await this.page.evaluate(WRITE_VAULT(record));
  }

  async shot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${this.browserName}-${name}.png`) as `${string}.png` });
  }
}
