import { expect } from 'chai';
import { SoftHsmToken } from '../../scripts/softhsm';
import type { IssuedChallenge } from '../../src/bank/bank';
import { EnvKeySealer } from '../../src/bank/sealer/env-key-sealer';
import type { AuditRecord, MasterKeyCount } from '../../src/bank/store/store';
import { sharedPostgres } from '../support/postgres-cluster';
import { startBankCli } from './support/bank-cli';
import { TEST_MASTER_KEY, TEST_MASTER_KEY_HEX, TempDatabase } from './support/bank-fixture';
import { configPhone, PAYMENT } from './support/payment';
import type { TestPhone } from './support/phone';
import { ServeProcess } from './support/serve';
import { VerificationStream } from './support/verification-stream';

const CUSTOMERS = 60;
const ENV_KEY_ID = new EnvKeySealer(TEST_MASTER_KEY).keyId;
/** Small batches with a pause between them: the rotation lasts long enough for many verifications to overlap it. */
const SLOW_ROTATION = ['--batch', '5', '--pause-ms', '40'];

async function issueCustomers(servers: ServeProcess[]): Promise<Map<string, TestPhone>> {
  const phones = new Map<string, TestPhone>();
  for (let i = 0; i < CUSTOMERS; i++) {
    const reply = await servers[i % servers.length].post('issue', { user: `customer-${i}` });
    expect(reply.status).to.equal(200);
    phones.set(`customer-${i}`, configPhone(((await reply.json()) as { parts: string[] }).parts));
  }
  return phones;
}

/** What rotate-master-key --check --json says: the probe's key id and the customers' keys per master key. */
async function check(
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; probeKeyId: string; counts: MasterKeyCount[] }> {
  const run = await startBankCli(env, ['rotate-master-key', '--check', '--json']);
  expect(run.stderr).to.equal('');
  return { status: run.status, ...(JSON.parse(run.stdout) as { probeKeyId: string; counts: MasterKeyCount[] }) };
}

/** Every customer's audit trail has exactly one `reseal` record, from `from` to `to` (or none if re-issued under `to`). */
async function expectOneResealEach(
  server: ServeProcess,
  stream: VerificationStream,
  from: string,
  to: string,
): Promise<void> {
  let resealed = 0;
  for (const user of stream.phones.keys()) {
    const { records } = (await (await server.post('audit', { user })).json()) as { records: AuditRecord[] };
    const reseals = records.filter((record) => record.event === 'reseal');
    const issuedUnderNew = records.some((record) => record.event === 'issue' && record.masterKeyId === to);
    expect(reseals.length, user).to.be.at.most(1);
    if (!issuedUnderNew) expect(reseals.length, `${user}: moved once`).to.equal(1);
    for (const record of reseals)
      expect(record).to.include({ masterKeyId: to, previousMasterKeyId: from, actor: 'cli' });
    resealed += reseals.length;
  }
  expect(resealed).to.be.greaterThan(CUSTOMERS / 2);
}

async function verifyEach(server: ServeProcess, phones: Map<string, TestPhone>): Promise<void> {
  for (const [user, phone] of phones) {
    const challenge = (await (
      await server.post('challenge', { user, documentId: 'after', ...PAYMENT })
    ).json()) as IssuedChallenge;
    const reply = await server.post('verify', {
      user,
      challengeId: challenge.challengeId,
      signature: phone.answer(challenge),
    });
    expect(await reply.json(), user).to.deep.equal({ result: 'accepted' });
  }
}

/** The stream lost nothing, and a fair share of it ran while the rotation did. */
function expectNothingLost(
  stream: VerificationStream,
  outcomes: { result: string }[],
  rotating: [number, number],
): void {
  const failed = outcomes.filter((outcome) => outcome.result !== 'accepted');
  expect(failed, JSON.stringify(failed.slice(0, 5))).to.deep.equal([]);
  expect(stream.within(...rotating).length, 'verifications during the rotation').to.be.greaterThan(30);
}

describe('rotate-master-key while servers verify (real processes, SoftHSM2, SQLite and PostgreSQL)', function () {
  this.timeout(120000);
  const OLD_HSM_KEY = 'master-2025';
  const NEW_HSM_KEY = 'master-2026';
  let token: SoftHsmToken;
  const servers: ServeProcess[] = [];
  const serve = async (database: string, env: NodeJS.ProcessEnv) => {
    const server = await ServeProcess.start(database, env);
    servers.push(server);
    return server;
  };

  before(() => (token = new SoftHsmToken('mobipass-rotation').createKey(OLD_HSM_KEY).createKey(NEW_HSM_KEY)));
  after(() => token.remove());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.child.exitCode === null && server.stop()));
  });

  it('SQLite, environment key → HSM: serve answers every verification while the rotation runs, is killed -9 mid-way and run again; the environment key is then retired', async () => {
    const db = new TempDatabase();
    try {
      const shared = { MOBIPASS_SQLITE_LOCKING: 'shared', MOBIPASS_INSTANCE: 'bank-a' };
      let server = await serve(db.file, shared);
      const phones = await issueCustomers([server]);

      const hsmId = `pkcs11:${token.label}/${NEW_HSM_KEY}`;
      const hsmKeys = {
        ...token.env(NEW_HSM_KEY),
        MOBIPASS_MASTER_KEY: '',
        MOBIPASS_OLD_MASTER_KEYS: TEST_MASTER_KEY_HEX,
      };
      const tool = { ...process.env, ...hsmKeys, MOBIPASS_DB: db.file, MOBIPASS_INSTANCE: 'rotation' };
      const early = await startBankCli(tool, ['rotate-master-key']);
      expect([early.status, early.stderr]).to.deep.equal([
        5,
        `mobipass-bank: running servers do not have the master key ${hsmId}: bank-a: give every server the new key first (docs/DEPLOY.md, «Rotating the master key»)\n`,
      ]);

      // The one server learns the new key (current) and keeps the old one: one restart.
      await server.stop();
      server = await serve(db.file, { ...shared, ...hsmKeys });
      const stream = new VerificationStream([server], phones, 6, { every: 7, atMost: 10 });
      const started = performance.now();
      const killed = await startBankCli(tool, ['rotate-master-key', ...SLOW_ROTATION], (line, child) => {
        if (line.startsWith('batch 3:')) child.kill('SIGKILL');
      });
      expect(killed.signal).to.equal('SIGKILL');
      expect(killed.stdout).to.match(/^the master-key probe moved from env:[0-9a-f]{16} to pkcs11:/);
      const halfway = await check(tool);
      expect(halfway.status, 'two keys in use').to.equal(1);
      expect(halfway.probeKeyId).to.equal(hsmId);
      expect(halfway.counts.map((count) => count.keyId).sort()).to.deep.equal([ENV_KEY_ID, hsmId]);
      const earlyRetire = await startBankCli(tool, ['rotate-master-key', '--retire', ENV_KEY_ID]);
      expect(earlyRetire.status).to.equal(1);
      const stillUnder = halfway.counts.find((count) => count.keyId === ENV_KEY_ID)?.customers as number;
      expect(earlyRetire.stdout).to.match(
        new RegExp(
          `^cannot retire ${ENV_KEY_ID}: \\d+ customers' keys are sealed under it: run rotate-master-key first\\n$`,
        ),
      );
      expect(Number(/: (\d+) customers/.exec(earlyRetire.stdout)?.[1])).to.be.at.most(stillUnder);

      const resumed = await startBankCli(tool, ['rotate-master-key', ...SLOW_ROTATION]);
      const ended = performance.now();
      expect([resumed.status, resumed.stderr]).to.deep.equal([0, '']);
      expect(resumed.stdout).not.to.include('probe', 'the probe moved in the first run');
      expect(resumed.stdout).to.include(`customers' keys by master key: ${hsmId} ${CUSTOMERS}\n`);
      expect(resumed.stdout).to.include(`${ENV_KEY_ID}: nothing is sealed under it any more`);
      const outcomes = await stream.stop();
      expectNothingLost(stream, outcomes, [started, ended]);
      expect(stream.reissued).to.be.greaterThan(0);
      await expectOneResealEach(server, stream, ENV_KEY_ID, hsmId);
      expect(await check(tool)).to.deep.include({
        status: 0,
        probeKeyId: hsmId,
        counts: [{ keyId: hsmId, customers: CUSTOMERS }],
      });

      const retired = await startBankCli(tool, ['rotate-master-key', '--retire', ENV_KEY_ID]);
      expect([retired.status, retired.stdout]).to.deep.equal([
        0,
        `retired ${ENV_KEY_ID}: nothing is sealed under it; no server may seal with it from now on. Take it from every server's settings; destroy it once no backup you may restore needs it\n`,
      ]);
      // The old key leaves the server: every customer verifies through the HSM alone.
      await server.stop();
      server = await serve(db.file, { ...shared, ...token.env(NEW_HSM_KEY), MOBIPASS_MASTER_KEY: '' });
      await verifyEach(server, stream.phones);
      const refused = await ServeProcess.start(db.file, shared).catch((error: Error) => error.message);
      expect(refused).to.include(
        `this database's master key is ${hsmId}, which this server does not have (it has ${ENV_KEY_ID})`,
      );
    } finally {
      await Promise.all(servers.splice(0).map((server) => server.child.exitCode === null && server.stop()));
      db.cleanup();
    }
  });

  it('PostgreSQL, HSM key → new HSM key: two serve processes answer every verification while the rotation runs; the old key is retired and refused as a current key', async () => {
    const database = await (await sharedPostgres()).createDatabase();
    const oldKeys = { ...token.env(OLD_HSM_KEY), MOBIPASS_MASTER_KEY: '' };
    const newKeys = { ...token.env(NEW_HSM_KEY), MOBIPASS_PKCS11_OLD_KEYS: OLD_HSM_KEY, MOBIPASS_MASTER_KEY: '' };
    const instances = ['bank-a', 'bank-b'];
    let pair = await Promise.all(instances.map((name) => serve(database, { ...oldKeys, MOBIPASS_INSTANCE: name })));
    const phones = await issueCustomers(pair);
    const oldId = `pkcs11:${token.label}/${OLD_HSM_KEY}`;
    const newId = `pkcs11:${token.label}/${NEW_HSM_KEY}`;
    const tool = { ...process.env, ...newKeys, MOBIPASS_DB: database, MOBIPASS_INSTANCE: 'rotation' };
    const early = await startBankCli(tool, ['rotate-master-key']);
    expect(early.stderr).to.equal(
      `mobipass-bank: running servers do not have the master key ${newId}: bank-a, bank-b: give every server the new key first (docs/DEPLOY.md, «Rotating the master key»)\n`,
    );

    await Promise.all(pair.map((server) => server.stop()));
    pair = await Promise.all(instances.map((name) => serve(database, { ...newKeys, MOBIPASS_INSTANCE: name })));
    const stream = new VerificationStream(pair, phones, 8, { every: 9, atMost: 10 });
    const started = performance.now();
    const run = await startBankCli(tool, ['rotate-master-key', ...SLOW_ROTATION, '--json']);
    const ended = performance.now();
    expect([run.status, run.stderr]).to.deep.equal([0, '']);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { [field: string]: unknown });
    expect(lines[0]).to.deep.equal({ probe: { from: oldId, to: newId } });
    expect(lines.filter((line) => 'batch' in line).length).to.be.greaterThan(5);
    expect(lines[lines.length - 1]).to.deep.include({
      currentKeyId: newId,
      counts: [{ keyId: newId, customers: CUSTOMERS }],
    });
    const outcomes = await stream.stop();
    expectNothingLost(stream, outcomes, [started, ended]);
    await expectOneResealEach(pair[0], stream, oldId, newId);

    const retired = await startBankCli(tool, ['rotate-master-key', '--retire', oldId]);
    expect(retired.status).to.equal(0);
    const refused = await ServeProcess.start(database, { ...oldKeys, MOBIPASS_PKCS11_OLD_KEYS: NEW_HSM_KEY }).catch(
      (error: Error) => error.message,
    );
    expect(refused).to.match(new RegExp(`the current master key ${oldId} was retired on \\d{4}-`));
  });
});
