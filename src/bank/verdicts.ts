/** The outcome of checking a signature value: each refusal has its own result. */
export type Verdict =
  | { result: 'accepted' }
  | { result: 'rejected'; attemptsLeft: number }
  | { result: 'blocked' }
  | { result: 'used' }
  | { result: 'expired' }
  | { result: 'unknown_challenge' };

/** What a counted wrong answer says: blocked at the limit, else the attempts left. */
export function failureVerdict(count: { failures: number; blocked: boolean }, limit: number): Verdict {
  return count.blocked ? { result: 'blocked' } : { result: 'rejected', attemptsLeft: limit - count.failures };
}
