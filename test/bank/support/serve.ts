import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { TEST_MASTER_KEY_HEX } from './bank-fixture';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'mobipass-bank.js');

export const SERVE_TOKEN = 'serve-test-token-0123456789abcdef0123456';

/** A real `mobipass-bank serve` process on a free port, its standard output and error collected. */
export class ServeProcess {
  output = '';
  address = '';
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    const collect = (chunk: Buffer) => (this.output += chunk.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
  }

  /** Starts serve on `databaseFile` with the test token and master key, plus `env`; resolves once it listens. */
  static async start(databaseFile: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      cwd: ROOT,
      env: {
        ...process.env,
        MOBIPASS_MASTER_KEY: TEST_MASTER_KEY_HEX,
        MOBIPASS_DB: databaseFile,
        MOBIPASS_API_TOKEN: SERVE_TOKEN,
        ...env,
      },
    });
    const serve = new ServeProcess(child);
    serve.address = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', () => {
        const match = /MobiPass bank API on (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(serve.output);
        if (match) resolve(match[1]);
      });
      serve.exited.then((code) => reject(new Error(`serve exited ${code}: ${serve.output}`)));
    });
    return serve;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Sends the signal; resolves with the exit code and how long the process took to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; ms: number }> {
    const started = performance.now();
    this.child.kill(signal);
    const code = await this.exited;
    return { code, ms: performance.now() - started };
  }

  /** POSTs JSON to /api/<route> with the token. */
  post(route: string, body: unknown, token = SERVE_TOKEN): Promise<Response> {
    return fetch(`${this.address}/api/${route}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}
