import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

/** Runs of 4+ digits (signature values, envelope parts, codes) and token-like strings (tokens, keys in hex or base64). */
const DIGIT_RUN = /\d{4,}/g;
const TOKEN_LIKE = /[A-Za-z0-9+/=_.~-]{32,}/g;

/** A message with every value that could be a secret masked. */
export function maskValues(text: string): string {
  return text.replace(TOKEN_LIKE, '[masked]').replace(DIGIT_RUN, '[digits]');
}

/**
 * An error as logged: its type, code, masked message and stack frames (code locations, never data).
 * Nothing else of the error is logged: libraries put values in their own fields (a database's detail).
 */
export function loggableError(error: Error & { code?: unknown }): {
  type: string;
  code?: string;
  message: string;
  stack: string;
} {
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const message = maskValues(error.message ?? '');
  return {
    type: error.constructor?.name ?? 'Error',
    code: error.code === undefined ? undefined : String(error.code).slice(0, 40),
    message,
    stack: [`${error.name}: ${message}`, ...frames].join('\n'),
  };
}

/** A request as logged: no query string, no headers, no body. */
function loggableRequest(request: FastifyRequest) {
  return {
    method: request.method,
    path: request.url.split('?')[0],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function loggableReply(reply: Pick<FastifyReply, 'statusCode'>) {
  return { statusCode: reply.statusCode };
}

/** Replaces each secret the server knows (its tokens), raw or JSON-escaped, wherever it appears in a line. */
function maskSecrets(secrets: string[]): (line: string) => string {
  const forms = secrets.filter(Boolean).flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
  return (line) => {
    for (const form of forms) if (line.includes(form)) line = line.split(form).join('[redacted]');
    return line;
  };
}

/**
 * fastify's own logger (pino), one JSON object per line: each request's method, path, status and time,
 * and unexpected errors. Never a header (the Authorization token), a query string or a body (envelope
 * digits, signature values); `secrets` are masked in every line as a last guard.
 */
export function loggerOptions(secrets: string[], stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level: 'info',
    serializers: { req: loggableRequest, res: loggableReply, err: loggableError },
    hooks: { streamWrite: maskSecrets(secrets) },
    ...(stream ? { stream } : {}),
  };
}
