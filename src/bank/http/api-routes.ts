import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Bank } from '../bank';
import { envelopeHtml, envelopeText } from '../envelope';
import type { ApiToken } from './api-tokens';
import { bearerGuard } from './bearer';
import { AuditBody, ChallengeBody, sinceTime, UserBody, VerifyBody } from './fields';

const StatusReply = {
  200: Type.Object({ user: Type.String(), status: Type.String(), failures: Type.Integer() }),
};
const VerdictReply = {
  200: Type.Object({ result: Type.String(), attemptsLeft: Type.Optional(Type.Integer()) }),
};

/** The bank back end's API: every route needs one of the bearer tokens, whose name is the audit's actor. */
export function apiRoutes(bank: Bank, tokens: ApiToken[]) {
  return async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.decorateRequest('actor', '');
    app.addHook('onRequest', bearerGuard(tokens));

    app.post('/issue', { schema: { body: UserBody } }, async (request) => {
      const customer = request.body.user;
      const parts = await bank.issue(customer, request.actor);
      return {
        user: customer,
        parts,
        envelopeText: envelopeText({ customer, parts }),
        envelopeHtml: envelopeHtml({ customer, parts }),
      };
    });

    app.post('/challenge', { schema: { body: ChallengeBody } }, async (request) =>
      bank.challenge(request.body.user, request.body.documentId, request.actor),
    );

    app.post('/verify', { schema: { body: VerifyBody, response: VerdictReply } }, async (request) =>
      bank.verify(request.body.user, request.body.challengeId, request.body.signature, request.actor),
    );

    app.post('/block', { schema: { body: UserBody, response: StatusReply } }, async (request) =>
      bank.block(request.body.user, request.actor),
    );
    app.post('/unblock', { schema: { body: UserBody, response: StatusReply } }, async (request) =>
      bank.unblock(request.body.user, request.actor),
    );
    app.post('/revoke', { schema: { body: UserBody, response: StatusReply } }, async (request) =>
      bank.revoke(request.body.user, request.actor),
    );
    app.post('/audit', { schema: { body: AuditBody } }, async (request) => {
      const since = request.body.since === undefined ? 0 : sinceTime(request.body.since);
      return { user: request.body.user, records: await bank.audit(request.body.user, since) };
    });
    app.post('/status', { schema: { body: UserBody, response: StatusReply } }, async (request) =>
      bank.status(request.body.user),
    );
  };
}
