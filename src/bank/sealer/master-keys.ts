import { BankError } from '../errors';
import { ENV } from '../settings';
import { WrongMasterKey, type KeySealer } from './key-sealer';

/** A sealed key as written: the blob and the id of the master key that sealed it. */
export interface Sealed {
  blob: Buffer;
  keyId: string;
}

/** A sealed key as stored: its key id is null when it was written before schema step 4 recorded key ids. */
export interface StoredSealed {
  blob: Buffer;
  keyId: string | null;
}

/** A key opened, and the id of the master key that opened it. */
export interface Opened {
  key: Buffer;
  keyId: string;
}

/** A key sealed under a master key this process was not given. */
export class MissingMasterKey extends BankError {
  constructor(readonly keyId: string) {
    super(
      'config',
      `a stored key is sealed under the master key ${keyId}, which this server does not have: give it that key (current, or in ${ENV.oldMasterKeys} / ${ENV.pkcs11OldKeys})`,
    );
  }
}

/**
 * The master keys of one process: the current one seals; each stored key is opened by the key its
 * key id names. A key stored without a key id (sealed before step 4) opens under whichever of the keys
 * verifies its GCM tag: before key ids there was one master key per database, and a wrong key never
 * passes the tag.
 */
export class MasterKeys {
  private readonly byId = new Map<string, KeySealer>();

  constructor(
    readonly current: KeySealer,
    readonly older: readonly KeySealer[] = [],
  ) {
    for (const sealer of this.all) {
      if (this.byId.has(sealer.keyId)) throw new BankError('config', `the master key ${sealer.keyId} is given twice`);
      this.byId.set(sealer.keyId, sealer);
    }
  }

  get all(): KeySealer[] {
    return [this.current, ...this.older];
  }

  /** The key ids, the current one first. */
  get ids(): string[] {
    return this.all.map((sealer) => sealer.keyId);
  }

  has(keyId: string): boolean {
    return this.byId.has(keyId);
  }

  async seal(label: string, key: Uint8Array): Promise<Sealed> {
    return { blob: await this.current.seal(label, key), keyId: this.current.keyId };
  }

  /** The key and which master key opened it; MissingMasterKey or WrongMasterKey when none does. */
  async open(label: string, stored: StoredSealed): Promise<Opened> {
    if (stored.keyId !== null) {
      const sealer = this.byId.get(stored.keyId);
      if (!sealer) throw new MissingMasterKey(stored.keyId);
      return { key: await sealer.open(label, stored.blob), keyId: sealer.keyId };
    }
    let refusal: WrongMasterKey | undefined;
    for (const sealer of this.all) {
      try {
        return { key: await sealer.open(label, stored.blob), keyId: sealer.keyId };
      } catch (error) {
        if (!(error instanceof WrongMasterKey)) throw error;
        refusal ??= error;
      }
    }
    throw this.older.length
      ? new WrongMasterKey(`none of the master keys ${this.ids.join(', ')} opens the stored key`)
      : (refusal as WrongMasterKey);
  }

  /** Closes every key, the others too when one fails. */
  async close(): Promise<void> {
    const closed = await Promise.allSettled(this.all.map((sealer) => sealer.close()));
    const failed = closed.find((outcome) => outcome.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }
}
