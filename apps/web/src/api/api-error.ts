import type { components, ErrorCode } from '@ctlp/contracts';

type ErrorDto = components['schemas']['ErrorDto'];
type FieldErrorDto = components['schemas']['FieldErrorDto'];

/** What a message about an error needs: numbers, names, lists (`{ max: 200 }`, `{ roles: [...] }`). */
export type ErrorParams = NonNullable<ErrorDto['params']>;

/** One bad request field as the API names it: a stable code and what its message needs (not its English message). */
export type FieldProblem = Omit<FieldErrorDto, 'message'>;

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
    // Whatever answered (the API, or a proxy in front of it with a page of its own), take what is there.
    const { code, message, params, fields } = (body && typeof body === 'object' ? body : {}) as Partial<ErrorDto>;
    const fieldErrors = Object.fromEntries(
      Object.entries(fields ?? {}).map(([path, field]) => [path, { code: field.code, ...(field.params ? { params: field.params } : {}) }]),
    );
    return new ApiError(status, code, params ?? {}, fieldErrors, message ?? (statusText || undefined));
  }
}
