import type { FastifyInstance } from 'fastify';
import type { Bank } from '../bank';
import { BankError } from '../errors';
import { HealthReplies, ReadyReplies } from './replies';

/**
 * For load balancers and orchestrators, without a token: /health says the process answers; /ready
 * says this instance can serve (the database answers and the master key opens its probe), else 503
 * with the reason.
 */
export function healthRoutes(bank: Bank) {
  return async (app: FastifyInstance): Promise<void> => {
    const health = { summary: 'The process answers (liveness)', response: HealthReplies };
    app.get('/health', { schema: health }, async () => ({ status: 'ok' }));
    const ready = { summary: 'This instance can serve (readiness)', response: ReadyReplies };
    app.get('/ready', { schema: ready }, async (_request, reply) => {
      try {
        await bank.ready();
        return { status: 'ready' };
      } catch (error) {
        if (!(error instanceof BankError)) throw error;
        const code = error.code === 'database_unavailable' ? error.code : 'not_ready';
        return reply.code(503).send({ error: code, message: error.message });
      }
    });
  };
}
