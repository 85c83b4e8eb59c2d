import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBankConfig } from '../../../src/app/build/bankConfig';
import type { Language } from '../../../src/app/i18n/languages';
import type { Texts } from '../../../src/app/i18n/texts';
import { groupDigits } from '../../../src/app/ui/groupDigits';
import { activationKey, makeActivationPart } from '../../../src/core/activation';
import { toHex } from '../../../src/core/bytes';
import { allHashes } from '../../../src/core/allHashes';
import { ocra } from '../../../src/core/ocra';
import { parsePhoneSuite } from '../../../src/core/phoneSuite';
import { signDocument } from '../../../src/core/sign';
import { openKey, type VaultRecord } from '../../../src/core/vault';

/** The bank config the build used (read as webpack.config.js reads it), and its suite. */
export const BANK = readBankConfig().config;
export const SUITE = parsePhoneSuite(BANK.suite, allHashes);

/** Any signature value as the phone shows it under the build's suite, e.g. /^\d{4} \d{4}$/. */
export const SHOWN_SIGNATURE = new RegExp('^' + groupDigits('0'.repeat(SUITE.digits)).replace(/0/g, '\\d') + '$');

/** The texts the phone shows in a language: the built language file, with the bank's name and phone in it. */
export function builtTexts(lang: Language): Texts {
  return JSON.parse(readFileSync(join(__dirname, '../../../dist/app/i18n', `${lang}.json`), 'utf8')) as Texts;
}

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
  return ocra(SUITE, activationKey(PARTS), { question: code });
}

/** What the phone must show for this record, PIN and code (right PIN or not). */
export function phoneSignature(record: VaultRecord, pin: string, code: string): string {
  return signDocument(record, pin, code, allHashes);
}

/** Whether the record opens to the envelope's key under this PIN. */
export function opensWith(record: VaultRecord, pin: string): boolean {
  return toHex(openKey(record, pin)) === KEY_HEX;
}

/** The part with its check digit changed: a typo the check must catch. */
export function withWrongCheckDigit(part: string): string {
  return part.slice(0, 7) + ((+part[7] + 1) % 10);
}
