import { describe, expect, it } from '@jest/globals';
import { CHECK_IN_WINDOW_MS, checkCheckInCode, checkInKey, makeCheckInCode } from './check-in-code.js';

const key = checkInKey('a session secret of at least thirty-two characters');
const activity = '5b0e8d3c-1f7a-4c55-9d2e-3a4b5c6d7e8f';
const other = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const t0 = new Date(Date.UTC(2026, 11, 1, 10, 0, 0));
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('check-in code', () => {
  it('changes every 30 seconds and says when the current one expires', () => {
    const first = makeCheckInCode(key, activity, t0);
    expect(makeCheckInCode(key, activity, later(29_999)).code).toBe(first.code);
    expect(makeCheckInCode(key, activity, later(CHECK_IN_WINDOW_MS)).code).not.toBe(first.code);
    expect(first.expiresAt.toISOString()).toBe(later(CHECK_IN_WINDOW_MS).toISOString());
    expect(first.code).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('names the activity it was made for', () => {
    const { code } = makeCheckInCode(key, activity, t0);
    expect(checkCheckInCode(key, code, t0)).toEqual({ ok: true, activityId: activity });
  });

  it('accepts the previous window, so a scan at the boundary works', () => {
    const { code } = makeCheckInCode(key, activity, later(29_000));
    expect(checkCheckInCode(key, code, later(CHECK_IN_WINDOW_MS + 29_000))).toEqual({ ok: true, activityId: activity });
  });

  it('refuses a code two windows old as expired', () => {
    const { code } = makeCheckInCode(key, activity, t0);
    expect(checkCheckInCode(key, code, later(2 * CHECK_IN_WINDOW_MS))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a MAC made for another activity, and one made with another key', () => {
    const mine = makeCheckInCode(key, activity, t0).code.split('.');
    const theirs = makeCheckInCode(key, other, t0).code.split('.');
    expect(checkCheckInCode(key, [theirs[0], mine[1], mine[2]].join('.'), t0)).toEqual({ ok: false, reason: 'invalid' });
    const forged = makeCheckInCode(checkInKey('another secret of at least thirty-two characters'), activity, t0).code;
    expect(checkCheckInCode(key, forged, t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a code moved to another window as invalid, not expired', () => {
    const [id, window, mac] = makeCheckInCode(key, activity, t0).code.split('.');
    const older = (parseInt(window!, 36) - 5).toString(36);
    expect(checkCheckInCode(key, [id, older, mac].join('.'), t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses malformed codes', () => {
    for (const code of [
      '',
      'abc',
      'a.b.c',
      `${makeCheckInCode(key, activity, t0).code}x`,
      'A'.repeat(22) + '.zzzzzzzzzzz.' + 'A'.repeat(12),
    ]) {
      expect(checkCheckInCode(key, code, t0)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});
