import { errorCodes, type FastifyInstance } from 'fastify';
import { BankError } from '../errors';

/** Keys that reach prototypes when a body is merged into an object: never a field, always refused. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor'];

class ForbiddenKey extends Error {}

function refuseForbiddenKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.indexOf(key) >= 0) throw new ForbiddenKey(key);
  return value;
}

/**
 * Bodies are JSON only (no text/plain, which a cross-site form may send without a preflight), and a
 * forbidden key is refused by name rather than as "not valid JSON".
 */
export function acceptJsonBodiesOnly(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), undefined);
    try {
      done(null, JSON.parse(body as string, refuseForbiddenKeys));
    } catch (error) {
      if (!(error instanceof ForbiddenKey)) return done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), undefined);
      done(new BankError('bad_input', `a body may not contain the key ${error.message}`), undefined);
    }
  });
}
