import { expect } from 'chai';
import Fastify, { type FastifyInstance } from 'fastify';
import { readdirSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { IssuedChallenge } from '../../src/bank/bank';
import { closeWithin, drainOnClose, timeoutOptions } from '../../src/bank/http/connections';
import { DEFAULT_HTTP_LIMITS } from '../../src/bank/settings';
import { SqliteStore } from '../../src/bank/store/sqlite-store';
import { TempDatabase } from './support/bank-fixture';
import { configPhone, PAYMENT } from './support/payment';
import { SERVE_TOKEN, ServeProcess } from './support/serve';

const STALLED_AT = {
  body: (host: string) =>
    `POST /api/status HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user":`,
  headers: (host: string) => `POST /api/status HTTP/1.1\r\nHost: ${host}\r\nAuthoriz`,
  silence: () => '',
};

/** A client that sends the headers of a POST and part of its body (or part of the headers, or nothing), then nothing. */
async function stalledClient(
  address: string,
  stalls: keyof typeof STALLED_AT = 'body',
): Promise<{ socket: Socket; closed: Promise<number> }> {
  const { hostname, port } = new URL(address);
  const socket = connect(Number(port), hostname);
  const opened = performance.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - opened)));
  socket.on('error', () => undefined);
  socket.on('data', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(STALLED_AT[stalls](hostname));
  return { socket, closed };
}

function openDescriptors(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('slow clients, connection limit and shutdown', function () {
  this.timeout(60000);
  let db: TempDatabase;
  let serve: ServeProcess | undefined;

  beforeEach(() => {
    db = new TempDatabase();
  });
  afterEach(async () => {
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
    serve = undefined;
    db.cleanup();
  });

  it('disconnects clients that stall in the headers or the body or send nothing, and serves others meanwhile', async () => {
    serve = await ServeProcess.start(db.file, {
      MOBIPASS_HEADERS_TIMEOUT_MS: '500',
      MOBIPASS_REQUEST_TIMEOUT_MS: '1000',
      MOBIPASS_CONNECTION_TIMEOUT_MS: '1500',
    });
    const kinds = Object.keys(STALLED_AT) as (keyof typeof STALLED_AT)[];
    const stalled = await Promise.all(
      Array.from({ length: 210 }, (_, i) => stalledClient(serve!.address, kinds[i % kinds.length])),
    );
    expect((await serve.post('issue', { user: 'alice' })).status).to.equal(200);
    const lifetimes = await Promise.all(stalled.map((client) => client.closed));
    // Headers and request timeouts are checked every second: a stalled client is gone within its timeout plus that
    // second; a silent one after the connection timeout.
    expect(Math.max(...lifetimes)).to.be.below(1000 + 1000 + 500);
    expect(Math.min(...lifetimes)).to.be.at.least(450);
  });

  it('holds at most MOBIPASS_MAX_CONNECTIONS connections, closing the rest at once', async () => {
    serve = await ServeProcess.start(db.file, { MOBIPASS_MAX_CONNECTIONS: '50' });
    const baseline = openDescriptors(serve.pid);
    const clients = await Promise.all(Array.from({ length: 150 }, () => stalledClient(serve!.address)));
    await delay(300);
    expect(openDescriptors(serve.pid) - baseline).to.be.at.most(50);
    const refused = await Promise.race([Promise.all(clients.slice(50).map((c) => c.closed)), delay(2000)]);
    expect(refused, 'the connections beyond the limit are closed at once').to.be.an('array');
    for (const client of clients) client.socket.destroy();
    await delay(100);
    expect((await serve.post('issue', { user: 'alice' })).status).to.equal(200);
  });

  it('stops within a bound on SIGTERM under keep-alive load and stalled clients; every answer sent is what was decided', async () => {
    serve = await ServeProcess.start(db.file);
    const { parts } = (await (await serve.post('issue', { user: 'alice' })).json()) as { parts: string[] };
    const phone = configPhone(parts);
    const { hostname, port } = new URL(serve.address);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    /** One POST over the keep-alive agent; rejects when the connection is closed under it. */
    const post = (route: string, body: object) =>
      new Promise<{ status: number; body: { result?: string } & IssuedChallenge }>((resolve, reject) => {
        const payload = JSON.stringify(body);
        const request = httpRequest(
          {
            agent,
            hostname,
            port,
            method: 'POST',
            path: `/api/${route}`,
            headers: {
              authorization: `Bearer ${SERVE_TOKEN}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
            },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk) => (text += chunk));
            response.on('end', () => resolve({ status: response.statusCode as number, body: JSON.parse(text) }));
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(payload);
      });

    const answered = new Map<string, string>();
    const sent: string[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        let challenge: IssuedChallenge;
        try {
          const reply = await post('challenge', { user: 'alice', documentId: 'load', ...PAYMENT });
          if (reply.status !== 200) return;
          challenge = reply.body;
        } catch {
          return;
        }
        sent.push(challenge.challengeId);
        try {
          const reply = await post('verify', {
            user: 'alice',
            challengeId: challenge.challengeId,
            signature: phone.answer(challenge),
          });
          answered.set(challenge.challengeId, reply.status === 200 ? String(reply.body.result) : `${reply.status}`);
        } catch {
          return; // the connection closed before an answer: the test checks what was decided
        }
      }
    };
    const idle = await Promise.all(Array.from({ length: 20 }, () => idleConnection(serve!.address, '/openapi.json')));
    const stalled = await Promise.all(Array.from({ length: 50 }, () => stalledClient(serve!.address)));
    const workers = Array.from({ length: 8 }, worker);
    // Under load before the signal: wait for the verifications themselves, not for a fixed time.
    for (const until = Date.now() + 20000; answered.size <= 20 && Date.now() < until;) await delay(20);
    expect(answered.size, 'verifications ran before the signal').to.be.above(20);
    const stopped = await Promise.race([serve.stop('SIGTERM'), delay(15000).then(() => undefined)]);
    running = false;
    await Promise.all(workers);
    agent.destroy();
    for (const client of stalled) client.socket.destroy();
    expect(await Promise.all(idle.map((connection) => connection.closed))).to.have.length(20);
    expect(stopped, 'serve exited after SIGTERM').to.not.equal(undefined);
    expect(stopped!.code).to.equal(0);
    // Far below the 10 s request timeout the stalled clients would otherwise hold it for.
    expect(stopped!.ms).to.be.below(2000);

    const store = new SqliteStore(db.file);
    try {
      for (const id of sent) {
        const used = (await store.getVerification('alice', id)).challenge?.usedAt !== null;
        const reply = answered.get(id);
        if (used) expect(reply, `challenge ${id} was consumed: its answer reached the client`).to.equal('accepted');
        else expect(reply, `challenge ${id} was not consumed`).to.not.equal('accepted');
      }
    } finally {
      await store.close();
    }
  });
});

describe('closeWithin', () => {
  let app: FastifyInstance;
  let address: string;

  async function start(handler: () => Promise<string>): Promise<void> {
    app = Fastify(timeoutOptions(DEFAULT_HTTP_LIMITS));
    drainOnClose(app, DEFAULT_HTTP_LIMITS);
    app.get('/work', handler);
    app.get('/quick', async () => 'done');
    address = await app.listen({ host: '127.0.0.1', port: 0 });
  }

  it('completes a request in a handler, closes idle connections at once', async () => {
    let finish!: () => void;
    await start(() => new Promise<string>((resolve) => (finish = () => resolve('finished'))));
    const idle = await idleConnection(address);
    const inFlight = fetch(`${address}/work`);
    await delay(100);
    const closing = closeWithin(app, 5000);
    expect(await Promise.race([idle.closed, delay(1000).then(() => 'still open')])).to.equal('closed');
    await delay(100);
    finish();
    const reply = await inFlight;
    expect([reply.status, await reply.text(), reply.headers.get('connection')]).to.deep.equal([
      200,
      'finished',
      'close',
    ]);
    expect(await closing).to.equal(true);
  });

  it('cuts off a request that outlives the bound, and returns false', async () => {
    await start(() => new Promise<string>(() => undefined));
    const stuck = fetch(`${address}/work`).then(
      () => 'answered',
      () => 'cut off',
    );
    await delay(100);
    const started = performance.now();
    expect(await closeWithin(app, 300)).to.equal(false);
    expect(performance.now() - started).to.be.within(250, 1000);
    expect(await stuck).to.equal('cut off');
  });
});

/** A keep-alive connection that has had its answer and now sits idle; `closed` resolves when the server closes it. */
async function idleConnection(address: string, path = '/quick'): Promise<{ closed: Promise<string> }> {
  const { hostname, port } = new URL(address);
  const socket = connect(Number(port), hostname);
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve('closed')));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
  await new Promise((resolve) => socket.once('data', resolve));
  return { closed };
}
