import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, STATUS_OF_KIND } from './app-error.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  fields?: Record<string, string>;
}

function reason(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ? name.toLowerCase().split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ') : 'Error';
}

/** Shapes every error as DESIGN.md says: `{ statusCode, error, message, fields? }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    let body: ErrorBody;
    if (exception instanceof AppError) {
      const status = STATUS_OF_KIND[exception.kind];
      body = { statusCode: status, error: reason(status), message: exception.message, code: exception.code };
      if (exception.fields) body.fields = exception.fields;
      for (const [name, value] of Object.entries(exception.headers ?? {})) response.setHeader(name, value);
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : Array.isArray((payload as { message?: unknown }).message)
            ? ((payload as { message: string[] }).message).join('; ')
            : String((payload as { message?: unknown }).message ?? exception.message);
      body = { statusCode: status, error: reason(status), message };
    } else if (isBodyParserError(exception)) {
      const status = exception.status ?? 400;
      body = { statusCode: status, error: reason(status), message: exception.type === 'entity.too.large' ? 'Request body is too large' : 'Request body is not valid JSON' };
    } else {
      this.logger.error({ err: exception, path: request.url }, 'Unhandled error');
      body = { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; it has been logged.' };
    }
    response.status(body.statusCode).json(body);
  }
}

function isBodyParserError(error: unknown): error is { status?: number; type: string } {
  return typeof error === 'object' && error !== null && 'type' in error && typeof (error as { type: unknown }).type === 'string' && 'status' in error;
}
