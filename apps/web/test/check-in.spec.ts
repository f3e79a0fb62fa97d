import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../src/api/api-error';
import { nextCodeIn } from '../src/api/activities/use-check-in-code';
import { checkInProblem } from '../src/features/activities/check-in/check-in-problem';

describe('the check-in code on the organiser screen', () => {
  const now = Date.parse('2027-03-01T09:00:00Z');
  it('asks for the next code two seconds before this one expires', () => {
    expect(nextCodeIn('2027-03-01T09:00:20Z', now)).toBe(18_000);
  });

  it('neither asks every instant nor waits past a window when the clocks disagree', () => {
    expect(nextCodeIn('2027-03-01T08:58:00Z', now)).toBe(5_000);
    expect(nextCodeIn('2027-03-01T09:10:00Z', now)).toBe(25_000);
    expect(nextCodeIn('not a date', now)).toBe(5_000);
  });

  it('tells an expired or foreign code apart from other refusals', () => {
    expect(checkInProblem(ApiError.fromBody(400, { code: 'validation_failed', fields: { code: { code: 'check_in_code_expired' } } }))).toBe(
      'expired',
    );
    expect(checkInProblem(ApiError.fromBody(400, { code: 'validation_failed', fields: { code: { code: 'check_in_code_invalid' } } }))).toBe(
      'invalid',
    );
    expect(checkInProblem(ApiError.fromBody(409, { code: 'check_in_closed' }))).toBeUndefined();
    expect(checkInProblem(new Error('boom'))).toBeUndefined();
  });
});
