import { checkActivationPart, type PartError } from '../../core/activation';
import { AMOUNT_FRACTION_DIGITS, AMOUNT_INTEGER_DIGITS, canonicalAmount } from '../../core/amount';
import { documentCodeProblem, type Payment } from '../../core/document';
import { parseOcraSuite, type OcraSuite } from '../../core/ocra';
import { DOCUMENT_CODE_MIN_DIGITS, DOCUMENT_CODE_V2_DIGITS, suiteVersion } from '../../core/phoneSuite';
import { signDocument } from '../../core/sign';
import { changePin as rekeyPin, sealEnvelope, type VaultRecord } from '../../core/vault';
import { BANK } from '../bankSettings';
import { suiteHashes } from './suiteHash';
import { loadRecord, removeRecord, saveRecord } from './vaultStore';

/**
 * The only place views reach the core and the vault. Failures of storage reject the returned
 * promise; the record in storage is then the one from before the call.
 */
let record: VaultRecord | null = null;

export { AMOUNT_FRACTION_DIGITS, AMOUNT_INTEGER_DIGITS };

/** What signing asks for: the document code's length, and the payee digits of a payment (0: none). */
export interface SignFlow {
  codeMin: number;
  codeMax: number;
  payeeDigits: number;
}

function recordSuite(): OcraSuite {
  return parseOcraSuite((record as VaultRecord).suite, suiteHashes);
}

/**
 * The saved key's flow, by its own suite (a key saved under an older build keeps its version): version 1
 * takes codes of 4 to nn digits, version 2 codes of 7 and, if the bank asks for it, the payment.
 */
export function signFlow(): SignFlow {
  const suite = recordSuite();
  if (suiteVersion(suite) === 1)
    return { codeMin: DOCUMENT_CODE_MIN_DIGITS, codeMax: suite.questionLength, payeeDigits: 0 };
  return { codeMin: DOCUMENT_CODE_V2_DIGITS, codeMax: DOCUMENT_CODE_V2_DIGITS, payeeDigits: BANK.payeeDigits };
}

/** Whether a complete document code fails its check digit (version 2): a typo, refused before anything is computed. */
export function codeMistyped(code: string): boolean {
  return documentCodeProblem(recordSuite(), code) === 'check';
}

/** The amount as it is signed (15000.50 → 15000.5); the signature screen shows it. */
export function signedAmount(typed: string): string {
  return canonicalAmount(typed).amount as string;
}

export function loadKey(): Promise<boolean> {
  return loadRecord().then((stored) => {
    record = stored;
    return !!stored;
  });
}

export function hasKey(): boolean {
  return !!record;
}

export function checkPart(position: number, part: string): PartError | null {
  return checkActivationPart(position, part);
}

function store(next: VaultRecord): Promise<void> {
  return saveRecord(next).then(() => {
    record = next;
  });
}

/** Seals the envelope's key under the PIN: the same envelope always gives the same salt and wrapped key. */
export function saveKey(pin: string, parts: string[]): Promise<void> {
  return store(sealEnvelope(parts, pin, BANK.suite, BANK.iterations));
}

/** The signature value under this PIN; a wrong PIN runs the same steps and gives another value. */
export function sign(pin: string, documentCode: string, payment?: Payment): string {
  return signDocument(record as VaultRecord, pin, documentCode, suiteHashes, payment);
}

/** Moves the key to the new PIN (a new offset only); a wrong current PIN is not detected (manual §6 item 6). */
export function changePin(currentPin: string, newPin: string): Promise<void> {
  return store(rekeyPin(record as VaultRecord, currentPin, newPin));
}

export function deleteKey(): Promise<void> {
  return removeRecord().then(() => {
    record = null;
  });
}
