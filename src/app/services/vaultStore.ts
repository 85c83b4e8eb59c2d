import localforage from 'localforage';
import type { VaultRecord } from '../../core/vault';

/**
 * The vault is one IndexedDB record written by one setItem call (one transaction): a write that
 * fails or is killed leaves the previous record whole.
 */
const store = localforage.createInstance({ name: 'mobipass', storeName: 'vault', driver: localforage.INDEXEDDB });
const KEY = 'record';

export function loadRecord(): Promise<VaultRecord | null> {
  return store.getItem<VaultRecord>(KEY);
}

export function saveRecord(record: VaultRecord): Promise<void> {
  return store.setItem(KEY, record).then(() => undefined);
}

export function removeRecord(): Promise<void> {
  return store.removeItem(KEY);
}
