import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ApiError } from '../src/api/api-error';
import { localDay, nextCodeIn } from '../src/api/activities/use-check-in-code';
import { checkInPassFor, forgetCheckInPass, keepCheckInPass } from '../src/features/activities/check-in/check-in-pass';
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
    // The pass got for a code before signing in is refused in the same words as the code.
    expect(checkInProblem(ApiError.fromBody(400, { code: 'validation_failed', fields: { pass: { code: 'check_in_code_expired' } } }))).toBe(
      'expired',
    );
    expect(checkInProblem(ApiError.fromBody(400, { code: 'validation_failed', fields: { pass: { code: 'check_in_code_invalid' } } }))).toBe(
      'invalid',
    );
    expect(checkInProblem(ApiError.fromBody(409, { code: 'check_in_closed' }))).toBeUndefined();
    expect(checkInProblem(ApiError.fromBody(429, { code: 'check_in_rate_limited' }))).toBeUndefined();
    expect(checkInProblem(new Error('boom'))).toBeUndefined();
  });
});

describe('the date the organiser screen gives', () => {
  it("is the venue's date by its clock and zone, not the UTC date", () => {
    // 08:30 on the 25th in Suva, 20:00 on the 24th in Lima.
    expect(localDay(new Date('2026-11-24T20:30:00Z'), 'Pacific/Fiji')).toBe('2026-11-25');
    expect(localDay(new Date('2026-11-25T01:00:00Z'), 'America/Lima')).toBe('2026-11-24');
    expect(localDay(new Date('2027-01-05T23:59:59Z'), 'UTC')).toBe('2027-01-05');
    expect(localDay(new Date('2027-01-05T23:59:59Z'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('the pass kept while signing in', () => {
  /** sessionStorage as the browser gives it, for the tab the test is. */
  class TabStorage {
    private items = new Map<string, string>();
    getItem(key: string) {
      return this.items.get(key) ?? null;
    }
    setItem(key: string, value: string) {
      this.items.set(key, String(value));
    }
    removeItem(key: string) {
      this.items.delete(key);
    }
  }
  const scope = globalThis as { window?: unknown };
  beforeEach(() => {
    scope.window = { sessionStorage: new TabStorage() };
  });
  afterEach(() => {
    delete scope.window;
  });

  it('is found for the code it was issued for, and for no other', () => {
    keepCheckInPass('code-a', 'pass-a');
    expect(checkInPassFor('code-a')).toBe('pass-a');
    expect(checkInPassFor('code-b')).toBeUndefined();
  });

  it('is replaced by the pass of a newer scan, and gone once redeemed', () => {
    keepCheckInPass('code-a', 'pass-a');
    keepCheckInPass('code-b', 'pass-b');
    expect(checkInPassFor('code-a')).toBeUndefined();
    expect(checkInPassFor('code-b')).toBe('pass-b');
    forgetCheckInPass();
    expect(checkInPassFor('code-b')).toBeUndefined();
  });

  it('is simply absent when the browser refuses storage or holds something else, so the code is sent', () => {
    scope.window = {
      get sessionStorage(): never {
        throw new Error('SecurityError');
      },
    };
    expect(() => keepCheckInPass('code-a', 'pass-a')).not.toThrow();
    expect(checkInPassFor('code-a')).toBeUndefined();
    scope.window = { sessionStorage: new TabStorage() };
    (scope.window as { sessionStorage: TabStorage }).sessionStorage.setItem('ctlp.checkInPass', '{not json');
    expect(checkInPassFor('code-a')).toBeUndefined();
  });
});
