import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readBankConfig } from '../../../src/app/build/bankConfig';
import type { BankConfig } from '../../../src/app/bankSettings';
import type { Bank } from '../../../src/bank/bank';
import { DemoServer } from '../../../src/bank/http/demo-server';
import { signingOf } from '../../../src/bank/settings';
import { TempDatabase, openBank } from './bank-fixture';

const ROOT = join(__dirname, '..', '..', '..');
export const DIST = join(ROOT, 'dist');

/**
 * The `npm start` server over a temp database, with the suite, payment setting and default language the
 * app was built with: dist/ and the build's config, or another build's folder and the config it was built with.
 */
export class DemoFixture {
  readonly db = new TempDatabase();
  bank!: Bank;
  server!: DemoServer;
  /** The bank's origin: landing page, demo bank, API. */
  address = '';
  /** The phone's origin: emulator and app. */
  phoneAddress = '';

  constructor(
    readonly config: BankConfig = readBankConfig().config,
    private readonly distDir = DIST,
  ) {}

  async start(): Promise<this> {
    if (
      !existsSync(join(this.distDir, 'app', 'index.html')) ||
      !existsSync(join(this.distDir, 'emulator', 'index.html'))
    ) {
      throw new Error(`${this.distDir}/app or emulator is missing: run \`npm run build\` first (npm test does)`);
    }
    this.bank = await openBank(this.db.file, signingOf(this.config));
    this.server = await DemoServer.create({
      bank: this.bank,
      apiTokens: [{ name: 'demo', token: 'demo-test-token-0123456789abcdef012345' }],
      distDir: this.distDir,
      defaultLanguage: this.config.defaultLanguage,
      payment: this.config.payment,
    });
    const addresses = await this.server.listen('127.0.0.1', 0, 0);
    this.address = addresses.bank;
    this.phoneAddress = addresses.phone;
    return this;
  }

  async stop(): Promise<void> {
    await this.server.close();
    await this.bank.close();
    this.db.cleanup();
  }
}
