import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import type { Bank, IssuedChallenge } from '../../src/bank/bank';
import { createBankServer } from '../../src/bank/http/server';
import { BankMetrics } from '../../src/bank/metrics';
import { SqliteStore } from '../../src/bank/store/sqlite-store';
import type { PoolUsage } from '../../src/bank/store/store';
import { TEST_TOKEN } from './support/api-fixture';
import { openBank, TempDatabase } from './support/bank-fixture';
import { CONFIG_SIGNING, configPhone, PAYMENT } from './support/payment';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef0123456789';

/** One sample's value from the Prometheus text, by metric name and exact labels. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('GET /metrics', () => {
  let db: TempDatabase;
  let collector: BankMetrics;
  let bank: Bank;
  let app: FastifyInstance;

  async function start(store = new SqliteStore(db.file)): Promise<void> {
    collector = new BankMetrics();
    bank = await openBank(db.file, { store: collector.observeStore(store), ...CONFIG_SIGNING });
    app = await createBankServer({
      bank,
      apiTokens: [{ name: 'backend', token: TEST_TOKEN }],
      metrics: { collector, token: METRICS_TOKEN },
    });
  }

  beforeEach(() => {
    db = new TempDatabase();
  });
  afterEach(async () => {
    await app.close();
    await bank.close();
    db.cleanup();
  });

  const scrape = (token = METRICS_TOKEN, url = '/metrics') =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const post = async <Reply>(route: string, body: object, token = TEST_TOKEN) => {
    const reply = await app.inject({
      method: 'POST',
      url: `/api/${route}`,
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });
    return { status: reply.statusCode, body: reply.json<Reply>() };
  };

  it('opens only with the metrics token, which opens nothing else', async () => {
    await start();
    expect((await scrape()).statusCode).to.equal(200);
    expect((await scrape()).headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
    const refusals = [await scrape('x'.repeat(40)), await scrape(TEST_TOKEN)];
    for (const refusal of refusals) {
      expect([refusal.statusCode, refusal.json()]).to.deep.equal([
        401,
        {
          error: 'unauthorized',
          message: 'send the metrics token (MOBIPASS_METRICS_TOKEN) as Authorization: Bearer <token>',
        },
      ]);
    }
    expect((await scrape(METRICS_TOKEN, `/metrics?token=${METRICS_TOKEN}`)).statusCode).to.equal(400);
    expect((await post('issue', { user: 'alice' }, METRICS_TOKEN)).status).to.equal(401);
  });

  it('is off (404) when the server has no metrics token', async () => {
    bank = await openBank(db.file);
    app = await createBankServer({ bank, apiTokens: [{ name: 'backend', token: TEST_TOKEN }] });
    const reply = await scrape();
    expect([reply.statusCode, reply.json()]).to.deep.equal([
      404,
      { error: 'not_found', message: 'metrics are off: set MOBIPASS_METRICS_TOKEN to serve them' },
    ]);
  });

  it('counts verifications by result, challenges issued, blocks by reason, and times requests by route', async () => {
    await start();
    const phone = configPhone((await post<{ parts: string[] }>('issue', { user: 'alice' })).body.parts);
    await post('issue', { user: 'bob' });
    const challenge = async () =>
      (await post<IssuedChallenge>('challenge', { user: 'alice', documentId: 'p', ...PAYMENT })).body;
    const verify = (c: IssuedChallenge, signature: string) =>
      post('verify', { user: 'alice', challengeId: c.challengeId, signature });

    const first = await challenge();
    const right = phone.answer(first);
    await verify(first, right.slice(0, -1) + ((Number(right.slice(-1)) + 1) % 10)); // mistyped
    await verify(first, right); // accepted
    await verify(first, right); // used
    await verify({ ...first, challengeId: 'f'.repeat(32) }, right); // unknown_challenge
    const second = await challenge();
    const wrong = phone.wrongAnswer(second);
    for (let i = 0; i < 4; i++) await verify(second, wrong); // rejected, rejected, blocked (the block), blocked
    await post('block', { user: 'bob' }); // the support line
    await post('block', { user: 'nobody' }); // unknown: no block

    const text = (await scrape()).body;
    const results = ['accepted', 'rejected', 'mistyped', 'blocked', 'used', 'expired', 'unknown_challenge'];
    expect(results.map((result) => sample(text, 'mobipass_verifications_total', `result="${result}"`))).to.deep.equal([
      1, 2, 1, 2, 1, 0, 1,
    ]);
    expect(sample(text, 'mobipass_challenges_issued_total')).to.equal(2);
    expect(sample(text, 'mobipass_blocks_total', 'reason="failures"')).to.equal(1);
    expect(sample(text, 'mobipass_blocks_total', 'reason="support"')).to.equal(1);
    const verifyCount = 'le="+Inf",method="POST",route="/api/verify",status_code="200"';
    expect(sample(text, 'mobipass_http_request_duration_seconds_bucket', verifyCount)).to.equal(8);
    const unknown = 'method="POST",route="/api/block",status_code="404"';
    expect(sample(text, 'mobipass_http_request_duration_seconds_count', unknown)).to.equal(1);
    expect(text).to.include('mobipass_database_errors_total');
    expect(text).to.not.include('mobipass_database_pool');
    expect(sample(text, 'process_cpu_user_seconds_total')).to.be.a('number');
  });

  it('counts database errors by operation: a store that fails answers 500 and is counted', async () => {
    await start();
    await post('issue', { user: 'alice' });
    await bank.close(); // the database connection is gone under the running server
    expect((await post('status', { user: 'alice' })).status).to.equal(500);
    expect((await post('challenge', { user: 'alice', documentId: 'p' })).status).to.equal(500);
    const text = (await scrape()).body;
    expect(sample(text, 'mobipass_database_errors_total', 'operation="getCustomer"')).to.equal(2);
    bank = await openBank(db.file); // for afterEach
  });

  it("shows a pooled store's connections, read from the store at each scrape", async () => {
    const usage: PoolUsage = { total: 5, idle: 2, waiting: 1, max: 10 };
    /** A real store that also reports a pool, as a PostgreSQL store does (pg.Pool's counts). */
    class PooledStore extends SqliteStore {
      poolUsage(): PoolUsage {
        return { ...usage };
      }
    }
    await start(new PooledStore(db.file));
    let text = (await scrape()).body;
    expect(sample(text, 'mobipass_database_pool_connections', 'state="busy"')).to.equal(3);
    expect(sample(text, 'mobipass_database_pool_connections', 'state="idle"')).to.equal(2);
    expect(sample(text, 'mobipass_database_pool_waiting')).to.equal(1);
    expect(sample(text, 'mobipass_database_pool_max')).to.equal(10);
    usage.idle = 5;
    text = (await scrape()).body;
    expect(sample(text, 'mobipass_database_pool_connections', 'state="busy"')).to.equal(0);
  });
});
