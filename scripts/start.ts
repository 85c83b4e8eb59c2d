// `npm start`: ONE demo server on 127.0.0.1 — the bank API, the demo bank page, the built phone app
// and its emulator, and a landing page with phone and bank side by side. DEMO ONLY: a throwaway
// master key and token, and a SQLite file in a temp directory that is removed on exit.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBankConfig } from '../src/app/build/bankConfig';
import { Bank } from '../src/bank/bank';
import { createDemoServer } from '../src/bank/http/demo-server';
import { listenClearly } from '../src/bank/http/listen';
import { portSetting } from '../src/bank/settings';
import { openStore } from '../src/bank/store/open-store';

const ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const port = portSetting(process.env.PORT, 8080);
  const distDir = join(ROOT, 'dist');
  if (!existsSync(join(distDir, 'app', 'index.html')))
    console.warn('dist/app is missing: run `npm run build` (npm start does) to see the phone.');
  const dataDir = mkdtempSync(join(tmpdir(), 'mobipass-demo-'));
  const bank = await Bank.open({
    store: await openStore(
      { kind: 'sqlite', file: join(dataDir, 'demo-bank.sqlite'), durability: 'full' },
      { exclusive: true },
    ),
    masterKey: randomBytes(32),
    suite: readBankConfig().config.suite,
  });
  bank.keepPurging();
  const app = await createDemoServer({
    bank,
    apiTokens: [{ name: 'demo', token: randomBytes(32).toString('hex') }],
    distDir,
  });
  const stop = async () => {
    await app.close();
    await bank.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await listenClearly(app, '127.0.0.1', port);
  } catch (error) {
    await bank.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const address = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  console.log(`MobiPass demo (demo only: throwaway keys, data in ${dataDir}, removed on exit)`);
  console.log(`  Open ${address}/  — phone emulator and demo bank side by side`);
  console.log(`  Phone alone: ${address}/emulator/   Bank alone: ${address}/bank/`);
  console.log('  Ctrl+C stops.');
}

main().catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
