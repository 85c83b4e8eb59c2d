/** The outcome of checking a signature value: each refusal has its own result. */
export type Verdict =
  | { result: 'accepted' }
  | { result: 'rejected'; attemptsLeft: number }
  | { result: 'blocked' }
  | { result: 'used' }
  | { result: 'expired' }
  | { result: 'unknown_challenge' };
