import { endianness } from 'node:os';
import * as ck from 'pkcs11js';
import type { Attribute, PKCS11 } from 'pkcs11js';
import { BankError } from '../errors';
import { ENV } from '../settings';
import { hsmFailure, returnValue } from './pkcs11-module';
import type { Pkcs11Settings } from './sealer-settings';

/** A logged-in session of the token, with the master key's handle as seen from it. */
export interface TokenSession {
  handle: Buffer;
  key: Buffer;
}

/** The key id of an HSM key: which token, which key (labels are not secret). */
export function pkcs11KeyId(settings: Pkcs11Settings): string {
  return `pkcs11:${settings.token}/${settings.key}`;
}

function setupError(message: string): BankError {
  return new BankError('config', message);
}

/** The slot of the token with this label: exactly one, or one line that says what is there instead. */
export function tokenSlot(pkcs11: PKCS11, settings: Pkcs11Settings): Buffer {
  const slots = pkcs11.C_GetSlotList(true);
  const labels = slots.map((slot) => pkcs11.C_GetTokenInfo(slot).label.trimEnd());
  const matching = slots.filter((_, i) => labels[i] === settings.token);
  if (matching.length > 1)
    throw setupError(
      `${matching.length} tokens are labelled "${settings.token}" in ${settings.module}: relabel all but one`,
    );
  if (matching.length === 0) {
    const present = labels.filter(Boolean).map((label) => `"${label}"`);
    throw setupError(
      `no token labelled "${settings.token}" in ${settings.module} (${present.length ? `tokens there: ${present.join(', ')}` : 'no initialised token there'}): check ${ENV.pkcs11Token}`,
    );
  }
  return matching[0];
}

/**
 * A session logged in as the token's user. The login belongs to the whole application, so a session
 * opened while another is logged in finds it done. A wrong PIN is tried once and never again: a token
 * locks its PIN after a few wrong tries.
 */
export function userSession(pkcs11: PKCS11, slot: Buffer, settings: Pkcs11Settings, readWrite = false): Buffer {
  let handle: Buffer;
  try {
    handle = pkcs11.C_OpenSession(slot, ck.CKF_SERIAL_SESSION | (readWrite ? ck.CKF_RW_SESSION : 0));
  } catch (error) {
    throw hsmFailure(`opening a session with token "${settings.token}"`, error);
  }
  try {
    pkcs11.C_Login(handle, ck.CKU_USER, settings.pin);
  } catch (error) {
    const answer = returnValue(error);
    if (answer !== 'CKR_USER_ALREADY_LOGGED_IN') {
      closeQuietly(pkcs11, handle);
      throw loginRefused(settings, answer, error);
    }
  }
  return handle;
}

function loginRefused(settings: Pkcs11Settings, answer: string | undefined, error: unknown): BankError {
  const pinSetting = `${ENV.pkcs11PinFile} or ${ENV.pkcs11Pin}`;
  switch (answer) {
    case 'CKR_PIN_INCORRECT':
    case 'CKR_PIN_LEN_RANGE':
      return setupError(
        `token "${settings.token}" refused the user PIN (${answer}): check ${pinSetting}; the token locks the PIN after a few wrong tries`,
      );
    case 'CKR_PIN_LOCKED':
      return setupError(
        `the user PIN of token "${settings.token}" is locked (${answer}): its security officer must unlock it`,
      );
    case 'CKR_PIN_EXPIRED':
      return setupError(
        `the user PIN of token "${settings.token}" has expired (${answer}): set a new one, then ${pinSetting}`,
      );
    default:
      return hsmFailure(`logging in to token "${settings.token}"`, error);
  }
}

export function closeQuietly(pkcs11: PKCS11, handle: Buffer): void {
  try {
    pkcs11.C_CloseSession(handle);
  } catch {
    // Already gone: nothing to end.
  }
}

/** The token's secret keys with this label (token objects only, not a session's). */
function keysLabelled(pkcs11: PKCS11, session: Buffer, label: string): Buffer[] {
  pkcs11.C_FindObjectsInit(session, [
    { type: ck.CKA_CLASS, value: ck.CKO_SECRET_KEY },
    { type: ck.CKA_TOKEN, value: true },
    { type: ck.CKA_LABEL, value: label },
  ]);
  try {
    return pkcs11.C_FindObjects(session, 2);
  } finally {
    pkcs11.C_FindObjectsFinal(session);
  }
}

/** A CK_ULONG or CK_BBOOL attribute value as the library's native bytes hold it. */
function numberOf(attribute: Attribute): number {
  const bytes = attribute.value as Buffer;
  const width = Math.min(bytes.length, 6);
  return endianness() === 'LE' ? bytes.readUIntLE(0, width) : bytes.readUIntBE(bytes.length - width, width);
}

/**
 * The master key's handle, after checking it is one MobiPass may seal with: an AES-256 key on the
 * token that encrypts and decrypts, sensitive and not extractable, so its value can never be read out.
 */
export function masterKeyHandle(pkcs11: PKCS11, session: Buffer, settings: Pkcs11Settings): Buffer {
  const name = `the key "${settings.key}" in token "${settings.token}"`;
  let found: Buffer[];
  try {
    found = keysLabelled(pkcs11, session, settings.key);
  } catch (error) {
    throw hsmFailure(`looking for ${name}`, error);
  }
  if (found.length === 0)
    throw setupError(
      `no key labelled "${settings.key}" in token "${settings.token}": check ${ENV.pkcs11Key}, or create the key with mobipass-bank hsm-create-key`,
    );
  if (found.length > 1)
    throw setupError(`several keys are labelled "${settings.key}" in token "${settings.token}": relabel all but one`);
  let values: number[];
  try {
    values = pkcs11
      .C_GetAttributeValue(session, found[0], [
        { type: ck.CKA_KEY_TYPE },
        { type: ck.CKA_VALUE_LEN },
        { type: ck.CKA_ENCRYPT },
        { type: ck.CKA_DECRYPT },
        { type: ck.CKA_SENSITIVE },
        { type: ck.CKA_EXTRACTABLE },
      ])
      .map(numberOf);
  } catch (error) {
    throw hsmFailure(`reading the attributes of ${name}`, error);
  }
  const [type, length, encrypts, decrypts, sensitive, extractable] = values;
  if (type !== ck.CKK_AES || length !== 32) throw setupError(`${name} is not an AES-256 key`);
  if (!encrypts || !decrypts) throw setupError(`${name} may not encrypt and decrypt (CKA_ENCRYPT, CKA_DECRYPT)`);
  if (extractable || !sensitive)
    throw setupError(
      `${name} can be read out of the token (${extractable ? 'CKA_EXTRACTABLE' : 'CKA_SENSITIVE false'}): MobiPass seals only with a key that never leaves the HSM; make one with mobipass-bank hsm-create-key`,
    );
  return found[0];
}

/**
 * Generates the master key inside the token: AES-256, a token object, private, sensitive, never
 * extractable, for encrypting and decrypting only, and unmodifiable. An existing label is never reused.
 */
export function generateMasterKey(pkcs11: PKCS11, session: Buffer, settings: Pkcs11Settings): void {
  try {
    if (keysLabelled(pkcs11, session, settings.key).length > 0)
      throw setupError(
        `token "${settings.token}" already has a key labelled "${settings.key}": choose another label (a key is never replaced)`,
      );
    pkcs11.C_GenerateKey(session, { mechanism: ck.CKM_AES_KEY_GEN }, [
      { type: ck.CKA_CLASS, value: ck.CKO_SECRET_KEY },
      { type: ck.CKA_KEY_TYPE, value: ck.CKK_AES },
      { type: ck.CKA_VALUE_LEN, value: 32 },
      { type: ck.CKA_LABEL, value: settings.key },
      { type: ck.CKA_TOKEN, value: true },
      { type: ck.CKA_PRIVATE, value: true },
      { type: ck.CKA_SENSITIVE, value: true },
      { type: ck.CKA_EXTRACTABLE, value: false },
      { type: ck.CKA_ENCRYPT, value: true },
      { type: ck.CKA_DECRYPT, value: true },
      { type: ck.CKA_WRAP, value: false },
      { type: ck.CKA_UNWRAP, value: false },
      { type: ck.CKA_SIGN, value: false },
      { type: ck.CKA_VERIFY, value: false },
      { type: ck.CKA_DERIVE, value: false },
      { type: ck.CKA_MODIFIABLE, value: false },
    ]);
  } catch (error) {
    if (error instanceof BankError) throw error;
    throw hsmFailure(`generating ${settings.key} in token "${settings.token}"`, error);
  }
}
