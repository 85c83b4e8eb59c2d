import type { IssuedChallenge } from '../../../src/bank/bank';
import { configPhone, PAYMENT } from './payment';
import type { TestPhone } from './phone';

/** A bank API to talk to: a `serve` process. */
export interface ApiServer {
  post(route: string, body: unknown): Promise<Response>;
}

export interface StreamOutcome {
  user: string;
  /** The verdict, or what went wrong before it (`challenge 500`, `no answer`). */
  result: string;
  /** When the challenge was asked for and when the verdict came (performance.now()). */
  started: number;
  ended: number;
}

/**
 * Customers signing payments without pause, through every server in turn: the challenge from one, the
 * answer to the next. Each customer belongs to one worker, so the new envelopes a worker issues now and
 * then never race that customer's own answers: every verdict must be `accepted`.
 */
export class VerificationStream {
  readonly outcomes: StreamOutcome[] = [];
  reissued = 0;
  private reissuing = 0;
  private running = true;
  private readonly workers: Promise<void>[];

  /**
   * `phones` is updated as customers get new envelopes: a worker gives the customer of its turn a new
   * envelope every `reissues.every` turns, until `reissues.atMost` were given in all.
   */
  constructor(
    private readonly servers: ApiServer[],
    readonly phones: Map<string, TestPhone>,
    workers = 6,
    private readonly reissues = { every: 0, atMost: 0 },
  ) {
    const users = [...phones.keys()];
    this.workers = Array.from({ length: workers }, (_, w) => this.work(users.filter((_, i) => i % workers === w)));
  }

  /** Waits for the workers to finish what they are doing; returns every outcome. */
  async stop(): Promise<StreamOutcome[]> {
    this.running = false;
    await Promise.all(this.workers);
    return this.outcomes;
  }

  /** The outcomes of verifications asked for and answered between these times. */
  within(from: number, to: number): StreamOutcome[] {
    return this.outcomes.filter((outcome) => outcome.started >= from && outcome.ended <= to);
  }

  private async work(users: string[]): Promise<void> {
    for (let turn = 0; this.running && users.length; turn++) {
      const user = users[turn % users.length];
      const server = this.servers[turn % this.servers.length];
      const { every, atMost } = this.reissues;
      if (every && turn % every === every - 1 && this.reissuing < atMost) await this.reissue(server, user);
      const started = performance.now();
      const result = await this.verify(server, this.servers[(turn + 1) % this.servers.length], user).catch(
        (error: Error) => `no answer (${error.message})`,
      );
      this.outcomes.push({ user, result, started, ended: performance.now() });
    }
  }

  private async verify(asked: ApiServer, answered: ApiServer, user: string): Promise<string> {
    const reply = await asked.post('challenge', { user, documentId: 'payment', ...PAYMENT });
    if (reply.status !== 200) return `challenge ${reply.status}: ${await reply.text()}`;
    const challenge = (await reply.json()) as IssuedChallenge;
    const signature = (this.phones.get(user) as TestPhone).answer(challenge);
    const verdict = await answered.post('verify', { user, challengeId: challenge.challengeId, signature });
    const body = (await verdict.json()) as { result?: string; error?: string; message?: string };
    return body.result ?? `${verdict.status} ${body.error}: ${body.message}`;
  }

  private async reissue(server: ApiServer, user: string): Promise<void> {
    this.reissuing++;
    const reply = await server.post('issue', { user });
    if (reply.status !== 200) {
      this.outcomes.push({ user, result: `issue ${reply.status}: ${await reply.text()}`, started: 0, ended: 0 });
      return;
    }
    this.phones.set(user, configPhone(((await reply.json()) as { parts: string[] }).parts));
    this.reissued++;
  }
}
