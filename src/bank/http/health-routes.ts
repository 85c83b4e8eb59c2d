import type { FastifyInstance } from 'fastify';
import type { Bank } from '../bank';
import { BankError } from '../errors';

/**
 * For load balancers and orchestrators, without a token: /health says the process answers; /ready
 * says this instance can serve (the database answers and the master key opens its probe), else 503
 * with the reason.
 */
export function healthRoutes(bank: Bank) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/health', async () => ({ status: 'ok' }));
    app.get('/ready', async (_request, reply) => {
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
