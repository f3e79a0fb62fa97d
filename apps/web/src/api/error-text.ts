import type { TFunction } from 'i18next';
import { ERROR_CODES, FIELD_ERROR_CODES, type ErrorCode, type FieldErrorCode } from '@ctlp/contracts';
import { ApiError, type ErrorParams, type FieldProblem } from './api-error';
import { dateFormat, listFormat, numberFormat } from '../intl';

// The one place that turns an error into words: `errors.<code>` for an answer as a whole,
// `fieldErrors.<code>` for one field, from the catalogs of the interface language. The API's
// English `message` never reaches a user.

type Translate = TFunction | ((key: string | string[], options?: Record<string, unknown>) => string);

const KNOWN_ERRORS = new Set<string>(ERROR_CODES);
const KNOWN_FIELD_ERRORS = new Set<string>(FIELD_ERROR_CODES);

/** A code the API may add later still reads as something sensible, chosen by the HTTP status. */
function fallbackCode(status: number): ErrorCode | undefined {
  if (status === 401) return 'sign_in_required';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'body_too_large';
  if (status === 429) return 'rate_limited';
  return undefined;
}

/** Words the interface has for a param's values (role names, statuses); others stay as sent. */
const VALUE_NAMES: Record<string, string> = { roles: 'roles', status: 'statuses' };

/** Numbers in the reader's digits, days in the reader's words, lists joined the reader's way, known values translated. */
function formatParams(params: ErrorParams | undefined, t: Translate, language: string): Record<string, string> {
  const numbers = numberFormat(language);
  const formatOne = (name: string, value: unknown): string => {
    if (typeof value === 'number') return numbers.format(value);
    // A day (`max` of too_far_ahead) in the reader's calendar words; days are UTC in the API.
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return dateFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
    }
    const vocabulary = VALUE_NAMES[name];
    if (vocabulary && typeof value === 'string') return t(`${vocabulary}.${value}`, { defaultValue: value });
    return String(value);
  };
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (Array.isArray(value)) {
      const items = value.map((item) => formatOne(name, item));
      const type = name === 'roles' ? 'disjunction' : 'conjunction';
      out[name] = listFormat(language, { style: 'long', type }).format(items);
    } else if (value !== undefined && value !== null) {
      out[name] = formatOne(name, value);
    }
  }
  return out;
}

/** The message for one bad field, in the interface language. */
export function fieldErrorText(problem: FieldProblem, t: Translate, language: string): string {
  const code: FieldErrorCode | 'invalid_format' = KNOWN_FIELD_ERRORS.has(problem.code) ? problem.code : 'invalid_format';
  return t(`fieldErrors.${code}`, formatParams(problem.params, t, language));
}

/** What went wrong, as one sentence: an API error by its code, anything else in general terms. */
export function errorText(error: unknown, t: Translate, language: string): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.status === 0) return t('errors.network');
  const code = error.code && KNOWN_ERRORS.has(error.code) ? error.code : fallbackCode(error.status);
  if (!code) return t('errors.unexpected');
  return t(`errors.${code}`, formatParams(error.params, t, language));
}
