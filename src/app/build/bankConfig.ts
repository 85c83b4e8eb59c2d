// The bank config file, read and checked where a build, the demo server or a test needs it: one reader,
// so a bank cannot ship a phone app that cannot sign, and every tool sees the same settings.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allHashes } from '../../core/allHashes';
import { PAYEE_MAX_DIGITS, parsePhoneSuite, suiteVersion } from '../../core/phoneSuite';
import type { OcraSuite } from '../../core/ocra';
import { MAX_ITERATIONS } from '../../core/vault';
import type { AppSettings, BankConfig, PaymentSetting } from '../bankSettings';
import { isLanguage, LANGUAGES } from '../i18n/languages';

/** The default build's config; MOBIPASS_CONFIG=path names another bank's (for the build and the bank kit alike). */
export const DEFAULT_CONFIG_PATH = join(__dirname, '..', 'bank.config.json');
export const CONFIG_ENV = 'MOBIPASS_CONFIG';

export const MIN_ITERATIONS = 10000;
/** KaiOS manifests (and the KaiStore) take an app name of at most 20 characters. */
export const APP_NAME_MAX = 20;
/** A payee label is one field label on a 240 px screen: a few short lines at most. */
export const PAYEE_LABEL_MAX = 60;

function text(config: { [key: string]: unknown }, name: string): string {
  const value = config[name];
  if (typeof value !== 'string' || !value.trim()) throw new Error(name + ' must be a non-empty string');
  return value;
}

/** The suite, parsed by the core's one rule for phone suites. */
function phoneSuite(suite: string): OcraSuite {
  try {
    return parsePhoneSuite(suite, allHashes);
  } catch (error) {
    throw new Error(
      `suite ${suite}: ${(error as Error).message} (a phone suite looks like OCRA-1:HOTP-SHA256-7:QA40 or OCRA-1:HOTP-SHA256-8:QN08)`,
    );
  }
}

/** The name of the one hash the suite needs, so the build carries only that one. */
function hashName(suite: OcraSuite): string {
  return Object.keys(allHashes).filter((name) => allHashes[name] === suite.hash)[0];
}

/** The payment setting, if any: payee digits and their label in every language, with a version 2 suite only. */
function paymentSetting(raw: unknown, suite: OcraSuite): PaymentSetting | undefined {
  if (raw === undefined) return undefined;
  if (suiteVersion(suite) !== 2)
    throw new Error('payment needs a version 2 (QA) suite: a version 1 (QN) suite signs the document code only');
  const source = (raw && typeof raw === 'object' ? raw : {}) as { [key: string]: unknown };
  const digits = source.payeeDigits;
  if (typeof digits !== 'number' || digits % 1 || digits < 1 || digits > PAYEE_MAX_DIGITS) {
    throw new Error(`payment.payeeDigits must be a whole number from 1 to ${PAYEE_MAX_DIGITS}`);
  }
  const labels = (source.payeeLabel && typeof source.payeeLabel === 'object' ? source.payeeLabel : {}) as {
    [lang: string]: unknown;
  };
  const payeeLabel = {} as PaymentSetting['payeeLabel'];
  for (const lang of LANGUAGES) {
    const label = labels[lang];
    if (typeof label !== 'string' || !label.trim() || label.length > PAYEE_LABEL_MAX) {
      throw new Error(`payment.payeeLabel.${lang} must be a text of 1 to ${PAYEE_LABEL_MAX} characters`);
    }
    payeeLabel[lang] = label;
  }
  return { payeeDigits: digits, payeeLabel };
}

/** Checks a parsed config file; throws an Error naming the bad setting. Returns the config and its suite's hash. */
export function validateBankConfig(raw: unknown): { config: BankConfig; hashName: string } {
  if (!raw || typeof raw !== 'object') throw new Error('bank config must be a JSON object');
  const source = raw as { [key: string]: unknown };
  const iterations = source.iterations;
  if (typeof iterations !== 'number' || iterations % 1 || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new Error(`iterations must be a whole number from ${MIN_ITERATIONS} to ${MAX_ITERATIONS}`);
  }
  const defaultLanguage = text(source, 'defaultLanguage');
  if (!isLanguage(defaultLanguage)) throw new Error('defaultLanguage must be one of ' + LANGUAGES.join(', '));
  const suite = text(source, 'suite');
  const parsed = phoneSuite(suite);
  const payment = paymentSetting(source.payment, parsed);
  const bankUrl = text(source, 'bankUrl');
  if (!/^https?:\/\/[^/\s]+/.test(bankUrl)) throw new Error('bankUrl must be an http(s) address');
  const supportPhone = text(source, 'supportPhone');
  // The phone's dialer gets this number (docs/APP.md): digits, with spaces, dashes, brackets and a leading +.
  if (!/^\+?[\d ()-]+$/.test(supportPhone) || supportPhone.replace(/\D/g, '').length < 3)
    throw new Error('supportPhone must be a phone number: digits, with spaces, ( ) - and a leading + allowed');
  const appName = text(source, 'appName');
  if (appName.length > APP_NAME_MAX)
    throw new Error(`appName must be at most ${APP_NAME_MAX} characters (KaiOS manifests)`);
  const config: BankConfig = {
    appName,
    bankName: text(source, 'bankName'),
    bankUrl,
    supportPhone,
    suite,
    iterations,
    defaultLanguage,
    ...(payment ? { payment } : {}),
  };
  return { config, hashName: hashName(parsed) };
}

/** What the phone app carries of the config: the payee labels go into its language files instead. */
export function appSettings(config: BankConfig): AppSettings {
  const { payment, ...settings } = config;
  return { ...settings, payeeDigits: payment ? payment.payeeDigits : 0 };
}

export interface LoadedBankConfig {
  path: string;
  config: BankConfig;
  hashName: string;
}

/** The config file MOBIPASS_CONFIG names (else the default), checked; errors name the file. */
export function readBankConfig(env: NodeJS.ProcessEnv = process.env): LoadedBankConfig {
  const path = resolve(env[CONFIG_ENV] || DEFAULT_CONFIG_PATH);
  try {
    return { path, ...validateBankConfig(JSON.parse(readFileSync(path, 'utf8'))) };
  } catch (error) {
    throw new Error(`MobiPass bank config ${path}: ${(error as Error).message}`);
  }
}
