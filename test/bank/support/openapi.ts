import Ajv, { type ValidateFunction } from 'ajv';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const OPENAPI_FILE = join(__dirname, '..', '..', '..', 'docs', 'openapi.json');

interface Operation {
  responses: { [status: string]: { content?: { [type: string]: { schema: object } } } };
}
export interface OpenApiDocument {
  openapi: string;
  paths: { [path: string]: { [method: string]: Operation } };
}

export function keptDocument(): OpenApiDocument {
  return JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
}

/** Checks replies against what docs/openapi.json says the route answers: a listed status, a body of its schema. */
export class ReplyChecker {
  private readonly ajv = new Ajv({ strict: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument = keptDocument()) {}

  expectDescribed(method: string, path: string, status: number, body: unknown): void {
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    expect(operation, `${method} ${path} is described`).to.not.equal(undefined);
    const reply = operation.responses[String(status)];
    expect(reply, `${method} ${path} lists status ${status} (${JSON.stringify(body)})`).to.not.equal(undefined);
    const schema = reply.content?.['application/json']?.schema;
    if (!schema) return;
    const key = `${method} ${path} ${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(key, validate);
    }
    expect(validate(body), `${key}: ${JSON.stringify(body)} ${this.ajv.errorsText(validate.errors)}`).to.equal(true);
  }
}
