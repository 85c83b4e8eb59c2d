import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** Debian's PostgreSQL 15 (`apt-get install postgresql`; .ci/run installs it). */
const BIN = process.env.POSTGRES_BIN || '/usr/lib/postgresql/15/bin';

/** initdb and pg_ctl refuse root: as root they run as the postgres user, otherwise as whoever runs the tests. */
function asOwner(command: string, args: string[]): void {
  const [file, argv] =
    userInfo().uid === 0
      ? ['runuser', ['-u', 'postgres', '--', join(BIN, command), ...args]]
      : [join(BIN, command), args];
  const run = spawnSync(file, argv, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr || run.stdout}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, in a temporary directory owned by its
 * server (its unix socket there too), with PostgreSQL's default, durable settings (fsync on).
 * Each test makes its own database in it.
 */
export class PostgresCluster {
  readonly dir: string;
  private readonly data: string;
  private databases = 0;
  running = false;

  private constructor(readonly port: number) {
    if (!existsSync(join(BIN, 'initdb')))
      throw new Error(
        `${BIN}/initdb not found: install PostgreSQL with "apt-get install postgresql" (tests never skip)`,
      );
    this.dir = mkdtempSync(join(tmpdir(), 'mobipass-postgres-'));
    this.data = join(this.dir, 'data');
    mkdirSync(join(this.dir, 'socket'));
    if (userInfo().uid === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      chownSync(this.dir, uid, gid);
      chownSync(join(this.dir, 'socket'), uid, gid);
    }
    asOwner('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  }

  static async create(): Promise<PostgresCluster> {
    const cluster = new PostgresCluster(await freePort());
    cluster.start();
    return cluster;
  }

  /** The URL of the cluster's administrative database (or of `database`). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    const options = `-p ${this.port} -k ${join(this.dir, 'socket')} -c listen_addresses=127.0.0.1`;
    asOwner('pg_ctl', ['-D', this.data, '-o', options, '-l', join(this.dir, 'server.log'), '-w', 'start']);
    this.running = true;
  }

  /** Fast shutdown: open connections are closed, nothing committed is lost. */
  stop(): void {
    asOwner('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
    this.running = false;
  }

  /**
   * Sends a signal to the server and all its processes: SIGSTOP makes a database that accepts
   * connections and never answers (a hung host), SIGCONT lets it go on.
   */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    const postmaster = Number(readFileSync(join(this.data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map(Number);
    for (const pid of [postmaster, ...children]) process.kill(pid, signal);
  }

  /** A fresh empty database; returns its URL. */
  async createDatabase(): Promise<string> {
    const name = `test_${process.pid}_${++this.databases}`;
    await this.admin(`CREATE DATABASE ${name}`);
    return this.url(name);
  }

  async admin(sql: string, database = 'postgres'): Promise<void> {
    const client = new Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  destroy(): void {
    if (this.running) {
      this.signal('SIGCONT');
      this.stop();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let shared: Promise<PostgresCluster> | undefined;

/**
 * The cluster the test run shares, started by the first test that needs it and stopped when the run
 * ends (mocha's process exits; also after `mocha --no-config FILE`).
 */
export function sharedPostgres(): Promise<PostgresCluster> {
  if (!shared) {
    shared = PostgresCluster.create();
    shared.then((cluster) => process.once('exit', () => cluster.destroy())).catch(() => undefined);
  }
  return shared;
}
