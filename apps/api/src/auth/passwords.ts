import argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type FieldErrorCode, type FieldErrorParams } from '@ctlp/contracts';

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

// zxcvbn-ts estimates how many guesses an attacker needs, knowing 30,000 common and breached
// passwords, keyboard walks (qwerty, azerty, qwertz, dvorak, keypads), repeats, sequences, dates,
// l33t substitutions and the words given per check. Only the first 64 characters are scored:
// the estimate grows quickly with length, and a longer password is past any threshold anyway.
const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: 64 });

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
export function passwordProblem(
  password: string,
  owner: PasswordOwner = {},
): { code: FieldErrorCode; params?: FieldErrorParams } | undefined {
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

  const result = cached(password, [...SITE_WORDS, ...(local ? [local] : []), ...nameParts]);
  if (result.guesses >= MIN_GUESSES) return undefined;
  // Weak because of the owner's own words: say which, so they know what to leave out.
  const fromOwner = result.sequence.filter((match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs');
  if (fromOwner.some((match) => nameParts.includes(squash(String(match.matchedWord ?? ''))))) return { code: 'password_like_name' };
  if (local && fromOwner.some((match) => squash(String(match.matchedWord ?? '')) === local)) return { code: 'password_like_email' };
  return { code: 'password_too_common' };
}

// A DTO rule checks a password twice (validate, then name the error): the second check is free.
let last: { key: string; result: ReturnType<typeof zxcvbn.check> } | undefined;
function cached(password: string, words: string[]): ReturnType<typeof zxcvbn.check> {
  const key = JSON.stringify([password, words]);
  if (last?.key !== key) last = { key, result: zxcvbn.check(password, words) };
  return last.result;
}
