import type { ErrorCode, FieldError, FieldErrorCode, FieldErrorParams } from '@ctlp/contracts';
import { ERROR_CATALOG, fieldMessage } from './error-catalog.js';

/**
 * The one error the domain throws. `code` is from the shared list (`@ctlp/contracts`); its HTTP
 * status and English message come from the catalog, so a throw site names only what went wrong.
 * The web app translates the code; the English message is for API clients.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly options: {
      params?: FieldErrorParams;
      fields?: Record<string, FieldError>;
      headers?: Record<string, string>;
    } = {},
  ) {
    const entry = ERROR_CATALOG[code];
    super(typeof entry.message === 'function' ? entry.message(options.params ?? {}) : entry.message);
    this.status = entry.status;
  }

  get params(): FieldErrorParams | undefined {
    return this.options.params;
  }

  get fields(): Record<string, FieldError> | undefined {
    return this.options.fields;
  }

  get headers(): Record<string, string> | undefined {
    return this.options.headers;
  }
}

/** One bad field, with the English message for API clients. */
export function fieldError(field: string, code: FieldErrorCode, params?: FieldErrorParams): FieldError {
  return { code, ...(params ? { params } : {}), message: fieldMessage(field, code, params ?? {}) };
}

/** 400 naming each bad field. */
export class ValidationError extends AppError {
  constructor(fields: Record<string, FieldError>) {
    super('validation_failed', { params: { fields: Object.keys(fields) }, fields });
  }

  static field(field: string, code: FieldErrorCode, params?: FieldErrorParams): ValidationError {
    return new ValidationError({ [field]: fieldError(field, code, params) });
  }
}

/** 404: the thing does not exist, or the caller may not see it (never 403, which would tell). */
export class NotFoundError extends AppError {
  constructor(resource: string) {
    super('not_found', { params: { resource } });
  }
}
