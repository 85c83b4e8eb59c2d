// A SoftHSM2 token in a temporary directory, for the tests, `npm start -- --hsm` and `npm run bench:bank`:
// SoftHSM2 (Debian's softhsm2) stands in for a bank's HSM behind the same PKCS#11 interface.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHsmKey } from '../src/bank/sealer/create-hsm-key';
import type { Pkcs11Settings } from '../src/bank/sealer/sealer-settings';
import { ENV } from '../src/bank/settings';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export class SoftHsmToken {
  readonly dir = mkdtempSync(join(tmpdir(), 'mobipass-softhsm-'));
  readonly config = join(this.dir, 'softhsm2.conf');
  readonly pinFile = join(this.dir, 'user-pin');
  readonly pin = randomBytes(8).toString('hex');
  private readonly previousConfig = process.env.SOFTHSM2_CONF;

  /** Initialises a token with this label in a fresh directory, and points this process's SoftHSM2 at it. */
  constructor(readonly label = 'mobipass-test') {
    mkdirSync(join(this.dir, 'tokens'));
    writeFileSync(
      this.config,
      `directories.tokendir = ${join(this.dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
    );
    writeFileSync(this.pinFile, `${this.pin}\n`, { mode: 0o600 });
    try {
      this.util(
        '--init-token',
        '--free',
        '--label',
        label,
        '--so-pin',
        randomBytes(8).toString('hex'),
        '--pin',
        this.pin,
      );
    } catch (error) {
      rmSync(this.dir, { recursive: true, force: true });
      throw error;
    }
    // The library reads SOFTHSM2_CONF when it is initialised: in this process too, not only in children.
    process.env.SOFTHSM2_CONF = this.config;
  }

  /** Generates a master key in the token, as `mobipass-bank hsm-create-key --label key` does. */
  createKey(key: string): this {
    createHsmKey(this.settings(key));
    return this;
  }

  settings(key: string, sessions = 4): Pkcs11Settings {
    return { module: SOFTHSM_MODULE, token: this.label, key, pin: this.pin, sessions };
  }

  /** What a mobipass-bank process sealing with that key needs in its environment (the PIN in a file). */
  env(key: string): NodeJS.ProcessEnv {
    return {
      SOFTHSM2_CONF: this.config,
      [ENV.pkcs11Module]: SOFTHSM_MODULE,
      [ENV.pkcs11Token]: this.label,
      [ENV.pkcs11Key]: key,
      [ENV.pkcs11PinFile]: this.pinFile,
    };
  }

  /** SoftHSM2's own tool against this token directory. */
  util(...args: string[]): string {
    const run = spawnSync('softhsm2-util', args, {
      env: { ...process.env, SOFTHSM2_CONF: this.config },
      encoding: 'utf8',
    });
    if (run.error)
      throw new Error(`softhsm2-util: ${run.error.message} (Debian: apt-get install softhsm2; .ci/run does)`);
    if (run.status !== 0) throw new Error(`softhsm2-util ${args[0]}: ${run.stderr.trim() || run.stdout.trim()}`);
    return run.stdout;
  }

  /** Deletes the token; every sealer using it must be closed first. */
  remove(): void {
    if (this.previousConfig === undefined) delete process.env.SOFTHSM2_CONF;
    else process.env.SOFTHSM2_CONF = this.previousConfig;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
