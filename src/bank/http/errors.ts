import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import { BankError } from '../errors';
import { fieldProblem } from './fields';

/** The JSON every refusal has. */
export interface ErrorBody {
  error: string;
  message: string;
}

/** One clear sentence for the first schema violation, naming the field. */
export function describeValidation(errors: FastifySchemaValidationError[]): string {
  const first = errors[0];
  const params = first.params as { missingProperty?: string; additionalProperty?: string; type?: string };
  if (first.keyword === 'required') return `missing field ${params.missingProperty}`;
  if (first.keyword === 'additionalProperties') return `unknown field ${params.additionalProperty}`;
  const field = first.instancePath.replace(/^\//, '');
  if (!field) return 'the body must be a JSON object';
  return `${field} ${fieldProblem(field) ?? first.message}`;
}

const FRAMEWORK_ERRORS: { [code: string]: ErrorBody & { status: number } } = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    error: 'body_too_large',
    message: 'the request body is larger than the limit',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    message: 'send the body as application/json',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, error: 'bad_json', message: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, error: 'bad_json', message: 'the body is empty; send a JSON object' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    error: 'bad_request',
    message: 'the Content-Length does not match the body',
  },
};

export function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).send(body);
}

/**
 * An onRequest hook for routes that take no query string: a token or field sent there would sit in
 * proxies' and browsers' logs, so it is refused (and never logged: see logging.ts).
 */
export function refuseQueryString(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  if (!request.url.includes('?')) return done();
  send(reply, 400, {
    error: 'bad_request',
    message: 'this route takes no query string: send the token as Authorization: Bearer <token>, fields in the body',
  });
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof BankError) return send(reply, error.status, { error: error.code, message: error.message });
    if (error.validation)
      return send(reply, 400, { error: 'bad_input', message: describeValidation(error.validation) });
    const known = FRAMEWORK_ERRORS[error.code];
    if (known) return send(reply, known.status, { error: known.error, message: known.message });
    if (error instanceof SyntaxError)
      return send(reply, 400, { error: 'bad_json', message: 'the body is not valid JSON' });
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, error.statusCode, { error: 'bad_request', message: error.message });
    }
    // Logged through logging.ts's err serializer: type, code, message and stack frames, with digit runs
    // and token-like strings masked, so a value a library put in a message cannot reach the log.
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, 500, { error: 'internal', message: 'internal error; see the server log' });
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, { error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
