/** A refusal the caller can act on: a stable machine code, an HTTP status and a one-line English message. */
export type BankErrorCode =
  | 'bad_input'
  | 'unknown_customer'
  | 'no_key'
  | 'blocked'
  | 'codes_used_up'
  | 'unauthorized'
  | 'config'
  | 'database_unavailable';

const STATUS: { [code in BankErrorCode]: number } = {
  bad_input: 400,
  unauthorized: 401,
  unknown_customer: 404,
  no_key: 409,
  blocked: 409,
  codes_used_up: 409,
  config: 500,
  database_unavailable: 503,
};

export class BankError extends Error {
  readonly code: BankErrorCode;
  readonly status: number;

  constructor(code: BankErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
  }
}
