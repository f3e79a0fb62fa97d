import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  CHECK_IN_PASS_MS,
  CHECK_IN_WINDOW_MS,
  checkCheckInCode,
  checkCheckInPass,
  checkInKeys,
  makeCheckInCode,
  makeCheckInPass,
  possibleVenueDays,
} from './check-in-code.js';

const secret = 'a session secret of at least thirty-two characters';
const keys = checkInKeys(secret);
const activity = '5b0e8d3c-1f7a-4c55-9d2e-3a4b5c6d7e8f';
const other = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
/** 10:00 UTC on 1 December 2026. */
const t0 = new Date(Date.UTC(2026, 11, 1, 10, 0, 0));
const later = (ms: number) => new Date(t0.getTime() + ms);
const day = '2026-12-01';

describe('check-in code', () => {
  it('changes every 30 seconds and says when the current one expires', () => {
    const first = makeCheckInCode(keys, activity, day, t0);
    expect(makeCheckInCode(keys, activity, day, later(29_999)).code).toBe(first.code);
    expect(makeCheckInCode(keys, activity, day, later(CHECK_IN_WINDOW_MS)).code).not.toBe(first.code);
    expect(first.expiresAt.toISOString()).toBe(later(CHECK_IN_WINDOW_MS).toISOString());
    expect(first.code).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('stays short enough for a small QR code: four characters longer than a code without a day', () => {
    const { code } = makeCheckInCode(keys, activity, day, t0);
    expect(code.split('.')).toHaveLength(4);
    expect(code.length).toBeLessThanOrEqual(47);
  });

  it('names the activity it was made for, and the venue day the screen gave, not the UTC date', () => {
    for (const venueDay of ['2026-11-30', '2026-12-01', '2026-12-02']) {
      const { code } = makeCheckInCode(keys, activity, venueDay, t0);
      expect(checkCheckInCode(keys, code, t0)).toEqual({ ok: true, activityId: activity, day: venueDay });
    }
  });

  it('refuses a day moved to another one, though every other part is genuine', () => {
    const [id, window, , mac] = makeCheckInCode(keys, activity, '2026-12-02', t0).code.split('.');
    const [, , utcDayPart] = makeCheckInCode(keys, activity, day, t0).code.split('.');
    expect(checkCheckInCode(keys, [id, window, utcDayPart, mac].join('.'), t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accepts the previous window, so a scan at the boundary works', () => {
    const { code } = makeCheckInCode(keys, activity, day, later(29_000));
    expect(checkCheckInCode(keys, code, later(CHECK_IN_WINDOW_MS + 29_000))).toEqual({ ok: true, activityId: activity, day });
  });

  it('refuses a code two windows old as expired', () => {
    const { code } = makeCheckInCode(keys, activity, day, t0);
    expect(checkCheckInCode(keys, code, later(2 * CHECK_IN_WINDOW_MS))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a MAC made for another activity, and one made with another key', () => {
    const mine = makeCheckInCode(keys, activity, day, t0).code.split('.');
    const theirs = makeCheckInCode(keys, other, day, t0).code.split('.');
    expect(checkCheckInCode(keys, [theirs[0], ...mine.slice(1)].join('.'), t0)).toEqual({ ok: false, reason: 'invalid' });
    const forged = makeCheckInCode(checkInKeys('another secret of at least thirty-two characters'), activity, day, t0).code;
    expect(checkCheckInCode(keys, forged, t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a code moved to another window as invalid, not expired', () => {
    const [id, window, d, mac] = makeCheckInCode(keys, activity, day, t0).code.split('.');
    const older = (parseInt(window!, 36) - 5).toString(36);
    expect(checkCheckInCode(keys, [id, older, d, mac].join('.'), t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('never accepts a code of the old format without a day: a genuine one is expired, a made-up one invalid', () => {
    // The old format, `<activity>.<window>.<mac>` under the v1 key, whose day was the UTC date.
    const v1 = createHmac('sha256', secret).update('ctlp check-in code v1').digest();
    const id = Buffer.from(activity.replaceAll('-', ''), 'hex');
    const window = Math.floor(t0.getTime() / CHECK_IN_WINDOW_MS);
    const index = Buffer.alloc(8);
    index.writeBigUInt64BE(BigInt(window));
    const mac = createHmac('sha256', v1).update(id).update(index).digest().subarray(0, 9);
    const old = `${id.toString('base64url')}.${window.toString(36)}.${mac.toString('base64url')}`;
    expect(checkCheckInCode(keys, old, t0)).toEqual({ ok: false, reason: 'expired' });
    const madeUp = `${id.toString('base64url')}.${window.toString(36)}.${'A'.repeat(12)}`;
    expect(checkCheckInCode(keys, madeUp, t0)).toEqual({ ok: false, reason: 'invalid' });
    // Nor does the new code's MAC, moved into the old format, pass for one.
    const [nid, nwindow, , nmac] = makeCheckInCode(keys, activity, day, t0).code.split('.');
    expect(checkCheckInCode(keys, [nid, nwindow, nmac].join('.'), t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses malformed codes', () => {
    for (const code of [
      '',
      'abc',
      'a.b.c',
      'a.b.c.d',
      `${makeCheckInCode(keys, activity, day, t0).code}x`,
      'A'.repeat(22) + '.zzzzzzzzzzz.zzz.' + 'A'.repeat(12),
      'A'.repeat(22) + '.1kq2f3x.0g2e.' + 'A'.repeat(12),
    ]) {
      expect(checkCheckInCode(keys, code, t0)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});

describe('the venue days possible now', () => {
  it('are the UTC date and the day either side, across a month and a year', () => {
    expect(possibleVenueDays(t0)).toEqual({ min: '2026-11-30', max: '2026-12-02' });
    expect(possibleVenueDays(new Date(Date.UTC(2026, 11, 31, 23, 59)))).toEqual({ min: '2026-12-30', max: '2027-01-01' });
  });
});

describe('check-in pass', () => {
  it('stands for the activity and day of the code for 30 minutes after the scan', () => {
    const { pass, expiresAt } = makeCheckInPass(keys, activity, '2026-12-02', t0);
    expect(expiresAt.toISOString()).toBe(later(CHECK_IN_PASS_MS).toISOString());
    expect(pass.length).toBeLessThanOrEqual(50);
    expect(checkCheckInPass(keys, pass, later(CHECK_IN_PASS_MS))).toEqual({ ok: true, activityId: activity, day: '2026-12-02' });
    expect(checkCheckInPass(keys, pass, later(CHECK_IN_PASS_MS + 1_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a pass altered to another activity, day or time as invalid', () => {
    const [id, d, issued, mac] = makeCheckInPass(keys, activity, day, t0).pass.split('.');
    const [otherId] = makeCheckInPass(keys, other, day, t0).pass.split('.');
    const [, nextDay] = makeCheckInPass(keys, activity, '2026-12-02', t0).pass.split('.');
    const [, , fresher] = makeCheckInPass(keys, activity, day, later(20 * 60_000)).pass.split('.');
    for (const altered of [
      [otherId, d, issued, mac],
      [id, nextDay, issued, mac],
      [id, d, fresher, mac],
    ]) {
      expect(checkCheckInPass(keys, altered.join('.'), later(25 * 60_000))).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('is not a code, and a code is not a pass', () => {
    const { code } = makeCheckInCode(keys, activity, day, t0);
    const { pass } = makeCheckInPass(keys, activity, day, t0);
    expect(checkCheckInPass(keys, code, t0)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkCheckInCode(keys, pass, t0)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a pass of another platform, and one issued in the future', () => {
    const foreign = makeCheckInPass(checkInKeys('another secret of at least thirty-two characters'), activity, day, t0).pass;
    expect(checkCheckInPass(keys, foreign, t0)).toEqual({ ok: false, reason: 'invalid' });
    const ahead = makeCheckInPass(keys, activity, day, later(5 * 60_000)).pass;
    expect(checkCheckInPass(keys, ahead, t0)).toEqual({ ok: false, reason: 'invalid' });
    // A replica whose clock runs a few seconds ahead made it: still good.
    expect(checkCheckInPass(keys, makeCheckInPass(keys, activity, day, later(5_000)).pass, t0)).toMatchObject({ ok: true });
  });
});
