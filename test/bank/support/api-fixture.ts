import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Bank } from '../../../src/bank/bank';
import { createBankServer } from '../../../src/bank/http/server';
import { ManualClock, TempDatabase, openBank } from './bank-fixture';
import { CONFIG_SIGNING } from './payment';

export const TEST_TOKEN = 'test-token-0123456789abcdef0123456789';
/** A second back end's token: the audit trail names which one acted. */
export const TELLER_TOKEN = 'teller-token-0123456789abcdef012345678';
export const TEST_TOKENS = [
  { name: 'backend', token: TEST_TOKEN },
  { name: 'teller', token: TELLER_TOKEN },
];

/**
 * A bank API server over a temp SQLite file, issuing what the bank config says (version 2 with payment
 * data by default), driven by inject() or over the network after listen().
 */
export class ApiFixture {
  readonly db = new TempDatabase();
  readonly clock = new ManualClock();
  bank!: Bank;
  app!: FastifyInstance;

  async start(): Promise<this> {
    this.bank = await openBank(this.db.file, { now: this.clock.now, ...CONFIG_SIGNING });
    this.app = await createBankServer({ bank: this.bank, apiTokens: TEST_TOKENS });
    return this;
  }

  /** Stops the server and closes the database, keeping the file. */
  async stop(): Promise<void> {
    await this.app.close();
    await this.bank.close();
  }

  async cleanup(): Promise<void> {
    await this.stop();
    this.db.cleanup();
  }

  /** Posts to /api/<route>; the reply's shape is the route's (its schema in src/bank/http), named by the caller. */
  async call<Reply = { [field: string]: unknown }>(
    route: string,
    body: unknown,
    token = TEST_TOKEN,
  ): Promise<{ status: number; body: Reply }> {
    const request: InjectOptions = {
      method: 'POST',
      url: `/api/${route}`,
      headers: { authorization: `Bearer ${token}` },
    };
    if (typeof body === 'string') request.payload = body;
    else if (body !== undefined) request.payload = body as object;
    if (body !== undefined) request.headers = { ...request.headers, 'content-type': 'application/json' };
    const response = await this.app.inject(request);
    return { status: response.statusCode, body: response.json<Reply>() };
  }
}
