import { SoftHsmToken } from '../../../scripts/softhsm';
import { EnvKeySealer } from '../../../src/bank/sealer/env-key-sealer';
import type { KeySealer } from '../../../src/bank/sealer/key-sealer';
import { Pkcs11KeySealer } from '../../../src/bank/sealer/pkcs11-key-sealer';
import { pkcs11KeyId } from '../../../src/bank/sealer/pkcs11-token';
import { TEST_MASTER_KEY } from './bank-fixture';

/** Where a suite's master key lives; the shared suites run once over each. */
export interface Sealing {
  name: string;
  /** In the suite's before(): makes what the sealers need. */
  setUp(): void;
  /** In the suite's after(), once every sealer is closed. */
  tearDown(): void;
  /** The master key the suite seals with. */
  sealer(): Promise<KeySealer>;
  /** Another master key, which must open nothing the first one sealed. */
  otherSealer(): Promise<KeySealer>;
  /** The key id of sealer()'s key. */
  keyId(): string;
}

export const ENV_SEALING: Sealing = {
  name: 'master key in the environment',
  setUp: () => undefined,
  tearDown: () => undefined,
  sealer: async () => new EnvKeySealer(TEST_MASTER_KEY),
  otherSealer: async () => new EnvKeySealer(Buffer.alloc(32, 9)),
  keyId: () => new EnvKeySealer(TEST_MASTER_KEY).keyId,
};

/** Two keys generated in a SoftHSM2 token made in a temporary directory, removed after the suite. */
export class SoftHsmSealing implements Sealing {
  static readonly KEY = 'mobipass-master';
  static readonly OTHER_KEY = 'mobipass-other';
  readonly name = 'master key in SoftHSM2 (PKCS#11)';
  token!: SoftHsmToken;

  setUp(): void {
    this.token = new SoftHsmToken().createKey(SoftHsmSealing.KEY).createKey(SoftHsmSealing.OTHER_KEY);
  }

  tearDown(): void {
    this.token.remove();
  }

  async sealer(): Promise<KeySealer> {
    return Pkcs11KeySealer.open(this.token.settings(SoftHsmSealing.KEY));
  }

  async otherSealer(): Promise<KeySealer> {
    return Pkcs11KeySealer.open(this.token.settings(SoftHsmSealing.OTHER_KEY));
  }

  keyId(): string {
    return pkcs11KeyId(this.token.settings(SoftHsmSealing.KEY));
  }
}

export const SOFTHSM_SEALING = new SoftHsmSealing();

export const SEALINGS: Sealing[] = [ENV_SEALING, SOFTHSM_SEALING];
