import { wipe } from './bytes';
import { withCheckDigit } from './damm';
import { documentQuestion, type Payment } from './document';
import { ocra, parseOcraSuite, type HashTable, type OcraSuite } from './ocra';
import { suiteVersion } from './phoneSuite';
import { openKey, type VaultRecord } from './vault';

/**
 * The value the customer types for a key and a document under a phone suite: the OCRA value over the
 * document's question, and in version 2 its Damm check digit. The phone shows it and the bank
 * recomputes it here, so the two cannot disagree. Throws an Error on a document the phone refuses.
 */
export function typedValue(suite: OcraSuite, key: Uint8Array, code: string, payment?: Payment): string {
  const value = ocra(suite, key, { question: documentQuestion(suite, code, payment) });
  return suiteVersion(suite) === 2 ? withCheckDigit(value) : value;
}

/**
 * The signature value the phone shows: the typed value under the key opened with this PIN. A wrong
 * PIN runs the same steps and yields a different, equally plausible value.
 */
export function signDocument(
  record: VaultRecord,
  pin: string,
  code: string,
  hashes: HashTable,
  payment?: Payment,
): string {
  const suite = parseOcraSuite(record.suite, hashes);
  const key = openKey(record, pin);
  try {
    return typedValue(suite, key, code, payment);
  } finally {
    wipe(key);
  }
}
