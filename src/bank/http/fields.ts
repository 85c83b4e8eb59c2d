import { Type, type TString } from 'typebox';
import { BankError } from '../errors';
import { ACCOUNT_PATTERN, ACCOUNT_PROBLEM, AMOUNT_PATTERN, AMOUNT_PROBLEM } from '../payment';

/** Every field a route accepts: its JSON-schema rule and the message a caller gets when it is broken. */
interface FieldRule {
  schema: TString;
  problem: string;
  /** The same rule as the schema, for callers that are not HTTP routes (the CLI). */
  accepts(value: string): boolean;
}

/** `meaning` is what the field is, for the API's description (openapi.json). */
function rule(pattern: string, problem: string, meaning: string): FieldRule {
  const regex = new RegExp(pattern);
  const description = `${meaning}; ${problem.replace(/^must be /, '')}`;
  return { schema: Type.String({ pattern, description }), problem, accepts: (value) => regex.test(value) };
}

export const FIELDS = {
  user: rule('^[A-Za-z0-9._@-]{1,64}$', 'must be 1..64 letters, digits or . _ @ -', "the customer's id in the bank"),
  documentId: rule(
    '^[ -~]{1,64}$',
    'must be 1..64 printable ASCII characters',
    'the id of the document (payment) being signed',
  ),
  challengeId: rule(
    '^[0-9a-f]{32}$',
    'must be the 32 hex digits the challenge call returned',
    'the challenge being answered',
  ),
  signature: rule(
    '^[0-9]{4,10}$',
    'must be the 4..10 digits the phone shows',
    "the signature value the customer typed (exactly the suite's digits: 8, the challenge's signatureDigits)",
  ),
  amount: rule(
    AMOUNT_PATTERN,
    AMOUNT_PROBLEM,
    "the payment's amount; bound (as its canonical form) when the customer's envelope signs payments",
  ),
  payee: rule(
    ACCOUNT_PATTERN,
    ACCOUNT_PROBLEM,
    "the payee's account; its last digits (as many as the bank config's payment.payeeDigits, letters skipped) are bound when the customer's envelope signs payments",
  ),
  since: rule(
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$',
    'must be an ISO time such as 2026-01-31 or 2026-01-31T12:00:00Z',
    'the earliest record wanted (default: all)',
  ),
} satisfies { [name: string]: FieldRule };

export type FieldName = keyof typeof FIELDS;

/** The message for a broken field, by its name in a body. */
export function fieldProblem(name: string): string | undefined {
  return (FIELDS as { [name: string]: FieldRule })[name]?.problem;
}

/** A `since` that matches the rule, as ms since 1970; a date that does not exist (2026-02-31) is refused. */
export function sinceTime(text: string, field = 'since'): number {
  const time = Date.parse(text);
  const day = Date.parse(text.slice(0, 10));
  if (Number.isNaN(time) || Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== text.slice(0, 10))
    throw new BankError('bad_input', `${field} ${FIELDS.since.problem}`);
  return time;
}

const strict = { additionalProperties: false } as const;

export const UserBody = Type.Object({ user: FIELDS.user.schema }, strict);
/** amount and payee: both or neither (a 400 otherwise). */
export const ChallengeBody = Type.Object(
  {
    user: FIELDS.user.schema,
    documentId: FIELDS.documentId.schema,
    amount: Type.Optional(FIELDS.amount.schema),
    payee: Type.Optional(FIELDS.payee.schema),
  },
  strict,
);
export const VerifyBody = Type.Object(
  { user: FIELDS.user.schema, challengeId: FIELDS.challengeId.schema, signature: FIELDS.signature.schema },
  strict,
);
export const AuditBody = Type.Object({ user: FIELDS.user.schema, since: Type.Optional(FIELDS.since.schema) }, strict);
export const PaymentBody = Type.Object(
  { documentId: FIELDS.documentId.schema, amount: FIELDS.amount.schema, payee: FIELDS.payee.schema },
  strict,
);
export const SignBody = Type.Object(
  { challengeId: FIELDS.challengeId.schema, signature: FIELDS.signature.schema },
  strict,
);
/** A POST that needs no field still sends a JSON object: `{}`. */
export const NoFields = Type.Object({}, strict);
