import { createHash } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, ValidationError } from '../common/app-error.js';
import { JobsService } from '../jobs/jobs.service.js';
import { IdempotencyRepository } from './idempotency.repository.js';

/** The header, as the web app's offline queue (and any API client) sends it. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY = /^[A-Za-z0-9_\-:.]{8,200}$/;

/** A write sent with a key: who sent it, the key, and what identifies the request. */
export interface IdempotentRequest {
  userId: string;
  key: string;
  route: string;
  fingerprint: string;
}

/** What the write answered: the first answer again when the request is a replay. */
export interface Idempotent<T> {
  body: T;
  replayed: boolean;
}

/**
 * The header's value checked (400 naming the header), or undefined when it was not sent. The
 * request's fingerprint is the route's target and its body, so the same key with another request
 * is told apart from a replay.
 */
export function idempotentRequest(
  header: string | string[] | undefined,
  request: { userId: string; route: string; lessonId: string; body?: unknown },
): IdempotentRequest | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY.test(header)) throw ValidationError.field(IDEMPOTENCY_HEADER, 'invalid_format');
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([request.lessonId, request.body ?? null]))
    .digest('hex');
  return { userId: request.userId, key: header, route: request.route, fingerprint };
}

/**
 * Runs a write at most once per (user, key): the key is claimed first in the write's own
 * transaction and its answer stored before commit, so a replay, or a duplicate racing the first,
 * gets the first answer and writes nothing. An error rolls the claim back with the write: a retry
 * is then tried afresh. Without a key the write just runs (no statement more).
 */
@Injectable()
export class Idempotency implements OnModuleInit {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'prune-idempotency-keys',
      schedule: '41 * * * *',
      retryLimit: 1,
      handle: async () => void (await this.keys.prune()),
    });
  }

  async run<T>(manager: EntityManager, request: IdempotentRequest | undefined, write: () => Promise<T>): Promise<Idempotent<T>> {
    if (!request) return { body: await write(), replayed: false };
    if (!(await this.keys.claim(manager, request))) {
      const stored = await this.keys.find(manager, request.userId, request.key);
      if (!stored || stored.status === null) throw new AppError('internal_error');
      if (stored.route !== request.route || stored.fingerprint !== request.fingerprint) throw new AppError('idempotency_key_reused');
      return { body: stored.body as T, replayed: true };
    }
    const body = await write();
    await this.keys.store(manager, request.userId, request.key, 200, body);
    return { body, replayed: false };
  }
}
