import type { AgencyType, Gender, ParticipantRole } from '@ctlp/contracts';
import { normaliseEmail } from '../common/emails.js';
import type { ListedPerson } from './participants.repository.js';

/**
 * One person to place in an activity, as an organiser typed it or an attendance list gave it
 * (already validated: memberState is an ISO alpha-3 code the platform knows).
 */
export interface ParticipantInput {
  fullName: string;
  email: string | null;
  memberState: string;
  institution: string | null;
  agencyType: AgencyType | null;
  gender: Gender | null;
  role: ParticipantRole;
}

/**
 * What matching an email uses: the accounts' normalisation (common/emails.ts) — Unicode NFKC, so
 * full-width and composed/decomposed forms are one address, trimmed, lower-cased; the same as
 * `lower(normalize(btrim(email), NFKC))` in SQL.
 */
export const emailKey = normaliseEmail;

/** A person as a list gives them, with `id` for the participants row they would get if new. */
export function listedPerson(input: ParticipantInput, id: string): ListedPerson {
  const key = input.email ? emailKey(input.email) : '';
  return {
    id,
    fullName: input.fullName,
    email: key ? input.email!.trim() : null,
    emailKey: key || null,
    memberState: input.memberState,
    institution: input.institution,
    agencyType: input.agencyType,
    gender: input.gender,
  };
}
