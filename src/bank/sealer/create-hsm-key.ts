import { releaseModule, useModule } from './pkcs11-module';
import { closeQuietly, generateMasterKey, masterKeyHandle, pkcs11KeyId, tokenSlot, userSession } from './pkcs11-token';
import type { Pkcs11Settings } from './sealer-settings';

/** `mobipass-bank hsm-create-key`: generates the master key inside the token; returns its key id. */
export function createHsmKey(settings: Pkcs11Settings): string {
  const pkcs11 = useModule(settings.module);
  try {
    const session = userSession(pkcs11, tokenSlot(pkcs11, settings), settings, true);
    try {
      generateMasterKey(pkcs11, session, settings);
      masterKeyHandle(pkcs11, session, settings); // the same checks the server makes at start
    } finally {
      closeQuietly(pkcs11, session);
    }
  } finally {
    releaseModule(settings.module);
  }
  return pkcs11KeyId(settings);
}
