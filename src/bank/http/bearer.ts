import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { BankError } from '../errors';
import { ENV } from '../settings';

const API_TOKEN_ENV = ENV.apiToken;

/** The bank back end's token must be long enough not to be guessed. */
export function checkApiToken(token: string | undefined): string {
  if (!token)
    throw new BankError(
      'config',
      `${API_TOKEN_ENV} is not set: give the server the bearer token the bank back end will send (at least 32 characters, e.g. openssl rand -hex 32)`,
    );
  return checkTokenShape(API_TOKEN_ENV, token);
}

/** Every bearer token the server takes (API, metrics): long enough not to be guessed, no spaces. */
export function checkTokenShape(variable: string, token: string): string {
  if (token.length < 32 || /\s/.test(token))
    throw new BankError('config', `${variable} must be at least 32 characters without spaces`);
  return token;
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** An onRequest hook refusing requests without `Authorization: Bearer <token>`, comparing in constant time. */
export function bearerGuard(
  token: string,
  refusal = "send the bank back end's token as Authorization: Bearer <token>",
) {
  const expected = digest(token);
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      throw new BankError('unauthorized', refusal);
    }
  };
}
