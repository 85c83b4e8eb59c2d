import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { BankError } from '../errors';
import type { ApiToken } from './api-tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** The name of the token the request came with: who acted, for the audit trail. */
    actor: string;
  }
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * An onRequest hook refusing requests without `Authorization: Bearer <token>` of one of the tokens,
 * comparing in constant time with every token (no early exit), and naming the request's actor.
 */
export function bearerGuard(
  tokens: ApiToken[],
  refusal = "send the bank back end's token as Authorization: Bearer <token>",
) {
  const expected = tokens.map(({ name, token }) => ({ name, digest: digest(token) }));
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    const presented = digest(match ? match[1] : '');
    let actor: string | undefined;
    for (const candidate of expected) {
      if (timingSafeEqual(presented, candidate.digest) && match) actor = candidate.name;
    }
    if (actor === undefined) throw new BankError('unauthorized', refusal);
    request.actor = actor;
  };
}
