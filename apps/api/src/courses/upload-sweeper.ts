import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { UploadStore } from '../common/upload-store.js';
import { JobsService } from '../jobs/jobs.service.js';
import { CoursesRepository } from './courses.repository.js';

export const SWEEP_UPLOADS_JOB = 'sweep-uploads';

export const UPLOAD_SWEEP = {
  /** A temporary file no row names, untouched this long, is left by a failure: nothing still writes it. */
  temporaryMaxAgeMs: 60 * 60_000,
  /** A placed file no row names is removed once this old (defence in depth; see sweep()). */
  orphanGraceMs: 60 * 60_000,
} as const;

export interface SweepResult {
  /** Temporary files a committed lesson names, moved into place (a crash came between commit and move). */
  placed: number;
  removedTemporary: number;
  removedOrphans: number;
}

/**
 * Removes the files under DATA_DIR/uploads that no lesson or course cover names: temporary files a
 * failed or interrupted upload left, and stored files whose lesson, module, cover or replacement
 * was committed but whose removal did not happen. Runs at start and then hourly, in every replica at once if need
 * be: each step is safe to repeat (removing a file already gone is fine), and a file a lesson
 * names is never removed.
 */
@Injectable()
export class UploadSweeper implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(UploadSweeper.name);
  private running?: Promise<SweepResult>;

  constructor(
    private readonly uploads: UploadStore,
    private readonly courses: CoursesRepository,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    // Hourly and at start, on one replica at a time (the folder is shared between them).
    this.jobs.register({
      name: SWEEP_UPLOADS_JOB,
      schedule: '17 * * * *',
      runAtStart: true,
      retryLimit: 2,
      handle: () => this.sweepAndLog(),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Before the pool closes, so a sweep under way ends quietly.
    await this.running?.catch(() => undefined);
  }

  /**
   * One pass. The folder is listed before the database is asked: a file is moved into place only
   * after the transaction naming it commits, so a placed file the listing saw that a lesson still
   * names is in the answer, and is kept. A temporary file is only removed when old, as its upload
   * may commit any moment; the grace period on placed files guards against what this reasoning
   * does not see (a clock step, files restored before their rows).
   */
  sweep(now = Date.now()): Promise<SweepResult> {
    this.running ??= this.pass(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(now: number): Promise<SweepResult> {
    const result: SweepResult = { placed: 0, removedTemporary: 0, removedOrphans: 0 };
    const entries = await this.uploads.list();
    if (!entries.length) return result;
    const referenced = new Set(await this.courses.referencedUploads([...new Set(entries.map((entry) => entry.storedName))]));
    for (const entry of entries) {
      const age = now - entry.modifiedAt.getTime();
      if (referenced.has(entry.storedName)) {
        if (!entry.placed) {
          await this.uploads.place(entry.storedName);
          result.placed++;
        }
      } else if (!entry.placed && age > UPLOAD_SWEEP.temporaryMaxAgeMs) {
        await this.uploads.removeEntry(entry);
        result.removedTemporary++;
      } else if (entry.placed && age > UPLOAD_SWEEP.orphanGraceMs) {
        await this.uploads.removeEntry(entry);
        result.removedOrphans++;
      }
    }
    return result;
  }

  private async sweepAndLog(): Promise<void> {
    const result = await this.sweep();
    if (result.placed || result.removedTemporary || result.removedOrphans) this.logger.log(`Upload sweep: ${JSON.stringify(result)}`);
  }
}
