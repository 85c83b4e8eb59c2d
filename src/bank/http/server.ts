import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Bank } from '../bank';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from '../settings';
import { apiRoutes } from './api-routes';
import type { ApiToken } from './api-tokens';
import { drainOnClose, timeoutOptions } from './connections';
import { installErrorHandlers } from './errors';
import { healthRoutes } from './health-routes';
import { acceptJsonBodiesOnly } from './json-body';
import { loggerOptions } from './logging';
import { metricsRoute, observeRequests, type MetricsOptions } from './metrics-route';
import { registerOpenApi } from './openapi';

export const BODY_LIMIT_BYTES = 4096;

export interface ServerOptions {
  bank: Bank;
  /** The API's bearer tokens; each one's name is the audit's actor for what is done with it. */
  apiTokens: ApiToken[];
  /** Log requests as JSON lines (serve mode), to stdout or the given stream; tests and benches keep quiet. */
  logger?: boolean | { stream: DestinationStream };
  /** Timeouts, connection limit and shutdown bound (default: DEFAULT_HTTP_LIMITS). */
  limits?: HttpLimits;
  /** GET /metrics; without it, /metrics answers 404. */
  metrics?: MetricsOptions;
}

/** A fastify instance with the bank API under /api, strict JSON validation and JSON errors. */
export async function createBankServer(options: ServerOptions): Promise<FastifyInstance> {
  const limits = options.limits ?? DEFAULT_HTTP_LIMITS;
  const secrets = [...options.apiTokens.map((entry) => entry.token), options.metrics?.token ?? ''];
  const stream = typeof options.logger === 'object' ? options.logger.stream : undefined;
  const app = Fastify({
    logger: options.logger ? loggerOptions(secrets, stream) : false,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    ...timeoutOptions(limits),
  });
  installErrorHandlers(app);
  acceptJsonBodiesOnly(app);
  drainOnClose(app, limits);
  if (options.metrics) observeRequests(app, options.metrics.collector);
  await registerOpenApi(app);
  await app.register(healthRoutes(options.bank));
  await app.register(apiRoutes(options.bank, options.apiTokens), { prefix: '/api' });
  await app.register(metricsRoute(options.metrics));
  return app;
}
