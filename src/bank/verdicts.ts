/**
 * The outcome of checking a signature value: each refusal has its own result. mistyped: a version 2
 * value whose check digit fails (a typing slip), never counted, the challenge stays open.
 */
export type Verdict =
  | { result: 'accepted' }
  | { result: 'rejected'; attemptsLeft: number }
  | { result: 'mistyped' }
  | { result: 'blocked' }
  | { result: 'used' }
  | { result: 'expired' }
  | { result: 'unknown_challenge' };

const EVERY_RESULT: { [result in Verdict['result']]: true } = {
  accepted: true,
  rejected: true,
  mistyped: true,
  blocked: true,
  used: true,
  expired: true,
  unknown_challenge: true,
};

/** Every result a verification can have (the API's description of it, the metrics' labels). */
export const VERDICT_RESULTS = Object.keys(EVERY_RESULT) as Verdict['result'][];

/** What a counted wrong answer says: blocked at the limit, else the attempts left. */
export function failureVerdict(count: { failures: number; blocked: boolean }, limit: number): Verdict {
  return count.blocked ? { result: 'blocked' } : { result: 'rejected', attemptsLeft: limit - count.failures };
}
