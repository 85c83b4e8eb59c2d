import type { FastifyHttpOptions, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Server } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpLimits } from '../settings';
import { send } from './errors';

/** How often Node checks requests against the headers and request timeouts (its default, 30 s, lets a stalled client stay that much longer). */
const TIMEOUT_CHECK_MS = 1000;

/** The fastify options that bound how long a client may hold a connection. */
export function timeoutOptions(limits: HttpLimits): FastifyHttpOptions<Server> {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    // Requests arriving while closing get this module's 503 (the JSON every refusal has), not fastify's.
    return503OnClosing: false,
  };
}

/**
 * Limits connections, and makes close() prompt: every connection without a request being run is
 * closed at once (idle keep-alive ones, and clients still sending headers or a body: nothing of theirs
 * has been decided), requests whose body has arrived complete (with `Connection: close`), and requests
 * arriving meanwhile on an open connection get 503 `shutting_down`.
 */
export function drainOnClose(app: FastifyInstance, limits: HttpLimits): void {
  /** Each open connection and the exchange it is in, if any (Node's own events: no per-request hook). */
  const exchanges = new Map<Socket, { request: IncomingMessage; response: ServerResponse } | undefined>();
  let closing = false;

  app.server.maxConnections = limits.maxConnections;
  app.server.on('connection', (socket: Socket) => {
    exchanges.set(socket, undefined);
    socket.once('close', () => exchanges.delete(socket));
  });
  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    exchanges.set(request.socket, { request, response });
  });

  app.addHook('onRequest', (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    send(reply, 503, {
      error: 'shutting_down',
      message: 'this instance is shutting down and did not run the request: send it to another instance',
    });
  });

  app.addHook('preClose', async () => {
    closing = true;
    for (const [socket, exchange] of exchanges) {
      const running = exchange && exchange.request.complete && !exchange.response.writableEnded;
      if (!running) socket.destroy();
      else if (!exchange.response.headersSent) exchange.response.setHeader('connection', 'close');
    }
  });
}

/**
 * Closes the server (see drainOnClose), cutting off whatever still runs after `limitMs`: a shutdown
 * takes at most that long. Resolves true when everything finished by itself.
 */
export async function closeWithin(app: FastifyInstance, limitMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const closed = app.close().then(() => true);
  const cutOff = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      app.server.closeAllConnections();
      resolve(false);
    }, limitMs);
  });
  try {
    const finished = await Promise.race([closed, cutOff]);
    await closed;
    return finished;
  } finally {
    clearTimeout(timer);
  }
}
