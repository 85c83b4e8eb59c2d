import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The npx beside the node running the tests (the npm that installed the project), else the one on PATH. */
export const NPX = existsSync(join(process.execPath, '..', 'npx')) ? join(process.execPath, '..', 'npx') : 'npx';

/**
 * The environment a user's shell gives `npx <bin>`: without the package list of an npx the tests may
 * themselves run under (`npx -p node@24 -- npm test` exports it, and a nested npx would install it again).
 */
export function userNpxEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean = { ...env };
  delete clean.npm_config_package;
  return clean;
}
