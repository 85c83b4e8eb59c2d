import { wipe } from './bytes';
import { ocra, parseOcraSuite, timeSteps, type HashTable } from './ocra';
import { openKey, type VaultRecord } from './vault';

/** The shortest document code number the phone takes (the longest is the suite's question length). */
export const DOCUMENT_CODE_MIN_DIGITS = 4;

/**
 * The signature value the phone shows: OCRA over the key opened with this PIN and the document
 * code number. A wrong PIN runs the same steps and yields a different, equally plausible value.
 */
export function signDocument(
  record: VaultRecord,
  pin: string,
  documentCode: string,
  hashes: HashTable,
  unixMillis: number,
): string {
  const suite = parseOcraSuite(record.suite, hashes);
  const key = openKey(record, pin);
  try {
    return ocra(suite, key, {
      question: documentCode,
      time: suite.timeStep ? timeSteps(suite, unixMillis) : undefined,
    });
  } finally {
    wipe(key);
  }
}
