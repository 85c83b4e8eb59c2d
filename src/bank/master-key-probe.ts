import { randomBytes } from 'node:crypto';
import { wipe } from '../core/bytes';
import { BankError } from './errors';
import { WrongMasterKey } from './sealer/key-sealer';
import { MissingMasterKey, type MasterKeys, type Sealed, type StoredSealed } from './sealer/master-keys';
import type { BankStore } from './store/store';

/** The probe's label (its authenticated data), as every sealed key has its customer id. */
export const PROBE_LABEL = 'mobipass master key probe';

/**
 * The database's probe opens under these keys: under the key its key id names (after a rotation, the
 * new key: a server that lacks it is refused), or, for a probe from before key ids, under one of them.
 * Returns the id of the key that opened it.
 */
export async function checkProbe(keys: MasterKeys, probe: StoredSealed | undefined): Promise<string> {
  try {
    const opened = await keys.open(PROBE_LABEL, probe ?? { blob: Buffer.alloc(0), keyId: null });
    wipe(opened.key);
    return opened.keyId;
  } catch (error) {
    if (error instanceof MissingMasterKey)
      throw new BankError(
        'config',
        `this database's master key is ${error.keyId}, which this server does not have (it has ${keys.ids.join(', ')})`,
      );
    if (!(error instanceof WrongMasterKey)) throw error;
    const named = keys.all.find((sealer) => sealer.keyId === probe?.keyId);
    const which = named
      ? `${named.description} is not`
      : keys.older.length
        ? `none of ${keys.ids.join(', ')} is`
        : `${keys.current.description} is not`;
    throw new BankError('config', `${which} the master key this database was created with`);
  }
}

/**
 * At a server's start: a new database gets a probe sealed under the current key; an existing one must
 * open under one of the keys. A probe from before schema step 4 (no key id) gets the id of the key that
 * opened it: the first server after the upgrade learns it so, from the GCM tag. (Customers' keys from
 * before step 4 are opened the same way until rotate-master-key records their ids.)
 */
export async function openProbe(store: BankStore, keys: MasterKeys): Promise<Sealed> {
  const probe = await store.masterKeyProbe(await keys.seal(PROBE_LABEL, randomBytes(32)));
  const keyId = await checkProbe(keys, probe);
  // Conditional on the probe as read: if another server or a rotation changed it meanwhile, theirs stands.
  if (probe.keyId === null) await store.replaceProbe(probe.blob, { blob: probe.blob, keyId });
  return { blob: probe.blob, keyId };
}
