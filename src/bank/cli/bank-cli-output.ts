import type { CustomerStatus, IssuedChallenge } from '../bank';
import type { BankErrorCode } from '../errors';
import type { AuditRecord } from '../store/store';
import type { Verdict } from '../verdicts';

/** Exit codes of mobipass-bank: scripts branch on these. */
export const EXIT = {
  ok: 0,
  rejected: 1,
  blocked: 2,
  challengeRefused: 3,
  badInput: 4,
  setup: 5,
  mistyped: 6,
} as const;

export const VERDICT_EXIT: { [result in Verdict['result']]: number } = {
  accepted: EXIT.ok,
  rejected: EXIT.rejected,
  mistyped: EXIT.mistyped,
  blocked: EXIT.blocked,
  used: EXIT.challengeRefused,
  expired: EXIT.challengeRefused,
  unknown_challenge: EXIT.challengeRefused,
};

export const ERROR_EXIT: { [code in BankErrorCode]: number } = {
  bad_input: EXIT.badInput,
  unknown_customer: EXIT.badInput,
  no_key: EXIT.badInput,
  codes_used_up: EXIT.badInput,
  unauthorized: EXIT.badInput,
  blocked: EXIT.blocked,
  config: EXIT.setup,
  database_unavailable: EXIT.setup,
};

export function describeVerdict(verdict: Verdict, user: string): string {
  switch (verdict.result) {
    case 'accepted':
      return 'accepted';
    case 'rejected':
      return `rejected: wrong signature value, ${verdict.attemptsLeft} attempt${verdict.attemptsLeft === 1 ? '' : 's'} left`;
    case 'mistyped':
      return 'mistyped: the value fails its check digit (a typing slip); not counted, the challenge stays open: type it again';
    case 'blocked':
      return `blocked: customer ${user} is blocked; support can unblock or issue a new envelope`;
    case 'used':
      return 'refused: this challenge was already answered';
    case 'expired':
      return 'refused: this challenge has expired; create a new one';
    case 'unknown_challenge':
      return `refused: no such challenge for customer ${user}`;
  }
}

/** The challenge, and what the customer types into the phone: the code and, when bound, the payment. */
export function describeChallenge(challenge: IssuedChallenge): string {
  const payment =
    challenge.amount !== undefined ? ` amount ${challenge.amount} payee-digits ${challenge.payeeDigits}` : '';
  return `challenge ${challenge.challengeId} code ${challenge.code}${payment} document ${challenge.documentId} expires ${new Date(challenge.expiresAt).toISOString()} signature-digits ${challenge.signatureDigits}`;
}

export function describeStatus(status: CustomerStatus): string {
  return `${status.user}: ${status.status}, ${status.failures} consecutive wrong answer${status.failures === 1 ? '' : 's'}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One audit record on one line: time, instance, actor, event, and what the event was about. */
export function describeAuditRecord(record: AuditRecord): string {
  const details = [
    record.result &&
      (record.attemptsLeft === undefined ? record.result : `${record.result} (${record.attemptsLeft} left)`),
    record.challengeId && `challenge ${record.challengeId}`,
    record.documentId !== undefined && `document ${record.documentId}`,
    record.expiresAt !== undefined && `expires ${iso(record.expiresAt)}`,
    record.amount !== undefined && `amount ${record.amount} payee-digits ${record.payee}`,
    record.keySerial !== undefined && `key ${record.keySerial}`,
    record.masterKeyId !== undefined &&
      `master key ${record.previousMasterKeyId === undefined ? '' : `${record.previousMasterKeyId} → `}${record.masterKeyId}`,
  ].filter(Boolean);
  return [iso(record.at), record.instance, record.actor, record.event, ...details].join(' ');
}
