import type { FastifyInstance } from 'fastify';
import type { Bank } from '../bank';
import { envelopeHtml } from '../envelope';
import { bodySchema } from './fields';

/** The one customer the demo bank page acts for. */
export const DEMO_CUSTOMER = 'demo';

interface PaymentBody {
  documentId: string;
}
interface SignBody {
  challengeId: string;
  signature: string;
}

/**
 * The demo bank page's own routes, without a token: the demo server plays the bank's back end for
 * the demo customer only, so the browser never holds the API token. Demo only — never in production.
 */
export function demoRoutes(bank: Bank) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post('/envelope', async () => {
      const parts = await bank.issue(DEMO_CUSTOMER);
      return { customer: DEMO_CUSTOMER, parts, envelopeHtml: envelopeHtml({ customer: DEMO_CUSTOMER, parts }) };
    });

    app.post<{ Body: PaymentBody }>('/payment', { schema: { body: bodySchema('documentId') } }, async (request) =>
      bank.challenge(DEMO_CUSTOMER, request.body.documentId),
    );

    app.post<{ Body: SignBody }>(
      '/sign',
      { schema: { body: bodySchema('challengeId', 'signature') } },
      async (request) => bank.verify(DEMO_CUSTOMER, request.body.challengeId, request.body.signature),
    );

    app.post('/unblock', async () => bank.unblock(DEMO_CUSTOMER));

    app.get('/status', async () => bank.status(DEMO_CUSTOMER));
  };
}
