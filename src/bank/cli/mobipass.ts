// `mobipass`: the signing core on the command line, for banks and testers.
import { parseArgs } from 'node:util';
import { activationKey } from '../../core/activation';
import { toHex, wipe } from '../../core/bytes';
import { ocra, timeSteps, type OcraInput, type OcraSuite } from '../../core/ocra';
import { DOCUMENT_CODE_MIN_DIGITS } from '../../core/sign';
import { DEFAULT_SUITE } from '../bank';
import {
  InputError,
  documentCodeRule,
  explainOcraError,
  parseActivationCode,
  parseHex,
  parseSuite,
  parseWhole,
} from './mobipass-input';

const USAGE = `usage: mobipass <command> [options]
  ocra --suite S --key HEX --challenge Q [--counter N] [--pin P] [--session HEX] [--time HEX]
        the RFC 6287 OCRA value; --counter, --pin and --session when the suite has C, P or S;
        --time in hex time steps (as RFC 6287 Appendix C prints them), default now, when it has T
  derive-key --code "AAAAAAAA BBBBBBBB CCCCCCCC DDDDDDDD"
        the key K (hex) of an activation code: SHA-256 of its 28 payload digits
  sign --code "AAAAAAAA BBBBBBBB CCCCCCCC DDDDDDDD" --challenge Q [--suite S]
        what the phone shows for document code Q, 4 to xx characters of the suite's Qxx
        (default suite ${DEFAULT_SUITE}); the phone groups it as 1234 5678
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
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = Exclude<keyof typeof OPTIONS, 'help'>;
type Values = { [name in OptionName]?: string };

const COMMANDS: { [command: string]: { required: OptionName[]; optional: OptionName[]; run(values: Values): string } } =
  {
    ocra: {
      required: ['suite', 'key', 'challenge'],
      optional: ['counter', 'pin', 'session', 'time'],
      run: ocraCommand,
    },
    'derive-key': { required: ['code'], optional: [], run: deriveKeyCommand },
    sign: { required: ['code', 'challenge'], optional: ['suite'], run: signCommand },
  };

const FAILED = 1;
const BAD_INPUT = 2;

/** The option when the suite has the field, a refusal when it is missing or given to a suite without it. */
function suiteOption(
  suite: OcraSuite,
  values: Values,
  option: OptionName,
  used: boolean,
  field: string,
): string | undefined {
  const value = values[option];
  if (used && value === undefined) throw new InputError(`the suite ${suite.text} has ${field}: give --${option}`);
  if (!used && value !== undefined)
    throw new InputError(`--${option} is not used: the suite ${suite.text} has no ${field}`);
  return value;
}

function computeOcra(suite: OcraSuite, key: Uint8Array, input: OcraInput): string {
  try {
    return ocra(suite, key, input);
  } catch (error) {
    throw explainOcraError(suite, error as Error);
  }
}

function ocraCommand(values: Values): string {
  const suite = parseSuite(values.suite as string);
  const key = parseHex('key', values.key as string);
  const counter = suiteOption(suite, values, 'counter', suite.counter, 'C (counter)');
  const pin = suiteOption(suite, values, 'pin', !!suite.pinHash, 'P (PIN)');
  const session = suiteOption(suite, values, 'session', suite.sessionLength > 0, 'S (session information)');
  if (values.time !== undefined && !suite.timeStep)
    throw new InputError(`--time is not used: the suite ${suite.text} has no T (time step)`);
  let time: number | undefined;
  if (suite.timeStep)
    time = values.time === undefined ? timeSteps(suite, Date.now()) : parseWhole('time', values.time, 16);
  try {
    return computeOcra(suite, key, {
      question: values.challenge as string,
      counter: counter === undefined ? undefined : parseWhole('counter', counter, 10),
      pin,
      session,
      time,
    });
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

/** The phone's signature: OCRA over K and the document code, with the time step when the suite has T. */
function signCommand(values: Values): string {
  const suite = parseSuite(values.suite ?? DEFAULT_SUITE);
  if (suite.counter || suite.pinHash || suite.sessionLength) {
    throw new InputError(
      `the phone signs with suites of Q and T only; ${suite.text} needs C, P or S: use mobipass ocra`,
    );
  }
  const documentCode = values.challenge as string;
  if (documentCode.length < DOCUMENT_CODE_MIN_DIGITS || documentCode.length > suite.questionLength)
    throw new InputError(documentCodeRule(suite));
  const key = activationKey(parseActivationCode(values.code as string));
  try {
    return ocra(suite, key, {
      question: documentCode,
      time: suite.timeStep ? timeSteps(suite, Date.now()) : undefined,
    });
  } catch (error) {
    throw (error as Error).message === 'invalid question' ? new InputError(documentCodeRule(suite)) : error;
  } finally {
    wipe(key);
  }
}

/** Node's parseArgs messages run over several sentences; the CLI says the same in one short line. */
function describeParseError(error: NodeJS.ErrnoException): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option}; run mobipass --help`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${option} needs a value`;
  return error.message.split('\n')[0];
}

function run(argv: string[]): string | undefined {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) return undefined;
  const [name, extra] = positionals;
  if (name === undefined) throw new InputError('missing command (ocra, derive-key or sign); run mobipass --help');
  const command = COMMANDS[name];
  if (!command) throw new InputError(`unknown command ${name}; run mobipass --help`);
  if (extra !== undefined) throw new InputError(`unexpected argument ${extra}; options start with --`);
  for (const option of Object.keys(values) as OptionName[]) {
    if (!command.required.includes(option) && !command.optional.includes(option))
      throw new InputError(`--${option} is not an option of ${name}`);
  }
  for (const option of command.required) {
    if (values[option] === undefined) throw new InputError(`${name} needs --${option}`);
  }
  return command.run(values);
}

/** The CLI entry: prints the result, or one line on stderr for bad input; never a stack trace. */
export function main(argv: string[]): number {
  try {
    const output = run(argv);
    console.log(output ?? USAGE);
    return 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof InputError) console.error(`mobipass: ${error.message}`);
    else if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      console.error(`mobipass: ${describeParseError(error as NodeJS.ErrnoException)}`);
    else {
      console.error(`mobipass: unexpected error: ${(error as Error).message ?? String(error)}`);
      return FAILED;
    }
    return BAD_INPUT;
  }
}
