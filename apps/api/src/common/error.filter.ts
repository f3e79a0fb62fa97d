import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ErrorBody, ErrorCode } from '@ctlp/contracts';
import type { Request, Response } from 'express';
import { AppError } from './app-error.js';

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

function body(status: number, code: ErrorCode, message: string): ErrorBody {
  return { statusCode: status, error: httpReason(status), code, message };
}

/** Shapes every error as DESIGN.md says: `{ statusCode, error, code, message, params?, fields? }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    let answer: ErrorBody;
    if (exception instanceof AppError) {
      answer = body(exception.status, exception.code, exception.message);
      if (exception.params) answer.params = exception.params;
      if (exception.fields) answer.fields = exception.fields;
      for (const [name, value] of Object.entries(exception.headers ?? {})) response.setHeader(name, value);
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Invalid JSON reaches here as a 400 caused by the body parser's SyntaxError.
      const code = status === 400 && exception.cause instanceof SyntaxError ? 'malformed_body' : codeOfStatus(status);
      answer = body(status, code, code === 'malformed_body' ? 'Request body is not valid JSON' : exception.message);
    } else if (isBodyParserError(exception)) {
      const status = exception.status ?? 400;
      answer =
        exception.type === 'entity.too.large'
          ? body(413, 'body_too_large', 'Request body is too large')
          : body(status, 'malformed_body', 'Request body is not valid JSON');
    } else {
      this.logger.error({ err: exception, path: request.url }, 'Unhandled error');
      answer = body(500, 'internal_error', 'Something went wrong on our side; it has been logged.');
    }
    response.status(answer.statusCode).json(answer);
  }
}

function isBodyParserError(error: unknown): error is { status?: number; type: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    typeof (error as { type: unknown }).type === 'string' &&
    'status' in error
  );
}
