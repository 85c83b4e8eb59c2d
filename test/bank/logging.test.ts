import { expect } from 'chai';
import type { IssuedChallenge } from '../../src/bank/bank';
import { loggableError, maskValues } from '../../src/bank/http/logging';
import { createBankServer } from '../../src/bank/http/server';
import { activationKey } from '../../src/core/activation';
import { openBank, TempDatabase } from './support/bank-fixture';
import { configPhone, PAYMENT } from './support/payment';
import { SERVE_TOKEN, ServeProcess } from './support/serve';

const METRICS_TOKEN = 'metrics-token-for-the-log-test-0123456789';
const WRONG_TOKEN = 'a-wrong-token-someone-tried-0123456789abc';

describe('request logs', function () {
  this.timeout(60000);
  let db: TempDatabase;

  beforeEach(() => {
    db = new TempDatabase();
  });
  afterEach(() => db.cleanup());

  it('are JSON lines with each request, and hold no token, K, envelope digits or signature value after a whole run', async () => {
    const serve = await ServeProcess.start(db.file, { MOBIPASS_METRICS_TOKEN: METRICS_TOKEN });
    const secrets: string[] = [SERVE_TOKEN, METRICS_TOKEN, WRONG_TOKEN];
    try {
      const { parts } = (await (await serve.post('issue', { user: 'alice' })).json()) as { parts: string[] };
      const key = Buffer.from(activationKey(parts));
      secrets.push(...parts, parts.join(''), key.toString('hex'), key.toString('base64'), key.toString('base64url'));
      const phone = configPhone(parts);
      const challenge = async () =>
        (await (
          await serve.post('challenge', { user: 'alice', documentId: 'payment 7', ...PAYMENT })
        ).json()) as IssuedChallenge;
      const verify = (c: IssuedChallenge, signature: string) =>
        serve.post('verify', { user: 'alice', challengeId: c.challengeId, signature });

      const first = await challenge();
      const right = phone.answer(first);
      secrets.push(right);
      expect(await (await verify(first, right)).json()).to.deep.equal({ result: 'accepted' });
      const second = await challenge();
      const wrong = phone.wrongAnswer(second);
      secrets.push(wrong, phone.answer(second));
      for (const result of ['rejected', 'rejected', 'blocked'])
        expect((await (await verify(second, wrong)).json()).result).to.equal(result);
      for (const route of ['unblock', 'block', 'unblock', 'status'])
        expect((await serve.post(route, { user: 'alice' })).status).to.equal(200);

      // Refusals that carry secrets in the request itself.
      expect((await serve.post('status', { user: 'alice' }, WRONG_TOKEN)).status).to.equal(401);
      const inQuery = await fetch(`${serve.address}/api/status?token=${SERVE_TOKEN}&signature=${right}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"user":"alice"}',
      });
      expect(inQuery.status).to.equal(400);
      expect((await serve.post('verify', `{"signature": "${right}", "user": `)).status).to.equal(400);
      expect((await serve.post('verify', `{"__proto__": {"signature": "${parts[0]}"}}`)).status).to.equal(400);
      expect(
        (await serve.post('verify', { user: 'alice', challengeId: second.challengeId, signature: right + 'x' })).status,
      ).to.equal(400);
      expect((await fetch(`${serve.address}/${SERVE_TOKEN}`)).status).to.equal(404);
      const metrics = await fetch(`${serve.address}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(metrics.status).to.equal(200);
    } finally {
      expect((await serve.stop()).code).to.equal(0);
    }

    const lines = serve.output.split('\n').filter((line) => line.startsWith('{'));
    const entries = lines.map((line) => JSON.parse(line) as { req?: { method: string; path: string }; res?: object });
    const requests = entries.filter((entry) => entry.req).map((entry) => `${entry.req!.method} ${entry.req!.path}`);
    expect(requests).to.include.members(['POST /api/issue', 'POST /api/verify', 'POST /api/status', 'GET /metrics']);
    expect(entries.filter((entry) => entry.res).length).to.be.at.least(requests.length);
    expect(serve.output).to.include('[redacted]'); // the token sent as a path
    for (const secret of secrets) expect(serve.output, 'a secret in the log').to.not.include(secret);
    expect(serve.output).to.not.match(/[?&](token|signature)=/);
  });

  it('log an unexpected error by type, code, masked message and stack frames, and nothing else of it', async () => {
    const lines: string[] = [];
    const bank = await openBank(db.file);
    const app = await createBankServer({
      bank,
      apiTokens: [{ name: 'backend', token: SERVE_TOKEN }],
      logger: { stream: { write: (line: string) => lines.push(line) } },
    });
    await bank.close(); // a real failure: the database is closed under the running server
    const reply = await app.inject({
      method: 'POST',
      url: '/api/status',
      headers: { authorization: `Bearer ${SERVE_TOKEN}` },
      payload: { user: 'alice' },
    });
    await app.close();
    expect(reply.json()).to.deep.equal({ error: 'internal', message: 'internal error; see the server log' });
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'unexpected error');
    expect(Object.keys(logged.err).sort()).to.deep.equal(['message', 'stack', 'type']);
    expect(logged.err.message).to.equal('The database connection is not open');
    expect(logged.err.stack).to.match(/^TypeError: The database connection is not open\n\s+at /);

    const leaky = Object.assign(new Error(`value 12345678 rejected for ${SERVE_TOKEN} (key ${'ab'.repeat(32)})`), {
      code: 'E_LEAKY',
      detail: 'Key (signature)=(87654321) exists',
    });
    const shown = JSON.stringify(loggableError(leaky));
    expect(loggableError(leaky).message).to.equal('value [digits] rejected for [masked] (key [masked])');
    for (const secret of ['12345678', '87654321', SERVE_TOKEN, 'ab'.repeat(32)]) expect(shown).to.not.include(secret);
    expect(maskValues('port 8080, 123 ms')).to.equal('port [digits], 123 ms');
  });
});
