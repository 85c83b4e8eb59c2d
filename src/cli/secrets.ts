import { readFileSync } from 'node:fs';
import { UsageError } from './args';

/**
 * Where a CLI reads a secret it is not given on the command line (where every user of the machine
 * could read it with `ps`): the option's value `-` reads standard input; without the option, the
 * environment variable named here.
 */
export const SECRET_ENV = {
  code: 'MOBIPASS_CODE',
  key: 'MOBIPASS_KEY',
  pin: 'MOBIPASS_PIN',
} as const;

export type SecretOption = keyof typeof SECRET_ENV;

/** The secret from the command line, standard input (`-`) or the environment; undefined when none gives it. */
export function readSecret(
  option: SecretOption,
  value: string | undefined,
  env: NodeJS.ProcessEnv,
  readStdin: () => string = () => readFileSync(0, 'utf8'),
): string | undefined {
  if (value === '-') {
    const text = readStdin().replace(/\r?\n$/, '');
    if (!text) throw new UsageError(`--${option} -: standard input was empty`);
    return text;
  }
  return value ?? env[SECRET_ENV[option]];
}
