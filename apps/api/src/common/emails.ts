import { domainToASCII } from 'node:url';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength, registerDecorator } from 'class-validator';
import type { FieldErrorCode } from '@ctlp/contracts';
import { registerFieldRule } from './validation.js';

/**
 * The one definition of "the same email": what is stored, looked up at sign-in, counted by the
 * login limits, matched against attendance lists (participants.email_key) and used by the
 * database triggers (`lower(normalize(btrim(email), NFKC))`). NFKC rather than NFC: it composes
 * decomposed accents (NFC does that too) and also folds compatibility forms such as full-width
 * letters and `＠`, so those cannot make a second account either.
 */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** normaliseEmail as a DTO transform; anything but a string is left for the validators to refuse. */
export const NormalisedEmail = () => Transform(({ value }) => (typeof value === 'string' ? normaliseEmail(value) : value));

/** Controls, invisible format characters (zero-width space and joiners, soft hyphen, bidi marks), any space. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Z}\s]/u;

/**
 * Scripts look-alikes are made from, each on its own; letters of any other script count as one
 * more ("Other"). Digits, punctuation and combining marks (Common, Inherited) count as none.
 */
const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  // Chinese, Japanese and Korean are written mixing these; UTS #39 allows them together.
  ['CJK', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u],
];

function scriptsOf(text: string): Set<string> {
  const scripts = new Set<string>();
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    scripts.add(SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Other');
  }
  return scripts;
}

/**
 * Why an address (already normalised) is refused beyond its shape, or undefined:
 * - `invalid_characters`: controls, spaces or invisible format characters anywhere;
 * - `not_email`: a quoted local part (`"admin"@…`, which mail systems treat as `admin@…`), or a
 *   domain that IDNA cannot convert;
 * - `mixed_scripts`: the local part, or one label of the domain, mixes scripts, e.g. a Cyrillic
 *   `а` among Latin letters (`аdmin@example.org`). An address wholly in one script — `ольга@пример.рф`
 *   — is accepted: international domains and addresses are real, and look-alikes need the mix.
 */
export function emailProblem(email: string): FieldErrorCode | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0) return 'not_email';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.includes('"') || local.includes('\\')) return 'not_email';
  if (INVISIBLE.test(email)) return 'invalid_characters';
  if (domainToASCII(domain) === '') return 'not_email';
  if (scriptsOf(local).size > 1 || domain.split('.').some((label) => scriptsOf(label).size > 1)) return 'mixed_scripts';
  return undefined;
}

const RULE = 'isAcceptableEmail';
registerFieldRule(RULE, (value) => ({
  code: typeof value === 'string' ? (emailProblem(normaliseEmail(value)) ?? 'not_email') : 'not_email',
}));

/** Refuses what emailProblem refuses (the value is checked in its normalised form). */
export function IsAcceptableEmail(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: RULE,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || emailProblem(normaliseEmail(value)) === undefined,
        defaultMessage: () => 'email holds invisible characters, a quoted part or mixed scripts',
      },
    });
}

/**
 * An address that becomes an account or is looked up as one (registration, password reset, trainer
 * by email): normalised, shaped like an address, at most 254 characters, no look-alike tricks.
 */
export function AccountEmail(): PropertyDecorator {
  return applyDecorators(NormalisedEmail(), IsEmail(), MaxLength(254), IsAcceptableEmail());
}
