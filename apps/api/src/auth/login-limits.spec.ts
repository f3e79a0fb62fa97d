import { describe, expect, it } from '@jest/globals';
import { clientNetwork, LOGIN_LIMITS, loginWaitSeconds, type LoginFailureStats } from './login-limits.js';

const now = new Date('2026-12-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const stats = (overrides: Partial<LoginFailureStats>): LoginFailureStats => ({
  now,
  pairFailures: 0,
  pairLast: null,
  addressFailures: 0,
  addressLast: null,
  ...overrides,
});

describe('login wait', () => {
  it('lets a pair try freely up to its free failures', () => {
    expect(loginWaitSeconds(stats({ pairFailures: LOGIN_LIMITS.pairFreeFailures - 1, pairLast: ago(0) }))).toBe(0);
  });

  it('then makes each attempt wait twice as long as the one before, counted from the last failure', () => {
    const free = LOGIN_LIMITS.pairFreeFailures;
    const waits = [0, 1, 2, 3, 4].map((extra) => loginWaitSeconds(stats({ pairFailures: free + extra, pairLast: ago(0) })));
    expect(waits).toEqual([2, 4, 8, 16, 32]);
    expect(loginWaitSeconds(stats({ pairFailures: free + 2, pairLast: ago(3) }))).toBe(5);
    expect(loginWaitSeconds(stats({ pairFailures: free + 2, pairLast: ago(8) }))).toBe(0);
  });

  it('pauses a pair for its pause after pairPauseAfter failures, and again after each further one', () => {
    const pause = LOGIN_LIMITS.pairPauseMinutes * 60;
    expect(loginWaitSeconds(stats({ pairFailures: LOGIN_LIMITS.pairPauseAfter, pairLast: ago(0) }))).toBe(pause);
    expect(loginWaitSeconds(stats({ pairFailures: LOGIN_LIMITS.pairPauseAfter, pairLast: ago(pause) }))).toBe(0);
    expect(loginWaitSeconds(stats({ pairFailures: LOGIN_LIMITS.pairPauseAfter + 1, pairLast: ago(60) }))).toBe(pause - 60);
  });

  it('pauses a whole network that reached its budget, whichever account it tries', () => {
    const pause = LOGIN_LIMITS.addressPauseMinutes * 60;
    expect(loginWaitSeconds(stats({ addressFailures: LOGIN_LIMITS.addressFailures - 1, addressLast: ago(0) }))).toBe(0);
    expect(loginWaitSeconds(stats({ addressFailures: LOGIN_LIMITS.addressFailures, addressLast: ago(100) }))).toBe(pause - 100);
  });

  it('answers the longer of the two waits', () => {
    const wait = loginWaitSeconds(
      stats({
        pairFailures: LOGIN_LIMITS.pairFreeFailures,
        pairLast: ago(0),
        addressFailures: LOGIN_LIMITS.addressFailures,
        addressLast: ago(0),
      }),
    );
    expect(wait).toBe(LOGIN_LIMITS.addressPauseMinutes * 60);
  });

  it('keeps failure rows at least as long as any window reads them', () => {
    expect(LOGIN_LIMITS.pairPauseMinutes).toBeLessThanOrEqual(LOGIN_LIMITS.pairWindowMinutes);
  });
});

describe('client network', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:8d3::/64'],
    ['2001:db8:85a3:8d3::1', '2001:db8:85a3:8d3::/64'],
    ['2001:DB8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    [undefined, 'unknown'],
  ])('counts %s as %s', (ip, network) => {
    expect(clientNetwork(ip)).toBe(network);
  });

  it('puts two addresses of one /64 in the same network and neighbouring /64s in different ones', () => {
    expect(clientNetwork('2001:db8:1:2::a')).toBe(clientNetwork('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(clientNetwork('2001:db8:1:2::a')).not.toBe(clientNetwork('2001:db8:1:3::a'));
  });
});
