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

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
/**
 * Where a language version of a course stands against its family's original: the original itself,
 * a translation being written, one that matches the original, or one the original has changed
 * since it was marked current.
 */
export const TRANSLATION_STATUSES = ['original', 'in_progress', 'current', 'outdated'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];
/** What an author may set on a version that is not the original. */
export const SETTABLE_TRANSLATION_STATUSES = ['in_progress', 'current', 'outdated'] as const satisfies readonly TranslationStatus[];
/** How the member-state report counts courses: each language version apart, or a family as one. */
export const COURSE_COUNTINGS = ['version', 'family'] as const;
export type CourseCounting = (typeof COURSE_COUNTINGS)[number];

export const LEARNING_PATH_STATUSES = ['draft', 'published'] as const;
export type LearningPathStatus = (typeof LEARNING_PATH_STATUSES)[number];

export const ENROLMENT_POLICIES = ['open', 'approval', 'invitation'] as const;
export type EnrolmentPolicy = (typeof ENROLMENT_POLICIES)[number];

export const LESSON_KINDS = ['text', 'video', 'resource', 'quiz'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

/** A video lesson's own files: the video, a low-bitrate version of it, its sound alone. */
export const VIDEO_RENDITIONS = ['standard', 'low', 'audio'] as const;
export type VideoRendition = (typeof VIDEO_RENDITIONS)[number];

/** Where a video lesson's video comes from, as its author says when choosing (not stored). */
export const VIDEO_SOURCES = ['link', 'upload'] as const;
export type VideoSource = (typeof VIDEO_SOURCES)[number];

export const QUESTION_TYPES = ['single', 'multiple', 'true_false', 'matching', 'ordering', 'numeric'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What a quiz is for: graded (the default), or the course's pre-test or post-test (knowledge gain = post − pre). */
export const QUIZ_PURPOSES = ['graded', 'pre_test', 'post_test'] as const;
export type QuizPurpose = (typeof QUIZ_PURPOSES)[number];

/** An evaluation item: a statement rated 1–5 (Likert), or a question answered in words. */
export const EVALUATION_ITEM_KINDS = ['likert', 'text'] as const;
export type EvaluationItemKind = (typeof EVALUATION_ITEM_KINDS)[number];

export const ENROLMENT_STATUSES = ['pending', 'active', 'completed', 'rejected', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const ENROLMENT_SOURCES = ['self', 'trainer', 'bulk'] as const;
export type EnrolmentSource = (typeof ENROLMENT_SOURCES)[number];

/** valid, or why not: revoked by an admin, or past its expiry date. */
/** `superseded`: a later cycle of the same course (recertification) earned the holder a newer certificate. */
export const CERTIFICATE_STATUSES = ['valid', 'revoked', 'expired', 'superseded'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** UN M49 regions, as the Member States seed names them. */
export const M49_REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'] as const;
export type M49Region = (typeof M49_REGIONS)[number];

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What the member-state report counts: online courses, training activities, or both (one person once). */
export const REPORT_SOURCES = ['all', 'online', 'activities'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** Training activities: what kind, how delivered, where they stand, and a participant's part in one. */
export const ACTIVITY_KINDS = ['workshop', 'training_course', 'webinar', 'study_visit', 'mentoring', 'exercise', 'conference'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_DELIVERIES = ['in_person', 'online', 'hybrid'] as const;
export type ActivityDelivery = (typeof ACTIVITY_DELIVERIES)[number];

/** planned → held → closed; a closed activity's attendance no longer changes. */
export const ACTIVITY_STATUSES = ['planned', 'held', 'closed'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const PARTICIPANT_ROLES = ['participant', 'trainer', 'speaker'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/**
 * The topics of courses and training activities: UNODC's counter-terrorism thematic areas. Inputs
 * accept only these; rows kept from before the vocabulary may still hold other slugs, which reads
 * return as they are (the web humanises them).
 */
export const TOPICS = [
  'legal-framework',
  'international-cooperation',
  'financing',
  'foreign-terrorist-fighters',
  'human-rights',
  'gender',
  'victims',
  'children',
  'investigation',
  'prosecution',
  'evidence',
  'prisons',
  'border-security',
  'cbrn',
  'internet',
  'violent-extremism',
] as const;
export type Topic = (typeof TOPICS)[number];

export const isTopic = (value: unknown): value is Topic => typeof value === 'string' && (TOPICS as readonly string[]).includes(value);

/** What a personal API token may do: read the reports (and export them). */
export const API_TOKEN_SCOPES = ['reports:read'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];
/** Personal API tokens start with this, so a leaked one is recognisable (secret scanners). */
export const API_TOKEN_PREFIX = 'ctlp_pat_';
/** An erasure request (GDPR art. 17): open until an admin completes or refuses it, or its author withdraws it. */
export const ERASURE_REQUEST_STATUSES = ['open', 'completed', 'refused', 'withdrawn'] as const;
export type ErasureRequestStatus = (typeof ERASURE_REQUEST_STATUSES)[number];
