// `npm run bench:bank`: real signature verifications per second over HTTP, and p50/p99 latency, with
// autocannon against POST /api/verify, next to a plain fastify hello-world measured in the same run.
//
// What is measured, honestly: every request is a full, successful verification — customer and
// challenge read in one query, K unsealed with AES-256-GCM, OCRA recomputed, constant-time compare,
// the challenge consumed, the failure count reset and the audit record written in one transaction.
// Each request answers its own pre-created challenge with the right value, and the run fails unless
// every answer was "accepted" (a replayed or refused request would be cheaper and flatter the figure).
// Servers run in child processes; SQLite (both durability settings), PostgreSQL with one instance and
// with two instances on one database (a throwaway cluster, default durable settings), side by side.
// The master key is either in memory (MOBIPASS_MASTER_KEY) or in a SoftHSM2 token made for the run
// (PKCS#11: every unseal is AES-256-GCM inside the token, on libuv's worker threads).
// Last, the speed of rotate-master-key (keys re-sealed per second) into a new key in memory and into SoftHSM2.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result as LoadResult } from 'autocannon';
import Fastify from 'fastify';
import { activationKey } from '../src/core/activation';
import { allHashes } from '../src/core/allHashes';
import { hmac } from '../src/core/hmac';
import { ocra, parseOcraSuite } from '../src/core/ocra';
import { Bank } from '../src/bank/bank';
import { DEFAULT_SUITE } from '../src/core/phoneSuite';
import { createBankServer } from '../src/bank/http/server';
import { EnvKeySealer } from '../src/bank/sealer/env-key-sealer';
import type { KeySealer } from '../src/bank/sealer/key-sealer';
import { MasterKeys } from '../src/bank/sealer/master-keys';
import { openMasterKeys } from '../src/bank/sealer/open-sealer';
import { Pkcs11KeySealer } from '../src/bank/sealer/pkcs11-key-sealer';
import { sealerSettings } from '../src/bank/sealer/sealer-settings';
import type { DatabaseSetting } from '../src/bank/settings';
import { rotateMasterKey } from '../src/bank/rotation/master-key-rotation';
import { openStore } from '../src/bank/store/open-store';
import { PostgresCluster } from '../test/support/postgres-cluster';
import { median } from './median';
import { SoftHsmToken } from './softhsm';

const CUSTOMERS = 1000;
const CONNECTIONS = 16;
const VERIFICATIONS = Number(process.env.BENCH_VERIFICATIONS || 60_000);
const HELLO_SECONDS = 8;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
/** Only the contenders whose name contains this (the ceiling is always measured), e.g. PostgreSQL. */
const ONLY = process.env.BENCH_ONLY || '';
const TOKEN = 'bench-token-0123456789abcdef0123456789';
const TARGETS = { sqlite: { perSecond: 5000, p99Ms: 10 }, postgres: { perSecond: 2000, p99Ms: 20 } };
const ACTOR = 'bench';
const HSM_KEY = 'mobipass-bench-master';
const ROTATION_CUSTOMERS = 5000;

/** The master key's settings for a run's servers, read as mobipass-bank reads them: in memory or in the SoftHSM2 token. */
type MasterKeyEnv = NodeJS.ProcessEnv;
const openMasterKey = (env: MasterKeyEnv) => openMasterKeys(sealerSettings({ ...process.env, ...env }));

interface Answer {
  user: string;
  challengeId: string;
  signature: string;
}

/** Customers and one challenge per verification, made up front (not timed); the answers go to a file. */
async function prepare(database: DatabaseSetting, masterKey: MasterKeyEnv, answersFile: string): Promise<void> {
  const suite = parseOcraSuite(DEFAULT_SUITE, allHashes);
  const setup = await Bank.open({ store: await openStore(database), keys: await openMasterKey(masterKey) });
  const answers: Answer[] = [];
  const keys: Uint8Array[] = [];
  for (let c = 0; c < CUSTOMERS; c++) keys.push(activationKey(await setup.issue(`customer-${c}`, ACTOR)));
  for (let start = 0; start < VERIFICATIONS; start += CUSTOMERS) {
    // One challenge per customer at a time (SQLite: all in one group commit).
    const batch = keys.slice(0, Math.min(CUSTOMERS, VERIFICATIONS - start)).map(async (key, c) => {
      const challenge = await setup.challenge(`customer-${c}`, `document-${start + c}`, ACTOR);
      return {
        user: `customer-${c}`,
        challengeId: challenge.challengeId,
        signature: ocra(suite, key, { question: challenge.code }),
      };
    });
    answers.push(...(await Promise.all(batch)));
  }
  await setup.close();
  writeFileSync(answersFile, JSON.stringify(answers));
}

/** Child role: one API server on the database (a SQLite file held exclusively, as `serve` does), key from its env. */
async function serveBank(database: string, instance: string): Promise<void> {
  const store = await openStore(JSON.parse(database) as DatabaseSetting, { exclusive: true, instance });
  const bank = await Bank.open({ store, keys: await openMasterKey({}), instance });
  const app = await createBankServer({ bank, apiTokens: [{ name: ACTOR, token: TOKEN }] });
  process.send?.(await app.listen({ host: '127.0.0.1', port: 0 }));
}

async function serveHello(): Promise<void> {
  const app = Fastify();
  app.get('/', async () => ({ hello: 'world' }));
  process.send?.(await app.listen({ host: '127.0.0.1', port: 0 }));
}

function startServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; address: string }> {
  const child = fork(__filename, args, {
    env: { ...process.env, ...env },
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
    ],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (address) => resolve({ child, address: String(address) }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

function figures(result: LoadResult): Figures {
  return {
    perSecond: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function measureHello(): Promise<Figures> {
  const { child, address } = await startServer(['--serve-hello']);
  try {
    return figures(await autocannon({ url: address, connections: CONNECTIONS, duration: HELLO_SECONDS }));
  } finally {
    child.kill();
  }
}

/** Accepted verifications over HTTP against `instances` servers on one database, made fresh for the run. */
async function measureVerify(
  database: (dir: string) => Promise<DatabaseSetting>,
  instances: number,
  masterKey: () => MasterKeyEnv,
): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'mobipass-bench-bank-'));
  const setting = await database(dir);
  const key = masterKey();
  const answersFile = join(dir, 'answers.json');
  await prepare(setting, key, answersFile);
  const servers = await Promise.all(
    Array.from({ length: instances }, (_, i) =>
      startServer(['--serve-bank', JSON.stringify(setting), `bench-${i + 1}`], key),
    ),
  );
  try {
    // Bodies made and the expected reply fixed up front, so the load generator's own work stays small.
    const bodies = (JSON.parse(readFileSync(answersFile, 'utf8')) as Answer[]).map((answer) => JSON.stringify(answer));
    const ACCEPTED = JSON.stringify({ result: 'accepted' });
    let next = 0;
    let accepted = 0;
    let lastResponse = 0;
    const others: string[] = [];
    const started = performance.now();
    const result = await autocannon({
      // Several URLs: autocannon spreads its connections over them (the load balancer's part).
      url: servers.map((server) => server.address) as unknown as string, // the typings miss the array form
      connections: CONNECTIONS,
      amount: bodies.length,
      requests: [
        {
          method: 'POST',
          path: '/api/verify',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          setupRequest: (request) => ({ ...request, body: bodies[next++] }),
          onResponse: (_status, body) => {
            lastResponse = performance.now();
            if (body === ACCEPTED) accepted++;
            else if (others.length < 5) others.push(body);
          },
        },
      ],
    });
    if (accepted !== bodies.length)
      throw new Error(`only ${accepted} of ${bodies.length} verifications were accepted; e.g. ${others.join(' ')}`);
    // With `amount`, autocannon's own duration runs on to its next whole-second tick: time it here.
    return { ...figures(result), perSecond: bodies.length / ((lastResponse - started) / 1000) };
  } finally {
    for (const server of servers) server.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each figure's median on its own (a run's p99 is not tied to its rate). */
function medianFigures(runs: Figures[]): Figures {
  return {
    perSecond: median(runs.map((r) => r.perSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

function line(name: string, f: Figures): string {
  return `${name.padEnd(50)} ${Math.round(f.perSecond).toString().padStart(7)}/s   p50 ${f.p50} ms   p99 ${f.p99} ms${f.errors ? `   ${f.errors} errors` : ''}`;
}

async function main(): Promise<void> {
  console.log(
    `Bank verification over HTTP (autocannon, ${CONNECTIONS} connections, servers in their own processes; target SQLite ≥ ${TARGETS.sqlite.perSecond}/s, p99 ≤ ${TARGETS.sqlite.p99Ms} ms; PostgreSQL ≥ ${TARGETS.postgres.perSecond}/s, p99 ≤ ${TARGETS.postgres.p99Ms} ms)`,
  );
  console.log(
    `${cpus().length} CPUs, load average ${load()} before the run (other work on the machine lowers every figure below)`,
  );
  const cluster = await PostgresCluster.create();
  const hsm = new SoftHsmToken('mobipass-bench').createKey(HSM_KEY);
  const inMemory = (): MasterKeyEnv => ({
    MOBIPASS_MASTER_KEY: randomBytes(32).toString('hex'),
    MOBIPASS_PKCS11_MODULE: undefined,
  });
  const inSoftHsm = (): MasterKeyEnv => ({ ...hsm.env(HSM_KEY), MOBIPASS_MASTER_KEY: undefined });
  const sqliteFile =
    (durability: 'full' | 'normal') =>
    async (dir: string): Promise<DatabaseSetting> => ({
      kind: 'sqlite',
      file: join(dir, 'bank.sqlite'),
      durability,
    });
  const postgres = async (): Promise<DatabaseSetting> => ({
    kind: 'postgres',
    url: await cluster.createDatabase(),
    poolSize: 10,
    timeoutMs: 5000,
  });
  // Contenders interleaved, ROUNDS times, medians reported: a busy spell skews all of them alike.
  const contenders: {
    name: string;
    measure: () => Promise<Figures>;
    target?: typeof TARGETS.sqlite;
    runs: Figures[];
  }[] = [
    { name: 'fastify hello-world GET / (ceiling)', measure: measureHello, runs: [] },
    {
      name: 'verify, SQLite synchronous=FULL',
      measure: () => measureVerify(sqliteFile('full'), 1, inMemory),
      target: TARGETS.sqlite,
      runs: [],
    },
    {
      name: 'verify, SQLite FULL, key in SoftHSM2',
      measure: () => measureVerify(sqliteFile('full'), 1, inSoftHsm),
      target: TARGETS.sqlite,
      runs: [],
    },
    {
      name: 'verify, SQLite synchronous=NORMAL',
      measure: () => measureVerify(sqliteFile('normal'), 1, inMemory),
      target: TARGETS.sqlite,
      runs: [],
    },
    {
      name: 'verify, PostgreSQL, 1 instance',
      measure: () => measureVerify(postgres, 1, inMemory),
      target: TARGETS.postgres,
      runs: [],
    },
    {
      name: 'verify, PostgreSQL, 1 instance, key in SoftHSM2',
      measure: () => measureVerify(postgres, 1, inSoftHsm),
      target: TARGETS.postgres,
      runs: [],
    },
    {
      name: 'verify, PostgreSQL, 2 instances',
      measure: () => measureVerify(postgres, 2, inMemory),
      target: TARGETS.postgres,
      runs: [],
    },
  ];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const contender of contenders.filter((c, i) => i === 0 || c.name.includes(ONLY))) {
        const run = await contender.measure();
        contender.runs.push(run);
        console.log(`  round ${round}: ${line(contender.name, run)}`);
      }
    }
    console.log(`Medians of ${ROUNDS} rounds:`);
    const ceiling = medianFigures(contenders[0].runs);
    for (const { name, runs, target } of contenders.filter((c) => c.runs.length)) {
      const m = medianFigures(runs);
      const verdict = target
        ? `   ${((m.perSecond / ceiling.perSecond) * 100).toFixed(0)}% of ceiling, ${m.perSecond >= target.perSecond && m.p99 <= target.p99Ms ? 'meets target' : 'BELOW target'}`
        : '';
      console.log(`${line(name, m)}${verdict}`);
    }
    await breakdown(postgres, hsm);
    await rotationSpeed(postgres, hsm);
  } finally {
    cluster.destroy();
    hsm.remove();
  }
  console.log(`load average ${load()} after the run`);
}

function load(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

/** Microseconds per call of each step of a verification, in this process, to show where the time goes. */
async function breakdown(postgres: (dir: string) => Promise<DatabaseSetting>, hsm: SoftHsmToken): Promise<void> {
  const rounds = 5000;
  const time = async (name: string, step: (i: number) => unknown): Promise<void> => {
    if (!name.startsWith('Bank.verify')) for (let i = 0; i < rounds; i++) await step(i); // warm-up: JIT
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) await step(i);
    console.log(
      `  ${name.padEnd(48)} ${(Number(process.hrtime.bigint() - start) / rounds / 1000).toFixed(1).padStart(6)} µs`,
    );
  };
  const suite = parseOcraSuite(DEFAULT_SUITE, allHashes);
  const key = new Uint8Array(32).fill(7);
  console.log('Where the time goes (one verification, in-process, no HTTP):');
  await time('core hmac (HMAC-SHA-256 of the OCRA message)', () => hmac(suite.hash, key, new Uint8Array(154)));
  await time('core ocra (message building + HMAC + truncation)', () => ocra(suite, key, { question: '338609' }));
  const sealers: [string, KeySealer][] = [
    ['in memory', new EnvKeySealer(randomBytes(32))],
    ['in SoftHSM2', Pkcs11KeySealer.open(hsm.settings(HSM_KEY))],
  ];
  for (const [where, sealer] of sealers) {
    const sealed = await sealer.seal('customer', key);
    await time(`AES-GCM unseal of K ${where}, one at a time`, () => sealer.open('customer', sealed));
    // 16 unseals in flight, as under the HTTP load: the time per unseal.
    await time(`AES-GCM unseal of K ${where}, 16 in flight (each)`, (i) =>
      i % 16 ? undefined : Promise.all(Array.from({ length: 16 }, () => sealer.open('customer', sealed))),
    );
    await sealer.close();
  }
  const stores: [string, (dir: string) => Promise<DatabaseSetting>][] = [
    [
      'SQLite synchronous=FULL',
      async (dir) => ({ kind: 'sqlite', file: join(dir, 'bank.sqlite'), durability: 'full' }),
    ],
    [
      'SQLite synchronous=NORMAL',
      async (dir) => ({ kind: 'sqlite', file: join(dir, 'bank.sqlite'), durability: 'normal' }),
    ],
    ['PostgreSQL', postgres],
  ];
  for (const [name, database] of stores) {
    const dir = mkdtempSync(join(tmpdir(), 'mobipass-bench-steps-'));
    const bank = await Bank.open({
      store: await openStore(await database(dir), { exclusive: true }),
      keys: new MasterKeys(new EnvKeySealer(randomBytes(32))),
    });
    const customerKey = activationKey(await bank.issue('customer', ACTOR));
    const answers = await Promise.all(
      Array.from({ length: rounds }, async (_, i) => {
        const challenge = await bank.challenge('customer', `document-${i}`, ACTOR);
        return { id: challenge.challengeId, signature: ocra(suite, customerKey, { question: challenge.code }) };
      }),
    );
    await time(`Bank.verify, one at a time, ${name}`, (i) =>
      bank.verify('customer', answers[i].id, answers[i].signature, ACTOR),
    );
    await bank.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How fast rotate-master-key re-seals, in this process on an otherwise idle database (batches of 500,
 * no pause): what a bank needs to plan a rotation (10 million keys at N/s take 10^7/N seconds).
 */
async function rotationSpeed(postgres: (dir: string) => Promise<DatabaseSetting>, hsm: SoftHsmToken): Promise<void> {
  console.log(`rotate-master-key, ${ROTATION_CUSTOMERS} customers' keys, batches of 500 (idle database):`);
  const stores: [string, (dir: string) => Promise<DatabaseSetting>][] = [
    ['SQLite FULL', async (dir) => ({ kind: 'sqlite', file: join(dir, 'bank.sqlite'), durability: 'full' })],
    ['PostgreSQL', postgres],
  ];
  for (const [name, database] of stores)
    for (const [to, newKey] of [
      ['new key in memory', async () => new EnvKeySealer(randomBytes(32))],
      ['key in SoftHSM2', async () => Pkcs11KeySealer.open(hsm.settings(HSM_KEY))],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'mobipass-bench-rotation-'));
      const setting = await database(dir);
      const oldKey = randomBytes(32);
      const bank = await Bank.open({ store: await openStore(setting), keys: new MasterKeys(new EnvKeySealer(oldKey)) });
      for (let start = 0; start < ROTATION_CUSTOMERS; start += 100)
        await Promise.all(Array.from({ length: 100 }, (_, i) => bank.issue(`customer-${start + i}`, ACTOR)));
      await bank.close();
      const store = await openStore(setting);
      const keys = new MasterKeys(await newKey(), [new EnvKeySealer(oldKey)]);
      const started = performance.now();
      const context = () => ({ at: Date.now(), instance: 'bench', actor: ACTOR });
      const result = await rotateMasterKey(store, keys, { batchSize: 500, pauseMs: 0, context });
      const seconds = (performance.now() - started) / 1000;
      if (result.moved !== ROTATION_CUSTOMERS) throw new Error(`the rotation moved ${result.moved} keys`);
      console.log(`  ${`${name}, environment → ${to}`.padEnd(48)} ${Math.round(result.moved / seconds)} keys/s`);
      await store.close();
      await keys.close();
      rmSync(dir, { recursive: true, force: true });
    }
}

const [role, ...args] = process.argv.slice(2);
// A clean exit on kill, so BENCH_PROFILE=dir (node --cpu-prof for the servers) can write its profile.
if (role) process.once('SIGTERM', () => process.exit(0));
const run = role === '--serve-bank' ? serveBank(args[0], args[1]) : role === '--serve-hello' ? serveHello() : main();
run.catch((error: unknown) => {
  console.error(`bench:bank: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
