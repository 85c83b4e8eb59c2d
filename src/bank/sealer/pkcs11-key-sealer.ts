import { randomBytes } from 'node:crypto';
import * as ck from 'pkcs11js';
import type { Mechanism, PKCS11 } from 'pkcs11js';
import { BankError } from '../errors';
import { blobParts, IV_BYTES, sealedBlob, TAG_BYTES, WrongMasterKey, type KeySealer } from './key-sealer';
import { hsmFailure, releaseModule, returnValue, useModule } from './pkcs11-module';
import { pkcs11KeyId, tokenSlot } from './pkcs11-token';
import type { Pkcs11Settings } from './sealer-settings';
import { TokenSessions } from './token-sessions';

/**
 * What tokens answer when a GCM tag does not verify: CKR_ENCRYPTED_DATA_INVALID (PKCS#11 2.40),
 * CKR_AEAD_DECRYPT_FAILED (3.0), and SoftHSM2's CKR_GENERAL_ERROR.
 */
const TAG_REFUSED = new Set([
  'CKR_ENCRYPTED_DATA_INVALID',
  'CKR_ENCRYPTED_DATA_LEN_RANGE',
  'CKR_AEAD_DECRYPT_FAILED',
  'CKR_GENERAL_ERROR',
]);

/** AES-256-GCM as PKCS#11 2.40 defines its parameters (with the IV's length in bits, which some tokens read). */
function gcm(iv: Buffer, label: string): Mechanism {
  return {
    mechanism: ck.CKM_AES_GCM,
    parameter: {
      type: ck.CK_PARAMS_AES_GCM_v240,
      iv,
      ivBits: IV_BYTES * 8,
      aad: Buffer.from(label, 'utf8'),
      tagBits: TAG_BYTES * 8,
    } as ck.AesGCM,
  };
}

/**
 * The master key in an HSM, through its PKCS#11 library: AES-256-GCM runs inside the token, on libuv's
 * worker threads (a network HSM's round trip never blocks the event loop), one operation per session.
 */
export class Pkcs11KeySealer implements KeySealer {
  readonly keyId: string;
  readonly description: string;
  private closing?: Promise<void>;

  private constructor(
    private readonly settings: Pkcs11Settings,
    private readonly pkcs11: PKCS11,
    private readonly sessions: TokenSessions,
  ) {
    this.keyId = pkcs11KeyId(settings);
    this.description = `the HSM key ${this.keyId}`;
  }

  /** Logs in and checks the key; any problem is one line (no token, wrong PIN, no key, an extractable key). */
  static open(settings: Pkcs11Settings): Pkcs11KeySealer {
    const pkcs11 = useModule(settings.module);
    try {
      return new Pkcs11KeySealer(settings, pkcs11, new TokenSessions(pkcs11, tokenSlot(pkcs11, settings), settings));
    } catch (error) {
      releaseModule(settings.module);
      throw error;
    }
  }

  async seal(label: string, key: Uint8Array): Promise<Buffer> {
    const iv = randomBytes(IV_BYTES);
    const plain = Buffer.from(key);
    try {
      const sealed = await this.sessions.use((session) => {
        this.pkcs11.C_EncryptInit(session.handle, gcm(iv, label), session.key);
        return this.pkcs11.C_EncryptAsync(session.handle, plain, Buffer.alloc(plain.length + TAG_BYTES));
      });
      const tagAt = sealed.length - TAG_BYTES;
      return sealedBlob(iv, sealed.subarray(tagAt), sealed.subarray(0, tagAt));
    } catch (error) {
      throw error instanceof BankError ? error : hsmFailure(`sealing with ${this.keyId}`, error);
    } finally {
      plain.fill(0);
    }
  }

  async open(label: string, sealed: Uint8Array): Promise<Buffer> {
    const parts = blobParts(sealed);
    if (!parts) throw this.wrongKey('too short');
    const input = Buffer.concat([parts.body, parts.tag]);
    // Room for the tag too: tokens (SoftHSM2 among them) ask for as much output as input.
    const output = Buffer.alloc(input.length);
    try {
      const key = await this.sessions.use((session) => {
        this.pkcs11.C_DecryptInit(session.handle, gcm(parts.iv, label), session.key);
        return this.pkcs11.C_DecryptAsync(session.handle, input, output).catch((error: unknown) => {
          const answer = returnValue(error);
          throw answer && TAG_REFUSED.has(answer) ? this.wrongKey(answer) : error;
        });
      });
      output.fill(0, key.length);
      return key;
    } catch (error) {
      output.fill(0);
      throw error instanceof BankError ? error : hsmFailure(`opening a key with ${this.keyId}`, error);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.sessions.close().then(() => releaseModule(this.settings.module));
    return this.closing;
  }

  private wrongKey(answer: string): WrongMasterKey {
    return new WrongMasterKey(
      `${this.description} does not open the stored key (${answer}): is it the one this database was made with?`,
    );
  }
}
