import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Bank } from '../bank';
import { envelopeHtml } from '../envelope';
import { PaymentBody, SignBody } from './fields';

/** The one customer the demo bank page acts for. */
export const DEMO_CUSTOMER = 'demo';
/** Who acts in the audit trail for the demo page. */
const DEMO_ACTOR = 'demo-page';

/**
 * The demo bank page's own routes, without a token: the demo server plays the bank's back end for
 * the demo customer only, so the browser never holds the API token. Demo only — never in production.
 */
export function demoRoutes(bank: Bank) {
  return async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.post('/envelope', async () => {
      const parts = await bank.issue(DEMO_CUSTOMER, DEMO_ACTOR);
      return { customer: DEMO_CUSTOMER, parts, envelopeHtml: envelopeHtml({ customer: DEMO_CUSTOMER, parts }) };
    });

    app.post('/payment', { schema: { body: PaymentBody } }, async (request) =>
      bank.challenge(DEMO_CUSTOMER, request.body.documentId, DEMO_ACTOR),
    );

    app.post('/sign', { schema: { body: SignBody } }, async (request) =>
      bank.verify(DEMO_CUSTOMER, request.body.challengeId, request.body.signature, DEMO_ACTOR),
    );

    app.post('/unblock', async () => bank.unblock(DEMO_CUSTOMER, DEMO_ACTOR));

    app.get('/status', async () => bank.status(DEMO_CUSTOMER));
  };
}
