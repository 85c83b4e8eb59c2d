import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { IssuedChallenge } from '../../src/bank/bank';
import type { AuditRecord } from '../../src/bank/store/store';
import { PostgresCluster } from '../support/postgres-cluster';
import { TEST_MASTER_KEY_HEX } from './support/bank-fixture';
import { configPhone, PAYMENT } from './support/payment';
import type { TestPhone } from './support/phone';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'mobipass-bank.js');
const TOKEN = 'multi-instance-token-0123456789abcdef0123';
/** The database timeout the servers run with: the bound on a request while PostgreSQL is down. */
const DB_TIMEOUT_MS = 2000;

interface Reply {
  status: number;
  body: { [field: string]: unknown };
}

/** One `mobipass-bank serve` process on the shared database. */
class Instance {
  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly address: string,
  ) {}

  static start(name: string, database: string): Promise<Instance> {
    const env = {
      ...process.env,
      MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX,
      MOBIPASS_DB: database,
      MOBIPASS_API_TOKENS: `backend=${TOKEN}`,
      MOBIPASS_INSTANCE: name,
      MOBIPASS_DB_TIMEOUT_MS: String(DB_TIMEOUT_MS),
    };
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, cwd: ROOT });
    return new Promise((resolve, reject) => {
      let out = '';
      const collect = (chunk: Buffer) => {
        out += chunk.toString();
        const match = /MobiPass bank API on (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(out);
        if (match) resolve(new Instance(name, child, match[1]));
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.once('exit', (code) => reject(new Error(`${name} exited ${code}: ${out}`)));
    });
  }

  async post(route: string, body: object): Promise<Reply> {
    const response = await fetch(`${this.address}/api/${route}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  }

  async get(path: string): Promise<Reply> {
    const response = await fetch(`${this.address}${path}`);
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  }

  async challenge(user: string, documentId = 'payment'): Promise<IssuedChallenge> {
    const reply = await this.post('challenge', { user, documentId, ...PAYMENT });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    return reply.body as unknown as IssuedChallenge;
  }

  kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    return exited;
  }
}

describe('two mobipass-bank serve processes on one PostgreSQL, over HTTP', function () {
  this.timeout(120000);
  let cluster: PostgresCluster;
  let database: string;
  let a: Instance;
  let b: Instance;
  let phone: TestPhone;

  before(async () => {
    // A cluster of its own (about a second): the last test stops and restarts it under the servers.
    cluster = await PostgresCluster.create();
    database = await cluster.createDatabase();
    // Both start at once on the empty database: the migration lock lets one make the schema.
    [a, b] = await Promise.all([Instance.start('instance-a', database), Instance.start('instance-b', database)]);
  });

  after(async () => {
    await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
    cluster?.destroy();
  });

  const instances = () => [a, b];
  const verdictCounts = (replies: Reply[]) =>
    replies.reduce<{ [result: string]: number }>((counts, reply) => {
      const result = String(reply.body.result ?? reply.body.error);
      counts[result] = (counts[result] ?? 0) + 1;
      return counts;
    }, {});

  async function newCustomer(user: string): Promise<TestPhone> {
    const issued = await a.post('issue', { user });
    expect(issued.status).to.equal(200);
    return configPhone(issued.body.parts as string[]);
  }

  it('counts exactly 3 of 100 concurrent wrong answers spread over both, then refuses the right one as blocked', async () => {
    phone = await newCustomer('alice');
    const challenge = await a.challenge('alice');
    const wrong = {
      user: 'alice',
      challengeId: challenge.challengeId,
      signature: phone.wrongAnswer(challenge),
    };
    const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => instances()[i % 2].post('verify', wrong)));
    expect(verdictCounts(replies)).to.deep.equal({ rejected: 2, blocked: 98 });
    expect((await b.post('status', { user: 'alice' })).body).to.deep.equal({
      user: 'alice',
      status: 'blocked',
      failures: 3,
    });
    const right = { ...wrong, signature: phone.answer(challenge) };
    expect((await b.post('verify', right)).body).to.deep.equal({ result: 'blocked' });
    expect((await a.post('verify', right)).body).to.deep.equal({ result: 'blocked' });
  });

  it('accepts exactly one of 50 concurrent right answers to one challenge spread over both; every other is used', async () => {
    phone = await newCustomer('bob');
    const challenge = await b.challenge('bob');
    const right = { user: 'bob', challengeId: challenge.challengeId, signature: phone.answer(challenge) };
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => instances()[i % 2].post('verify', right)));
    expect(verdictCounts(replies)).to.deep.equal({ accepted: 1, used: 49 });
  });

  it('never counts a wrong answer racing an accepted right one on the other instance (issue 8 §2), 150 rounds', async () => {
    phone = await newCustomer('ivan');
    for (let round = 0; round < 150; round++) {
      const challenge = await instances()[round % 2].challenge('ivan', `payment-${round}`);
      const { challengeId } = challenge;
      const right = phone.answer(challenge);
      const wrong = phone.wrongAnswer(challenge);
      const replies = await Promise.all(
        [right, wrong, wrong].map((signature, i) =>
          instances()[(round + i) % 2].post('verify', { user: 'ivan', challengeId, signature }),
        ),
      );
      expect(replies[0].body).to.deep.equal({ result: 'accepted' });
      for (const reply of replies.slice(1)) expect(reply.body.result).to.be.oneOf(['rejected', 'used']);
      expect((await a.post('status', { user: 'ivan' })).body, `round ${round}`).to.deep.equal({
        user: 'ivan',
        status: 'active',
        failures: 0,
      });
    }
  });

  it('answers on one instance a challenge made on the other, and both write the audit trail with their names', async () => {
    phone = await newCustomer('carol');
    const onA = await a.challenge('carol', 'payment-a');
    expect(
      (await b.post('verify', { user: 'carol', challengeId: onA.challengeId, signature: phone.answer(onA) })).body,
    ).to.deep.equal({ result: 'accepted' });
    const onB = await b.challenge('carol', 'payment-b');
    expect(
      (await a.post('verify', { user: 'carol', challengeId: onB.challengeId, signature: phone.answer(onB) })).body,
    ).to.deep.equal({ result: 'accepted' });
    const { records } = (await a.post('audit', { user: 'carol' })).body as { records: AuditRecord[] };
    expect(records.map((r) => [r.instance, r.actor, r.event, r.result ?? r.documentId])).to.deep.equal([
      ['instance-a', 'backend', 'issue', undefined],
      ['instance-a', 'backend', 'challenge', 'payment-a'],
      ['instance-b', 'backend', 'verify', 'accepted'],
      ['instance-b', 'backend', 'challenge', 'payment-b'],
      ['instance-a', 'backend', 'verify', 'accepted'],
    ]);
  });

  it('keeps answering on one instance while the other is killed -9 under load; nothing accepted is lost or accepted twice', async () => {
    const customers = ['dave', 'erin', 'frank', 'grace'];
    const phones = new Map<string, TestPhone>();
    for (const user of customers) phones.set(user, await newCustomer(user));
    const answers: { user: string; challengeId: string; signature: string }[] = [];
    for (let i = 0; i < 400; i++) {
      const user = customers[i % customers.length];
      const challenge = await instances()[i % 2].challenge(user, `payment-${i}`);
      answers.push({ user, challengeId: challenge.challengeId, signature: phones.get(user)!.answer(challenge) });
    }
    const outcomes: { to: Instance; result: string; afterKill: boolean }[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < answers.length) {
        const i = next++;
        const to = instances()[i % 2];
        const afterKill = killed;
        const result = await to.post('verify', answers[i]).then(
          (reply) => String(reply.body.result ?? reply.body.error),
          () => 'no answer',
        );
        outcomes[i] = { to, result, afterKill };
        if (i === 100 && !killed) {
          killed = true;
          await a.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const fromB = outcomes.filter((o) => o.to === b);
    expect(fromB.filter((o) => o.afterKill).length).to.be.greaterThan(100);
    expect(new Set(fromB.map((o) => o.result))).to.deep.equal(new Set(['accepted']), 'B answered every request');
    expect(outcomes.filter((o) => o.to === a && o.afterKill).every((o) => o.result === 'no answer')).to.equal(true);

    a = await Instance.start('instance-a', database);
    for (const [i, answer] of answers.entries()) {
      const again = (await instances()[i % 2].post('verify', answer)).body.result;
      if (outcomes[i].result === 'accepted') expect(again, `answer ${i}`).to.equal('used');
      else expect(again, `answer ${i} (${outcomes[i].result} before)`).to.be.oneOf(['accepted', 'used']);
    }
    for (const user of customers) {
      const { records } = (await b.post('audit', { user })).body as { records: AuditRecord[] };
      const accepted = records.filter((r) => r.result === 'accepted').map((r) => r.challengeId);
      expect(new Set(accepted).size, `${user}: no challenge accepted twice`).to.equal(accepted.length);
      expect(accepted.length).to.equal(answers.filter((answer) => answer.user === user).length);
    }
  });

  it('while PostgreSQL hangs or is down, answers 503 database_unavailable in bounded time and is not ready; both recover by themselves', async () => {
    phone = await newCustomer('heidi');
    const used = await a.challenge('heidi');
    expect(
      (await b.post('verify', { user: 'heidi', challengeId: used.challengeId, signature: phone.answer(used) })).body,
    ).to.deep.equal({ result: 'accepted' });
    const open = await b.challenge('heidi');
    const wrong = { user: 'heidi', challengeId: open.challengeId, signature: phone.wrongAnswer(open) };
    expect((await a.post('verify', wrong)).body).to.deep.equal({ result: 'rejected', attemptsLeft: 2 });

    // A database that accepts connections and never answers (a hung host): bounded by the timeouts too.
    cluster.signal('SIGSTOP');
    try {
      for (const instance of instances()) {
        const started = performance.now();
        const reply = await instance.post('status', { user: 'heidi' });
        expect(performance.now() - started, 'bounded by the database timeout').to.be.lessThan(DB_TIMEOUT_MS + 3000);
        expect([reply.status, reply.body.error]).to.deep.equal([503, 'database_unavailable']);
      }
    } finally {
      cluster.signal('SIGCONT');
    }

    cluster.stop();
    for (const instance of instances()) {
      const started = performance.now();
      const reply = await instance.post('verify', { ...wrong, signature: phone.answer(open) });
      expect(performance.now() - started, 'bounded by the database timeout').to.be.lessThan(DB_TIMEOUT_MS + 3000);
      expect(reply.status).to.equal(503);
      expect(reply.body.error).to.equal('database_unavailable');
      expect(reply.body.message).to.match(/^the database is unavailable \(.+\): try again shortly$/);
      expect((await instance.get('/ready')).status).to.equal(503);
      expect(await instance.get('/health')).to.deep.equal({ status: 200, body: { status: 'ok' } });
    }
    expect(a.child.exitCode).to.equal(null);
    expect(b.child.exitCode).to.equal(null);

    cluster.start();
    for (const instance of instances()) {
      const deadline = performance.now() + 15000;
      while ((await instance.get('/ready')).status !== 200) {
        expect(performance.now(), `${instance.name} ready again`).to.be.lessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    expect((await a.post('status', { user: 'heidi' })).body).to.deep.equal({
      user: 'heidi',
      status: 'active',
      failures: 1,
    });
    expect(
      (await a.post('verify', { user: 'heidi', challengeId: used.challengeId, signature: phone.answer(used) })).body,
    ).to.deep.equal({ result: 'used' });
    expect((await b.post('verify', { ...wrong, signature: phone.answer(open) })).body).to.deep.equal({
      result: 'accepted',
    });
  });
});
