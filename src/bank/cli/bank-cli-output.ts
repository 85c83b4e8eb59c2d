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
} as const;

export const VERDICT_EXIT: { [result in Verdict['result']]: number } = {
  accepted: EXIT.ok,
  rejected: EXIT.rejected,
  blocked: EXIT.blocked,
  used: EXIT.challengeRefused,
  expired: EXIT.challengeRefused,
  unknown_challenge: EXIT.challengeRefused,
};

export const ERROR_EXIT: { [code in BankErrorCode]: number } = {
  bad_input: EXIT.badInput,
  unknown_customer: EXIT.badInput,
  no_key: EXIT.badInput,
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

export function describeChallenge(challenge: IssuedChallenge): string {
  return `challenge ${challenge.challengeId} code ${challenge.code} document ${challenge.documentId} expires ${new Date(challenge.expiresAt).toISOString()}`;
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
    record.keySerial !== undefined && `key ${record.keySerial}`,
    record.masterKeyId !== undefined &&
      `master key ${record.previousMasterKeyId === undefined ? '' : `${record.previousMasterKeyId} → `}${record.masterKeyId}`,
  ].filter(Boolean);
  return [iso(record.at), record.instance, record.actor, record.event, ...details].join(' ');
}
