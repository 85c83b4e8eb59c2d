import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const BANK_BIN = join(ROOT, 'bin', 'mobipass-bank.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `mobipass-bank ARGS` in its own process, with this environment. */
export function runBankCli(env: NodeJS.ProcessEnv, ...args: string[]): Run {
  const run = spawnSync(process.execPath, [BANK_BIN, ...args], { env, encoding: 'utf8', cwd: ROOT });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function expectOneLineRefusal(run: Run, status: number, message: string): void {
  expect(run.status).to.equal(status);
  expect(run.stdout).to.equal('');
  expect(run.stderr).to.equal(`mobipass-bank: ${message}\n`);
}
