import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { send } from './errors';

/** The names a browser on this machine reaches the demo server by. */
const LOCAL_NAMES = ['127.0.0.1', 'localhost'];

/**
 * Answers only requests addressed to this server by its own name and port: a page whose DNS name was
 * rebound to 127.0.0.1 sends its own name in Host and gets nothing.
 */
export function ownHostOnly(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const port = (app.server.address() as AddressInfo | null)?.port;
    const hosts = LOCAL_NAMES.map((name) => `${name}:${port}`);
    if (!hosts.includes((request.headers.host ?? '').toLowerCase()))
      return send(reply, 403, {
        error: 'forbidden',
        message: `this demo server answers only to ${hosts.join(' and ')}`,
      });
  });
}

/**
 * For the demo routes, which act for the demo customer without a token: only the demo bank page's
 * own requests. A browser marks a request from another site (Sec-Fetch-Site, Origin); and a POST must be
 * JSON, which no form can send and no other page's fetch can send without a CORS preflight this server
 * never grants.
 */
export async function sameOriginJsonOnly(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if ((site !== undefined && site !== 'same-origin') || (origin !== undefined && origin !== `http://${request.host}`))
    return send(reply, 403, { error: 'forbidden', message: 'the demo bank takes requests from its own page only' });
  const type = request.headers['content-type'] ?? '';
  if (request.method === 'POST' && !/^application\/json\s*(;|$)/i.test(type))
    return send(reply, 415, { error: 'unsupported_media_type', message: 'send the body as application/json' });
}
