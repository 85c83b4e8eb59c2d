import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Bank } from '../bank';
import { envelopeHtml, envelopeText } from '../envelope';
import { BankError } from '../errors';
import { checkApiToken } from '../http/bearer';
import { FIELDS, type FieldName } from '../http/fields';
import { listenClearly } from '../http/listen';
import { createBankServer } from '../http/server';
import { parseMasterKey } from '../master-key';
import { databasePath, durabilitySetting, ENV, portSetting, suiteSetting } from '../settings';
import { SqliteStore } from '../store/sqlite-store';
import { describeChallenge, describeStatus, describeVerdict, ERROR_EXIT, EXIT, VERDICT_EXIT } from './bank-cli-output';

const USAGE = `usage: mobipass-bank <command> [options]
  issue     --user U [--html FILE]        print a new activation envelope (replaces the old key)
  challenge --user U [--document D]       create a document code number for the customer to sign
  verify    --user U --challenge ID --signature R
  block | unblock | revoke | status --user U
  serve     [--host 127.0.0.1] [--port 8080]   the HTTP API (token from ${ENV.apiToken})
options: --db FILE (or ${ENV.database}; default ./mobipass-bank.sqlite), --json
environment: ${ENV.masterKey} (64 hex digits, required), ${ENV.suite} (default OCRA-1:HOTP-SHA256-8:QN08),
  ${ENV.durability} (full: default, fsync on every commit; normal: faster, a power cut may lose the last commits)
exit codes: 0 accepted/done, 1 rejected, 2 blocked, 3 challenge used/expired/unknown, 4 bad input, 5 setup error`;

const OPTIONS = {
  user: { type: 'string' },
  challenge: { type: 'string' },
  signature: { type: 'string' },
  document: { type: 'string' },
  html: { type: 'string' },
  db: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** A required option, checked against the same rule the HTTP API uses. */
function required(values: Values, option: 'user' | 'challenge' | 'signature', field: FieldName): string {
  const value = values[option];
  if (value === undefined) throw new BankError('bad_input', `--${option} is required`);
  if (!new RegExp(FIELDS[field].schema.pattern).test(value))
    throw new BankError('bad_input', `--${option} ${FIELDS[field].problem}`);
  return value;
}

function print(values: Values, json: unknown, text: string): void {
  console.log(values.json ? JSON.stringify(json) : text);
}

/** The server holds the file for itself (fast); one-shot commands share it and leave at once. */
async function openBank(values: Values, env: NodeJS.ProcessEnv, exclusive: boolean): Promise<Bank> {
  const masterKey = parseMasterKey(env[ENV.masterKey]);
  let store: SqliteStore;
  const file = databasePath(values.db, env);
  try {
    store = new SqliteStore(file, { exclusive, durability: durabilitySetting(env) });
  } catch (error) {
    if (error instanceof BankError) throw error;
    throw new BankError('config', `cannot open the database ${file}: ${(error as Error).message}`);
  }
  return Bank.open({ store, masterKey, suite: suiteSetting(env) });
}

async function serve(bank: Bank, values: Values, env: NodeJS.ProcessEnv): Promise<void> {
  const token = checkApiToken(env[ENV.apiToken]);
  const app = await createBankServer({ bank, apiToken: token, logger: true });
  bank.keepPurging();
  const address = await listenClearly(app, values.host ?? '127.0.0.1', portSetting(values.port, 8080));
  console.log(`MobiPass bank API on ${address}/api (Ctrl+C stops)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
}

/** Runs one command; returns the exit code (serve returns when stopped). */
async function run(command: string, values: Values, env: NodeJS.ProcessEnv): Promise<number> {
  const user = command === 'serve' ? '' : required(values, 'user', 'user');
  const bank = await openBank(values, env, command === 'serve');
  try {
    switch (command) {
      case 'issue': {
        const parts = await bank.issue(user);
        if (values.html) writeFileSync(values.html, envelopeHtml({ customer: user, parts }));
        print(values, { user, parts }, envelopeText({ customer: user, parts }).trimEnd());
        return EXIT.ok;
      }
      case 'challenge': {
        const challenge = await bank.challenge(user, values.document ?? `document-${Date.now()}`);
        print(values, challenge, describeChallenge(challenge));
        return EXIT.ok;
      }
      case 'verify': {
        const verdict = await bank.verify(
          user,
          required(values, 'challenge', 'challengeId'),
          required(values, 'signature', 'signature'),
        );
        print(values, verdict, describeVerdict(verdict, user));
        return VERDICT_EXIT[verdict.result];
      }
      case 'block':
      case 'unblock':
      case 'revoke':
      case 'status': {
        const status = await bank[command](user);
        print(values, status, describeStatus(status));
        return EXIT.ok;
      }
      case 'serve':
        await serve(bank, values, env);
        return EXIT.ok;
      default:
        throw new BankError('bad_input', `unknown command ${command}; run mobipass-bank --help`);
    }
  } finally {
    await bank.close();
  }
}

/** The CLI entry: one line on stderr for any refusal, never a stack trace. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (values.help || positionals.length === 0) {
      console.log(USAGE);
      return values.help ? EXIT.ok : EXIT.badInput;
    }
    if (positionals.length > 1) throw new BankError('bad_input', `unexpected argument ${positionals[1]}`);
    return await run(positionals[0], values, env);
  } catch (error) {
    if (error instanceof BankError) {
      console.error(`mobipass-bank: ${error.message}`);
      return ERROR_EXIT[error.code];
    }
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const message = error instanceof Error ? error.message : String(error);
    if (code.startsWith('ERR_PARSE_ARGS')) {
      console.error(`mobipass-bank: ${message.split('. ')[0]}; run mobipass-bank --help`);
      return EXIT.badInput;
    }
    console.error(`mobipass-bank: ${message}`);
    return EXIT.setup;
  }
}
