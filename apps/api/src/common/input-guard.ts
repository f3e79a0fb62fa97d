import type { FieldError } from '@ctlp/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, fieldError, ValidationError } from './app-error.js';
import { errorBody } from './error.filter.js';

/**
 * How deep a JSON body may nest. The deepest real body (a lesson with its quiz, questions and
 * options) is five levels; a body thousands deep only costs the validators' recursion.
 */
export const MAX_BODY_DEPTH = 32;

// Enough to show the caller what is wrong without building an answer as large as the request.
const MAX_REPORTED_FIELDS = 20;

/** Whether a value nests deeper than `limit` (walked without recursion, so any depth is safe). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/**
 * The places in a value holding U+0000, as field paths (`audience.memberStates.0`). PostgreSQL
 * cannot store that character in text, so it must never reach a query. Keys are checked too.
 */
export function nulFields(value: unknown, path: string, into: string[]): void {
  if (into.length >= MAX_REPORTED_FIELDS) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) into.push(path);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) into.push(childPath.split('\u0000').join('\\u0000'));
    else nulFields(child, childPath, into);
  }
}

/**
 * A Fastify preValidation hook, so it runs for every route after the body is parsed and before
 * anything reads it — the guards (login's Passport strategy), pipes and handlers: a body nested
 * too deep is refused, and a NUL character in the query, the path parameters or the body is a
 * 400 naming each field where it was found.
 */
export function inputGuard() {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const error = inputError(request);
    if (!error) return done();
    void reply.status(error.status).send(errorBody(error));
  };
}

function inputError(request: FastifyRequest): AppError | undefined {
  const body = request.body;
  if (typeof body === 'object' && body !== null && nestsDeeperThan(body, MAX_BODY_DEPTH)) return new AppError('malformed_body');
  const found: string[] = [];
  nulFields(request.params, '', found);
  nulFields(request.query, '', found);
  // A text body (a CSV file) is one field; a JSON body is named field by field.
  if (typeof body === 'string') {
    if (body.includes('\u0000')) found.push('body');
  } else nulFields(body, '', found);
  if (!found.length) return undefined;
  const fields: Record<string, FieldError> = {};
  for (const field of found) fields[field] = fieldError(field, 'invalid_characters');
  return new ValidationError(fields);
}
