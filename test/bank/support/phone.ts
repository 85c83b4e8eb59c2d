import type { IssuedChallenge } from '../../../src/bank/bank';
import { allHashes } from '../../../src/core/allHashes';
import { withCheckDigit } from '../../../src/core/damm';
import { parseOcraSuite } from '../../../src/core/ocra';
import { DEFAULT_SUITE, suiteVersion } from '../../../src/core/phoneSuite';
import { signDocument } from '../../../src/core/sign';
import { sealEnvelope, type VaultRecord } from '../../../src/core/vault';

/** The phone side, through the core's own vault and signing path: activate with the envelope, sign with the PIN. */
export class TestPhone {
  private readonly record: VaultRecord;
  readonly version: 1 | 2;

  constructor(
    parts: string[],
    readonly pin = '2580',
    suite = DEFAULT_SUITE,
  ) {
    this.record = sealEnvelope(parts, pin, suite, 10);
    this.version = suiteVersion(parseOcraSuite(suite, allHashes));
  }

  /** The value for a document code alone (version 1, or version 2 without payment data). */
  sign(documentCode: string, pin = this.pin): string {
    return signDocument(this.record, pin, documentCode, allHashes);
  }

  /** What the customer types back for a challenge: the code and, when the challenge binds it, the payment. */
  answer(challenge: IssuedChallenge, pin = this.pin): string {
    const payment =
      challenge.amount !== undefined ? { amount: challenge.amount, payee: challenge.payeeDigits as string } : undefined;
    return signDocument(this.record, pin, challenge.code, allHashes, payment);
  }

  /** A value for the challenge of the right shape that is not the right one (version 2: a valid check digit, so counted). */
  wrongAnswer(challenge: IssuedChallenge): string {
    return wrongSignature(this.answer(challenge), this.version);
  }
}

/**
 * A signature value of the right shape that is not the right one. Version 2 changes the OCRA value and
 * gives it its check digit: a wrong value, not a typing slip (which would be refused as mistyped).
 */
export function wrongSignature(right: string, version: 1 | 2 = 1): string {
  const last = version === 2 ? right.length - 2 : right.length - 1;
  const changed = right.slice(0, last) + String((Number(right[last]) + 1) % 10);
  return version === 2 ? withCheckDigit(changed) : changed;
}
