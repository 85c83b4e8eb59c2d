import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Bank } from '../bank';
import { envelopeHtml, envelopeText } from '../envelope';
import { bearerGuard } from './bearer';
import { ChallengeBody, UserBody, VerifyBody } from './fields';

const StatusReply = {
  200: Type.Object({ user: Type.String(), status: Type.String(), failures: Type.Integer() }),
};
const VerdictReply = {
  200: Type.Object({ result: Type.String(), attemptsLeft: Type.Optional(Type.Integer()) }),
};

/** The bank back end's API: every route needs the bearer token. */
export function apiRoutes(bank: Bank, token: string) {
  return async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', bearerGuard(token));

    app.post('/issue', { schema: { body: UserBody } }, async (request) => {
      const customer = request.body.user;
      const parts = await bank.issue(customer);
      return {
        user: customer,
        parts,
        envelopeText: envelopeText({ customer, parts }),
        envelopeHtml: envelopeHtml({ customer, parts }),
      };
    });

    app.post('/challenge', { schema: { body: ChallengeBody } }, async (request) =>
      bank.challenge(request.body.user, request.body.documentId),
    );

    app.post('/verify', { schema: { body: VerifyBody, response: VerdictReply } }, async (request) =>
      bank.verify(request.body.user, request.body.challengeId, request.body.signature),
    );

    app.post('/block', { schema: { body: UserBody, response: StatusReply } }, async (request) =>
      bank.block(request.body.user),
    );
    app.post('/unblock', { schema: { body: UserBody, response: StatusReply } }, async (request) =>
      bank.unblock(request.body.user),
    );
    app.post('/revoke', { schema: { body: UserBody, response: StatusReply } }, async (request) =>
      bank.revoke(request.body.user),
    );
    app.post('/status', { schema: { body: UserBody, response: StatusReply } }, async (request) =>
      bank.status(request.body.user),
    );
  };
}
