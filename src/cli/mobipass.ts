// `mobipass`: the signing core on the command line, for banks and testers.
import { activationKey } from '../core/activation';
import { toHex, wipe } from '../core/bytes';
import { ocra, timeSteps } from '../core/ocra';
import { DEFAULT_SUITE, DEFAULT_SUITE_V2 } from '../core/phoneSuite';
import { typedValue } from '../core/sign';
import { parseCommandLine, UsageError } from './args';
import {
  explainOcraError,
  parseActivationCode,
  parseAsciiPin,
  parseDocumentCode,
  parseHex,
  parsePayment,
  parsePhoneSuiteOption,
  parseSuite,
  parseWhole,
} from './mobipass-input';
import { readSecret, SECRET_ENV, type SecretOption } from './secrets';

const USAGE = `usage: mobipass <command> [options]
  ocra --suite S --key HEX --challenge Q [--counter N] [--pin P] [--session HEX] [--time HEX]
        the RFC 6287 OCRA value; --counter (0 to 2^64-1), --pin (the PIN itself, ASCII) and --session when
        the suite has C, P or S; --time in hex time steps (as RFC 6287 Appendix C prints them, up to 16 hex
        digits), default now, when it has T
  derive-key --code "AAAAAAAA BBBBBBBB CCCCCCCC DDDDDDDD"
        the key K (hex) of an activation code: SHA-256 of its 28 payload digits
  sign --code "AAAAAAAA BBBBBBBB CCCCCCCC DDDDDDDD" --challenge C [--amount A --payee P] [--suite S]
        what the phone shows and the customer types for document code C (default suite
        ${DEFAULT_SUITE}; the phone groups it as 1234 5678): version 1 (QNnn) takes a code
        of 4 to nn digits; version 2 (QA, e.g. ${DEFAULT_SUITE_V2}) a 7-digit code ending in
        its check digit, and with --amount (digits, at most one '.') and --payee (1 to 10 digits) that payment
secrets: --code, --key and --pin on the command line are visible to every user of the machine (ps);
  give the value - to read it from standard input, or leave the option out and set
  ${SECRET_ENV.code}, ${SECRET_ENV.key} or ${SECRET_ENV.pin}
exit codes: 0 done, 2 bad input (one line on stderr saying what is wrong), 1 anything else`;

const OPTIONS = {
  suite: { type: 'string' },
  key: { type: 'string' },
  challenge: { type: 'string' },
  counter: { type: 'string' },
  pin: { type: 'string' },
  session: { type: 'string' },
  time: { type: 'string' },
  code: { type: 'string' },
  amount: { type: 'string' },
  payee: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = Exclude<keyof typeof OPTIONS, 'help'>;
type Values = { [name in OptionName]?: string };

interface Command {
  required: OptionName[];
  optional: OptionName[];
  run(values: Values): string;
}

const COMMANDS: { [name: string]: Command } = {
  ocra: { required: ['suite', 'key', 'challenge'], optional: ['counter', 'pin', 'session', 'time'], run: ocraCommand },
  'derive-key': { required: ['code'], optional: [], run: deriveKeyCommand },
  sign: { required: ['code', 'challenge'], optional: ['suite', 'amount', 'payee'], run: signCommand },
};

const FAILED = 1;
const BAD_INPUT = 2;

/** The option when the suite has the field, a refusal when it is missing or given to a suite without it. */
function suiteOption(values: Values, option: OptionName, used: boolean, field: string) {
  const value = values[option];
  if (used && value === undefined) throw new UsageError(`the suite has ${field}: give --${option}`);
  if (!used && value !== undefined) throw new UsageError(`--${option} is not used: the suite has no ${field}`);
  return value;
}

function ocraCommand(values: Values): string {
  const suite = parseSuite(values.suite as string);
  const key = parseHex('key', values.key as string);
  const counter = suiteOption(values, 'counter', suite.counter, 'C (counter)');
  const pin = suiteOption(values, 'pin', !!suite.pinHash, 'P (PIN)');
  const session = suiteOption(values, 'session', suite.sessionLength > 0, 'S (session information)');
  if (values.time !== undefined && !suite.timeStep) {
    throw new UsageError(`--time is not used: the suite has no T (time step)`);
  }
  let time: number | string | undefined;
  if (suite.timeStep)
    time = values.time === undefined ? timeSteps(suite, Date.now()) : parseWhole('time', values.time, 16);
  try {
    return ocra(suite, key, {
      question: values.challenge as string,
      counter: counter === undefined ? undefined : parseWhole('counter', counter, 10),
      pin: pin === undefined ? undefined : parseAsciiPin(pin),
      session,
      time,
    });
  } catch (error) {
    throw error instanceof UsageError ? error : explainOcraError(suite, error as Error);
  } finally {
    wipe(key);
  }
}

function deriveKeyCommand(values: Values): string {
  const key = activationKey(parseActivationCode(values.code as string));
  const hex = toHex(key);
  wipe(key);
  return hex;
}

/** What the phone shows: the typed value of K and the document, under a suite the phone can use. */
function signCommand(values: Values): string {
  const suite = parsePhoneSuiteOption(values.suite ?? DEFAULT_SUITE);
  const documentCode = parseDocumentCode(suite, values.challenge as string);
  const payment = parsePayment(suite, values.amount, values.payee);
  const key = activationKey(parseActivationCode(values.code as string));
  try {
    return typedValue(suite, key, documentCode, payment);
  } finally {
    wipe(key);
  }
}

/** The secret options of a command, from the command line, standard input or the environment. */
function withSecrets(values: Values, command: Command, env: NodeJS.ProcessEnv): Values {
  const secrets = (Object.keys(SECRET_ENV) as SecretOption[]).filter(
    (option) => command.required.includes(option) || command.optional.includes(option),
  );
  if (secrets.filter((option) => values[option] === '-').length > 1) {
    throw new UsageError('only one option can be read from standard input');
  }
  const filled = { ...values };
  for (const option of secrets) filled[option] = readSecret(option, values[option], env);
  return filled;
}

function run(argv: string[], env: NodeJS.ProcessEnv): string | undefined {
  const { values, positionals } = parseCommandLine('mobipass', argv, OPTIONS);
  if (values.help) return undefined;
  const [name, extra] = positionals;
  if (name === undefined) throw new UsageError('missing command (ocra, derive-key or sign); run mobipass --help');
  const command = COMMANDS[name];
  if (!command) throw new UsageError('unknown command: the commands are ocra, derive-key and sign');
  if (extra !== undefined) {
    throw new UsageError('unexpected argument after the command: options start with --; quote a value with spaces');
  }
  for (const option of Object.keys(values) as OptionName[]) {
    if (!command.required.includes(option) && !command.optional.includes(option)) {
      throw new UsageError(`--${option} is not an option of ${name}`);
    }
  }
  const filled = withSecrets(values, command, env);
  for (const option of command.required) {
    if (filled[option] === undefined) {
      const fromEnv = option in SECRET_ENV ? ` (or ${SECRET_ENV[option as SecretOption]})` : '';
      throw new UsageError(`${name} needs --${option}${fromEnv}`);
    }
  }
  return command.run(filled);
}

/** The CLI entry: prints the result, or one line on stderr for bad input; never a stack trace. */
export function main(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  try {
    console.log(run(argv, env) ?? USAGE);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`mobipass: ${error.message}`);
      return BAD_INPUT;
    }
    console.error(`mobipass: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return FAILED;
  }
}
