import { Type, type TSchema } from 'typebox';
import { ENV } from '../settings';
import { AUDIT_EVENTS } from '../store/store';
import { VERDICT_RESULTS, type Verdict } from '../verdicts';
import { FIELDS } from './fields';

/**
 * What each route answers, status by status: the 200 reply and every refusal ({error, message}, see
 * errors.ts). Fastify serializes replies by these schemas and the OpenAPI document (openapi.ts) is
 * generated from them, so the document is what the server does.
 */

/** A refusal's body: `error` is one of the codes this status carries on this route. */
function refusal(description: string, ...codes: string[]): TSchema {
  return Type.Object(
    {
      error: Type.Unsafe<string>({ type: 'string', enum: codes, description: 'a stable machine code' }),
      message: Type.String({ description: 'one English sentence saying what to change' }),
    },
    { description, additionalProperties: false },
  );
}

/** Answered by Node itself, before any route runs: no body. */
const TIMED_OUT = Type.Unsafe<null>({
  type: 'null',
  description: `the request did not arrive within ${ENV.requestTimeout} (its headers: ${ENV.headersTimeout}); no body, the connection is closed`,
});

const SHUTTING_DOWN = refusal(
  'this instance is shutting down and did not run the request: send it to another instance',
  'shutting_down',
);

/** The refusals every JSON route behind the API token can give. */
const API_REFUSALS = {
  400: refusal(
    'bad input: a field breaks its rule, an unknown or missing field, unparsable JSON, a query string',
    'bad_input',
    'bad_json',
    'bad_request',
  ),
  401: refusal('no or wrong bearer token', 'unauthorized'),
  408: TIMED_OUT,
  413: refusal('the body is over 4 KB', 'body_too_large'),
  415: refusal('the body is not application/json', 'unsupported_media_type'),
  500: refusal('an unexpected error; the server logged it without secrets', 'internal'),
  503: refusal(
    'not run: the instance is shutting down, or its database did not answer in time: send it to another instance',
    'shutting_down',
    'database_unavailable',
  ),
};

const UNKNOWN_CUSTOMER = { 404: refusal('no such customer: issue an envelope first', 'unknown_customer') };

const DIGITS_8 = '^[0-9]{8}$';

export const IssueReplies = {
  ...API_REFUSALS,
  200: Type.Object(
    {
      user: FIELDS.user.schema,
      parts: Type.Array(Type.String({ pattern: DIGITS_8 }), {
        minItems: 4,
        maxItems: 4,
        description: 'the activation code: 4 parts of 8 digits, in order',
      }),
      envelopeText: Type.String({ description: 'the envelope «Код активации Mobipass» as plain text' }),
      envelopeHtml: Type.String({ description: 'the envelope as a printable HTML page' }),
    },
    { description: 'a new envelope; any earlier key, failure count and block are gone' },
  ),
};

export const ChallengeReplies = {
  ...API_REFUSALS,
  ...UNKNOWN_CUSTOMER,
  409: refusal(
    'the customer has no key (revoked), is blocked, or the key has issued nearly all its codes: issue a new envelope',
    'no_key',
    'blocked',
    'codes_used_up',
  ),
  200: Type.Object(
    {
      challengeId: FIELDS.challengeId.schema,
      code: Type.String({
        pattern: '^[0-9]{4,8}$',
        description:
          'the document code number the customer types into the phone (version 2: 7 digits, the last a check digit); never issued before for this key',
      }),
      documentId: FIELDS.documentId.schema,
      expiresAt: Type.Integer({ description: 'when the challenge expires, in milliseconds since 1970 (UTC)' }),
      amount: Type.Optional(
        Type.String({
          pattern: '^[0-9]{1,12}(\\.[0-9]{1,2})?$',
          description:
            'only when the signature binds the payment: the amount the customer types into the phone, in its canonical form (15000.00 → 15000); the phone types the point with *',
        }),
      ),
      payeeDigits: Type.Optional(
        Type.String({
          pattern: '^[0-9]{1,10}$',
          description:
            "with amount: the payee digits the customer types into the phone (the last digits of the payee's account)",
        }),
      ),
      signatureDigits: Type.Integer({
        minimum: 4,
        maximum: 8,
        description: 'how many digits the customer types back (version 2: 8, the value and its check digit)',
      }),
    },
    {
      description:
        'a single-use challenge bound to the customer, the document and (when the envelope signs payments) the payment, valid 5 minutes: what the customer types into the phone',
    },
  ),
};

/** A verification's outcome; the metrics count replies of this schema by result. */
export const VERDICT = Type.Object(
  {
    result: Type.Unsafe<Verdict['result']>({
      type: 'string',
      enum: [...VERDICT_RESULTS],
      description:
        'accepted; rejected (wrong value, counted); mistyped (version 2: the check digit fails, a typing slip: never counted, the challenge stays open, ask for the value again); blocked (this answer blocked the customer, or they were); used, expired, unknown_challenge (refused, never counted)',
    }),
    attemptsLeft: Type.Optional(Type.Integer({ minimum: 1, description: 'with rejected: wrong answers left' })),
  },
  { description: 'the verdict (also for refused answers: these are outcomes, not errors)' },
);

export const VerdictReplies = {
  ...API_REFUSALS,
  ...UNKNOWN_CUSTOMER,
  409: refusal('the customer has no key (revoked): issue a new envelope', 'no_key'),
  500: refusal(
    "an unexpected error, or the master key does not open the customer's stored key (config)",
    'internal',
    'config',
  ),
  200: VERDICT,
};

export const StatusReplies = {
  ...API_REFUSALS,
  ...UNKNOWN_CUSTOMER,
  200: Type.Object(
    {
      user: FIELDS.user.schema,
      status: Type.Unsafe<'active' | 'blocked' | 'revoked'>({ type: 'string', enum: ['active', 'blocked', 'revoked'] }),
      failures: Type.Integer({ minimum: 0, description: 'consecutive wrong answers' }),
    },
    { description: "the customer's state after the call" },
  ),
};

/** One audit record (docs/BANK.md, «The audit trail»): never K, envelope digits, codes or signature values. */
const AUDIT_RECORD = Type.Object(
  {
    at: Type.Integer({ description: "the server's time, ms since 1970" }),
    instance: Type.String({ description: 'which mobipass-bank process decided (MOBIPASS_INSTANCE)' }),
    actor: Type.String({ description: "the API token's name, or cli" }),
    userId: FIELDS.user.schema,
    event: Type.Unsafe<string>({
      type: 'string',
      enum: [...AUDIT_EVENTS],
      description: 'reseal: rotate-master-key moved K (the same key) under another master key',
    }),
    result: Type.Optional(Type.String({ description: 'verify: the verdict' })),
    attemptsLeft: Type.Optional(Type.Integer({ description: 'verify rejected: wrong answers left' })),
    challengeId: Type.Optional(Type.String()),
    documentId: Type.Optional(Type.String()),
    expiresAt: Type.Optional(Type.Integer({ description: 'challenge: when it expires, ms since 1970' })),
    keySerial: Type.Optional(Type.Integer({ description: "the customer's key the decision was about" })),
    amount: Type.Optional(Type.String({ description: 'challenge binding a payment: its canonical amount' })),
    payee: Type.Optional(Type.String({ description: 'challenge binding a payment: the payee digits' })),
    masterKeyId: Type.Optional(
      Type.String({ description: 'issue, reseal: the id of the master key K is sealed under from now on' }),
    ),
    previousMasterKeyId: Type.Optional(
      Type.String({ description: 'reseal: the id of the master key K was sealed under before' }),
    ),
  },
  { additionalProperties: false },
);

export const AuditReplies = {
  ...API_REFUSALS,
  200: Type.Object(
    { user: FIELDS.user.schema, records: Type.Array(AUDIT_RECORD, { description: 'oldest first' }) },
    { description: "the customer's audit trail since the time asked (an unknown customer has none)" },
  ),
};

export const HealthReplies = {
  408: TIMED_OUT,
  503: SHUTTING_DOWN,
  200: Type.Object({ status: Type.Literal('ok') }, { description: 'the process answers' }),
};

export const ReadyReplies = {
  408: TIMED_OUT,
  503: refusal(
    'not ready: shutting down, the database does not answer or is read-only (a standby), or the master key does not open its probe',
    'shutting_down',
    'database_unavailable',
    'not_ready',
  ),
  200: Type.Object({ status: Type.Literal('ready') }, { description: 'this instance can serve' }),
};

export const OpenApiReplies = {
  408: TIMED_OUT,
  503: SHUTTING_DOWN,
  200: Type.Object({}, { additionalProperties: true, description: 'this OpenAPI 3 document' }),
};

export const MetricsReplies = {
  400: refusal('a query string was sent', 'bad_request'),
  401: refusal('no or wrong metrics token', 'unauthorized'),
  404: refusal(`metrics are off: ${ENV.metricsToken} is not set`, 'not_found'),
  408: TIMED_OUT,
  503: SHUTTING_DOWN,
  200: {
    description: 'the Prometheus text exposition format',
    content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: Type.String() } },
  },
};
