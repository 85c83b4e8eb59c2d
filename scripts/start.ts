// `npm start`: the demo server on 127.0.0.1 — the bank API, the demo bank page and a landing page with
// phone and bank side by side on PORT (8080); the built phone app and its emulator on their own origin,
// PHONE_PORT (PORT + 1). DEMO ONLY: a throwaway master key and token, and a SQLite file in a temp
// directory that is removed on exit.
// `npm start -- --hsm`: the master key is generated in a SoftHSM2 token made in a temp directory
// (removed on exit too), and every seal and unseal goes through PKCS#11 as with a bank's HSM.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBankConfig } from '../src/app/build/bankConfig';
import { Bank } from '../src/bank/bank';
import { DemoServer } from '../src/bank/http/demo-server';
import { MasterKeys } from '../src/bank/sealer/master-keys';
import { openSealer } from '../src/bank/sealer/open-sealer';
import { portSetting, signingOf } from '../src/bank/settings';
import { openStore } from '../src/bank/store/open-store';
import { SoftHsmToken } from './softhsm';

const ROOT = join(__dirname, '..');
const DEMO_KEY = 'mobipass-demo-master';

async function main(): Promise<void> {
  const port = portSetting(process.env.PORT, 8080);
  const phonePort = portSetting(process.env.PHONE_PORT, port === 0 ? 0 : port + 1);
  const distDir = join(ROOT, 'dist');
  if (!existsSync(join(distDir, 'app', 'index.html')))
    console.warn('dist/app is missing: run `npm run build` (npm start does) to see the phone.');
  const { config } = readBankConfig();
  const dataDir = mkdtempSync(join(tmpdir(), 'mobipass-demo-'));
  const hsm = process.argv.includes('--hsm') ? new SoftHsmToken('mobipass-demo').createKey(DEMO_KEY) : undefined;
  const removeData = () => {
    rmSync(dataDir, { recursive: true, force: true });
    hsm?.remove();
  };
  const keys = new MasterKeys(
    await openSealer(hsm ? { kind: 'pkcs11', ...hsm.settings(DEMO_KEY) } : { kind: 'env', masterKey: randomBytes(32) }),
  );
  const bank = await Bank.open({
    store: await openStore(
      { kind: 'sqlite', file: join(dataDir, 'demo-bank.sqlite'), durability: 'full' },
      { exclusive: true },
    ),
    keys,
    ...signingOf(config),
  });
  bank.keepPurging();
  const demo = await DemoServer.create({
    bank,
    apiTokens: [{ name: 'demo', token: randomBytes(32).toString('hex') }],
    distDir,
    defaultLanguage: config.defaultLanguage,
    payment: config.payment,
  });
  const stop = async () => {
    await demo.close();
    await bank.close();
    removeData();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let addresses: { bank: string; phone: string };
  try {
    addresses = await demo.listen('127.0.0.1', port, phonePort);
  } catch (error) {
    await bank.close();
    removeData();
    throw error;
  }
  console.log(`MobiPass demo (demo only: throwaway keys, data in ${dataDir}, removed on exit)`);
  if (hsm)
    console.log(`  Master key ${keys.current.keyId}: generated in a SoftHSM2 token in ${hsm.dir}, removed on exit`);
  console.log(`  Open ${addresses.bank}/  — phone emulator and demo bank side by side`);
  console.log(`  Phone alone: ${addresses.phone}/emulator/   Bank alone: ${addresses.bank}/bank/`);
  console.log('  Ctrl+C stops.');
}

main().catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
