import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bank, type BankOptions } from '../../../src/bank/bank';
import { EnvKeySealer } from '../../../src/bank/sealer/env-key-sealer';
import type { KeySealer } from '../../../src/bank/sealer/key-sealer';
import { MasterKeys } from '../../../src/bank/sealer/master-keys';
import { SqliteStore } from '../../../src/bank/store/sqlite-store';

export const TEST_MASTER_KEY_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
export const TEST_MASTER_KEY = Buffer.from(TEST_MASTER_KEY_HEX, 'hex');

/** The test master key alone, as a server given only MOBIPASS_MASTER_KEY has it. */
export const testMasterKeys = (): MasterKeys => new MasterKeys(new EnvKeySealer(TEST_MASTER_KEY));

/** A temp directory with a SQLite file in it, removed by cleanup(). */
export class TempDatabase {
  readonly dir = mkdtempSync(join(tmpdir(), 'mobipass-bank-test-'));
  readonly file = join(this.dir, 'bank.sqlite');

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public time = Date.UTC(2026, 0, 1)) {}

  readonly now = (): number => this.time;

  advance(ms: number): void {
    this.time += ms;
  }
}

/** Who acts in the audit trail of tests that call the Bank directly. */
export const TEST_ACTOR = 'test';

/** Options of a test's bank: `sealer` alone is short for the keys of a server with that one master key. */
export type TestBankOptions = Partial<BankOptions> & { sealer?: KeySealer };

/** A bank over the file, sealing under the test master key unless options name other keys. */
export function openBank(file: string, options: TestBankOptions = {}): Promise<Bank> {
  const { sealer, ...rest } = options;
  return Bank.open({
    store: new SqliteStore(file),
    instance: 'test-instance',
    ...rest,
    keys: options.keys ?? (sealer ? new MasterKeys(sealer) : testMasterKeys()),
  });
}
