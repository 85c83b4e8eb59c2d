import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Bank } from '../bank';
import { envelopeHtml } from '../envelope';
import { sameOriginJsonOnly } from './demo-guard';
import { NoFields, PaymentBody, SignBody } from './fields';
import { VERDICT } from './replies';

/** The one customer the demo bank page acts for. */
export const DEMO_CUSTOMER = 'demo';
/** Who acts in the audit trail for the demo page. */
const DEMO_ACTOR = 'demo-page';

/** Demo routes are not part of the bank's API description (openapi.json). */
const demo = <Body>(body: Body) => ({ schema: { hide: true, body } });

/**
 * The demo bank page's own routes, without a token: the demo server plays the bank's back end for
 * the demo customer only, so the browser never holds the API token. Only the demo page's own
 * requests are taken (demo-guard.ts). Demo only — never in production.
 */
export function demoRoutes(bank: Bank) {
  return async (fastify: FastifyInstance): Promise<void> => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', sameOriginJsonOnly);
    app.post('/envelope', demo(NoFields), async () => {
      const parts = await bank.issue(DEMO_CUSTOMER, DEMO_ACTOR);
      return { customer: DEMO_CUSTOMER, parts, envelopeHtml: envelopeHtml({ customer: DEMO_CUSTOMER, parts }) };
    });

    // The payment form's amount and payee account drive the challenge; the reply says what to type into the phone.
    app.post('/payment', demo(PaymentBody), async (request) => {
      const { documentId, amount, payee } = request.body;
      return bank.challenge(DEMO_CUSTOMER, documentId, DEMO_ACTOR, { amount, payee });
    });

    // Replies a VERDICT, so the metrics count the demo's verifications too.
    app.post('/sign', { schema: { ...demo(SignBody).schema, response: { 200: VERDICT } } }, async (request) =>
      bank.verify(DEMO_CUSTOMER, request.body.challengeId, request.body.signature, DEMO_ACTOR),
    );

    app.post('/unblock', demo(NoFields), async () => bank.unblock(DEMO_CUSTOMER, DEMO_ACTOR));

    app.get('/status', { schema: { hide: true } }, async () => bank.status(DEMO_CUSTOMER));
  };
}
