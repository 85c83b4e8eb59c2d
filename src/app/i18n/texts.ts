/**
 * Every text the app shows, as in src/app/i18n/<lang>.json. {name} marks a value filled in with
 * fill(); {bank}, {phone} and {payee} are filled in at build time.
 */
export interface Texts {
  lang: string;
  saveKey: string;
  sign: string;
  changePin: string;
  deleteKey: string;
  help: string;
  exit: string;
  next: string;
  back: string;
  close: string;
  cancel: string;
  /** The softkey that opens the dialer with the support line. */
  call: string;
  remove: string;
  wait: string;
  pinTitle: string;
  pinChoose: string;
  pinConfirm: string;
  keyTitle: string;
  /** The prompts for parts 1..4 of the activation code. */
  partPrompt: string[];
  keySaved: string;
  signTitle: string;
  pinEnter: string;
  documentCode: string;
  signatureTitle: string;
  /** {s}: seconds left. */
  signatureHint: string;
  changeTitle: string;
  currentPin: string;
  newPin: string;
  newPinConfirm: string;
  /** Above the change-PIN form: the current PIN is not checked, and what a mistyped one leads to. */
  changePinNote: string;
  pinChanged: string;
  mismatch: string;
  weakPin: { same: string; run: string; common: string };
  pinIncomplete: string;
  /** {min}, {max}: digits. */
  codeIncomplete: string;
  /** The amount field's label; it names the decimal-point key. */
  amount: string;
  /** The payee digits' label: the bank config's payment.payeeLabel (empty without payment data). */
  payee: string;
  /** Before the amount on the signature screen. */
  amountSigned: string;
  /** How the language writes an amount: its decimal separator and its thousands separator. */
  decimal: string;
  group: string;
  /** A version 2 code's one length; {n}: digits. */
  codeLength: string;
  /** A version 2 code whose check digit fails. */
  codeMistyped: string;
  amountIncomplete: string;
  /** {n}: digits. */
  payeeIncomplete: string;
  /** {n}: the part. */
  partIncomplete: string;
  /** {n}: the part. */
  partWrong: string;
  storageFailed: string;
  readFailed: string;
  deleteConfirm: string;
  keyDeleted: string;
  version: string;
  support: string;
  /** The help screen's paragraphs. */
  helpText: string[];
}
