// `npm run openapi`: writes docs/openapi.json, the API description the server generates from its routes'
// schemas and serves at GET /openapi.json (test/bank/openapi.test.ts checks the two are equal).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { Bank } from '../src/bank/bank';
import { createBankServer } from '../src/bank/http/server';
import { EnvKeySealer } from '../src/bank/sealer/env-key-sealer';
import { MasterKeys } from '../src/bank/sealer/master-keys';
import { SqliteStore } from '../src/bank/store/sqlite-store';

export const OPENAPI_FILE = join(__dirname, '..', 'docs', 'openapi.json');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mobipass-openapi-'));
  try {
    const keys = new MasterKeys(new EnvKeySealer(randomBytes(32)));
    const bank = await Bank.open({ store: new SqliteStore(join(dir, 'bank.sqlite')), keys });
    const app = await createBankServer({
      bank,
      apiTokens: [{ name: 'openapi', token: randomBytes(32).toString('hex') }],
    });
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).body;
    await app.close();
    await bank.close();
    const options = { ...(await resolveConfig(OPENAPI_FILE)), parser: 'json' };
    writeFileSync(OPENAPI_FILE, await format(document, options));
    console.log(`wrote ${OPENAPI_FILE}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`npm run openapi: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
