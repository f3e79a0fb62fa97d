import { Transform } from 'class-transformer';

/**
 * The one definition of "the same email": what is stored, looked up at sign-in and counted by the
 * login limits. Trimmed and lower-cased; Unicode normalisation belongs here too when it comes, so
 * that every path (registration, sign-in, limits, password reset) changes at once.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** normaliseEmail as a DTO transform; anything but a string is left for the validators to refuse. */
export const NormalisedEmail = () => Transform(({ value }) => (typeof value === 'string' ? normaliseEmail(value) : value));
