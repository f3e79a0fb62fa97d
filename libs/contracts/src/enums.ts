// The vocabulary both sides share. Arrays are the source; the types derive from them so a
// value added here reaches validation (API), forms (web) and the database checks at once.

export const ROLES = ['learner', 'trainer', 'focal_point', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['pending', 'active', 'rejected', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const AGENCY_TYPES = [
  'police',
  'prosecution',
  'judiciary',
  'corrections',
  'border_customs',
  'financial_intelligence',
  'other_government',
  'international_organization',
  'civil_society',
  'academia',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

/** The six official languages of the United Nations. */
export const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const RTL_LOCALES: readonly Locale[] = ['ar'];

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
