import type { Language } from './i18n/languages';

/**
 * Payment data (docs/ALGORITHM.md §3.4): after the PIN and the document code the customer types the
 * amount and this many payee digits, under this label (per language; e.g. the last 4 digits of the
 * payee's account). Only with a version 2 (QA) suite.
 */
export interface PaymentSetting {
  payeeDigits: number;
  payeeLabel: { [lang in Language]: string };
}

/**
 * The bank's settings, from its config file (src/app/bank.config.json, or the file MOBIPASS_CONFIG
 * names), checked by src/app/build/bankConfig.ts: the build of the phone app and the bank kit read
 * the same file, so phone and bank agree on the suite and the payment setting.
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
  /** Absent: the manual's two fields, PIN and document code. */
  payment?: PaymentSetting;
}

/** What the app carries: the config, its payee labels left to the language files (they go into i18n/<lang>.json). */
export type AppSettings = Omit<BankConfig, 'payment'> & {
  /** Payee digits the customer types when signing a version 2 document; 0: no payment data. */
  payeeDigits: number;
};

/** Injected by webpack's DefinePlugin (see webpack.config.js). */
declare const MOBIPASS_BANK: AppSettings;

export const BANK: AppSettings = MOBIPASS_BANK;
