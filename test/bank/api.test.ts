import { expect } from 'chai';
import type { IssuedChallenge } from '../../src/bank/bank';
import { findActivationError } from '../../src/core/activation';
import { createBankServer } from '../../src/bank/http/server';
import { ApiFixture, TELLER_TOKEN, TEST_TOKEN, TEST_TOKENS } from './support/api-fixture';

interface IssuedEnvelope {
  user: string;
  parts: string[];
  envelopeText: string;
  envelopeHtml: string;
}
import { openBank } from './support/bank-fixture';
import { CONFIG_SIGNING, configPhone, PAYMENT } from './support/payment';
import type { TestPhone } from './support/phone';
import { storeSnapshot } from './support/snapshot';

describe('bank HTTP API', () => {
  let api: ApiFixture;
  let phone: TestPhone;

  beforeEach(async () => {
    api = await new ApiFixture().start();
    const issued = await api.call<{ parts: string[] }>('issue', { user: 'alice' });
    expect(issued.status).to.equal(200);
    phone = configPhone(issued.body.parts);
  });

  afterEach(() => api.cleanup());

  async function newChallenge(user = 'alice'): Promise<IssuedChallenge> {
    const response = await api.call<IssuedChallenge>('challenge', { user, documentId: 'payment 42', ...PAYMENT });
    expect(response.status).to.equal(200);
    return response.body;
  }

  it('issues an envelope as parts, plain text and HTML', async () => {
    const { status, body } = await api.call<IssuedEnvelope>('issue', { user: 'bob' });
    expect(status).to.equal(200);
    expect(body.user).to.equal('bob');
    expect(findActivationError(body.parts)).to.equal(null);
    expect(body.envelopeText).to.include('Код активации Mobipass');
    for (const part of body.parts) {
      expect(body.envelopeText).to.include(part);
      expect(body.envelopeHtml).to.include(part);
    }
  });

  it("accepts the phone's answer to a challenge bound to the payment, then refuses its replay as used", async () => {
    const challenge = await newChallenge();
    expect(challenge).to.deep.include({
      documentId: 'payment 42',
      amount: '15000',
      payeeDigits: '0100',
      signatureDigits: 8,
    });
    expect(challenge.code).to.match(/^\d{7}$/);
    const signature = phone.answer(challenge);
    expect(await api.call('verify', { user: 'alice', challengeId: challenge.challengeId, signature })).to.deep.equal({
      status: 200,
      body: { result: 'accepted' },
    });
    expect(await api.call('verify', { user: 'alice', challengeId: challenge.challengeId, signature })).to.deep.equal({
      status: 200,
      body: { result: 'used' },
    });
  });

  it('reports attempts left, then blocked; support unblocks and revokes', async () => {
    const challenge = await newChallenge();
    const wrong = { user: 'alice', challengeId: challenge.challengeId, signature: phone.wrongAnswer(challenge) };
    expect((await api.call('verify', wrong)).body).to.deep.equal({ result: 'rejected', attemptsLeft: 2 });
    expect((await api.call('verify', wrong)).body).to.deep.equal({ result: 'rejected', attemptsLeft: 1 });
    expect((await api.call('verify', wrong)).body).to.deep.equal({ result: 'blocked' });
    expect(await api.call('challenge', { user: 'alice', documentId: 'x', ...PAYMENT })).to.deep.equal({
      status: 409,
      body: { error: 'blocked', message: 'customer alice is blocked' },
    });
    expect((await api.call('unblock', { user: 'alice' })).body).to.deep.equal({
      user: 'alice',
      status: 'active',
      failures: 0,
    });
    expect((await api.call('block', { user: 'alice' })).body).to.deep.equal({
      user: 'alice',
      status: 'blocked',
      failures: 0,
    });
    expect((await api.call('revoke', { user: 'alice' })).body).to.deep.equal({
      user: 'alice',
      status: 'revoked',
      failures: 0,
    });
    expect((await api.call('status', { user: 'alice' })).body.status).to.equal('revoked');
  });

  it('refuses an expired challenge', async () => {
    const challenge = await newChallenge();
    api.clock.advance(5 * 60 * 1000);
    const response = await api.call('verify', {
      user: 'alice',
      challengeId: challenge.challengeId,
      signature: phone.answer(challenge),
    });
    expect(response.body).to.deep.equal({ result: 'expired' });
  });

  it('counts exactly 3 of 100 concurrent wrong answers over the network, then refuses the right one as blocked', async () => {
    const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
    const challenge = await newChallenge();
    const wrong = JSON.stringify({
      user: 'alice',
      challengeId: challenge.challengeId,
      signature: phone.wrongAnswer(challenge),
    });
    const post = (body: string) =>
      fetch(`${address}/api/verify`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
      }).then((r) => r.json());
    const verdicts = await Promise.all(Array.from({ length: 100 }, () => post(wrong)));
    expect(verdicts.filter((v) => v.result === 'rejected')).to.have.length(2);
    expect(verdicts.filter((v) => v.result === 'blocked')).to.have.length(98);
    expect((await api.call('status', { user: 'alice' })).body).to.deep.equal({
      user: 'alice',
      status: 'blocked',
      failures: 3,
    });
    const right = JSON.stringify({
      user: 'alice',
      challengeId: challenge.challengeId,
      signature: phone.answer(challenge),
    });
    expect(await post(right)).to.deep.equal({ result: 'blocked' });
  });

  it('never counts a wrong answer racing an accepted right one over the network (issue 8 §2), 150 rounds', async () => {
    const address = await api.app.listen({ host: '127.0.0.1', port: 0 });
    const post = (body: object) =>
      fetch(`${address}/api/verify`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
      }).then((r) => r.json() as Promise<{ result: string }>);
    for (let round = 0; round < 150; round++) {
      const challenge = await newChallenge();
      const { challengeId } = challenge;
      const right = phone.answer(challenge);
      const wrong = phone.wrongAnswer(challenge);
      const verdicts = await Promise.all(
        [right, wrong, wrong].map((signature) => post({ user: 'alice', challengeId, signature })),
      );
      expect(verdicts[0]).to.deep.equal({ result: 'accepted' });
      for (const verdict of verdicts.slice(1)) expect(verdict.result).to.be.oneOf(['rejected', 'used']);
      expect((await api.call('status', { user: 'alice' })).body, `round ${round}`).to.deep.equal({
        user: 'alice',
        status: 'active',
        failures: 0,
      });
    }
  });

  it('says mistyped for a typing slip (never counted, the challenge stays open) and refuses a changed payment', async () => {
    const challenge = await newChallenge();
    const right = phone.answer(challenge);
    const slip = right.slice(0, -1) + ((Number(right.slice(-1)) + 1) % 10);
    const answer = (signature: string) =>
      api.call('verify', { user: 'alice', challengeId: challenge.challengeId, signature });
    for (let i = 0; i < 4; i++) expect(await answer(slip)).to.deep.equal({ status: 200, body: { result: 'mistyped' } });
    expect((await api.call('status', { user: 'alice' })).body).to.deep.include({ status: 'active', failures: 0 });
    // Signed for the payment the customer saw (another payee than the one the bank received): refused, counted.
    const seen = phone.answer({ ...challenge, payeeDigits: '9999' });
    expect((await answer(seen)).body).to.deep.equal({ result: 'rejected', attemptsLeft: 2 });
    expect((await answer(right)).body).to.deep.equal({ result: 'accepted' });
  });

  it('answers /health and /ready without a token', async () => {
    for (const [url, body] of [
      ['/health', { status: 'ok' }],
      ['/ready', { status: 'ready' }],
    ] as const) {
      const response = await api.app.inject({ method: 'GET', url });
      expect([response.statusCode, response.json()]).to.deep.equal([200, body]);
    }
  });

  it('names the token that acted in the audit trail, read at POST /api/audit', async () => {
    const challenge = await newChallenge();
    const { challengeId } = challenge;
    await api.call('verify', { user: 'alice', challengeId, signature: phone.answer(challenge) }, TELLER_TOKEN);
    const audit = await api.call<{ user: string; records: { actor: string; event: string; result?: string }[] }>(
      'audit',
      { user: 'alice' },
      TELLER_TOKEN,
    );
    expect(audit.status).to.equal(200);
    expect(audit.body.records.map((r) => [r.actor, r.event, r.result])).to.deep.equal([
      ['backend', 'issue', undefined],
      ['backend', 'challenge', undefined],
      ['teller', 'verify', 'accepted'],
    ]);
    const future = new Date(api.clock.time + 1).toISOString();
    expect((await api.call('audit', { user: 'alice', since: future })).body).to.deep.equal({
      user: 'alice',
      records: [],
    });
    for (const since of ['yesterday', '2026-02-31']) {
      expect(await api.call('audit', { user: 'alice', since })).to.deep.equal({
        status: 400,
        body: { error: 'bad_input', message: 'since must be an ISO time such as 2026-01-31 or 2026-01-31T12:00:00Z' },
      });
    }
  });

  it('keeps its state across a server restart on the same file', async () => {
    const used = await newChallenge();
    await api.call('verify', { user: 'alice', challengeId: used.challengeId, signature: phone.answer(used) });
    const open = await newChallenge();
    await api.call('verify', { user: 'alice', challengeId: open.challengeId, signature: phone.wrongAnswer(open) });
    await api.stop();
    api.bank = await openBank(api.db.file, { now: api.clock.now, ...CONFIG_SIGNING });
    api.app = await createBankServer({ bank: api.bank, apiTokens: TEST_TOKENS });
    expect((await api.call('status', { user: 'alice' })).body).to.deep.equal({
      user: 'alice',
      status: 'active',
      failures: 1,
    });
    expect(
      (await api.call('verify', { user: 'alice', challengeId: used.challengeId, signature: phone.answer(used) })).body,
    ).to.deep.equal({ result: 'used' });
    expect(
      (await api.call('verify', { user: 'alice', challengeId: open.challengeId, signature: phone.answer(open) })).body,
    ).to.deep.equal({ result: 'accepted' });
  });

  describe('bad input: 4xx, a clear message, nothing stored changes', () => {
    let challengeId: string;
    let before: string;
    beforeEach(async () => {
      challengeId = (await newChallenge()).challengeId;
      before = storeSnapshot(api.db.file);
    });
    afterEach(() => expect(storeSnapshot(api.db.file)).to.equal(before));

    const cases: [string, () => [string, unknown, string?], number, string, string][] = [
      [
        'a non-digit signature',
        () => ['verify', { user: 'alice', challengeId, signature: '1234567x' }],
        400,
        'bad_input',
        'signature must be the 4..10 digits the phone shows',
      ],
      [
        'a signature of the wrong length',
        () => ['verify', { user: 'alice', challengeId, signature: '1234567' }],
        400,
        'bad_input',
        'the signature value must be 8 digits',
      ],
      [
        'a number instead of a string',
        () => ['verify', { user: 'alice', challengeId, signature: 12345678 }],
        400,
        'bad_input',
        'signature must be the 4..10 digits the phone shows',
      ],
      [
        'a missing field',
        () => ['verify', { user: 'alice', challengeId }],
        400,
        'bad_input',
        'missing field signature',
      ],
      [
        'a challenge without the payment the envelope signs',
        () => ['challenge', { user: 'alice', documentId: 'd' }],
        400,
        'bad_input',
        'customer alice signs payments: send the amount and the payee',
      ],
      [
        'an amount without a payee',
        () => ['challenge', { user: 'alice', documentId: 'd', amount: '15000' }],
        400,
        'bad_input',
        'amount and payee go together: send both, or neither',
      ],
      [
        'an amount of 0',
        () => ['challenge', { user: 'alice', documentId: 'd', amount: '0.00', payee: PAYMENT.payee }],
        400,
        'bad_input',
        "amount must be an amount above 0 in digits with at most one '.', at most 12 digits before it and 2 after it (leading and trailing zeros aside), such as 15000 or 15000.50",
      ],
      [
        'an amount as a number',
        () => ['challenge', { user: 'alice', documentId: 'd', amount: 15000, payee: PAYMENT.payee }],
        400,
        'bad_input',
        "amount must be an amount above 0 in digits with at most one '.', at most 12 digits before it and 2 after it (leading and trailing zeros aside), such as 15000 or 15000.50",
      ],
      [
        "a payee's account with other characters",
        () => ['challenge', { user: 'alice', documentId: 'd', amount: '1', payee: 'KZ86/125' }],
        400,
        'bad_input',
        "payee must be the payee's account number: 1..34 letters and digits, single spaces between groups allowed",
      ],
      [
        "a payee's account with fewer digits than the phone signs",
        () => ['challenge', { user: 'alice', documentId: 'd', amount: '1', payee: 'KZ 123' }],
        400,
        'bad_input',
        "the payee's account has fewer than 4 digits: the phone signs the last 4 digits of the account",
      ],
      ['an unknown field', () => ['issue', { user: 'alice', admin: true }], 400, 'bad_input', 'unknown field admin'],
      [
        'a malformed challenge id',
        () => ['verify', { user: 'alice', challengeId: 'abc', signature: '12345678' }],
        400,
        'bad_input',
        'challengeId must be the 32 hex digits the challenge call returned',
      ],
      [
        'a malformed user id',
        () => ['block', { user: 'al ice' }],
        400,
        'bad_input',
        'user must be 1..64 letters, digits or . _ @ -',
      ],
      [
        'a huge body',
        () => ['issue', { user: 'alice', pad: 'x'.repeat(100_000) }],
        413,
        'body_too_large',
        'the request body is larger than the limit',
      ],
      ['no body', () => ['block', undefined], 400, 'bad_input', 'the body must be a JSON object'],
      ['an array body', () => ['block', [{ user: 'alice' }]], 400, 'bad_input', 'the body must be a JSON object'],
      ['broken JSON', () => ['block', '{"user": "alice"'], 400, 'bad_json', 'the body is not valid JSON'],
      [
        'a __proto__ key, by name',
        () => ['block', '{"user": "alice", "__proto__": {"admin": true}}'],
        400,
        'bad_input',
        'a body may not contain the key __proto__',
      ],
      [
        'a constructor key, by name',
        () => ['block', '{"user": "alice", "constructor": {"prototype": {"admin": true}}}'],
        400,
        'bad_input',
        'a body may not contain the key constructor',
      ],
      [
        'the token in a query string',
        () => [`status?access_token=${TEST_TOKEN}`, { user: 'alice' }, ''],
        400,
        'bad_request',
        'this route takes no query string: send the token as Authorization: Bearer <token>, fields in the body',
      ],
      [
        'an unknown customer',
        () => ['verify', { user: 'mallory', challengeId, signature: '12345678' }],
        404,
        'unknown_customer',
        'no customer mallory: issue an envelope first',
      ],
      [
        'an unknown customer to block',
        () => ['block', { user: 'mallory' }],
        404,
        'unknown_customer',
        'no customer mallory: issue an envelope first',
      ],
      [
        'a bad token',
        () => ['issue', { user: 'alice' }, 'not-the-token-0123456789abcdef012345'],
        401,
        'unauthorized',
        "send the bank back end's token as Authorization: Bearer <token>",
      ],
      [
        'no token',
        () => ['revoke', { user: 'alice' }, ''],
        401,
        'unauthorized',
        "send the bank back end's token as Authorization: Bearer <token>",
      ],
    ];
    for (const [name, request, status, error, message] of cases) {
      it(`refuses ${name}`, async () => {
        const [route, body, token] = request();
        expect(await api.call(route, body, token)).to.deep.equal({ status, body: { error, message } });
      });
    }

    it('refuses a non-JSON content type and an unknown route', async () => {
      const form = await api.app.inject({
        method: 'POST',
        url: '/api/block',
        payload: 'user=alice',
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect([form.statusCode, form.json()]).to.deep.equal([
        415,
        { error: 'unsupported_media_type', message: 'send the body as application/json' },
      ]);
      const missing = await api.app.inject({ method: 'GET', url: '/api/customers' });
      expect([missing.statusCode, missing.json()]).to.deep.equal([
        404,
        { error: 'not_found', message: 'no route GET /api/customers' },
      ]);
    });
  });
});
