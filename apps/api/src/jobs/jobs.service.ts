import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../common/app-error.js';
import { errorMessage } from '../common/logger.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobsRepository, type FailedJobRow } from './jobs.repository.js';

/** The schema of pg-boss's tables (created by the JobQueue migration). */
export const JOBS_SCHEMA = 'pgboss';

/**
 * A kind of background work. The feature that owns it registers it (in its onModuleInit) with its
 * handler; a handler may run more than once for one job (a retry after a crash), so it must be
 * safe to repeat — key what it does.
 */
export interface JobDefinition<Payload extends object = object> {
  name: string;
  handle(payload: Payload): Promise<void>;
  /** Tries after the first failure, each later than the last (default 5: about 30 s to 16 min). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Cron expression (UTC): pg-boss creates one job per tick across every replica. */
  schedule?: string;
  /** Also once when a worker starts (a clean-up that should not wait for its first tick). */
  runAtStart?: boolean;
}

export interface SendOptions {
  /** Enqueue in this transaction: committed with the change that causes it, or not at all. */
  manager?: EntityManager;
  /** Names the job for throttling (below) and for reading the queue. */
  singletonKey?: string;
  /** At most one job with this singletonKey per window of this many seconds: later sends in it do nothing. */
  throttleSeconds?: number;
  startAfter?: Date | number;
}

/**
 * Background jobs on PostgreSQL (pg-boss), so every replica shares one queue and nothing new
 * needs operating. Features register their jobs; this process works them when JOBS_WORKER is on
 * (tests run them by hand with `drain`).
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private started = false;

  constructor(
    private readonly repository: JobsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.boss = new PgBoss({
      db: repository.db,
      schema: JOBS_SCHEMA,
      migrate: false,
      supervise: config.jobsWorker,
      schedule: config.jobsWorker,
    });
    this.boss.on('error', (error: Error) => this.logger.warn(`Job queue: ${errorMessage(error)}`));
  }

  /** Called by the owning feature before the application starts. */
  register<Payload extends object>(definition: JobDefinition<Payload>): void {
    if (this.started) throw new Error(`Job ${definition.name} registered after start`);
    this.definitions.set(definition.name, definition as unknown as JobDefinition<object>);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    for (const definition of this.definitions.values()) {
      await this.boss.createQueue(definition.name, {
        name: definition.name,
        retryLimit: definition.retryLimit ?? 5,
        retryDelay: definition.retryDelaySeconds ?? 30,
        retryBackoff: true,
      });
      if (definition.schedule && this.config.jobsWorker) await this.boss.schedule(definition.name, definition.schedule, {}, { tz: 'UTC' });
      if (this.config.jobsWorker) {
        await this.boss.work<object>(definition.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
          await this.run(definition, job!.data);
        });
        // One queued at a time whatever the number of replicas starting.
        if (definition.runAtStart) await this.boss.send(definition.name, {}, { singletonKey: `${definition.name}:start` });
      }
    }
    this.started = true;
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Before the pool closes: the jobs under way finish (for a while), nothing new is fetched.
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Enqueues a job; in `options.manager`'s transaction when given. */
  async send<Payload extends object>(name: string, payload: Payload, options: SendOptions = {}): Promise<void> {
    if (!this.definitions.has(name)) throw new Error(`No job named ${name}`);
    await this.boss.send(name, payload, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.throttleSeconds ? { singletonSeconds: options.throttleSeconds } : {}),
      ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
      ...(options.manager ? { db: this.repository.inTransaction(options.manager) } : {}),
    });
  }

  private async run(definition: JobDefinition<object>, payload: object): Promise<void> {
    try {
      await definition.handle(payload);
    } catch (error) {
      this.logger.warn(`Job ${definition.name} failed (it will be tried again unless out of tries): ${errorMessage(error)}`);
      throw error;
    }
  }

  /**
   * Works every job waiting now (for tests and the CLI, where no worker runs): each job once, in
   * the order enqueued; a failing one is marked failed for pg-boss to retry later.
   */
  async drain(name?: string): Promise<number> {
    let done = 0;
    for (const definition of this.definitions.values()) {
      if (name && definition.name !== name) continue;
      for (;;) {
        const [job] = await this.boss.fetch<object>(definition.name, { batchSize: 1 });
        if (!job) break;
        try {
          await this.run(definition, job.data);
          await this.boss.complete(definition.name, job.id);
        } catch (error) {
          await this.boss.fail(definition.name, job.id, { message: (error as Error).message });
        }
        done++;
      }
    }
    return done;
  }

  /** Jobs that ran out of tries. */
  failed(limit: number, offset: number): Promise<{ rows: FailedJobRow[]; total: number }> {
    return this.repository.failed(limit, offset);
  }

  /** Puts a failed job back in its queue. */
  async retry(id: string): Promise<void> {
    const name = await this.repository.failedJobQueue(id);
    if (!name) throw new NotFoundError('job');
    await this.boss.retry(name, id);
  }
}
