import { expect } from 'chai';
import { NPX, userNpxEnv } from '../support/npx';
import type { IssuedChallenge } from '../../src/bank/bank';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BANK_BIN as BIN, expectOneLineRefusal, ROOT, runBankCli, type Run } from './support/bank-cli';
import { openBank, TEST_MASTER_KEY_HEX, TempDatabase } from './support/bank-fixture';
import { TestPhone, wrongSignature } from './support/phone';

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
    await open.challenge('alice', 'payment-1');
    for (const file of [`${db.file}-wal`, `${db.file}-shm`]) expect(mode(file), file).to.equal('600');
    await open.close();
    expect(readdirSync(db.dir).filter((name) => name.endsWith('.tmp'))).to.deep.equal([], 'no temporary file left');
  });

  it('an envelope that cannot reach its file or standard output changes nothing: the old envelope still signs', () => {
    const phone = new TestPhone(json<{ parts: string[] }>(cli('issue', '--user', 'alice', '--json')).parts);
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
    const challenge = json<IssuedChallenge>(cli('challenge', '--user', 'alice', '--json'));
    const verdict = cli(
      'verify',
      '--user',
      'alice',
      '--challenge',
      challenge.challengeId,
      '--signature',
      phone.sign(challenge.code),
    );
    expect(verdict.stdout).to.equal('accepted\n', 'the old envelope is still the key');
  });

  it('exits 0 accepted, 3 used, 1 rejected, 2 blocked', () => {
    const phone = new TestPhone(json<{ parts: string[] }>(cli('issue', '--user', 'alice', '--json')).parts);
    const first = json<IssuedChallenge>(cli('challenge', '--user', 'alice', '--document', 'payment-7', '--json'));
    const right = phone.sign(first.code);
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
    const second = json<IssuedChallenge>(cli('challenge', '--user', 'alice', '--json'));
    const wrong = [
      'verify',
      '--user',
      'alice',
      '--challenge',
      second.challengeId,
      '--signature',
      wrongSignature(phone.sign(second.code)),
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
    expectOneLineRefusal(cli('challenge', '--user', 'alice'), 2, 'customer alice is blocked');
    expect(cli('unblock', '--user', 'alice')).to.deep.equal({
      status: 0,
      stdout: 'alice: active, 0 consecutive wrong answers\n',
      stderr: '',
    });
    expect(cli('block', '--user', 'alice').stdout).to.equal('alice: blocked, 0 consecutive wrong answers\n');
    expect(cli('revoke', '--user', 'alice').stdout).to.equal('alice: revoked, 0 consecutive wrong answers\n');
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
      'unknown command: the commands are issue, challenge, verify, block, unblock, revoke, status, serve, hsm-create-key',
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
    for (const document of ['', 'x'.repeat(100_000), 'line\nbreak']) {
      expectOneLineRefusal(
        cli('challenge', '--user', 'alice', '--document', document),
        4,
        '--document must be 1..64 printable ASCII characters',
      );
    }
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
      'MOBIPASS_MASTER_KEY is not the master key this database was created with',
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
      'MOBIPASS_METRICS_TOKEN must differ from MOBIPASS_API_TOKEN: the scraper must not hold the API token',
    );
    delete env.MOBIPASS_METRICS_TOKEN;
    env.MOBIPASS_REQUEST_TIMEOUT_MS = '10s';
    expectOneLineRefusal(cli('serve'), 5, 'MOBIPASS_REQUEST_TIMEOUT_MS must be a whole number above 0, not 10s');
    delete env.MOBIPASS_REQUEST_TIMEOUT_MS;
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
      expectOneLineRefusal(
        cli('block', '--user', 'carol'),
        5,
        `the database ${db.file} is in use by a running mobipass-bank serve: use its HTTP API, or stop it first`,
      );
    } finally {
      server.kill('SIGTERM');
    }
  });
});
