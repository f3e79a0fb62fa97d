/** How an error of the domain maps to HTTP; the exception filter is the one place that knows. */
export type ErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'unavailable';

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * The base of every feature's errors. `code` is stable and machine-readable (`auth.rate_limited`);
 * `fields` names the request fields at fault, as `{ field: message }`.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(fields: Record<string, string>) {
    super('validation_failed', 'invalid', `Invalid ${Object.keys(fields).join(', ')}`, fields);
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError({ [field]: message });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(`${what}.not_found`, 'not_found', `${what.replace(/_/g, ' ')} not found`);
  }
}
