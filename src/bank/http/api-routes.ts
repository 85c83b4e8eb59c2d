import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Bank } from '../bank';
import { envelopeHtml, envelopeText } from '../envelope';
import type { ApiToken } from './api-tokens';
import { bearerGuard } from './bearer';
import { refuseQueryString } from './errors';
import { AuditBody, ChallengeBody, sinceTime, UserBody, VerifyBody } from './fields';
import { AuditReplies, ChallengeReplies, IssueReplies, StatusReplies, VerdictReplies } from './replies';

/** The support line's routes: a customer in, the customer's state out. */
const support = (summary: string) => ({ summary, body: UserBody, response: StatusReplies });

/** The bank back end's API: every route needs one of the API tokens, whose name is the audit's actor. */
export function apiRoutes(bank: Bank, tokens: ApiToken[]) {
  return async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.decorateRequest('actor', '');
    app.addHook('onRequest', refuseQueryString);
    app.addHook('onRequest', bearerGuard(tokens));

    const issue = { summary: 'Issue a new envelope (replaces any old key)', body: UserBody, response: IssueReplies };
    app.post('/issue', { schema: issue }, async (request) => {
      const customer = request.body.user;
      const parts = await bank.issue(customer, request.actor);
      return {
        user: customer,
        parts,
        envelopeText: envelopeText({ customer, parts }),
        envelopeHtml: envelopeHtml({ customer, parts }),
      };
    });

    const challenge = {
      summary: 'A document code number to sign, bound to the payment (amount and payee)',
      body: ChallengeBody,
      response: ChallengeReplies,
    };
    app.post('/challenge', { schema: challenge }, async (request) => {
      const { user, documentId, amount, payee } = request.body;
      return bank.challenge(user, documentId, request.actor, { amount, payee });
    });

    const verify = { summary: 'Check the signature value typed', body: VerifyBody, response: VerdictReplies };
    app.post('/verify', { schema: verify }, async (request) =>
      bank.verify(request.body.user, request.body.challengeId, request.body.signature, request.actor),
    );

    app.post('/block', { schema: support('Block the customer') }, async (request) =>
      bank.block(request.body.user, request.actor),
    );
    app.post('/unblock', { schema: support('Unblock, failure count reset') }, async (request) =>
      bank.unblock(request.body.user, request.actor),
    );
    app.post('/revoke', { schema: support('Delete the key for good') }, async (request) =>
      bank.revoke(request.body.user, request.actor),
    );
    app.post('/status', { schema: support("The customer's state") }, async (request) => bank.status(request.body.user));

    const audit = { summary: "The customer's audit trail, oldest first", body: AuditBody, response: AuditReplies };
    app.post('/audit', { schema: audit }, async (request) => {
      const since = request.body.since === undefined ? 0 : sinceTime(request.body.since);
      return { user: request.body.user, records: await bank.audit(request.body.user, since) };
    });
  };
}
