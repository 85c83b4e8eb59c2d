import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBankConfig } from '../../../src/app/build/bankConfig';
import type { Language } from '../../../src/app/i18n/languages';
import type { Texts } from '../../../src/app/i18n/texts';
import { groupDigits } from '../../../src/app/ui/groupDigits';
import { activationKey, makeActivationPart } from '../../../src/core/activation';
import { toHex } from '../../../src/core/bytes';
import { allHashes } from '../../../src/core/allHashes';
import type { BankConfig } from '../../../src/app/bankSettings';
import { makeDocumentCode, type Payment } from '../../../src/core/document';
import type { OcraSuite } from '../../../src/core/ocra';
import { parsePhoneSuite, suiteVersion, typedDigits } from '../../../src/core/phoneSuite';
import { signDocument, typedValue } from '../../../src/core/sign';
import { openKey, type VaultRecord } from '../../../src/core/vault';

/** The bank config the build used (read as webpack.config.js reads it), and its suite. */
export const BANK = readBankConfig().config;
export const SUITE = parsePhoneSuite(BANK.suite, allHashes);

/**
 * How a build signs a document, and a document to sign with it: its suite, a document code of the
 * suite's kind (version 2: with its check digit) and, when the build asks for payment data, a payment
 * (the amount as the customer types it, with * for the point, and the payee digits).
 */
export interface Flow {
  suite: OcraSuite;
  payeeDigits: number;
  code: string;
  payment?: Payment;
}

export function flowOf(config: BankConfig): Flow {
  const suite = parsePhoneSuite(config.suite, allHashes);
  const v2 = suiteVersion(suite) === 2;
  const payeeDigits = config.payment ? config.payment.payeeDigits : 0;
  const payment = payeeDigits ? { amount: '15000.5', payee: '4321098765'.slice(0, payeeDigits) } : undefined;
  return { suite, payeeDigits, code: v2 ? makeDocumentCode('338609') : '338609', payment };
}

/** The flow of the build under test (the default build: version 2 with payment data). */
export const FLOW = flowOf(BANK);

/** Any signature value as the phone shows it under the build's suite, e.g. /^\d{4} \d{4}$/. */
export const SHOWN_SIGNATURE = new RegExp('^' + groupDigits('0'.repeat(typedDigits(SUITE))).replace(/0/g, '\\d') + '$');

/**
 * The texts the phone shows in a language: the built language file (of dist/, or of another build's
 * folder), with the bank's name, phone and payee label in it.
 */
export function builtTexts(lang: Language, dist = join(__dirname, '../../../dist')): Texts {
  return JSON.parse(readFileSync(join(dist, 'app/i18n', `${lang}.json`), 'utf8')) as Texts;
}

/** A test envelope: 4 parts made by the core from fixed payloads. */
export const PARTS = ['4567889', '6655666', '8656666', '4567777'].map((payload, i) =>
  makeActivationPart(i + 1, payload),
);
export const KEY_HEX = toHex(activationKey(PARTS));
export const PIN = '2468';
export const OTHER_PIN = '5930';
/** The build's document code, and its payment when the build signs payments. */
export const CODE = FLOW.code;
export const PAYMENT = FLOW.payment;

/**
 * What the bank computes for a document (code and, by default, the flow's payment) with the envelope's
 * key: the value the customer types.
 */
export function expectedSignature(code: string, flow: Flow = FLOW, payment = flow.payment): string {
  return typedValue(flow.suite, activationKey(PARTS), code, payment);
}

/** What the phone must show for this record, PIN and document (right PIN or not). */
export function phoneSignature(record: VaultRecord, pin: string, code: string, payment = PAYMENT): string {
  return signDocument(record, pin, code, allHashes, payment);
}

/** Whether the record opens to the envelope's key under this PIN. */
export function opensWith(record: VaultRecord, pin: string): boolean {
  return toHex(openKey(record, pin)) === KEY_HEX;
}

/** The part with its check digit changed: a typo the check must catch. */
export function withWrongCheckDigit(part: string): string {
  return part.slice(0, 7) + ((+part[7] + 1) % 10);
}
