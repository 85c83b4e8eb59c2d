import { allHashes } from '../../../src/core/allHashes';
import { signDocument } from '../../../src/core/sign';
import { sealEnvelope, type VaultRecord } from '../../../src/core/vault';
import { DEFAULT_SUITE } from '../../../src/core/phoneSuite';

/** The phone side, through the core's own vault and signing path: activate with the envelope, sign with the PIN. */
export class TestPhone {
  private readonly record: VaultRecord;

  constructor(
    parts: string[],
    readonly pin = '2580',
    suite = DEFAULT_SUITE,
  ) {
    this.record = sealEnvelope(parts, pin, suite, 10);
  }

  sign(documentCode: string, pin = this.pin): string {
    return signDocument(this.record, pin, documentCode, allHashes);
  }
}

/** A signature value of the right shape that is not the right one. */
export function wrongSignature(right: string): string {
  return right.slice(0, -1) + String((Number(right.slice(-1)) + 1) % 10);
}
