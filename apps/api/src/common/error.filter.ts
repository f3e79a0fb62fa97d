import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { ErrorBody, ErrorCode } from '@ctlp/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-errors.js';
import { ERROR_CATALOG } from './error-catalog.js';

/** The code of an error raised by the framework itself (a route that does not exist, a body too large). */
function codeOfStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'sign_in_required';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 413:
      return 'body_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return 'internal_error';
  }
}

/** "Not Found" for 404: the reason phrase of a status. */
function httpReason(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join(' ')
    : 'Error';
}

function body(status: number, code: ErrorCode, message?: string): ErrorBody {
  const entry = ERROR_CATALOG[code];
  return {
    statusCode: status,
    error: httpReason(status),
    code,
    message: message ?? (typeof entry.message === 'string' ? entry.message : code),
  };
}

/** The answer to one of our own errors, for the filter and for hooks that answer before Nest does. */
export function errorBody(exception: AppError): ErrorBody {
  const answer = body(exception.status, exception.code, exception.message);
  if (exception.params) answer.params = exception.params;
  if (exception.fields) answer.fields = exception.fields;
  return answer;
}

/** An error Fastify raised before the route ran: a body it could not parse, too large, of a type it does not take. */
function fastifyError(exception: unknown): ErrorBody | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { statusCode, code } = exception as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode >= 500) return undefined;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return body(413, 'body_too_large');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return body(415, 'unsupported_media_type');
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || exception instanceof SyntaxError) {
    return body(400, 'malformed_body');
  }
  return body(statusCode, codeOfStatus(statusCode));
}

/** The route that failed as its pattern (`PATCH /api/courses/:id`), which holds no values. */
function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
}

/** Shapes every error as DESIGN.md says: `{ statusCode, error, code, message, params?, fields? }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    let answer: ErrorBody;
    if (exception instanceof AppError) {
      answer = errorBody(exception);
      if (exception.headers) reply.headers(exception.headers);
    } else if (exception instanceof HttpException) {
      // Nest wraps Fastify's own errors (a body it could not parse) with the original as the cause.
      const status = exception.getStatus();
      answer = fastifyError(exception.cause) ?? body(status, codeOfStatus(status), exception.message);
    } else if (isDatabaseUnavailable(exception)) {
      answer = body(503, 'database_unavailable');
      void reply.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      request.log.warn({ err: exception, route: routeOf(request) }, 'database unavailable');
    } else {
      answer = fastifyError(exception) ?? body(500, 'internal_error');
      if (answer.statusCode === 500) request.log.error({ err: exception, route: routeOf(request) }, 'unhandled error');
    }
    void reply.status(answer.statusCode).send(answer);
  }
}
