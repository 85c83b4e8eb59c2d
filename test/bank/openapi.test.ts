import { expect } from 'chai';
import type { InjectOptions } from 'fastify';
import type { IssuedChallenge } from '../../src/bank/bank';
import { BODY_LIMIT_BYTES } from '../../src/bank/http/server';
import { ApiFixture, TEST_TOKEN } from './support/api-fixture';
import { keptDocument, ReplyChecker } from './support/openapi';
import { configPhone, PAYMENT } from './support/payment';

/** Every method and path the server routes (fastify's own list), but HEAD, which fastify adds to each GET. */
function routesOf(api: ApiFixture): string[] {
  const routes: string[] = [];
  for (const line of api.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /(\/\S*) \(([A-Z, ]+)\)/.exec(line);
    if (!match) continue;
    for (const method of match[2].split(', ')) if (method !== 'HEAD') routes.push(`${method} ${match[1]}`);
  }
  return routes.sort();
}

describe('OpenAPI description (docs/openapi.json)', () => {
  let api: ApiFixture;

  beforeEach(async () => {
    api = await new ApiFixture().start();
  });
  afterEach(() => api.cleanup());

  it('is what the server serves at GET /openapi.json, without a token (npm run openapi writes it)', async () => {
    const served = await api.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(served.statusCode).to.equal(200);
    expect(served.json()).to.deep.equal(keptDocument());
  });

  it('describes every route the server has: its body, its 200 reply and every refusal', () => {
    const document = keptDocument();
    expect(document.openapi).to.match(/^3\./);
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routes = routesOf(api);
    expect(routes).to.include('POST /api/verify');
    expect(described.sort()).to.deep.equal(routes);
    for (const route of routes.filter((route) => route.startsWith('POST /api/'))) {
      const operation = document.paths[route.slice('POST '.length)].post as unknown as {
        requestBody: { content: { 'application/json': { schema: { type: string } } } };
        responses: { [status: string]: unknown };
      };
      expect(operation.requestBody.content['application/json'].schema.type, route).to.equal('object');
      for (const status of ['200', '400', '401', '404', '408', '413', '415', '500', '503']) {
        // Issuing creates the customer; a customer never issued has an empty audit trail.
        if (status === '404' && (route === 'POST /api/issue' || route === 'POST /api/audit')) continue;
        expect(operation.responses, `${route} lists ${status}`).to.have.property(status);
      }
    }
  });

  it("describes what a whole run answers: every route's replies and refusals match their status's schema", async () => {
    const checker = new ReplyChecker();
    const send = async (request: InjectOptions) => {
      const reply = await api.app.inject(request);
      const path = String(request.url).split('?')[0];
      const body = reply.headers['content-type']?.startsWith('application/json') ? reply.json() : reply.body;
      checker.expectDescribed(request.method as string, path, reply.statusCode, body);
      return { status: reply.statusCode, body };
    };
    const post = (route: string, payload: unknown, headers: { [name: string]: string } = {}) =>
      send({
        method: 'POST',
        url: `/api/${route}`,
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json', ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });

    const issued = await post('issue', { user: 'alice' });
    const phone = configPhone(issued.body.parts);
    const challenge = (await post('challenge', { user: 'alice', documentId: 'payment 1', ...PAYMENT }))
      .body as IssuedChallenge;
    const right = phone.answer(challenge);
    const slip = right.slice(0, -1) + ((Number(right.slice(-1)) + 1) % 10);
    const answer = (signature: string) => ({ user: 'alice', challengeId: challenge.challengeId, signature });
    const seen = new Set<string>();
    const note = (reply: { status: number; body: { result?: string; error?: string; status?: string } }) =>
      seen.add(`${reply.status} ${reply.body.result ?? reply.body.error ?? reply.body.status}`);

    note(await post('verify', answer(slip)));
    note(await post('verify', answer(phone.wrongAnswer(challenge))));
    note(await post('verify', answer(right)));
    note(await post('verify', answer(right)));
    note(await post('verify', { ...answer(right), challengeId: '0'.repeat(32) }));
    for (const route of ['status', 'block', 'unblock', 'revoke']) note(await post(route, { user: 'alice' }));
    note(await post('challenge', { user: 'alice', documentId: 'payment 2', ...PAYMENT }));
    note(await post('verify', answer(right)));
    note(await post('status', { user: 'mallory' }));
    note(await post('status', { user: 'alice', extra: 1 }));
    note(await post('status', '{"user": '));
    note(await post('status', '{"user": "alice", "__proto__": {}}'));
    note(await post('status', { user: 'alice', pad: 'x'.repeat(BODY_LIMIT_BYTES) }));
    note(await post('status', { user: 'alice' }, { authorization: 'Bearer wrong' }));
    note(await post('status', { user: 'alice' }, { 'content-type': 'text/plain' }));
    note(await send({ method: 'POST', url: `/api/status?token=${TEST_TOKEN}`, payload: { user: 'alice' } }));
    note(await send({ method: 'GET', url: '/metrics' }));
    await post('issue', { user: 'bob' });
    await post('block', { user: 'bob' });
    note(await post('challenge', { user: 'bob', documentId: 'payment 3', ...PAYMENT }));

    expect([...seen].sort()).to.deep.equal([
      '200 accepted',
      '200 active',
      '200 blocked',
      '200 mistyped',
      '200 rejected',
      '200 revoked',
      '200 unknown_challenge',
      '200 used',
      '400 bad_input',
      '400 bad_json',
      '400 bad_request',
      '401 unauthorized',
      '404 not_found',
      '404 unknown_customer',
      '409 blocked',
      '409 no_key',
      '413 body_too_large',
      '415 unsupported_media_type',
    ]);
  });
});
