import { BankError } from '../../../src/bank/errors';

/** The error a promise was rejected with; fails the test if it was fulfilled. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

/** The BankError a promise was rejected with; fails the test if it was fulfilled or failed otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<BankError> {
  const error = await rejection(promise);
  if (error instanceof BankError) return error;
  throw error;
}
