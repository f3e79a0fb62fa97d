import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults, which every authenticator app reads: SHA-1, 6 digits, 30-second steps. */
const TOTP_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** A code from the step before or after is accepted too: clocks drift and people type slowly. */
const TOTP_WINDOW = 1;

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: read off paper without doubt. 31 symbols × 12 ≈ 59 random bits per code.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_LENGTH = 12;

/**
 * The key that encrypts TOTP secrets at rest: derived (HKDF-SHA256) from SESSION_SECRET, the one
 * secret the platform already requires, under its own label so it is no session key. A database
 * dump alone then holds no secret that mints codes.
 */
export function totpKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'ctlp', 'ctlp mfa totp secret v1', 32));
}

export function encryptSecret(key: Buffer, base32: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The base32 secret, or null when it was encrypted under another key (SESSION_SECRET changed). */
export function decryptSecret(key: Buffer, stored: Buffer): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, stored.subarray(0, 12));
    decipher.setAuthTag(stored.subarray(12, 28));
    return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** A fresh 160-bit secret (RFC 4226's recommended length), in base32 for the apps. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUrl(base32: string, issuer: string, account: string): string {
  return new TOTP({ ...TOTP_PARAMS, issuer, label: account, secret: Secret.fromBase32(base32) }).toString();
}

/** The time step (RFC 6238 counter) `code` is valid for, within the window around now; null: not valid. */
export function totpStep(base32: string, code: string, now = Date.now()): number | null {
  const totp = new TOTP({ ...TOTP_PARAMS, secret: Secret.fromBase32(base32) });
  const delta = totp.validate({ token: code, timestamp: now, window: TOTP_WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PARAMS.period) + delta;
}

/** Six digits (spaces allowed, as apps show them): a TOTP code; anything else is tried as a recovery code. */
export function asTotpCode(input: string): string | null {
  const digits = input.replace(/\s/gu, '');
  return /^\d{6}$/u.test(digits) ? digits : null;
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/**
 * SHA-256 of the code without case, spaces or dashes. A fast hash is enough here, unlike for
 * passwords: the codes are random with ~59 bits, so no dictionary helps, and a stolen table still
 * needs ~2^58 hashes per code; argon2id would cost ten slow verifications per attempt for nothing.
 */
export function recoveryCodeHash(code: string): Buffer {
  return createHash('sha256').update(code.toLowerCase().replace(/[\s-]/gu, '')).digest();
}
