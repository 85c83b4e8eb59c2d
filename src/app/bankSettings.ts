import type { Language } from './i18n/languages';

/**
 * The bank's settings for this build, from its config file (src/app/bank.config.json, or the file
 * MOBIPASS_CONFIG names), checked at build time by src/app/build/bankConfig.ts.
 */
export interface BankConfig {
  appName: string;
  bankName: string;
  bankUrl: string;
  /** The 24-hour support line to call when the phone is lost. */
  supportPhone: string;
  suite: string;
  iterations: number;
  defaultLanguage: Language;
}

/** Injected by webpack's DefinePlugin (see webpack.config.js). */
declare const MOBIPASS_BANK: BankConfig;

export const BANK: BankConfig = MOBIPASS_BANK;
