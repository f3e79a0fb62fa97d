import type { LoggerService } from '@nestjs/common';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Whether an error came from PostgreSQL (node-postgres' error, or TypeORM's QueryFailedError that
 * copies its fields). Its message may quote the values of the statement — `invalid input syntax
 * for type uuid: "<email> <name> <hash>"` — so only its safe facts are logged.
 */
export function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, severity, driverError } = error as Error & Record<string, unknown>;
  return driverError !== undefined || (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && severity !== undefined);
}

/** The text of a statement without its literals, which may be values inlined by a caller. */
function redactedQuery(query: string): string {
  return query
    .replace(/'(?:[^']|'')*'/g, "'…'")
    .replace(/\s+/g, ' ')
    .slice(0, 500);
}

/** What a log line may say about an error: a database error's SQLSTATE, never its message. */
export function errorMessage(error: unknown): string {
  if (isDatabaseError(error)) return `database error ${String((error as { code?: unknown }).code ?? '')}`.trim();
  return error instanceof Error ? error.message : String(error);
}

/**
 * An error as a log line may show it: what and where, never the values a query was given (a
 * password hash, an email) nor the driver's copy of them. A database error keeps its SQLSTATE,
 * table, constraint, column and routine; its message, detail and the message line of its stack,
 * which quote values, are left out.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, query, table, constraint, column, routine } = error as Error & Record<string, unknown>;
  const cause = error.cause instanceof Error ? serializeError(error.cause) : undefined;
  const database = isDatabaseError(error);
  const frames = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  return {
    type: error.constructor.name,
    message: errorMessage(error),
    stack: database ? frames : error.stack,
    ...(code !== undefined ? { code } : {}),
    ...(typeof query === 'string' ? { query: redactedQuery(query) } : {}),
    ...(table !== undefined ? { table } : {}),
    ...(constraint !== undefined ? { constraint } : {}),
    ...(column !== undefined ? { column } : {}),
    ...(routine !== undefined ? { routine } : {}),
    ...(cause ? { cause } : {}),
  };
}

/** The one logger: JSON lines on stdout, for requests (with their id), Nest and our own code. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { pid: process.pid }, serializers: { err: serializeError, error: serializeError } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * One line per request when it completes: who asked for what and how it went, never headers,
 * cookies or bodies. Fastify adds the request id (`reqId`).
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      req: { method: request.method, url: request.url },
      res: { statusCode: reply.statusCode },
      responseTime: reply.elapsedTime,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

const NEST_STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's own messages (start-up, its error handler) and our Logger calls through the same pino logger. */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    // Nest's own start-up chatter (each module loaded, each route mapped) is debug detail, not news.
    if (context && NEST_STARTUP_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    if (message instanceof Error) this.logger.error({ context, err: message }, errorMessage(message));
    else this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }

  fatal(message: unknown, context?: string): void {
    this.logger.fatal({ context }, String(message));
  }
}
