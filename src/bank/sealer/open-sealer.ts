import { EnvKeySealer } from './env-key-sealer';
import type { KeySealer } from './key-sealer';
import { MasterKeys } from './master-keys';
import { Pkcs11KeySealer } from './pkcs11-key-sealer';
import type { KeySetting, SealerSettings } from './sealer-settings';

/** The sealer the setting names, ready to use (for the HSM: logged in, the key found and checked). */
export async function openSealer(setting: KeySetting): Promise<KeySealer> {
  return setting.kind === 'env' ? new EnvKeySealer(setting.masterKey) : Pkcs11KeySealer.open(setting);
}

/** Every master key the settings name, each checked; if one cannot be opened, those already open are closed. */
export async function openMasterKeys(settings: SealerSettings): Promise<MasterKeys> {
  const opened: KeySealer[] = [];
  try {
    for (const setting of [settings.current, ...settings.older]) opened.push(await openSealer(setting));
    return new MasterKeys(opened[0], opened.slice(1));
  } catch (error) {
    await Promise.allSettled(opened.map((sealer) => sealer.close()));
    throw error;
  }
}
