import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
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

/**
 * `mobipass-bank ARGS` in its own process without blocking this one (tests that keep talking to servers
 * meanwhile); `onLine` sees each line of standard output as it comes and may kill the process.
 */
export function startBankCli(
  env: NodeJS.ProcessEnv,
  args: string[],
  onLine: (line: string, child: ChildProcess) => void = () => undefined,
): Promise<Run & { signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [BANK_BIN, ...args], { env, cwd: ROOT });
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() as string;
    for (const line of lines) onLine(line, child);
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
}
