import { wipe } from './bytes';
import { ocra, parseOcraSuite, type HashTable } from './ocra';
import { openKey, type VaultRecord } from './vault';

/**
 * The signature value the phone shows: OCRA over the key opened with this PIN and the document
 * code number. A wrong PIN runs the same steps and yields a different, equally plausible value.
 */
export function signDocument(record: VaultRecord, pin: string, documentCode: string, hashes: HashTable): string {
  const suite = parseOcraSuite(record.suite, hashes);
  const key = openKey(record, pin);
  try {
    return ocra(suite, key, { question: documentCode });
  } finally {
    wipe(key);
  }
}
