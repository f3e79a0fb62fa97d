import { isIPv4, isIPv6 } from 'node:net';

/**
 * How failed sign-ins (and wrong current passwords at a password change) slow down and pause
 * further attempts. Failures are counted per (account, network) pair and per network; there is
 * deliberately no account-wide count, because any limit a stranger can fill is a switch that
 * locks the owner out — the old 100 per account per hour let anyone lock the admin out for an
 * hour with 101 requests.
 *
 * Why these numbers:
 * - pairFreeFailures 5: people mistype, forget Caps Lock, try last year's password; five misses
 *   cost them nothing.
 * - then each attempt waits pairFirstDelaySeconds × 2^(failures − 5) after the last failure: 2, 4, 8,
 *   16, 32 s. A person reading the message hardly notices; a script is down to a few tries a minute.
 * - pairPauseAfter 10 failures within pairWindowMinutes (60) pauses the pair for pairPauseMinutes
 *   (15) after its last failure, and every further failure in that hour pauses it again: at most
 *   about 15 guesses an hour per account and network, against passwords of 12+ characters that are
 *   not in the common lists (passwords.ts). The owner, from their own network, is never affected
 *   by these pauses, and a password reset lifts them (AuthService.liftLoginPauses).
 * - addressFailures 100 within addressWindowMinutes (15) pauses the whole network for
 *   addressPauseMinutes (15) after its last failure: an office behind one NAT (a ministry, a
 *   training centre) does not fail 100 sign-ins in 15 minutes, a credential-stuffing script from
 *   one network gets about 100 tries per half hour instead of thousands.
 * Guessing spread over many networks is not capped per account by design; it is bounded per
 * network, by the password policy and, for the powerful roles, by MFA (DESIGN.md).
 *
 * A pair's failures are forgotten when its password is right (a successful sign-in). Rows older
 * than the longest window are useless and pruned (AuthService.pruneLoginFailures).
 */
export const LOGIN_LIMITS = {
  pairWindowMinutes: 60,
  pairFreeFailures: 5,
  pairFirstDelaySeconds: 2,
  pairPauseAfter: 10,
  pairPauseMinutes: 15,
  addressWindowMinutes: 15,
  addressFailures: 100,
  addressPauseMinutes: 15,
} as const;

/** Rows older than this count towards no limit. */
export const LOGIN_FAILURES_KEPT_MINUTES = Math.max(LOGIN_LIMITS.pairWindowMinutes, LOGIN_LIMITS.addressWindowMinutes);

/** Failures recorded for one attempt's pair and network, read with the database's clock. */
export interface LoginFailureStats {
  now: Date;
  /** Failures of this account from this network in the last pairWindowMinutes. */
  pairFailures: number;
  pairLast: Date | null;
  /** Failures from this network, any account, in the last addressWindowMinutes. */
  addressFailures: number;
  addressLast: Date | null;
}

/** How long the pair must wait before its next attempt is even checked, in seconds; 0: go ahead. */
export function loginWaitSeconds(stats: LoginFailureStats): number {
  const now = stats.now.getTime();
  let until = 0;
  const n = stats.pairFailures;
  if (stats.pairLast && n >= LOGIN_LIMITS.pairPauseAfter) {
    until = stats.pairLast.getTime() + LOGIN_LIMITS.pairPauseMinutes * 60_000;
  } else if (stats.pairLast && n >= LOGIN_LIMITS.pairFreeFailures) {
    until = stats.pairLast.getTime() + LOGIN_LIMITS.pairFirstDelaySeconds * 1000 * 2 ** (n - LOGIN_LIMITS.pairFreeFailures);
  }
  if (stats.addressLast && stats.addressFailures >= LOGIN_LIMITS.addressFailures) {
    until = Math.max(until, stats.addressLast.getTime() + LOGIN_LIMITS.addressPauseMinutes * 60_000);
  }
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/**
 * The network an address counts for: an IPv4 address itself (an IPv4-mapped IPv6 address as its
 * IPv4 address), an IPv6 address as its /64 — one subscriber, one LAN, gets at least a /64, so
 * counting single IPv6 addresses would hand an attacker 2^64 fresh budgets.
 */
export function clientNetwork(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.replace(/%.*$/u, '');
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/u.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}
