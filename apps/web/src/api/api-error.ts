import type { ErrorCode, FieldErrorCode } from '@ctlp/contracts';

/** What a message about an error needs: numbers, names, lists (`{ max: 200 }`, `{ roles: [...] }`). */
export type ErrorParams = Record<string, unknown>;

/** One bad request field as the API names it: a stable code and what its message needs. */
export interface FieldProblem {
  code: FieldErrorCode;
  params?: ErrorParams;
}

/** The error body of every API answer (DESIGN.md, "Errors people can read"). */
interface ErrorBody {
  code?: ErrorCode;
  message?: string;
  params?: ErrorParams;
  fields?: Record<string, FieldProblem & { message?: string }>;
}

/**
 * An API error: the HTTP status, the stable `code` with its `params`, and each bad field's code.
 * The English `message` of the body is kept as the Error's message for developers and logs only;
 * people read the translation of the code (see `error-text.ts`). Status 0: no answer at all.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | undefined,
    readonly params: ErrorParams = {},
    readonly fieldErrors: Readonly<Record<string, FieldProblem>> = {},
    message: string = code ?? `HTTP ${status}`,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The platform could not be reached (offline, DNS, a dropped connection). */
  static network(): ApiError {
    return new ApiError(0, undefined, {}, {}, 'network');
  }

  /** From an error answer's status and body, whatever part of the body is missing. */
  static fromBody(status: number, body: unknown, statusText = ''): ApiError {
    const { code, message, params, fields } = (body && typeof body === 'object' ? body : {}) as ErrorBody;
    const fieldErrors = Object.fromEntries(
      Object.entries(fields ?? {}).map(([path, field]) => [path, { code: field.code, ...(field.params ? { params: field.params } : {}) }]),
    );
    return new ApiError(status, code, params ?? {}, fieldErrors, message ?? (statusText || undefined));
  }

  /** True when the API named at least one bad field. */
  get hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).length > 0;
  }
}
