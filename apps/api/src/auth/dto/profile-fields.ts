import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches } from 'class-validator';
import { Trim } from '../../common/transforms.js';

export const PROFILE_TEXT_MAX = 200;

/**
 * C0/C1 controls (NUL, which PostgreSQL refuses, newlines, escapes), line and paragraph separators,
 * and the bidirectional embeddings, overrides and isolates that can make a name on a certificate
 * read as something else. Joiners (U+200C, U+200D), which Persian and Indic names need, are allowed.
 */
const WITHOUT_CONTROL_CHARACTERS = /^[^\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]*$/u;

/**
 * A person's name, institution or job title, at registration and in the profile: trimmed, 1–200
 * characters, no control characters (`invalid_format`).
 */
export function ProfileText(): PropertyDecorator {
  return applyDecorators(Trim(), IsString(), Length(1, PROFILE_TEXT_MAX), Matches(WITHOUT_CONTROL_CHARACTERS));
}
