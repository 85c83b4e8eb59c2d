import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activationKey, makeActivationPart } from '../../../src/core/activation';
import { toHex } from '../../../src/core/bytes';
import { allHashes } from '../../../src/core/hashes';
import { ocra, parseOcraSuite } from '../../../src/core/ocra';
import { signDocument } from '../../../src/core/sign';
import { openKey, type VaultRecord } from '../../../src/core/vault';

/** The bank config the build used (the same rule as webpack.config.js). */
export const BANK = JSON.parse(
  readFileSync(process.env.MOBIPASS_CONFIG || join(__dirname, '../../../src/app/bank.config.json'), 'utf8'),
) as { suite: string; supportPhone: string; bankName: string; appName: string };

/** A test envelope: 4 parts made by the core from fixed payloads. */
export const PARTS = ['4567889', '6655666', '8656666', '4567777'].map((payload, i) =>
  makeActivationPart(i + 1, payload),
);
export const KEY_HEX = toHex(activationKey(PARTS));
export const PIN = '2468';
export const OTHER_PIN = '5930';
export const CODE = '338609';

/** What the bank computes for a document code with the envelope's key. */
export function expectedSignature(code: string): string {
  return ocra(parseOcraSuite(BANK.suite, allHashes), activationKey(PARTS), { question: code });
}

/** What the phone must show for this record, PIN and code (right PIN or not). */
export function phoneSignature(record: VaultRecord, pin: string, code: string): string {
  return signDocument(record, pin, code, allHashes, Date.now());
}

/** Whether the record opens to the envelope's key under this PIN. */
export function opensWith(record: VaultRecord, pin: string): boolean {
  return toHex(openKey(record, pin)) === KEY_HEX;
}

/** The part with its check digit changed: a typo the check must catch. */
export function withWrongCheckDigit(part: string): string {
  return part.slice(0, 7) + ((+part[7] + 1) % 10);
}

export function grouped(value: string): string {
  return value.replace(/(\d{4})(?=\d)/g, '$1 ');
}
