// Every error the API can answer with, by a stable code. The API sends `code` (and, for each bad
// request field, `fields.<name>.code` with its `params`); the web app shows `errors.<code>` and
// `fieldErrors.<code>` from its catalogs, in the user's language. The English `message` in the
// body is for API clients only. Adding a code here makes the web's catalog test fail until each
// of the six languages says it.

/** What went wrong with a request as a whole (the body's `code`). */
export const ERROR_CODES = [
  // Any request
  'validation_failed',
  'malformed_body',
  'body_too_large',
  'unsupported_media_type',
  'range_not_satisfiable',
  'bad_request',
  'not_found',
  'forbidden',
  'rate_limited',
  'internal_error',
  'database_unavailable',
  'cross_origin_request',
  // Signing in and who may call what
  'sign_in_required',
  'invalid_credentials',
  'account_suspended',
  'account_pending',
  'account_not_active',
  'role_required',
  'route_not_open',
  'login_rate_limited',
  // Personal API tokens: unknown, revoked, expired or its owner no longer allowed; or a route tokens may not call
  'api_token_invalid',
  'api_token_not_allowed',
  // Two-step sign-in (TOTP) for the roles that require it
  'mfa_required',
  'mfa_already_enabled',
  'mfa_not_enabled',
  // Accounts and vetting
  'email_taken',
  'self_lockout',
  'registration_not_vetted',
  'registration_already_decided',
  'registration_not_decided',
  'undo_too_late',
  // Courses and their content
  'slug_taken',
  'course_empty',
  'owner_is_trainer',
  'not_a_resource_lesson',
  'not_a_video_lesson',
  'quiz_has_attempts',
  // Language versions: the course's family already has a version in that language
  'course_version_exists',
  // Enrolments and learning
  'invitation_only',
  'enrolment_rejected',
  'enrolment_already_decided',
  'quiz_needs_pass',
  'not_a_quiz',
  'quiz_already_passed',
  'attempts_exhausted',
  'quiz_not_started',
  // An Idempotency-Key already used by this user for another request
  'idempotency_key_reused',
  // Course evaluations: answered once per enrolment, once the course is completed
  'evaluation_already_answered',
  'evaluation_not_open',
  // Order and paths: a sequential course's earlier lesson first (params lessonId, title); courses to complete before enrolling
  // (params courseIds, slugs, titles: the same order); a learning path with no course; one that issued certificates
  'lesson_locked',
  'prerequisites_missing',
  'learning_path_empty',
  'learning_path_has_certificates',
  // Training activities
  'activity_closed',
  'activity_full',
  'activity_not_held',
  // Certificates
  'certificate_already_revoked',
  'certificate_not_revoked',
  'verification_rate_limited',
  'activity_not_closed',
  // Self check-in at a training activity
  'check_in_closed',
  'check_in_rate_limited',
  // Links mailed to officials
  'link_invalid',
  // Personal data rights
  'erasure_already_requested',
  'erasure_request_closed',
  'account_erased',
  // Personal-data exports
  'export_request_refused',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What is wrong with one field (`fields.<name>.code`). The generic kinds come from the
 * validation rules; the others are the domain's own checks. `params` carry the numbers and
 * names a message needs (`{ max: 200 }`, `{ values: [...] }`).
 */
export const FIELD_ERROR_CODES = [
  // Shape and type
  'required',
  'unknown_property',
  'not_string',
  'not_number',
  'not_integer',
  'not_boolean',
  'not_array',
  'not_object',
  'not_uuid',
  'not_date',
  'not_email',
  'not_url',
  'not_one_of',
  'invalid_format',
  'invalid_characters',
  'mixed_scripts',
  // Sizes
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'too_few_items',
  'too_many_items',
  'duplicate_items',
  // Accounts
  'password_too_short',
  'password_too_long',
  'password_too_common',
  'password_like_email',
  'password_like_name',
  'unknown_member_state',
  'email_taken',
  'roles_or_status_required',
  'decided_through_vetting',
  // Courses and lessons
  'slug_taken',
  // Language versions: the family already has one in this language; the original has no translation status to set
  'version_language_taken',
  'original_has_no_translation_status',
  'no_active_trainer_with_email',
  'is_course_owner',
  'module_of_other_course',
  'video_url_not_allowed',
  'video_url_required',
  'quiz_required',
  'quiz_only_for_quiz_lessons',
  'true_false_needs_two_options',
  'needs_one_correct_option',
  'needs_a_correct_option',
  'not_enough_questions',
  // The course already has a pre-test or a post-test (`params.purpose`)
  'purpose_taken',
  // Course prerequisites and learning path courses (`params.values`: the courses concerned)
  'prerequisite_unavailable',
  'prerequisite_is_itself',
  'prerequisite_cycle',
  'course_not_published',
  // Courses and training activities: a topic outside TOPICS (`params.values`: those refused)
  'unknown_topic',
  // Quiz attempts
  'not_a_question_of_quiz',
  'not_an_option_of_question',
  'choose_one_option',
  'no_question_answered',
  'not_an_order_of_options',
  'not_a_match_of_question',
  // Evaluation answers
  'not_an_item_of_evaluation',
  'answer_does_not_fit_item',
  // Files
  'file_required',
  'file_type_not_allowed',
  'file_empty',
  'file_too_large',
  'file_content_mismatch',
  'image_unreadable',
  'image_too_many_pixels',
  'csv_unreadable',
  'csv_too_many_rows',
  'csv_column_missing',
  // Reports
  'must_be_after',
  // Dates that must lie ahead (`params.max`: the latest allowed, an ISO date)
  'must_be_in_future',
  'too_far_ahead',
  // Password change: the current password given is not the account's
  'wrong_password',
  // Two-step sign-in: the 6-digit code (or recovery code) is not right, or was already used
  'wrong_code',
  // Training activities
  'must_not_be_before',
  'activity_too_long',
  'outside_activity_dates',
  'unknown_course',
  'not_an_active_trainer',
  'unknown_user',
  // Attendance lists and the historical import of activities (CSV or XLSX)
  'spreadsheet_unreadable',
  'header_not_found',
  'sheet_missing',
  'duplicate_in_file',
  'unknown_activity_ref',
  'activity_row_invalid',
  // Self check-in: the scanned code (or the pass got for it), the date of the organiser's screen
  'check_in_code_invalid',
  'check_in_code_expired',
  'check_in_day_out_of_range',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export type FieldErrorParams = Record<string, string | number | readonly (string | number)[]>;

/** One bad field: its code, what the message needs, and the English message for API clients. */
export interface FieldError {
  code: FieldErrorCode;
  params?: FieldErrorParams;
  message: string;
}

/** The body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  params?: FieldErrorParams;
  fields?: Record<string, FieldError>;
}
