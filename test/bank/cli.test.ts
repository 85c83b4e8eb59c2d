import { expect } from 'chai';
import { NPX, userNpxEnv } from '../support/npx';
import type { IssuedChallenge } from '../../src/bank/bank';
import { SCHEMA_VERSION } from '../../src/bank/store/migrations';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BANK_BIN as BIN, expectOneLineRefusal, ROOT, runBankCli, type Run } from './support/bank-cli';
import { EnvKeySealer } from '../../src/bank/sealer/env-key-sealer';
import { openBank, TEST_MASTER_KEY, TEST_MASTER_KEY_HEX, TempDatabase } from './support/bank-fixture';
import { configPhone, PAYMENT, PAYMENT_ARGS } from './support/payment';
import { TestPhone } from './support/phone';
import { DEFAULT_CONFIG_PATH } from '../../src/app/build/bankConfig';
import { DEFAULT_SUITE } from '../../src/core/phoneSuite';

const TOKEN = 'cli-test-token-0123456789abcdef01234567';

describe('mobipass-bank CLI', function () {
  this.timeout(60000);
  let db: TempDatabase;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    db = new TempDatabase();
    env = { ...process.env, MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX, MOBIPASS_DB: db.file, MOBIPASS_API_TOKEN: TOKEN };
  });
  afterEach(() => db.cleanup());

  function cli(...args: string[]): Run {
    return runBankCli(env, ...args);
  }

  function json<Reply>(run: Run): Reply {
    expect(run.stderr).to.equal('');
    return JSON.parse(run.stdout);
  }

  it('runs as `npx mobipass-bank` from the repository root', () => {
    const run = spawnSync(NPX, ['--no-install', 'mobipass-bank', '--help'], {
      env: userNpxEnv(env),
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(run.status).to.equal(0);
    expect(run.stdout).to.match(/^usage: mobipass-bank <command>/);
  });

  it('issues a printable envelope and writes its HTML', () => {
    const html = join(db.dir, 'envelope.html');
    const run = cli('issue', '--user', 'alice', '--html', html);
    expect(run.status).to.equal(0);
    expect(run.stdout).to.match(/^Код активации Mobipass\nКлиент: alice\n\nПервая часть: \d{8}\n/);
    expect(readFileSync(html, 'utf8')).to.include('<h1>Код активации Mobipass</h1>');
  });

  it('writes the envelope file and the database for their owner only (0600, the WAL too)', async () => {
    const html = join(db.dir, 'envelope.html');
    expect(cli('issue', '--user', 'alice', '--html', html).status).to.equal(0);
    const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
    expect(mode(html)).to.equal('600');
    expect(mode(db.file)).to.equal('600');
    // The WAL and its index exist while the database is open (a clean close removes them).
    const open = await openBank(db.file);
    await open.challenge('alice', 'payment-1', 'test', PAYMENT);
    for (const file of [`${db.file}-wal`, `${db.file}-shm`]) expect(mode(file), file).to.equal('600');
    await open.close();
    expect(readdirSync(db.dir).filter((name) => name.endsWith('.tmp'))).to.deep.equal([], 'no temporary file left');
  });

  it('an envelope that cannot reach its file or standard output changes nothing: the old envelope still signs', () => {
    const phone = configPhone(json<{ parts: string[] }>(cli('issue', '--user', 'alice', '--json')).parts);
    const failed = cli('issue', '--user', 'alice', '--html', join(db.dir, 'no-such-folder', 'envelope.html'));
    expect(failed.status).to.equal(5);
    expect(failed.stdout).to.equal('', 'no envelope was printed');
    const full = openSync('/dev/full', 'w');
    const printed = spawnSync(process.execPath, [BIN, 'issue', '--user', 'alice', '--html', join(db.dir, 'e.html')], {
      env,
      cwd: ROOT,
      stdio: ['ignore', full, 'pipe'],
      encoding: 'utf8',
    });
    closeSync(full);
    expect(printed.status).to.equal(5);
    expect(printed.stderr).to.match(
      /^mobipass-bank: the envelope could not be printed .*: nothing changed for alice\n$/,
    );
    expect(existsSync(join(db.dir, 'e.html')), 'the envelope file of the failed issue is removed').to.equal(false);
    const challenge = json<IssuedChallenge>(cli('challenge', '--user', 'alice', ...PAYMENT_ARGS, '--json'));
    const verdict = cli(
      'verify',
      '--user',
      'alice',
      '--challenge',
      challenge.challengeId,
      '--signature',
      phone.answer(challenge),
    );
    expect(verdict.stdout).to.equal('accepted\n', 'the old envelope is still the key');
  });

  it('exits 0 accepted, 3 used, 6 mistyped, 1 rejected, 2 blocked', () => {
    const phone = configPhone(json<{ parts: string[] }>(cli('issue', '--user', 'alice', '--json')).parts);
    const first = json<IssuedChallenge>(
      cli('challenge', '--user', 'alice', '--document', 'payment-7', ...PAYMENT_ARGS, '--json'),
    );
    const right = phone.answer(first);
    const slip = right.slice(0, -1) + ((Number(right.slice(-1)) + 1) % 10);
    expect(cli('verify', '--user', 'alice', '--challenge', first.challengeId, '--signature', slip)).to.deep.equal({
      status: 6,
      stdout:
        'mistyped: the value fails its check digit (a typing slip); not counted, the challenge stays open: type it again\n',
      stderr: '',
    });
    expect(cli('verify', '--user', 'alice', '--challenge', first.challengeId, '--signature', right)).to.deep.equal({
      status: 0,
      stdout: 'accepted\n',
      stderr: '',
    });
    expect(cli('verify', '--user', 'alice', '--challenge', first.challengeId, '--signature', right)).to.deep.equal({
      status: 3,
      stdout: 'refused: this challenge was already answered\n',
      stderr: '',
    });
    const second = json<IssuedChallenge>(cli('challenge', '--user', 'alice', ...PAYMENT_ARGS, '--json'));
    const wrong = [
      'verify',
      '--user',
      'alice',
      '--challenge',
      second.challengeId,
      '--signature',
      phone.wrongAnswer(second),
    ];
    expect(cli(...wrong)).to.deep.equal({
      status: 1,
      stdout: 'rejected: wrong signature value, 2 attempts left\n',
      stderr: '',
    });
    expect(cli(...wrong).status).to.equal(1);
    expect(cli(...wrong)).to.deep.equal({
      status: 2,
      stdout: 'blocked: customer alice is blocked; support can unblock or issue a new envelope\n',
      stderr: '',
    });
    expectOneLineRefusal(cli('challenge', '--user', 'alice', ...PAYMENT_ARGS), 2, 'customer alice is blocked');
    expect(cli('unblock', '--user', 'alice')).to.deep.equal({
      status: 0,
      stdout: 'alice: active, 0 consecutive wrong answers\n',
      stderr: '',
    });
    expect(cli('block', '--user', 'alice').stdout).to.equal('alice: blocked, 0 consecutive wrong answers\n');
    expect(cli('revoke', '--user', 'alice').stdout).to.equal('alice: revoked, 0 consecutive wrong answers\n');
  });

  it('issues for the bank config the app is built with (MOBIPASS_CONFIG): version 1 there, the code alone', () => {
    const config = { ...JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')), suite: DEFAULT_SUITE };
    delete config.payment;
    env.MOBIPASS_CONFIG = join(db.dir, 'v1-bank.json');
    writeFileSync(env.MOBIPASS_CONFIG, JSON.stringify(config));
    const phone = new TestPhone(json<{ parts: string[] }>(cli('issue', '--user', 'bob', '--json')).parts);
    // A payment sent along is not bound: the reply says what to type, the code alone.
    const challenge = json<IssuedChallenge>(cli('challenge', '--user', 'bob', ...PAYMENT_ARGS, '--json'));
    expect(challenge.code).to.match(/^\d{6}$/);
    expect(challenge).to.not.have.property('amount');
    expect(cli('challenge', '--user', 'bob', ...PAYMENT_ARGS).stdout).to.match(
      /^challenge [0-9a-f]{32} code \d{6} document document-\d+ expires \S+ signature-digits 8\n$/,
    );
    const answer = ['verify', '--user', 'bob', '--challenge', challenge.challengeId, '--signature'];
    expect(cli(...answer, phone.sign(challenge.code)).stdout).to.equal('accepted\n');
    // The default config, version 2 with payment data: the code, the amount and the payee digits to type.
    delete env.MOBIPASS_CONFIG;
    cli('issue', '--user', 'alice');
    expect(cli('challenge', '--user', 'alice', ...PAYMENT_ARGS).stdout).to.match(
      /^challenge [0-9a-f]{32} code \d{7} amount 15000 payee-digits 0100 document document-\d+ expires \S+ signature-digits 8\n$/,
    );
  });

  it('prints the audit trail with the CLI as actor, since a time, as text or JSON', () => {
    env.MOBIPASS_INSTANCE = 'support-desk';
    cli('issue', '--user', 'alice');
    const challenge = json<IssuedChallenge>(
      cli('challenge', '--user', 'alice', '--document', 'payment-9', ...PAYMENT_ARGS, '--json'),
    );
    cli('block', '--user', 'alice');
    const text = cli('audit', '--user', 'alice');
    expect(text.status).to.equal(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(/^\d{4}-\d\d-\d\dT[\d:.]+Z support-desk cli issue key 1 master key env:[0-9a-f]{16}$/);
    expect(lines[0].endsWith(` ${new EnvKeySealer(TEST_MASTER_KEY).keyId}`), 'the key id of the master key').to.equal(
      true,
    );
    expect(lines[1]).to.equal(
      `${lines[1].split(' ')[0]} support-desk cli challenge challenge ${challenge.challengeId} document payment-9 expires ${new Date(challenge.expiresAt).toISOString()} amount 15000 payee-digits 0100`,
    );
    expect(lines[2]).to.match(/ support-desk cli block$/);
    const records = json<{ user: string; records: { event: string; actor: string }[] }>(
      cli('audit', '--user', 'alice', '--since', '2000-01-01', '--json'),
    ).records;
    expect(records.map((r) => `${r.actor} ${r.event}`)).to.deep.equal(['cli issue', 'cli challenge', 'cli block']);
    expect(cli('audit', '--user', 'alice', '--since', '2999-01-01').stdout).to.equal('no audit records for alice\n');
    expectOneLineRefusal(
      cli('audit', '--user', 'alice', '--since', 'last week'),
      4,
      '--since must be an ISO time such as 2026-01-31 or 2026-01-31T12:00:00Z',
    );
  });

  it('migrate brings the schema up to date without a master key; an unreachable PostgreSQL is a one-line setup error', () => {
    delete env.MOBIPASS_MASTER_KEY;
    expect(cli('migrate')).to.deep.equal({
      status: 0,
      stdout: `the database has schema version ${SCHEMA_VERSION}\n`,
      stderr: '',
    });
    env.MOBIPASS_MASTER_KEY = TEST_MASTER_KEY_HEX;
    env.MOBIPASS_DB = 'postgres://mobipass:secret-password@127.0.0.1:1/bank';
    const run = cli('status', '--user', 'alice');
    expectOneLineRefusal(run, 5, run.stderr.slice('mobipass-bank: '.length, -1));
    expect(run.stderr).to.match(
      /^mobipass-bank: cannot open the database postgres:\/\/mobipass@127\.0\.0\.1:1\/bank: /,
    );
    expect(run.stderr).not.to.include('secret-password');
  });

  it('rotate-master-key: --check without a master key says which key holds what; a run with nothing to move; bad options in one line', () => {
    cli('issue', '--user', 'alice');
    const id = new EnvKeySealer(TEST_MASTER_KEY).keyId;
    delete env.MOBIPASS_MASTER_KEY;
    expect(cli('rotate-master-key', '--check')).to.deep.equal({
      status: 0,
      stdout: `the master-key probe: ${id}\ncustomers' keys by master key: ${id} 1\nrunning servers: none said which keys they have in the last 30 s\n`,
      stderr: '',
    });
    env.MOBIPASS_MASTER_KEY = TEST_MASTER_KEY_HEX;
    expect(cli('rotate-master-key')).to.deep.equal({
      status: 0,
      stdout: `done: 0 customers' keys re-sealed under ${id} in 0 batches\ncustomers' keys by master key: ${id} 1\n`,
      stderr: '',
    });
    expectOneLineRefusal(cli('rotate-master-key', '--batch', '0'), 4, '--batch must be a whole number 1..10000');
    expectOneLineRefusal(cli('rotate-master-key', '--pause-ms', '1s'), 4, '--pause-ms must be a whole number 0..60000');
    expectOneLineRefusal(cli('rotate-master-key', '--check', '--retire', id), 4, '--check and --retire go separately');
    expectOneLineRefusal(
      cli('rotate-master-key', '--retire', 'the old key'),
      4,
      '--retire takes a key id as --check prints it (env:… or pkcs11:…)',
    );
  });

  it('exits 4 with one line on bad input and unknown customers, 5 on setup errors', () => {
    cli('issue', '--user', 'alice');
    expectOneLineRefusal(
      cli('verify', '--user', 'alice', '--challenge', 'a'.repeat(32), '--signature', '12ab5678'),
      4,
      '--signature must be the 4..10 digits the phone shows',
    );
    expectOneLineRefusal(cli('verify', '--user', 'alice', '--challenge', 'a'.repeat(32)), 4, '--signature is required');
    expectOneLineRefusal(cli('status', '--user', 'bob'), 4, 'no customer bob: issue an envelope first');
    expectOneLineRefusal(
      cli('launch', '--user', 'bob'),
      4,
      'unknown command: the commands are issue, challenge, verify, block, unblock, revoke, status, audit, serve, migrate, hsm-create-key, rotate-master-key',
    );
    expectOneLineRefusal(
      cli('status', '--user', 'bob', '--bogus'),
      4,
      'unknown option --bogus; run mobipass-bank --help',
    );
    expectOneLineRefusal(cli('verify', '--user', '--json'), 4, '--user needs a value');
    expectOneLineRefusal(
      cli('status', '--user', 'alice', 'extra'),
      4,
      'unexpected argument after the command: options start with --; quote a value with spaces',
    );
    expectOneLineRefusal(
      cli('challenge', '--user', 'alice'),
      4,
      'customer alice signs payments: send the amount and the payee',
    );
    expectOneLineRefusal(
      cli('challenge', '--user', 'alice', '--amount', '15000'),
      4,
      'amount and payee go together: send both, or neither',
    );
    for (const amount of ['0', '0.00', '1.005', '15 000', '1000000000000']) {
      expectOneLineRefusal(
        cli('challenge', '--user', 'alice', '--amount', amount, '--payee', PAYMENT.payee),
        4,
        "--amount must be an amount above 0 in digits with at most one '.', at most 12 digits before it and 2 after it (leading and trailing zeros aside), such as 15000 or 15000.50",
      );
    }
    expectOneLineRefusal(
      cli('challenge', '--user', 'alice', '--amount', '15000', '--payee', 'KZ86-1250'),
      4,
      "--payee must be the payee's account number: 1..34 letters and digits, single spaces between groups allowed",
    );
    for (const document of ['', 'x'.repeat(100_000), 'line\nbreak']) {
      expectOneLineRefusal(
        cli('challenge', '--user', 'alice', '--document', document),
        4,
        '--document must be 1..64 printable ASCII characters',
      );
    }
    env.MOBIPASS_SUITE = 'OCRA-1:HOTP-SHA256-8:QN08';
    expectOneLineRefusal(
      cli('status', '--user', 'alice'),
      5,
      'MOBIPASS_SUITE is no longer read: the suite and the payment setting come from the bank config the phone app is built with (MOBIPASS_CONFIG)',
    );
    delete env.MOBIPASS_SUITE;
    env.MOBIPASS_CONFIG = join(db.dir, 'no-such-config.json');
    const missing = cli('status', '--user', 'alice');
    expect(missing.status).to.equal(5);
    expect(missing.stderr).to.match(/^mobipass-bank: MobiPass bank config .*no-such-config\.json: ENOENT/);
    delete env.MOBIPASS_CONFIG;
    env.MOBIPASS_MASTER_KEY = '';
    expectOneLineRefusal(
      cli('status', '--user', 'alice'),
      5,
      'MOBIPASS_MASTER_KEY is not set: give the server a 64-hex-digit master key (e.g. from: openssl rand -hex 32)',
    );
    env.MOBIPASS_MASTER_KEY = 'ab'.repeat(32);
    expectOneLineRefusal(
      cli('status', '--user', 'alice'),
      5,
      `this database's master key is ${new EnvKeySealer(TEST_MASTER_KEY).keyId}, which this server does not have (it has ${new EnvKeySealer(Buffer.from('ab'.repeat(32), 'hex')).keyId})`,
    );
    env.MOBIPASS_MASTER_KEY = TEST_MASTER_KEY_HEX;
    env.MOBIPASS_DURABILITY = 'fast';
    expectOneLineRefusal(cli('status', '--user', 'alice'), 5, 'MOBIPASS_DURABILITY must be full or normal, not fast');
    env.MOBIPASS_DURABILITY = 'normal';
    expect(cli('status', '--user', 'alice').status).to.equal(0);
    env.MOBIPASS_DB = join(db.dir, 'missing-dir', 'bank.sqlite');
    expect(cli('status', '--user', 'alice').status).to.equal(5);
  });

  it('serves the API with the bearer token, and says so clearly when the port is busy', async () => {
    const busy = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => busy.once('listening', resolve));
    const busyPort = (busy.address() as { port: number }).port;
    expectOneLineRefusal(
      cli('serve', '--port', String(busyPort)),
      5,
      `port ${busyPort} on 127.0.0.1 is already in use: stop the other server or choose another port (PORT=… or --port)`,
    );
    busy.close();

    env.MOBIPASS_API_TOKEN = 'short';
    expectOneLineRefusal(cli('serve'), 5, 'MOBIPASS_API_TOKEN must be at least 32 characters without spaces');
    env.MOBIPASS_API_TOKEN = TOKEN;
    env.MOBIPASS_METRICS_TOKEN = TOKEN;
    expectOneLineRefusal(
      cli('serve'),
      5,
      'MOBIPASS_METRICS_TOKEN must differ from every API token: the scraper must not hold an API token',
    );
    delete env.MOBIPASS_METRICS_TOKEN;
    env.MOBIPASS_REQUEST_TIMEOUT_MS = '10s';
    expectOneLineRefusal(cli('serve'), 5, 'MOBIPASS_REQUEST_TIMEOUT_MS must be a whole number above 0, not 10s');
    delete env.MOBIPASS_REQUEST_TIMEOUT_MS;
    delete env.MOBIPASS_API_TOKEN;
    env.MOBIPASS_API_TOKENS = 'teller=short-secret';
    expectOneLineRefusal(
      cli('serve'),
      5,
      'MOBIPASS_API_TOKENS: the token named teller must be at least 32 characters without spaces',
    );
    env.MOBIPASS_API_TOKENS = `teller=${'t'.repeat(40)},backend`;
    expectOneLineRefusal(
      cli('serve'),
      5,
      'MOBIPASS_API_TOKENS: entry 2 must be name=token, the name 1..64 letters, digits or . _ @ -',
    );
    const tokensFile = join(db.dir, 'tokens');
    writeFileSync(tokensFile, `# back ends\nteller=${'t'.repeat(40)}\n\nbackend=${TOKEN}\n`, { mode: 0o644 });
    env.MOBIPASS_API_TOKENS = '';
    env.MOBIPASS_API_TOKENS_FILE = tokensFile;
    expectOneLineRefusal(
      cli('serve'),
      5,
      `MOBIPASS_API_TOKENS_FILE: ${tokensFile} must be readable by its owner only (chmod 600)`,
    );
    chmodSync(tokensFile, 0o600);
    const server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, cwd: ROOT });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /MobiPass bank API on (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out);
          if (match) resolve(match[1]);
        });
        server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const post = (route: string, body: object, token = TOKEN) =>
        fetch(`${address}/api/${route}`, {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        });
      expect((await post('issue', { user: 'carol' })).status).to.equal(200);
      expect(await (await post('status', { user: 'carol' })).json()).to.deep.equal({
        user: 'carol',
        status: 'active',
        failures: 0,
      });
      expect((await post('status', { user: 'carol' }, 'x'.repeat(40))).status).to.equal(401);
      expect((await post('block', { user: 'carol' }, 't'.repeat(40))).status).to.equal(200);
      const audit = (await (await post('audit', { user: 'carol' })).json()) as { records: { actor: string }[] };
      expect(audit.records.map((r) => r.actor)).to.deep.equal(['backend', 'teller']);
      expect(await (await fetch(`${address}/health`)).json()).to.deep.equal({ status: 'ok' });
      expectOneLineRefusal(
        cli('block', '--user', 'carol'),
        5,
        `the database ${db.file} is in use by a running mobipass-bank serve: use its HTTP API, stop it first, or start it with MOBIPASS_SQLITE_LOCKING=shared`,
      );
    } finally {
      server.kill('SIGTERM');
    }
  });
});
