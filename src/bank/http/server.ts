import Fastify, { type FastifyInstance } from 'fastify';
import type { Bank } from '../bank';
import { apiRoutes } from './api-routes';
import type { ApiToken } from './api-tokens';
import { installErrorHandlers } from './errors';
import { healthRoutes } from './health-routes';

export const BODY_LIMIT_BYTES = 4096;

export interface ServerOptions {
  bank: Bank;
  apiTokens: ApiToken[];
  /** Log requests (serve mode); tests and benches keep quiet. */
  logger?: boolean;
}

/** A fastify instance with the bank API under /api, /health and /ready, strict JSON validation and JSON errors. */
export async function createBankServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization'] } : false,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });
  installErrorHandlers(app);
  await app.register(healthRoutes(options.bank));
  await app.register(apiRoutes(options.bank, options.apiTokens), { prefix: '/api' });
  return app;
}
