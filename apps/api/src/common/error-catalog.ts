import { TOPICS } from '@ctlp/contracts';
import type { ErrorCode, FieldErrorCode, FieldErrorParams } from '@ctlp/contracts';

type Message = string | ((params: FieldErrorParams) => string);

const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

/**
 * Each error code's HTTP status and English message: the one place that maps codes to HTTP. The
 * messages are for API clients and logs; people read the web app's translations of the code.
 */
export const ERROR_CATALOG: Record<ErrorCode, { status: number; message: Message }> = {
  validation_failed: { status: 400, message: (p) => `Invalid ${list(p.fields ?? 'request')}` },
  malformed_body: { status: 400, message: 'Request body is not valid JSON' },
  body_too_large: { status: 413, message: 'Request body is too large' },
  unsupported_media_type: { status: 415, message: 'This content type is not accepted here' },
  bad_request: { status: 400, message: 'Bad request' },
  not_found: { status: 404, message: (p) => `${String(p.resource ?? 'resource').replace(/_/g, ' ')} not found` },
  forbidden: { status: 403, message: 'Forbidden' },
  rate_limited: { status: 429, message: 'Too many requests; try again later' },
  internal_error: { status: 500, message: 'Something went wrong on our side; it has been logged.' },
  database_unavailable: { status: 503, message: 'The database is unavailable; try again shortly' },
  cross_origin_request: { status: 403, message: 'Cross-site requests are not accepted' },

  sign_in_required: { status: 401, message: 'Sign in first' },
  invalid_credentials: { status: 401, message: 'Email or password is wrong' },
  account_suspended: { status: 403, message: 'This account is suspended; contact your national focal point' },
  account_pending: { status: 403, message: 'Your registration is waiting for your national focal point to approve it' },
  account_not_active: { status: 403, message: 'Your account is not active' },
  role_required: { status: 403, message: (p) => `This needs one of these roles: ${list(p.roles)}` },
  route_not_open: { status: 403, message: 'This route is not open to anyone' },
  login_rate_limited: { status: 429, message: (p) => `Too many failed sign-in attempts. Try again in ${p.minutes} minutes.` },
  api_token_invalid: { status: 401, message: 'This API token is unknown, revoked or expired, or its owner may no longer use it' },
  api_token_not_allowed: { status: 403, message: 'API tokens are accepted only by the report routes; sign in for anything else' },

  email_taken: { status: 409, message: 'An account with this email already exists' },
  self_lockout: { status: 409, message: 'You cannot suspend yourself or remove your own admin role' },
  registration_not_vetted: { status: 409, message: 'Approve or reject a registration through vetting, not by changing its status' },
  registration_already_decided: { status: 409, message: (p) => `This registration was already decided (${p.status})` },
  registration_not_decided: { status: 409, message: 'This registration is still waiting for a decision: there is nothing to undo' },
  undo_too_late: {
    status: 409,
    message: (p) => `Too late to undo: a decision can be undone within ${p.seconds} seconds, before the applicant enrols`,
  },

  slug_taken: { status: 409, message: 'Another course already uses this slug' },
  course_empty: {
    status: 409,
    message: 'A course needs at least one lesson before it can be published: add a module and a lesson first.',
  },
  owner_is_trainer: { status: 409, message: 'The owner already trains this course' },
  not_a_resource_lesson: { status: 409, message: 'Only a resource lesson takes a file' },
  quiz_has_attempts: {
    status: 409,
    message: 'Learners have attempted this quiz: it stays a quiz, or their attempts would lose their questions',
  },

  invitation_only: { status: 403, message: 'This course is by invitation: its trainers enrol participants' },
  enrolment_rejected: { status: 409, message: 'Your request to join this course was declined' },
  enrolment_already_decided: { status: 409, message: (p) => `This enrolment is not awaiting a decision (${p.status})` },
  quiz_needs_pass: { status: 409, message: 'A quiz is completed by passing it' },
  not_a_quiz: { status: 409, message: 'This lesson is not a quiz' },
  quiz_already_passed: { status: 409, message: 'You have already passed this quiz' },
  attempts_exhausted: { status: 409, message: 'You have used all your attempts at this quiz' },

  activity_closed: { status: 409, message: 'This activity is closed: its participants and attendance no longer change' },
  activity_full: { status: 409, message: (p) => `This activity is full: ${p.capacity} places` },
  activity_not_held: { status: 409, message: 'Only an activity that has been held can be closed' },

  certificate_already_revoked: { status: 409, message: 'This certificate is already revoked' },
  certificate_not_revoked: { status: 409, message: 'This certificate is not revoked: there is nothing to reinstate' },
  verification_rate_limited: { status: 429, message: 'Too many unknown codes from your address. Try again in a few minutes.' },
  activity_not_closed: { status: 409, message: 'Certificates of participation are issued once the activity is closed' },
  check_in_closed: { status: 409, message: 'Check-in is open only on the days of the activity, until it is closed' },
  check_in_rate_limited: { status: 429, message: 'Too many wrong check-in codes. Try again in a few minutes.' },
  link_invalid: { status: 400, message: 'This link is not valid: it was already used, has expired, or was copied incompletely' },
  export_request_refused: {
    status: 403,
    message:
      'Exports are downloaded from the platform’s own pages; this one was requested as an image, script or frame, or by another site',
  },
};

/** English message of each field error, for API clients; `field` is the field's path. */
const FIELD_MESSAGES: Record<FieldErrorCode, (field: string, p: FieldErrorParams) => string> = {
  required: (f) => `${f} is required`,
  unknown_property: (f) => `${f} is not an accepted property`,
  not_string: (f) => `${f} must be a string`,
  not_number: (f) => `${f} must be a number`,
  not_integer: (f) => `${f} must be an integer`,
  not_boolean: (f) => `${f} must be true or false`,
  not_array: (f) => `${f} must be an array`,
  not_object: (f) => `${f} must be an object`,
  not_uuid: (f) => `${f} must be a UUID`,
  not_date: (f) => `${f} must be an ISO 8601 date`,
  not_email: (f) => `${f} must be a valid email address`,
  not_url: (f) => `${f} must be a URL`,
  not_one_of: (f, p) => `${f} must be one of ${list(p.values)}`,
  invalid_format: (f) => `${f} is not in the expected format`,
  too_short: (f, p) => `${f} must be at least ${p.min} characters`,
  too_long: (f, p) => `${f} must be at most ${p.max} characters`,
  too_small: (f, p) => `${f} must be at least ${p.min}`,
  too_large: (f, p) => `${f} must be at most ${p.max}`,
  too_few_items: (f, p) => `${f} needs at least ${p.min} items`,
  too_many_items: (f, p) => `${f} takes at most ${p.max} items`,
  duplicate_items: (f) => `${f} must not repeat an item`,
  password_too_short: (_f, p) => `password must be at least ${p.min} characters`,
  password_too_long: (_f, p) => `password must be at most ${p.max} characters`,
  password_too_common: () => 'password is too common; choose a longer phrase of your own',
  password_like_email: () => 'password must not be built from your email address',
  unknown_member_state: (f) => `${f} is not a UN Member or observer State`,
  unknown_topic: (f, p) => `${f} takes only these topics: ${TOPICS.join(', ')}${p.values ? ` (not ${list(p.values)})` : ''}`,
  email_taken: () => 'email is already registered',
  roles_or_status_required: () => 'send roles, status or both',
  decided_through_vetting: (f, p) => `a ${p.status} registration is decided through vetting, not by changing ${f}`,
  slug_taken: () => 'slug is already used by another course',
  no_active_trainer_with_email: () => 'no active trainer has this email address',
  is_course_owner: () => 'this is the course owner',
  module_of_other_course: (f) => `${f} must be a module of the same course`,
  video_url_not_allowed: (f) => `${f} must be an https link to YouTube or Vimeo`,
  video_url_required: () => 'a video lesson needs its videoUrl',
  quiz_required: () => 'a quiz lesson needs its quiz: passMark, maxAttempts and questions',
  quiz_only_for_quiz_lessons: () => 'only a quiz lesson has a quiz',
  true_false_needs_two_options: () => 'a true/false question has exactly two options',
  needs_one_correct_option: () => 'this question has exactly one correct option',
  needs_a_correct_option: () => 'a multiple-choice question has at least one correct option',
  not_a_question_of_quiz: () => 'not a question of this quiz',
  not_an_option_of_question: () => 'not options of this question',
  choose_one_option: () => 'choose one option',
  no_question_answered: () => 'answer at least one question; an empty submission would use up an attempt',
  file_required: (f) => `send the file as multipart/form-data in a field named ${f}`,
  file_type_not_allowed: (_f, p) => `files of this type cannot be attached; allowed: ${list(p.allowed)}`,
  file_empty: () => 'the file is empty',
  file_too_large: (_f, p) => `the file is larger than ${p.maxMb} MB`,
  file_content_mismatch: (_f, p) => `the file's content is not a .${p.extension} file`,
  image_unreadable: () => 'the image cannot be read: the file is damaged or not a JPEG, PNG or WebP image',
  image_too_many_pixels: (_f, p) => `the image has more than ${p.maxMegapixels} million pixels`,
  csv_unreadable: (_f, p) => `the CSV could not be read${p.line ? ` (line ${p.line})` : ''}`,
  csv_too_many_rows: (_f, p) => `at most ${p.max} rows per file`,
  csv_column_missing: (_f, p) => `the file needs a ${p.column} column`,
  must_be_after: (f, p) => `${f} must be after ${p.field}`,
  must_be_in_future: (f) => `${f} must be in the future`,
  too_far_ahead: (f, p) => `${f} must be no later than ${p.max}`,
  wrong_password: () => 'this is not your current password',
  must_not_be_before: (f, p) => `${f} must not be before ${p.field}`,
  activity_too_long: () => 'an activity lasts at most 366 days',
  outside_activity_dates: (f) => `${f} is not one of the activity's days`,
  unknown_course: (f) => `${f} is not a course you can see`,
  not_an_active_trainer: (f) => `${f} is not an active trainer`,
  unknown_user: (f) => `${f} is not an active account`,
  spreadsheet_unreadable: (_f, p) => `the file could not be read as a CSV or XLSX spreadsheet${p.line ? ` (line ${p.line})` : ''}`,
  header_not_found: (_f, p) => `no header row found; the file needs columns named ${list(p.columns)}`,
  sheet_missing: (_f, p) => `the workbook needs a sheet named ${p.sheet}`,
  duplicate_in_file: (f) => `another row above has the same ${f}`,
  unknown_activity_ref: (f) => `no row of the activities sheet has this ${f}`,
  activity_row_invalid: (f) => `the activity this ${f} names has errors and is not imported`,
  check_in_code_invalid: () => 'this is not a check-in code of this platform; scan the code on the screen again',
  check_in_code_expired: () => 'this check-in code has expired; scan the code on the screen again',
  check_in_day_out_of_range: (f, p) => `${f} must be a date from ${p.min} to ${p.max}: no place on Earth has another date now`,
};

export function fieldMessage(field: string, code: FieldErrorCode, params: FieldErrorParams): string {
  return FIELD_MESSAGES[code](field, params);
}
