import localforage from 'localforage';
import { readVaultRecord, type VaultRecord } from '../../core/vault';

/**
 * The vault is one IndexedDB record written by one setItem call (one transaction): a write that
 * fails or is killed leaves the previous record whole.
 */
const DATABASE = 'mobipass';
const store = localforage.createInstance({ name: DATABASE, storeName: 'vault', driver: localforage.INDEXEDDB });
const KEY = 'record';

/** The stored record, null when there is none; rejects when what is stored is not a record (it is kept). */
export function loadRecord(): Promise<VaultRecord | null> {
  return store.getItem<unknown>(KEY).then((stored) => {
    if (stored === null) return null;
    const record = readVaultRecord(stored);
    if (!record) throw new Error('the stored vault record is not one this app reads');
    return record;
  });
}

export function saveRecord(record: VaultRecord): Promise<void> {
  return store.setItem(KEY, record).then(() => undefined);
}

/**
 * Deletes the whole database, not just the record: Gecko leaves a deleted row's bytes in the free
 * space of its SQLite file, while a deleted database's files are removed. The next save creates it anew.
 */
export function removeRecord(): Promise<void> {
  return store.dropInstance({ name: DATABASE });
}
