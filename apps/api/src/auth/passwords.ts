import argon2 from 'argon2';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type FieldErrorCode, type FieldErrorParams } from '@ctlp/contracts';
import { compiledWorker, OnDemandWorker } from '../common/on-demand-worker.js';
import { estimate, type Estimate } from './password-strength.js';

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB of memory, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Runs at most `limit` of the tasks given to it at once; the others wait their turn, in order.
 * Each argon2 hash holds its 19 MiB while it runs, on one of libuv's four threads: two at a time
 * keeps a burst of sign-ins to 38 MiB of them (the Dockerfile's malloc setting returns them after)
 * and still verifies a few dozen passwords a second (bench/README.md, issue 22).
 */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // The slot passes to the next in line, or is freed.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

const ARGON2_AT_ONCE = 2;
const argon2Slot = concurrencyLimit(ARGON2_AT_ONCE);

export function hashPassword(password: string): Promise<string> {
  return argon2Slot(() => argon2.hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2Slot(() => argon2.verify(hash, password));
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

/** The demo accounts' published passphrase (seeds/demo/accounts.json; a test keeps the two equal). */
export const DEMO_PASSPHRASE = 'ctlp-demo-passphrase';

let demoPassphraseAllowed = false;

/**
 * Whether the demo passphrase may be chosen: only where the demo accounts are seeded (SEED_DEMO),
 * since there everyone already knows it. Refused by default; createApp sets it from the config.
 */
export function allowDemoPassphrase(allowed: boolean): void {
  demoPassphraseAllowed = allowed;
}

/**
 * zxcvbn runs in a worker thread (common/on-demand-worker.ts) started by the first check and ended
 * after an idle minute: its dictionaries are 20 MB of memory the API would otherwise hold for
 * good and mark in every full collection, and a check takes ~25 ms the API's requests would wait
 * behind. Under Jest (TypeScript sources) the check runs in this thread.
 */
const strengthWorkerUrl = compiledWorker(import.meta.url, './password-strength.worker.js');
const strengthWorker = strengthWorkerUrl
  ? new OnDemandWorker<{ password: string; words: string[] }, Estimate>(strengthWorkerUrl, {
      name: 'password strength',
      resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 4 },
    })
  : undefined;
const estimateStrength = (password: string, words: string[]): Promise<Estimate> =>
  strengthWorker ? strengthWorker.run({ password, words }) : estimate(password, words);

/** At most this many guesses (zxcvbn's score 2, "somewhat guessable") is too weak. */
const MIN_GUESSES = 1e8;

/** Words of this platform that make a password easier to guess here. */
const SITE_WORDS = ['ctlp', 'counter-terrorism', 'counterterrorism', 'terrorism', 'learning platform', 'unoct', 'unodc'];

/** Letters and digits only, lower-cased: "Nadia.Rahman" and "nadia rahman" read the same. */
const squash = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

export interface PasswordProblem {
  code: FieldErrorCode;
  params?: FieldErrorParams;
}

export interface PasswordOwner {
  email?: unknown;
  fullName?: unknown;
}

/**
 * NIST SP 800-63B: length, no composition rules, nothing from breach corpora or easy to guess
 * (`password_too_common`: common and breached passwords, keyboard walks such as "qwertyuiopas",
 * repeats, the demo passphrase outside demo mode), and nothing built from the owner's email
 * address or name (`password_like_email`, `password_like_name`).
 */
export async function passwordProblem(password: string, owner: PasswordOwner = {}): Promise<PasswordProblem | undefined> {
  if (password.length < PASSWORD_MIN_LENGTH) return { code: 'password_too_short', params: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH) return { code: 'password_too_long', params: { max: PASSWORD_MAX_LENGTH } };
  if (!demoPassphraseAllowed && squash(password) === squash(DEMO_PASSPHRASE)) return { code: 'password_too_common' };

  const squashed = squash(password);
  const local = typeof owner.email === 'string' ? squash(owner.email.split('@')[0] ?? '') : '';
  if (local.length >= 4 && squashed.includes(local)) return { code: 'password_like_email' };
  const name = typeof owner.fullName === 'string' ? owner.fullName : '';
  const nameParts = name
    .split(/[\s.,'’-]+/u)
    .map(squash)
    .filter((part) => part.length >= 3);
  if (squash(name).length >= 4 && squashed.includes(squash(name))) return { code: 'password_like_name' };

  const result = await estimateStrength(password, [...SITE_WORDS, ...(local ? [local] : []), ...nameParts]);
  if (result.guesses >= MIN_GUESSES) return undefined;
  // Weak because of the owner's own words: say which, so they know what to leave out.
  const fromOwner = result.givenWordsFound.map(squash);
  if (fromOwner.some((word) => nameParts.includes(word))) return { code: 'password_like_name' };
  if (local && fromOwner.includes(local)) return { code: 'password_like_email' };
  return { code: 'password_too_common' };
}
