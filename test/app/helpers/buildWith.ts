import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

export interface Build {
  status: number | null;
  output: string;
  /** The build's dist folder: app/ and emulator/, as dist/ has them. */
  out: string;
}

const builds = new Map<string, Build>();

/**
 * `npm run build` with another bank config, into a temporary folder (dist/ is left alone). A config is
 * built once per test run, however many tests use it.
 */
export function buildWith(config: object): Build {
  const key = JSON.stringify(config);
  const done = builds.get(key);
  if (done) return done;
  const dir = mkdtempSync(join(tmpdir(), 'mobipass-build-'));
  writeFileSync(join(dir, 'bank.json'), key);
  const result = spawnSync(
    join(ROOT, 'node_modules/.bin/webpack'),
    ['--mode', 'production', '--output-path', join(dir, 'dist')],
    { cwd: ROOT, env: { ...process.env, MOBIPASS_CONFIG: join(dir, 'bank.json') }, encoding: 'utf8' },
  );
  const build = { status: result.status, output: result.stdout + result.stderr, out: join(dir, 'dist') };
  builds.set(key, build);
  return build;
}
