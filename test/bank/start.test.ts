import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { configPhone, PAYMENT } from './support/payment';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs scripts/start.ts (what `npm start` runs after the build) until `until` matches its output or it exits. */
function start(
  port: string,
  until: RegExp,
  ...args: string[]
): Promise<{ output: string; code: number | null; stop(): Promise<number | null> }> {
  const child = spawn(TSX, ['scripts/start.ts', ...args], { cwd: ROOT, env: { ...process.env, PORT: port } });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) resolve({ output, code: null, stop: () => (child.kill('SIGTERM'), exited) });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    exited.then((code) => resolve({ output, code, stop: () => exited }));
  });
}

describe('npm start (scripts/start.ts)', function () {
  this.timeout(60000);

  it('serves the landing page and the demo bank on one origin, the emulator and the app on their own, and cleans up on exit', async () => {
    const run = await start('0', /Phone alone: (http:\/\/127\.0\.0\.1:\d+)\/emulator\//);
    const address = /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(run.output)![1];
    const phone = /Phone alone: (http:\/\/127\.0\.0\.1:\d+)\/emulator\//.exec(run.output)![1];
    const dataDir = /data in (\S+), removed on exit/.exec(run.output)![1];
    expect(run.output).to.include('demo only');
    expect(phone).to.not.equal(address);
    try {
      for (const [url, text] of [
        [`${address}/`, `src="${phone}/emulator/?lang=ru"`],
        [`${address}/bank/`, 'Кодовое число документа'],
        [`${phone}/emulator/`, '../app/index.html'],
        [`${phone}/app/index.html`, '<'],
      ]) {
        const response = await fetch(url);
        expect(response.status, url).to.equal(200);
        expect(await response.text(), url).to.include(text);
      }
      for (const path of ['/emulator/', '/app/index.html']) {
        expect((await fetch(address + path)).status, `the bank's origin serves no ${path}`).to.equal(404);
      }
      const envelope = await fetch(`${address}/bank/api/envelope`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect((await envelope.json()).parts).to.have.length(4);
      expect((await fetch(`${address}/api/status`, { method: 'POST' })).status).to.equal(401);
      expect(existsSync(dataDir)).to.equal(true);
    } finally {
      expect(await run.stop()).to.equal(0);
    }
    expect(existsSync(dataDir)).to.equal(false);
  });

  it('with --hsm, seals under a key generated in a SoftHSM2 token of its own, removed on exit', async () => {
    const run = await start('0', /Open (http:\/\/127\.0\.0\.1:\d+)\//, '--hsm');
    const address = /Open (http:\/\/127\.0\.0\.1:\d+)\//.exec(run.output)![1];
    const tokenDir =
      /Master key pkcs11:mobipass-demo\/mobipass-demo-master: generated in a SoftHSM2 token in (\S+), removed on exit/.exec(
        run.output,
      )![1];
    try {
      expect(existsSync(tokenDir)).to.equal(true);
      const post = async (route: string, body?: object) =>
        (
          await fetch(`${address}/bank/api/${route}`, {
            method: 'POST',
            ...(body && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
          })
        ).json();
      const phone = configPhone((await post('envelope', {})).parts);
      const challenge = await post('payment', { documentId: 'payment-1', ...PAYMENT });
      expect(
        await post('sign', { challengeId: challenge.challengeId, signature: phone.answer(challenge) }),
      ).to.deep.equal({ result: 'accepted' });
    } finally {
      expect(await run.stop()).to.equal(0);
    }
    expect(existsSync(tokenDir)).to.equal(false);
  });

  it('says clearly when the port is busy', async () => {
    const busy = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => busy.once('listening', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const run = await start(String(port), /(?!)/); // runs until it exits
      expect(run.code).to.equal(1);
      expect(run.output).to.include(
        `npm start: port ${port} on 127.0.0.1 is already in use: stop the other server or choose another port (PORT=… or --port)`,
      );
    } finally {
      busy.close();
    }
  });
});
