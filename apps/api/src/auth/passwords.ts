import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type FieldErrorCode, type FieldErrorParams } from '@ctlp/contracts';

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB of memory, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verified against when the account does not exist, so both answers take the same time. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches no account');
  return decoyHash;
}

const COMMON_PASSWORDS = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * NIST SP 800-63B: length, no composition rules, and no password from breach corpora. A common
 * word with only digits or symbols added at the end ("password1234!") counts as common too.
 */
export function passwordProblem(password: string, email?: unknown): { code: FieldErrorCode; params?: FieldErrorParams } | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return { code: 'password_too_short', params: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH) return { code: 'password_too_long', params: { max: PASSWORD_MAX_LENGTH } };
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (COMMON_PASSWORDS.has(lower) || (stem.length >= 4 && COMMON_PASSWORDS.has(stem)) || /^(.)\1+$/u.test(password)) {
    return { code: 'password_too_common' };
  }
  const local = typeof email === 'string' ? (email.toLowerCase().split('@')[0] ?? '') : '';
  if (local.length >= 4 && lower.includes(local) && lower.length - local.length < 6) {
    return { code: 'password_like_email' };
  }
  return undefined;
}
