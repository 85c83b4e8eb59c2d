import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** Bad usage or bad input: printed as one line after the tool's name; it never repeats a value given. */
export class UsageError extends Error {}

/** The option a parseArgs message names, without any value written into it (--key=… stays --key). */
function optionNamed(message: string): string {
  return /'(-[^' =<]+)/.exec(message)?.[1] ?? 'an option';
}

/** parseArgs' own messages run over several sentences and lines: the same said in one short line. */
function describeParseError(tool: string, error: NodeJS.ErrnoException): string {
  const option = optionNamed(error.message);
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}; run ${tool} --help`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(error.message) ? `${option} takes no value` : `${option} needs a value`;
    default:
      return `cannot read the command line; run ${tool} --help`;
  }
}

/** The command line of `tool` as options and positionals; usage mistakes become a UsageError. */
export function parseCommandLine<Options extends ParseArgsOptionsConfig>(
  tool: string,
  args: string[],
  options: Options,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(describeParseError(tool, error as NodeJS.ErrnoException));
    }
    throw error;
  }
}
