import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BankError } from '../errors';
import type { BankMetrics } from '../metrics';
import { ENV } from '../settings';
import type { Verdict } from '../verdicts';
import { checkedToken, type ApiToken } from './api-tokens';
import { bearerGuard } from './bearer';
import { refuseQueryString, send } from './errors';
import { MetricsReplies, VERDICT } from './replies';

export interface MetricsOptions {
  collector: BankMetrics;
  /** The scraper's own bearer token: it opens /metrics and nothing else. */
  token: string;
}

/** MOBIPASS_METRICS_TOKEN, if set: a token of its own, so the scraper cannot call the API. */
export function metricsTokenSetting(env: NodeJS.ProcessEnv, apiTokens: ApiToken[]): string | undefined {
  const token = env[ENV.metricsToken];
  if (!token) return undefined;
  checkedToken(token, ENV.metricsToken);
  if (apiTokens.some((api) => api.token === token))
    throw new BankError(
      'config',
      `${ENV.metricsToken} must differ from every API token: the scraper must not hold an API token`,
    );
  return token;
}

/** Times every request and counts every verdict a route replies (any route whose 200 reply is a VERDICT). */
export function observeRequests(app: FastifyInstance, metrics: BankMetrics): void {
  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const replies = request.routeOptions.schema?.response as { [status: number]: unknown } | undefined;
    if (reply.statusCode === 200 && replies?.[200] === VERDICT) metrics.verified((payload as Verdict).result);
    return payload;
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    metrics.requestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  });
}

/** GET /metrics in the Prometheus text format, behind the metrics token; 404 when metrics are off. */
export function metricsRoute(metrics: MetricsOptions | undefined) {
  return async (app: FastifyInstance): Promise<void> => {
    const schema = { summary: 'Prometheus metrics', security: [{ metricsToken: [] }], response: MetricsReplies };
    if (!metrics) {
      const off = { error: 'not_found', message: `metrics are off: set ${ENV.metricsToken} to serve them` };
      app.get('/metrics', { schema, onRequest: refuseQueryString }, async (_request, reply) => send(reply, 404, off));
      return;
    }
    const refusal = `send the metrics token (${ENV.metricsToken}) as Authorization: Bearer <token>`;
    const { collector, token } = metrics;
    app.get(
      '/metrics',
      { schema, onRequest: [refuseQueryString, bearerGuard([{ name: 'metrics', token }], refusal)] },
      async (_request, reply) => reply.type(collector.registry.contentType).send(await collector.exposition()),
    );
  };
}
