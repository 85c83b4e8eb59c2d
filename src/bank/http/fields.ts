/** Every field a route accepts: its JSON-schema rule and the message a caller gets when it is broken. */
interface FieldRule {
  schema: { type: 'string'; pattern: string };
  problem: string;
}

export const FIELDS = {
  user: {
    schema: { type: 'string', pattern: '^[A-Za-z0-9._@-]{1,64}$' },
    problem: 'must be 1..64 letters, digits or . _ @ -',
  },
  documentId: {
    schema: { type: 'string', pattern: '^[ -~]{1,64}$' },
    problem: 'must be 1..64 printable ASCII characters',
  },
  challengeId: {
    schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    problem: 'must be the 32 hex digits the challenge call returned',
  },
  signature: {
    schema: { type: 'string', pattern: '^[0-9]{4,10}$' },
    problem: 'must be the 4..10 digits the phone shows',
  },
} satisfies { [name: string]: FieldRule };

export type FieldName = keyof typeof FIELDS;

/** A JSON-schema for a body with exactly these fields, all required. */
export function bodySchema(...names: FieldName[]): object {
  const properties: { [name: string]: object } = {};
  for (const name of names) properties[name] = FIELDS[name].schema;
  return { type: 'object', required: names, additionalProperties: false, properties };
}

export function fieldProblem(name: string): string | undefined {
  return (FIELDS as { [name: string]: FieldRule })[name]?.problem;
}
