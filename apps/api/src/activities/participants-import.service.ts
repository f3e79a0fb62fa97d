import type { Readable } from 'node:stream';
import { Injectable, PayloadTooLargeException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AuditService } from '../audit/audit.service.js';
import { NotFoundError, ValidationError } from '../common/app-error.js';
import { ActivitiesImportRepository } from './activities-import.repository.js';
import { ActivitiesRepository } from './activities.repository.js';
import {
  ATTENDANCE_LIST_MAX_BYTES,
  attendedDaysOf,
  daysBetween,
  memberStateMatcher,
  parseAttendanceList,
  type MemberStateMatcher,
} from './attendance-list.js';
import { AttendanceService, type AttendanceEntry } from './attendance.service.js';
import type { ParticipantInput } from './participant-input.js';
import type { ParticipantsImportReportDto } from './dto/activities-import.dto.js';
import { ParticipantsService } from './participants.service.js';

/** A dry run's transaction ends by throwing this, so PostgreSQL rolls back everything it wrote. */
export class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super('dry run');
  }
}

/** Runs `work` in a transaction, committed, or (dry run) rolled back after it computed its result. */
export async function inTransaction<T>(dataSource: DataSource, dryRun: boolean, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await dataSource.transaction(async (manager) => {
      const result = await work(manager);
      if (dryRun) throw new DryRunRollback(result);
      return result;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as T;
    throw error;
  }
}

/** An uploaded file's bytes, up to `maxBytes` (the multipart limit stops the stream past it). */
export async function readUpload(file: { stream: Readable } | undefined, maxBytes: number): Promise<Buffer> {
  if (!file) throw ValidationError.field('file', 'file_required');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of file.stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new PayloadTooLargeException();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeException) throw ValidationError.field('file', 'file_too_large', { maxMb: maxBytes / 1024 / 1024 });
    throw error;
  }
  return Buffer.concat(chunks);
}

/** Member States by any name, read once per process (they change only with a seed). */
@Injectable()
export class MemberStateNamesCache {
  private matcher: Promise<MemberStateMatcher> | undefined;

  constructor(private readonly repository: ActivitiesImportRepository) {}

  get(): Promise<MemberStateMatcher> {
    if (!this.matcher) {
      this.matcher = this.repository.memberStates().then(memberStateMatcher);
      this.matcher.catch(() => (this.matcher = undefined));
    }
    return this.matcher;
  }
}

/**
 * POST /activities/:id/participants/import: an attendance list into an activity, through
 * ParticipantsService.add, so a person is matched exactly as when added by hand. Invalid rows are
 * skipped and reported; a malformed file writes nothing. A dry run runs the same transaction and
 * rolls it back, so what it reports is what the real run does.
 */
@Injectable()
export class ParticipantsImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly participants: ParticipantsService,
    private readonly attendance: AttendanceService,
    private readonly audit: AuditService,
    private readonly memberStates: MemberStateNamesCache,
  ) {}

  async importUpload(
    user: SessionUser,
    activityId: string,
    upload: { stream: Readable } | undefined,
    dryRun: boolean,
  ): Promise<ParticipantsImportReportDto> {
    if (!upload) throw ValidationError.field('file', 'file_required');
    // 404 before a byte is read, for a caller who may not manage the activity.
    const visible = await this.dataSource.transaction((manager) => this.activities.lockManageable(user, activityId, 'share', manager));
    if (!visible) throw new NotFoundError('activity');
    return this.import(user, activityId, await readUpload(upload, ATTENDANCE_LIST_MAX_BYTES), dryRun);
  }

  async import(user: SessionUser, activityId: string, file: Buffer, dryRun: boolean): Promise<ParticipantsImportReportDto> {
    const list = await parseAttendanceList(file, await this.memberStates.get());
    return inTransaction(this.dataSource, dryRun, async (manager) => {
      // FOR UPDATE, as add() takes it next: a lock taken for share and raised later could deadlock.
      const activity = await this.activities.lockManageable(user, activityId, 'update', manager);
      if (!activity) throw new NotFoundError('activity');
      // The days a row says were attended must be the activity's: else the row is refused.
      const days = daysBetween(activity.startsOn, activity.endsOn);
      const invalid = [...list.invalid];
      const accepted: Array<{ row: number; input: ParticipantInput; present: string[] }> = [];
      for (const { row, input, attended } of list.rows) {
        const present = attended ? attendedDaysOf(attended, days) : [];
        if (present) accepted.push({ row, input, present });
        else invalid.push({ row, fields: { attended: 'outside_activity_dates' } });
      }
      invalid.sort((a, b) => a.row - b.row);
      const outcomes = await this.participants.add(
        manager,
        activityId,
        accepted.map((row) => row.input),
      );
      const entries: AttendanceEntry[] = accepted.flatMap(({ present }, index) =>
        present.map((day) => ({ activityParticipantId: outcomes[index]!.activityParticipantId, day, present: true })),
      );
      if (entries.length) await this.attendance.record(manager, activityId, entries, 'import', null);
      const rows = accepted.map(({ row, input }, index) => ({
        row,
        fullName: input.fullName,
        outcome: outcomes[index]!.outcome,
        matchedAccount: outcomes[index]!.matchedAccount,
      }));
      const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
      const report: ParticipantsImportReportDto = {
        dryRun,
        added: count('added'),
        updated: count('updated'),
        unchanged: count('unchanged'),
        matchedAccounts: rows.filter((r) => r.matchedAccount).length,
        participantDays: entries.length,
        invalid,
        rows,
      };
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'activity.participants_imported',
        subjectType: 'activity',
        subjectId: activityId,
        data: { added: report.added, updated: report.updated, unchanged: report.unchanged, invalid: report.invalid.length },
      });
      return report;
    });
  }
}
