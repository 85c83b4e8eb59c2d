import { checkActivationPart, type PartError } from '../../core/activation';
import { parseOcraSuite } from '../../core/ocra';
import { DOCUMENT_CODE_MIN_DIGITS } from '../../core/phoneSuite';
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

const SUITE = parseOcraSuite(BANK.suite, suiteHashes);
/** Document code numbers are typed on a keypad: 4 digits up to the suite's question length. */
export const CODE_MIN = DOCUMENT_CODE_MIN_DIGITS;
export const CODE_MAX = SUITE.questionLength;

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
export function sign(pin: string, documentCode: string): string {
  return signDocument(record as VaultRecord, pin, documentCode, suiteHashes);
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
