import { activationKey, checkActivationPart, type PartError } from '../../core/activation';
import { wipe } from '../../core/bytes';
import { parseOcraSuite } from '../../core/ocra';
import { DOCUMENT_CODE_MIN_DIGITS } from '../../core/phoneSuite';
import { signDocument } from '../../core/sign';
import { changePin as rewrapKey, sealKey, type VaultRecord } from '../../core/vault';
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

function newSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(16));
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

export function saveKey(pin: string, parts: string[]): Promise<void> {
  const key = activationKey(parts);
  const sealed = sealKey(key, pin, BANK.suite, newSalt(), BANK.iterations);
  wipe(key);
  return store(sealed);
}

/** The signature value under this PIN; a wrong PIN runs the same steps and gives another value. */
export function sign(pin: string, documentCode: string): string {
  return signDocument(record as VaultRecord, pin, documentCode, suiteHashes);
}

/** Re-seals the key under the new PIN; a wrong current PIN is not detected (manual §6 item 6). */
export function changePin(currentPin: string, newPin: string): Promise<void> {
  return store(rewrapKey(record as VaultRecord, currentPin, newPin, newSalt()));
}

export function deleteKey(): Promise<void> {
  return removeRecord().then(() => {
    record = null;
  });
}
