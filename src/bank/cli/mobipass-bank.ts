import { rmSync, writeSync } from 'node:fs';
import { parseCommandLine, UsageError } from '../../cli/args';
import { Bank } from '../bank';
import { envelopeHtml, envelopeText } from '../envelope';
import { BankError } from '../errors';
import { apiTokensSetting, type ApiToken } from '../http/api-tokens';
import { FIELDS, sinceTime, type FieldName } from '../http/fields';
import { closeWithin } from '../http/connections';
import { listenClearly } from '../http/listen';
import { metricsTokenSetting, type MetricsOptions } from '../http/metrics-route';
import { createBankServer } from '../http/server';
import { BankMetrics } from '../metrics';
import { createHsmKey } from '../sealer/create-hsm-key';
import { openMasterKeys } from '../sealer/open-sealer';
import { pkcs11Settings, sealerSettings } from '../sealer/sealer-settings';
import { writeSecretFile } from '../secret-file';
import { rotateCommand } from './rotate-command';
import {
  databaseSetting,
  ENV,
  httpLimits,
  instanceSetting,
  portSetting,
  signingSetting,
  sqliteLockingSetting,
  type HttpLimits,
} from '../settings';
import { SCHEMA_VERSION } from '../store/migrations';
import { openStore } from '../store/open-store';
import {
  describeAuditRecord,
  describeChallenge,
  describeStatus,
  describeVerdict,
  ERROR_EXIT,
  EXIT,
  VERDICT_EXIT,
} from './bank-cli-output';

const USAGE = `usage: mobipass-bank <command> [options]
  issue     --user U [--html FILE]        print a new activation envelope (replaces the old key)
  challenge --user U [--document D] [--amount A --payee P]
                                          a document code number for the customer to sign, bound to the
                                          payment when the customer's envelope signs payments
  verify    --user U --challenge ID --signature R
  block | unblock | revoke | status --user U
  audit     --user U [--since ISO-TIME]    the customer's audit trail, oldest first
  serve     [--host 127.0.0.1] [--port 8080]   the HTTP API, /health and /ready (tokens below; GET /metrics
            with ${ENV.metricsToken}; timeouts and limits: docs/BANK.md)
  migrate                                 bring the database's schema up to date (no master key needed)
  hsm-create-key [--label L]              generate the master key inside the HSM (default label: ${ENV.pkcs11Key})
  rotate-master-key [--batch 500] [--pause-ms 0]   re-seal every customer's key under the current master key
  rotate-master-key --check               which master keys hold what, and which keys running servers have
  rotate-master-key --retire KEY-ID       no server may seal with KEY-ID again (refused while anything uses it)
options: --db FILE-OR-URL (or ${ENV.database}; default ./mobipass-bank.sqlite; postgres://… for PostgreSQL), --json
environment: the master key, either ${ENV.masterKey} (64 hex digits) or in an HSM: ${ENV.pkcs11Module},
  ${ENV.pkcs11Token}, ${ENV.pkcs11Key}, ${ENV.pkcs11PinFile} or ${ENV.pkcs11Pin} (see docs/BANK.md); older keys
  it still opens with: ${ENV.oldMasterKeys} (64 hex digits each), ${ENV.pkcs11OldKeys} (labels, same token);
  ${ENV.config}: the bank config the phone app is built with (default: this kit's src/app/bank.config.json),
  whose suite and payment setting new envelopes are issued for;
  ${ENV.apiToken}, or name=token pairs in ${ENV.apiTokens} or the file ${ENV.apiTokensFile} (serve);
  ${ENV.instance} (this process's name in the audit trail), ${ENV.databasePool}, ${ENV.databaseTimeout} (PostgreSQL),
  ${ENV.durability} (SQLite: full: default, fsync on every commit; normal: faster, a power cut may lose the last commits),
  ${ENV.sqliteLocking} (serve on SQLite: exclusive: default, faster; shared: other commands may use the file meanwhile)
exit codes: 0 accepted/done, 1 rejected (rotate-master-key: keys other than the current one still in use), 2 blocked,
  3 challenge used/expired/unknown, 4 bad input, 5 setup error, 6 mistyped (the value fails its check digit: not
  counted, type it again)`;

const OPTIONS = {
  user: { type: 'string' },
  challenge: { type: 'string' },
  signature: { type: 'string' },
  document: { type: 'string' },
  amount: { type: 'string' },
  payee: { type: 'string' },
  html: { type: 'string' },
  label: { type: 'string' },
  check: { type: 'boolean' },
  retire: { type: 'string' },
  batch: { type: 'string' },
  'pause-ms': { type: 'string' },
  since: { type: 'string' },
  db: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseCommandLine<typeof OPTIONS>>['values'];
type FieldOption = 'user' | 'challenge' | 'signature' | 'document' | 'amount' | 'payee' | 'since';

/** An option checked against the same rule as the HTTP API's field; the refusal never repeats the value. */
function field(values: Values, option: FieldOption, name: FieldName): string | undefined {
  const value = values[option];
  if (value !== undefined && !FIELDS[name].accepts(value)) {
    throw new UsageError(`--${option} ${FIELDS[name].problem}`);
  }
  return value;
}

function required(values: Values, option: FieldOption, name: FieldName): string {
  const value = field(values, option, name);
  if (value === undefined) throw new UsageError(`--${option} is required`);
  return value;
}

/** Written straight to the descriptor, so a failed write (a full disk, a closed pipe) is known before going on. */
function print(values: Values, json: unknown, text: string): void {
  writeSync(1, (values.json ? JSON.stringify(json) : text) + '\n');
}

/** Who acts in the audit trail when a command is run by hand. */
const CLI_ACTOR = 'cli';

/** The server holds a SQLite file for itself (fast); one-shot commands share it and leave at once. */
async function openBank(
  values: Values,
  env: NodeJS.ProcessEnv,
  exclusive: boolean,
  metrics?: BankMetrics,
): Promise<Bank> {
  const sealing = sealerSettings(env);
  const signing = signingSetting(env);
  const database = databaseSetting(values.db, env);
  const instance = instanceSetting(env);
  const keys = await openMasterKeys(sealing);
  let store;
  try {
    store = await openStore(database, { exclusive, instance });
  } catch (error) {
    await keys.close();
    throw error;
  }
  const observed = metrics ? metrics.observeStore(store) : store;
  return Bank.open({ store: observed, keys, ...signing, instance });
}

/** Opens (and so migrates) the database alone: the schema owner's one-off step before a rollout. */
async function migrate(values: Values, env: NodeJS.ProcessEnv): Promise<number> {
  const store = await openStore(databaseSetting(values.db, env), { instance: instanceSetting(env) });
  await store.close();
  print(values, { schemaVersion: SCHEMA_VERSION }, `the database has schema version ${SCHEMA_VERSION}`);
  return EXIT.ok;
}

function createKey(values: Values, env: NodeJS.ProcessEnv): number {
  const label = values.label ?? env[ENV.pkcs11Key];
  if (!label) throw new UsageError(`--label is required (or ${ENV.pkcs11Key})`);
  const keyId = createHsmKey(pkcs11Settings(env, label));
  print(
    values,
    { keyId },
    `created ${keyId}: AES-256, generated in the token, sensitive, never extractable (seal with it: ${ENV.pkcs11Key}=${label})`,
  );
  return EXIT.ok;
}

/**
 * The envelope reaches its file and standard output before the key is committed; if the commit then
 * fails, the file is removed and the printed envelope is declared void.
 */
async function issue(bank: Bank, user: string, values: Values): Promise<number> {
  let delivered = false;
  try {
    await bank.issue(user, CLI_ACTOR, (parts) => {
      if (values.html) writeSecretFile(values.html, envelopeHtml({ customer: user, parts }));
      try {
        print(values, { user, parts }, envelopeText({ customer: user, parts }).trimEnd());
      } catch (error) {
        if (values.html) rmSync(values.html, { force: true });
        throw new BankError(
          'config',
          `the envelope could not be printed (${(error as Error).message}): nothing changed for ${user}`,
        );
      }
      delivered = true;
    });
  } catch (error) {
    if (!delivered) throw error;
    if (values.html) rmSync(values.html, { force: true });
    throw new BankError(
      'config',
      `the key was not saved (${(error as Error).message}): the envelope printed above is void; ${user} keeps the old key`,
    );
  }
  return EXIT.ok;
}

/** Serves until SIGINT or SIGTERM, then stops in bounded time (see closeWithin). */
async function serve(bank: Bank, values: Values, settings: ServeSettings): Promise<void> {
  const { apiTokens, limits, metrics } = settings;
  const app = await createBankServer({ bank, apiTokens, logger: true, limits, metrics });
  bank.keepPurging();
  await bank.keepAnnouncing();
  const address = await listenClearly(app, values.host ?? '127.0.0.1', portSetting(values.port, 8080));
  console.log(`MobiPass bank API on ${address}/api (Ctrl+C stops)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  if (!(await closeWithin(app, limits.shutdownTimeoutMs)))
    app.log.warn(`requests still running after ${ENV.shutdownTimeout} were cut off`);
}

interface ServeSettings {
  apiTokens: ApiToken[];
  limits: HttpLimits;
  metrics?: MetricsOptions;
}

/** Everything serve reads from the environment, checked before the database is opened. */
function serveSettings(env: NodeJS.ProcessEnv): ServeSettings {
  const apiTokens = apiTokensSetting(env);
  const metricsToken = metricsTokenSetting(env, apiTokens);
  const metrics = metricsToken ? { collector: new BankMetrics(), token: metricsToken } : undefined;
  return { apiTokens, limits: httpLimits(env), metrics };
}

const SUPPORT_COMMANDS = ['block', 'unblock', 'revoke'] as const;
const COMMANDS = [
  'issue',
  'challenge',
  'verify',
  ...SUPPORT_COMMANDS,
  'status',
  'audit',
  'serve',
  'migrate',
  'hsm-create-key',
  'rotate-master-key',
];

/** Runs one command; returns the exit code (serve returns when stopped). */
async function run(command: string, values: Values, env: NodeJS.ProcessEnv): Promise<number> {
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command: the commands are ${COMMANDS.join(', ')}`);
  if (command === 'hsm-create-key') return createKey(values, env);
  if (command === 'migrate') return migrate(values, env);
  if (command === 'rotate-master-key') return rotateCommand(values, env, (json, text) => print(values, json, text));
  const user = command === 'serve' ? '' : required(values, 'user', 'user');
  const verifying = command === 'verify';
  const challengeId = verifying ? required(values, 'challenge', 'challengeId') : '';
  const signature = verifying ? required(values, 'signature', 'signature') : '';
  const document = field(values, 'document', 'documentId');
  const payment = { amount: field(values, 'amount', 'amount'), payee: field(values, 'payee', 'payee') };
  const since = field(values, 'since', 'since');
  const sinceMs = since === undefined ? 0 : sinceTime(since, '--since');
  const serving = command === 'serve' ? serveSettings(env) : undefined;
  const exclusive = Boolean(serving) && sqliteLockingSetting(env) === 'exclusive';
  const bank = await openBank(values, env, exclusive, serving?.metrics?.collector);
  try {
    if (serving) {
      await serve(bank, values, serving);
      return EXIT.ok;
    }
    switch (command) {
      case 'issue':
        return await issue(bank, user, values);
      case 'challenge': {
        const challenge = await bank.challenge(user, document ?? `document-${Date.now()}`, CLI_ACTOR, payment);
        print(values, challenge, describeChallenge(challenge));
        return EXIT.ok;
      }
      case 'verify': {
        const verdict = await bank.verify(user, challengeId, signature, CLI_ACTOR);
        print(values, verdict, describeVerdict(verdict, user));
        return VERDICT_EXIT[verdict.result];
      }
      case 'audit': {
        const records = await bank.audit(user, sinceMs);
        print(values, { user, records }, records.map(describeAuditRecord).join('\n') || `no audit records for ${user}`);
        return EXIT.ok;
      }
      case 'status': {
        const status = await bank.status(user);
        print(values, status, describeStatus(status));
        return EXIT.ok;
      }
      default: {
        const status = await bank[command as (typeof SUPPORT_COMMANDS)[number]](user, CLI_ACTOR);
        print(values, status, describeStatus(status));
        return EXIT.ok;
      }
    }
  } finally {
    await bank.close();
  }
}

/** The CLI entry: one line on stderr for any refusal, never a stack trace. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine('mobipass-bank', argv, OPTIONS);
    if (values.help || positionals.length === 0) {
      console.log(USAGE);
      return values.help ? EXIT.ok : EXIT.badInput;
    }
    if (positionals.length > 1) {
      throw new UsageError('unexpected argument after the command: options start with --; quote a value with spaces');
    }
    return await run(positionals[0], values, env);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`mobipass-bank: ${error.message}`);
      return EXIT.badInput;
    }
    if (error instanceof BankError) {
      console.error(`mobipass-bank: ${error.message}`);
      return ERROR_EXIT[error.code];
    }
    console.error(`mobipass-bank: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.setup;
  }
}
