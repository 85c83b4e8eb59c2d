import { EnvKeySealer } from './env-key-sealer';
import type { KeySealer } from './key-sealer';
import { Pkcs11KeySealer } from './pkcs11-key-sealer';
import type { SealerSettings } from './sealer-settings';

/** The sealer the settings name, ready to use (for the HSM: logged in, the key found and checked). */
export async function openSealer(settings: SealerSettings): Promise<KeySealer> {
  return settings.kind === 'env' ? new EnvKeySealer(settings.masterKey) : Pkcs11KeySealer.open(settings);
}
