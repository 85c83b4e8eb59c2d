import { allHashes } from '../core/hashes';
import { parseOcraSuite } from '../core/ocra';
import { LANGUAGES } from './i18n/languages';

/**
 * The one per-bank build setting file (src/app/bank.config.json, or MOBIPASS_CONFIG=path).
 * Checked at build time by webpack.config.js, so a bank cannot ship a phone app that cannot sign.
 */
export interface BankConfig {
  appName: string;
  bankName: string;
  bankUrl: string;
  /** The 24-hour support line to call when the phone is lost. */
  supportPhone: string;
  suite: string;
  iterations: number;
  defaultLanguage: 'ru' | 'kk' | 'en';
}

function text(config: { [key: string]: unknown }, name: string): string {
  const value = config[name];
  if (typeof value !== 'string' || !value.trim()) throw new Error(name + ' must be a non-empty string');
  return value;
}

/** What a phone can sign with: no counter (C), no PIN hash (P), no session data (S). */
function checkSuite(suite: string): string[] {
  const parsed = parseOcraSuite(suite, allHashes);
  if (parsed.counter) throw new Error('a phone app cannot keep a counter (C)');
  if (parsed.pinHash) throw new Error('the PIN protects the key on the phone; a suite with P is not supported');
  if (parsed.sessionLength) throw new Error('a phone cannot receive session data (S)');
  return Object.keys(allHashes).filter((name) => allHashes[name] === parsed.hash);
}

/** Validates a parsed config file; throws an Error naming the bad setting. Returns the config and the one hash its suite needs. */
export function validateBankConfig(raw: unknown): { config: BankConfig; hashName: string } {
  if (!raw || typeof raw !== 'object') throw new Error('bank config must be a JSON object');
  const source = raw as { [key: string]: unknown };
  const iterations = source.iterations;
  if (typeof iterations !== 'number' || iterations % 1 || iterations < 10000 || iterations > 1000000) {
    throw new Error('iterations must be a whole number from 10000 to 1000000');
  }
  const language = text(source, 'defaultLanguage');
  if (LANGUAGES.indexOf(language) < 0) throw new Error('defaultLanguage must be one of ' + LANGUAGES.join(', '));
  const suite = text(source, 'suite');
  let hashName: string;
  try {
    hashName = checkSuite(suite)[0];
  } catch (error) {
    throw new Error(
      'suite ' + suite + ': ' + (error as Error).message + ' (a phone suite looks like OCRA-1:HOTP-SHA256-8:QN08)',
    );
  }
  const config: BankConfig = {
    appName: text(source, 'appName'),
    bankName: text(source, 'bankName'),
    bankUrl: text(source, 'bankUrl'),
    supportPhone: text(source, 'supportPhone'),
    suite,
    iterations,
    defaultLanguage: language as BankConfig['defaultLanguage'],
  };
  return { config, hashName };
}
