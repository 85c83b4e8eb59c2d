import { readFileSync, statSync } from 'node:fs';
import { BankError } from '../errors';
import { ENV } from '../settings';

/** A bearer token the API accepts, and the name the audit trail records for what is done with it. */
export interface ApiToken {
  name: string;
  token: string;
}

/** The name MOBIPASS_API_TOKEN's token has in the audit trail. */
export const SINGLE_TOKEN_NAME = 'default';

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** Every bearer token (API, metrics) must be long enough not to be guessed; the refusal names where it came from, never the token. */
export function checkedToken(token: string, where: string): string {
  if (token.length < 32 || /\s/.test(token))
    throw new BankError('config', `${where} must be at least 32 characters without spaces`);
  return token;
}

/** `name=token` entries: the name is checked, then the token. */
function namedTokens(entries: string[], source: string): ApiToken[] {
  return entries.map((entry, i) => {
    const split = entry.indexOf('=');
    const name = entry.slice(0, split);
    if (split < 0 || !NAME.test(name))
      throw new BankError(
        'config',
        `${source}: entry ${i + 1} must be name=token, the name 1..64 letters, digits or . _ @ -`,
      );
    return { name, token: checkedToken(entry.slice(split + 1), `${source}: the token named ${name}`) };
  });
}

/** The file's entries: one name=token per line; blank lines and # comments ignored. It must be private. */
function tokensFile(path: string): ApiToken[] {
  let text: string;
  try {
    if ((statSync(path).mode & 0o077) !== 0)
      throw new BankError('config', `${ENV.apiTokensFile}: ${path} must be readable by its owner only (chmod 600)`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof BankError) throw error;
    throw new BankError(
      'config',
      `${ENV.apiTokensFile}: cannot read ${path} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  return namedTokens(
    lines.filter((line) => line && !line.startsWith('#')),
    ENV.apiTokensFile,
  );
}

/**
 * The tokens `serve` accepts: MOBIPASS_API_TOKEN (named `default`), MOBIPASS_API_TOKENS (name=token
 * pairs separated by commas or white space) and MOBIPASS_API_TOKENS_FILE, together; at least one, each
 * name and each token once.
 */
export function apiTokensSetting(env: NodeJS.ProcessEnv): ApiToken[] {
  const tokens: ApiToken[] = [];
  const single = env[ENV.apiToken];
  if (single) tokens.push({ name: SINGLE_TOKEN_NAME, token: checkedToken(single, ENV.apiToken) });
  const listed = (env[ENV.apiTokens] ?? '').split(/[\s,]+/).filter(Boolean);
  tokens.push(...namedTokens(listed, ENV.apiTokens));
  if (env[ENV.apiTokensFile]) tokens.push(...tokensFile(env[ENV.apiTokensFile] as string));
  if (!tokens.length)
    throw new BankError(
      'config',
      `${ENV.apiToken} is not set: give the server the bearer token the bank back end will send (at least 32 characters, e.g. openssl rand -hex 32), or name several in ${ENV.apiTokens} or ${ENV.apiTokensFile}`,
    );
  const names = new Set(tokens.map((t) => t.name));
  if (names.size !== tokens.length) throw new BankError('config', 'two API tokens have the same name');
  if (new Set(tokens.map((t) => t.token)).size !== tokens.length)
    throw new BankError('config', 'two API tokens are the same: give each back end its own');
  return tokens;
}
