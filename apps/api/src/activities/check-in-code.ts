import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Self check-in's two stateless tokens, each an HMAC-SHA256 truncated to 72 bits (12 base64url
 * characters) with a key of its own: nothing is stored, any replica can check them.
 *
 * The **code** an organiser's screen shows as a QR code: `<activity>.<window>.<day>.<mac>`, the
 * activity's id (16 bytes, base64url), the index of the 30-second window it was made in (base
 * 36), and the venue's date the screen asked for (days since 1970-01-01, base 36). The day is
 * signed, so a participant records the organiser's day and cannot choose another; a code copied
 * from the screen stops working within a minute.
 *
 * The **pass** a signed-out person gets for a code scanned in time: `<activity>.<day>.<issued>.<mac>`
 * (issued: seconds since the epoch, base 36). It stands for the code through the minutes signing
 * in or registering takes, and expires 30 minutes after the scan.
 */
export const CHECK_IN_WINDOW_MS = 30_000;
/** How long a pass stands for the code it was issued for. */
export const CHECK_IN_PASS_MS = 30 * 60_000;
/** A pass issued this far in the future still counts (replicas' clocks may differ a little). */
const PASS_CLOCK_SKEW_MS = 60_000;

/** Bytes of the MAC kept: 72 bits, 12 base64url characters. */
const MAC_BYTES = 9;
const DAY_MS = 86_400_000;

const CODE = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([0-9a-z]{1,6})\.([A-Za-z0-9_-]{12})$/;
const PASS = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,6})\.([0-9a-z]{1,9})\.([A-Za-z0-9_-]{12})$/;
/** The format of the codes made before they carried a day; none is accepted any more. */
const LEGACY_CODE = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{12})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface CheckInKeys {
  code: Buffer;
  pass: Buffer;
  /** The key of the codes without a day, only to tell a genuine old one (expired) from a forgery. */
  legacy: Buffer;
}

/** The keys codes and passes are made with, derived from the session secret so no new secret must be configured. */
export function checkInKeys(sessionSecret: string): CheckInKeys {
  const derive = (label: string) => createHmac('sha256', sessionSecret).update(label).digest();
  return { code: derive('ctlp check-in code v2'), pass: derive('ctlp check-in pass v1'), legacy: derive('ctlp check-in code v1') };
}

export function checkInWindow(now: Date): number {
  return Math.floor(now.getTime() / CHECK_IN_WINDOW_MS);
}

/** The UTC date of an instant, `YYYY-MM-DD`. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** `day` (`YYYY-MM-DD`) moved by `days`. */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/**
 * The venue dates possible at `now`: the UTC date and the one either side. Time zones run from
 * UTC−12 to UTC+14, so a venue's date is never further from the UTC date than one day.
 */
export function possibleVenueDays(now: Date): { min: string; max: string } {
  const today = utcDay(now);
  return { min: addDays(today, -1), max: addDays(today, 1) };
}

function dayNumber(day: string): number {
  if (!DAY.test(day)) throw new Error(`not a day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function dayOfNumber(n: number): string {
  return utcDay(new Date(n * DAY_MS));
}

function mac(key: Buffer, id: Buffer, ...numbers: number[]): Buffer {
  const hmac = createHmac('sha256', key).update(id);
  for (const n of numbers) {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(BigInt(n));
    hmac.update(bytes);
  }
  return hmac.digest().subarray(0, MAC_BYTES);
}

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return Buffer.from(id.replaceAll('-', ''), 'hex');
}

function uuidFromBytes(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Parses `<id>.<n>.<n>.<mac>` as written by this file (canonical spelling only, so there is one
 * token per content) and checks its MAC; undefined when either fails.
 */
function readSigned(key: Buffer, pattern: RegExp, token: string): { id: Buffer; numbers: number[] } | undefined {
  const match = pattern.exec(token);
  if (!match) return undefined;
  const parts = match.slice(1) as string[];
  const id = Buffer.from(parts[0]!, 'base64url');
  const given = Buffer.from(parts.at(-1)!, 'base64url');
  const numbers = parts.slice(1, -1).map((part) => parseInt(part, 36));
  if (id.length !== 16 || given.length !== MAC_BYTES || !numbers.every(Number.isSafeInteger)) return undefined;
  if (id.toString('base64url') !== parts[0] || given.toString('base64url') !== parts.at(-1)) return undefined;
  if (numbers.some((n, i) => n.toString(36) !== parts[i + 1])) return undefined;
  if (!timingSafeEqual(mac(key, id, ...numbers), given)) return undefined;
  return { id, numbers };
}

/**
 * The code for this activity at `now`, recording `day` (the venue's date, which the caller has
 * checked), and when the next one replaces it.
 */
export function makeCheckInCode(keys: CheckInKeys, activityId: string, day: string, now: Date): { code: string; expiresAt: Date } {
  const window = checkInWindow(now);
  const id = uuidBytes(activityId);
  const dayN = dayNumber(day);
  return {
    code: `${id.toString('base64url')}.${window.toString(36)}.${dayN.toString(36)}.${mac(keys.code, id, window, dayN).toString('base64url')}`,
    expiresAt: new Date((window + 1) * CHECK_IN_WINDOW_MS),
  };
}

export type CheckInTokenCheck = { ok: true; activityId: string; day: string } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Whether a scanned code is good at `now`: made by this platform for the activity and day it
 * names, in the current or the previous window (so a scan at the boundary works) or the next
 * (replicas' clocks may differ by a few seconds). A code whose MAC does not match is `invalid` and
 * says nothing about the activity it names; a genuine but older code is `expired`, and so is a
 * genuine code of the old format without a day (never accepted: its day would be UTC's).
 */
export function checkCheckInCode(keys: CheckInKeys, code: string, now: Date): CheckInTokenCheck {
  const signed = readSigned(keys.code, CODE, code);
  if (!signed) return readSigned(keys.legacy, LEGACY_CODE, code) ? { ok: false, reason: 'expired' } : { ok: false, reason: 'invalid' };
  const [window, dayN] = signed.numbers as [number, number];
  const current = checkInWindow(now);
  if (window > current + 1) return { ok: false, reason: 'invalid' };
  if (window < current - 1) return { ok: false, reason: 'expired' };
  return { ok: true, activityId: uuidFromBytes(signed.id), day: dayOfNumber(dayN) };
}

/** The pass that stands for a code checked at `now` (activity and day from that code), and when it expires. */
export function makeCheckInPass(keys: CheckInKeys, activityId: string, day: string, now: Date): { pass: string; expiresAt: Date } {
  const id = uuidBytes(activityId);
  const dayN = dayNumber(day);
  const issued = Math.floor(now.getTime() / 1000);
  return {
    pass: `${id.toString('base64url')}.${dayN.toString(36)}.${issued.toString(36)}.${mac(keys.pass, id, dayN, issued).toString('base64url')}`,
    expiresAt: new Date(issued * 1000 + CHECK_IN_PASS_MS),
  };
}

/**
 * Whether a pass is good at `now`: made by this platform, for the activity and day it names, at
 * most 30 minutes ago. A forged or altered pass (another activity, another day) is `invalid`; a
 * genuine older one `expired`.
 */
export function checkCheckInPass(keys: CheckInKeys, pass: string, now: Date): CheckInTokenCheck {
  const signed = readSigned(keys.pass, PASS, pass);
  if (!signed) return { ok: false, reason: 'invalid' };
  const [dayN, issued] = signed.numbers as [number, number];
  const age = now.getTime() - issued * 1000;
  if (age < -PASS_CLOCK_SKEW_MS) return { ok: false, reason: 'invalid' };
  if (age > CHECK_IN_PASS_MS) return { ok: false, reason: 'expired' };
  return { ok: true, activityId: uuidFromBytes(signed.id), day: dayOfNumber(dayN) };
}
