/**
 * Every text the app shows, as in src/app/i18n/<lang>.json. {name} marks a value filled in with
 * fill(); {bank} and {phone} are filled in at build time.
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
