import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bank } from '../../../src/bank/bank';
import { createDemoServer } from '../../../src/bank/http/demo-server';
import { TempDatabase, openBank } from './bank-fixture';

const ROOT = join(__dirname, '..', '..', '..');
export const DIST = join(ROOT, 'dist');

/** The `npm start` server over a temp database, with the suite the app was built for. */
export class DemoFixture {
  readonly db = new TempDatabase();
  bank!: Bank;
  app!: FastifyInstance;
  address = '';

  async start(): Promise<this> {
    if (!existsSync(join(DIST, 'app', 'index.html')) || !existsSync(join(DIST, 'emulator', 'index.html'))) {
      throw new Error('dist/app or dist/emulator is missing: run `npm run build` first (npm test does)');
    }
    const { suite } = JSON.parse(readFileSync(join(ROOT, 'src/app/bank.config.json'), 'utf8')) as { suite: string };
    this.bank = await openBank(this.db.file, { suite });
    this.app = await createDemoServer({
      bank: this.bank,
      apiTokens: [{ name: 'demo', token: 'demo-test-token-0123456789abcdef012345' }],
      distDir: DIST,
    });
    this.address = await this.app.listen({ host: '127.0.0.1', port: 0 });
    return this;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.bank.close();
    this.db.cleanup();
  }
}
