import type { BankConfig } from './bankConfig';

/** Injected by webpack's DefinePlugin from the validated bank config (see webpack.config.js). */
declare const MOBIPASS_BANK: BankConfig;

export const BANK: BankConfig = MOBIPASS_BANK;
