import { failureVerdict, type Verdict } from '../verdicts';
import type { AuditContext, AuditRecord, ChallengeRecord, FailureCount, Reseal } from './store';

/** The audit table's columns, in the order auditValues() gives them (both stores, one schema). */
export const AUDIT_COLUMNS = [
  'at',
  'instance',
  'actor',
  'user_id',
  'event',
  'result',
  'attempts_left',
  'challenge_id',
  'document_id',
  'expires_at',
  'key_serial',
  'amount',
  'payee',
  'master_key_id',
  'previous_master_key_id',
] as const;

type AuditColumn = (typeof AUDIT_COLUMNS)[number];
export type AuditRow = { [column in AuditColumn]: string | number | null };

export function auditValues(record: AuditRecord): (string | number | null)[] {
  return [
    record.at,
    record.instance,
    record.actor,
    record.userId,
    record.event,
    record.result ?? null,
    record.attemptsLeft ?? null,
    record.challengeId ?? null,
    record.documentId ?? null,
    record.expiresAt ?? null,
    record.keySerial ?? null,
    record.amount ?? null,
    record.payee ?? null,
    record.masterKeyId ?? null,
    record.previousMasterKeyId ?? null,
  ];
}

export function auditRecord(row: AuditRow): AuditRecord {
  const record: AuditRecord = {
    at: Number(row.at),
    instance: String(row.instance),
    actor: String(row.actor),
    userId: String(row.user_id),
    event: row.event as AuditRecord['event'],
  };
  if (row.result !== null) record.result = String(row.result);
  if (row.attempts_left !== null) record.attemptsLeft = Number(row.attempts_left);
  if (row.challenge_id !== null) record.challengeId = String(row.challenge_id);
  if (row.document_id !== null) record.documentId = String(row.document_id);
  if (row.expires_at !== null) record.expiresAt = Number(row.expires_at);
  if (row.key_serial !== null) record.keySerial = Number(row.key_serial);
  if (row.amount !== null) record.amount = String(row.amount);
  if (row.payee !== null) record.payee = String(row.payee);
  if (row.master_key_id !== null) record.masterKeyId = String(row.master_key_id);
  if (row.previous_master_key_id !== null) record.previousMasterKeyId = String(row.previous_master_key_id);
  return record;
}

/** The record of a verification's verdict on a challenge. */
export function verificationAudit(
  audit: AuditContext,
  challenge: Pick<ChallengeRecord, 'id' | 'userId'> & { documentId?: string },
  keySerial: number,
  verdict: Verdict,
): AuditRecord {
  return {
    ...audit,
    userId: challenge.userId,
    event: 'verify',
    result: verdict.result,
    ...(verdict.result === 'rejected' ? { attemptsLeft: verdict.attemptsLeft } : {}),
    challengeId: challenge.id,
    ...(challenge.documentId !== undefined ? { documentId: challenge.documentId } : {}),
    keySerial,
  };
}

/** The record of a counted wrong answer. */
export function failureAudit(
  audit: AuditContext,
  challenge: ChallengeRecord,
  keySerial: number,
  count: FailureCount,
  limit: number,
): AuditRecord {
  return verificationAudit(audit, challenge, keySerial, failureVerdict(count, limit));
}

/** The record of a challenge made: with the payment it binds, never its code. */
export function challengeAudit(audit: AuditContext, challenge: ChallengeRecord): AuditRecord {
  return {
    ...audit,
    userId: challenge.userId,
    event: 'challenge',
    challengeId: challenge.id,
    documentId: challenge.documentId,
    expiresAt: challenge.expiresAt,
    ...(challenge.amount !== null ? { amount: challenge.amount } : {}),
    ...(challenge.payee !== null ? { payee: challenge.payee } : {}),
  };
}

/** The record of a new key: its serial and the master key it is sealed under. */
export function issueAudit(audit: AuditContext, userId: string, keySerial: number, masterKeyId: string): AuditRecord {
  return { ...audit, userId, event: 'issue', keySerial, masterKeyId };
}

/** The record of a key moved under another master key (K and its serial unchanged). */
export function resealAudit(audit: AuditContext, reseal: Reseal, keySerial: number): AuditRecord {
  return {
    ...audit,
    userId: reseal.userId,
    event: 'reseal',
    keySerial,
    masterKeyId: reseal.to.keyId,
    previousMasterKeyId: reseal.previousKeyId,
  };
}
