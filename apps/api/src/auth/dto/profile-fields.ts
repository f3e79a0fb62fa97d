import { PERSON_TEXT_MAX, PersonText } from '../../common/person-text.js';

export const PROFILE_TEXT_MAX = PERSON_TEXT_MAX;

/**
 * A person's name, institution or job title, at registration and in the profile: the one rule for
 * person text (common/person-text.ts): NFC, trimmed, 1–200 characters, no control, bidi or
 * invisible format characters (`invalid_characters`).
 */
export const ProfileText = (): PropertyDecorator => PersonText();
