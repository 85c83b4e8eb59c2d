import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readBankConfig } from '../../../src/app/build/bankConfig';
import type { Bank } from '../../../src/bank/bank';
import { DemoServer } from '../../../src/bank/http/demo-server';
import { TempDatabase, openBank } from './bank-fixture';

const ROOT = join(__dirname, '..', '..', '..');
export const DIST = join(ROOT, 'dist');

/** The `npm start` server over a temp database, with the suite and default language the app was built with. */
export class DemoFixture {
  readonly db = new TempDatabase();
  bank!: Bank;
  server!: DemoServer;
  /** The bank's origin: landing page, demo bank, API. */
  address = '';
  /** The phone's origin: emulator and app. */
  phoneAddress = '';

  async start(): Promise<this> {
    if (!existsSync(join(DIST, 'app', 'index.html')) || !existsSync(join(DIST, 'emulator', 'index.html'))) {
      throw new Error('dist/app or dist/emulator is missing: run `npm run build` first (npm test does)');
    }
    const { config } = readBankConfig();
    this.bank = await openBank(this.db.file, { suite: config.suite });
    this.server = await DemoServer.create({
      bank: this.bank,
      apiTokens: [{ name: 'demo', token: 'demo-test-token-0123456789abcdef012345' }],
      distDir: DIST,
      defaultLanguage: config.defaultLanguage,
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
