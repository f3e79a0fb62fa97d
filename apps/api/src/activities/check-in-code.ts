import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The self check-in code an organiser's screen shows as a QR code: `<activity>.<window>.<mac>`,
 * the activity's id (16 bytes, base64url), the index of the 30-second window it was made in
 * (base 36), and an HMAC-SHA256 of both truncated to 72 bits. Stateless: nothing is stored, any
 * replica can check a code, and a code copied from the screen stops working within a minute.
 */
export const CHECK_IN_WINDOW_MS = 30_000;

/** Bytes of the MAC kept: 72 bits, 12 base64url characters. */
const MAC_BYTES = 9;

const CODE = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{12})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The key codes are made with, derived from the session secret so no new secret must be configured. */
export function checkInKey(sessionSecret: string): Buffer {
  return createHmac('sha256', sessionSecret).update('ctlp check-in code v1').digest();
}

export function checkInWindow(now: Date): number {
  return Math.floor(now.getTime() / CHECK_IN_WINDOW_MS);
}

function mac(key: Buffer, activityId: Buffer, window: number): Buffer {
  const index = Buffer.alloc(8);
  index.writeBigUInt64BE(BigInt(window));
  return createHmac('sha256', key).update(activityId).update(index).digest().subarray(0, MAC_BYTES);
}

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return Buffer.from(id.replaceAll('-', ''), 'hex');
}

function uuidFromBytes(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The code for this activity at `now`, and when the next one replaces it. */
export function makeCheckInCode(key: Buffer, activityId: string, now: Date): { code: string; expiresAt: Date } {
  const window = checkInWindow(now);
  const id = uuidBytes(activityId);
  return {
    code: `${id.toString('base64url')}.${window.toString(36)}.${mac(key, id, window).toString('base64url')}`,
    expiresAt: new Date((window + 1) * CHECK_IN_WINDOW_MS),
  };
}

export type CheckInCodeCheck = { ok: true; activityId: string } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Whether a scanned code is good at `now`: made by this platform for the activity it names, in the
 * current or the previous window (so a scan at the boundary works) or the next (replicas' clocks
 * may differ by a few seconds). A code whose MAC does not match is `invalid` and says nothing
 * about the activity it names; a genuine but older code is `expired`.
 */
export function checkCheckInCode(key: Buffer, code: string, now: Date): CheckInCodeCheck {
  const match = CODE.exec(code);
  if (!match) return { ok: false, reason: 'invalid' };
  const id = Buffer.from(match[1]!, 'base64url');
  const window = parseInt(match[2]!, 36);
  const given = Buffer.from(match[3]!, 'base64url');
  if (id.length !== 16 || given.length !== MAC_BYTES || !Number.isSafeInteger(window)) return { ok: false, reason: 'invalid' };
  // The canonical spelling only: one code per activity and window.
  if (id.toString('base64url') !== match[1] || window.toString(36) !== match[2] || given.toString('base64url') !== match[3]) {
    return { ok: false, reason: 'invalid' };
  }
  if (!timingSafeEqual(mac(key, id, window), given)) return { ok: false, reason: 'invalid' };
  const current = checkInWindow(now);
  if (window > current + 1) return { ok: false, reason: 'invalid' };
  if (window < current - 1) return { ok: false, reason: 'expired' };
  return { ok: true, activityId: uuidFromBytes(id) };
}
