import type { IssuedChallenge } from '../../src/bank/bank';
import { expect } from 'chai';
import fc from 'fast-check';
import { ApiFixture } from './support/api-fixture';
import { ReplyChecker } from './support/openapi';
import { storeSnapshot } from './support/snapshot';

/** Valid bodies per route, for a known customer with an open challenge; each case breaks one of them. */
function validBodies(challengeId: string): { [route: string]: { [field: string]: string } } {
  return {
    issue: { user: 'alice' },
    challenge: { user: 'alice', documentId: 'payment 1' },
    verify: { user: 'alice', challengeId, signature: '12345678' },
    block: { user: 'alice' },
    unblock: { user: 'alice' },
    revoke: { user: 'alice' },
    status: { user: 'alice' },
    audit: { user: 'alice', since: '2026-01-01' },
  };
}

const FIELD_IS_VALID: { [field: string]: (value: unknown) => boolean } = {
  user: (v) => typeof v === 'string' && /^[A-Za-z0-9._@-]{1,64}$/.test(v),
  documentId: (v) => typeof v === 'string' && /^[ -~]{1,64}$/.test(v),
  challengeId: (v) => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v),
  signature: (v) => typeof v === 'string' && /^[0-9]{8}$/.test(v),
  since: (v) => typeof v === 'string' && /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d))?$/.test(v),
};

type Mutation =
  | { kind: 'drop'; index: number }
  | { kind: 'replace'; index: number; value: unknown }
  | { kind: 'extra'; name: string; value: unknown }
  | { kind: 'unknownUser'; user: string }
  | { kind: 'badToken'; token: string }
  | { kind: 'raw'; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    index: fc.nat(),
    value: fc.oneof(
      fc.anything(),
      fc.string(),
      fc.stringMatching(/^[0-9]{1,12}$/),
      fc.stringMatching(/^[0-9a-f]{0,40}$/),
    ),
  }),
  fc.record({ kind: fc.constant('extra' as const), name: fc.string({ minLength: 1 }), value: fc.anything() }),
  fc.record({ kind: fc.constant('unknownUser' as const), user: fc.stringMatching(/^[A-Za-z0-9._@-]{1,20}$/) }),
  fc.record({ kind: fc.constant('badToken' as const), token: fc.string() }),
  fc.record({ kind: fc.constant('raw' as const), text: fc.string() }),
);

describe('bank HTTP API fuzz', () => {
  let api: ApiFixture;

  before(async () => {
    api = await new ApiFixture().start();
    await api.call('issue', { user: 'alice' });
    await api.call('issue', { user: 'bob' });
  });
  after(() => api.cleanup());

  it('answers every malformed request with 4xx and {error, message} as openapi.json says, and changes nothing stored', async () => {
    const checker = new ReplyChecker();
    const challenge = (await api.call<IssuedChallenge>('challenge', { user: 'alice', documentId: 'payment 1' })).body;
    const bodies = validBodies(challenge.challengeId);
    const before = storeSnapshot(api.db.file);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(bodies)), mutation, async (route, change) => {
        const body: { [field: string]: unknown } = { ...bodies[route] };
        const fields = Object.keys(body);
        let payload: unknown = body;
        let token: string | undefined;
        if (change.kind === 'drop') {
          fc.pre(fields[change.index % fields.length] !== 'since'); // optional: leaving it out is valid
          delete body[fields[change.index % fields.length]];
        }
        if (change.kind === 'replace') {
          const field = fields[change.index % fields.length];
          fc.pre(!FIELD_IS_VALID[field](change.value));
          fc.pre(!(field === 'since' && change.value === undefined)); // JSON drops it: an optional field left out
          body[field] = change.value;
        }
        if (change.kind === 'extra') {
          fc.pre(!(change.name in body) && change.value !== undefined); // JSON drops undefined
          body[change.name] = change.value;
        }
        if (change.kind === 'unknownUser') {
          // issue makes the customer; the audit of a customer without records is an empty list
          fc.pre(route !== 'issue' && route !== 'audit' && change.user !== 'alice' && change.user !== 'bob');
          body.user = change.user;
        }
        if (change.kind === 'badToken') token = change.token.replace(/[^\x21-\x7e]/g, '');
        if (change.kind === 'raw') {
          let parsed: unknown;
          try {
            parsed = JSON.parse(change.text);
          } catch {
            parsed = undefined;
          }
          fc.pre(typeof parsed !== 'object' || parsed === null || Array.isArray(parsed));
          payload = change.text;
        }
        const response = await api.call(route, payload, token);
        expect(response.status, JSON.stringify(response.body)).to.be.within(400, 499);
        expect(response.body.error).to.be.a('string');
        expect(response.body.message).to.be.a('string').and.not.equal('');
        checker.expectDescribed('POST', `/api/${route}`, response.status, response.body);
        expect(storeSnapshot(api.db.file)).to.equal(before);
      }),
      { numRuns: 400 },
    );
  });
});
