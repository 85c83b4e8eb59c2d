import type { FastifyInstance } from 'fastify';
import type { Bank } from '../bank';
import { envelopeHtml, envelopeText } from '../envelope';
import { bearerGuard } from './bearer';
import { bodySchema } from './fields';

interface UserBody {
  user: string;
}
interface ChallengeBody {
  user: string;
  documentId: string;
}
interface VerifyBody {
  user: string;
  challengeId: string;
  signature: string;
}

const statusResponse = {
  200: {
    type: 'object',
    properties: { user: { type: 'string' }, status: { type: 'string' }, failures: { type: 'integer' } },
  },
};

/** The bank back end's API: every route needs the bearer token. */
export function apiRoutes(bank: Bank, token: string) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', bearerGuard(token));

    app.post<{ Body: UserBody }>('/issue', { schema: { body: bodySchema('user') } }, async (request) => {
      const customer = request.body.user;
      const parts = await bank.issue(customer);
      return {
        user: customer,
        parts,
        envelopeText: envelopeText({ customer, parts }),
        envelopeHtml: envelopeHtml({ customer, parts }),
      };
    });

    app.post<{ Body: ChallengeBody }>(
      '/challenge',
      { schema: { body: bodySchema('user', 'documentId') } },
      async (request) => bank.challenge(request.body.user, request.body.documentId),
    );

    app.post<{ Body: VerifyBody }>(
      '/verify',
      {
        schema: {
          body: bodySchema('user', 'challengeId', 'signature'),
          response: {
            200: { type: 'object', properties: { result: { type: 'string' }, attemptsLeft: { type: 'integer' } } },
          },
        },
      },
      async (request) => bank.verify(request.body.user, request.body.challengeId, request.body.signature),
    );

    const supportActions = { block: bank.block, unblock: bank.unblock, revoke: bank.revoke, status: bank.status };
    for (const [name, action] of Object.entries(supportActions)) {
      app.post<{ Body: UserBody }>(
        `/${name}`,
        { schema: { body: bodySchema('user'), response: statusResponse } },
        async (request) => action.call(bank, request.body.user),
      );
    }
  };
}
