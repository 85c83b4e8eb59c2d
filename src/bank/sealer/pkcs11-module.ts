import { CKF_OS_LOCKING_OK, PKCS11, Pkcs11Error } from 'pkcs11js';
import { BankError } from '../errors';
import { ENV } from '../settings';

interface Loaded {
  pkcs11: PKCS11;
  users: number;
}

/**
 * A PKCS#11 library may be initialised once per process, and several master keys (phase 2: rotation)
 * may live in one HSM: each library is loaded and initialised once, and finalised when its last user
 * is done.
 */
const loaded = new Map<string, Loaded>();

export function useModule(path: string): PKCS11 {
  let entry = loaded.get(path);
  if (!entry) {
    const pkcs11 = new PKCS11();
    try {
      pkcs11.load(path);
    } catch (error) {
      throw new BankError(
        'config',
        `cannot load the PKCS#11 library ${path} (${ENV.pkcs11Module}): ${firstLine(error)}`,
      );
    }
    try {
      // Operations run on libuv's worker threads: the library must lock for itself.
      pkcs11.C_Initialize({ flags: CKF_OS_LOCKING_OK });
    } catch (error) {
      pkcs11.close();
      throw hsmFailure(`initialising the PKCS#11 library ${path}`, error);
    }
    entry = { pkcs11, users: 0 };
    loaded.set(path, entry);
  }
  entry.users++;
  return entry.pkcs11;
}

export function releaseModule(path: string): void {
  const entry = loaded.get(path);
  if (!entry || --entry.users > 0) return;
  loaded.delete(path);
  try {
    entry.pkcs11.C_Finalize();
  } finally {
    entry.pkcs11.close();
  }
}

/** The CKR_… name of a PKCS#11 error, undefined for any other error. */
export function returnValue(error: unknown): string | undefined {
  return error instanceof Pkcs11Error ? error.message : undefined;
}

/** Any other failure of the HSM, as one line that names what was being done and the token's answer. */
export function hsmFailure(doing: string, error: unknown): BankError {
  return new BankError('config', `the HSM failed ${doing}: ${returnValue(error) ?? firstLine(error)}`);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
