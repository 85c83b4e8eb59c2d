import { damm } from './damm';
import type { OcraSuite } from './ocra';
import { suiteVersion, typedDigits } from './phoneSuite';

/**
 * Why a typed answer is not compared (nothing is counted): format, not the suite's number of digits
 * once spaces are removed; mistyped, a version 2 answer whose check digit fails.
 */
export type AnswerProblem = 'format' | 'mistyped';

export type TypedAnswer = { answer: string; problem?: undefined } | { answer?: undefined; problem: AnswerProblem };

/**
 * A typed signature value as the bank compares it (docs/ALGORITHM.md §5.3): spaces (the phone's grouping)
 * removed, then exactly the digits the customer types; in version 2 its check digit must pass, which
 * tells a typing slip from a wrong value. Compare the answer with typedValue in constant time.
 */
export function readAnswer(suite: OcraSuite, typed: string): TypedAnswer {
  const answer = typed.replace(/ /g, '');
  if (!/^\d+$/.test(answer) || answer.length !== typedDigits(suite)) return { problem: 'format' };
  return suiteVersion(suite) === 2 && damm(answer) ? { problem: 'mistyped' } : { answer };
}
