import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, fieldError, NotFoundError, ValidationError } from '../common/app-error.js';
import { ActivitiesRepository } from './activities.repository.js';
import type { AttendanceSource } from './attendance.entity.js';
import { AttendanceRepository } from './attendance.repository.js';
import type { AttendanceResultDto, RecordAttendanceDto } from './dto/participant.dto.js';

export interface AttendanceEntry {
  activityParticipantId: string;
  day: string;
  present: boolean;
}

/** Attendance per day, and the completion it decides, kept together in one transaction. */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivitiesRepository,
    private readonly attendance: AttendanceRepository,
  ) {}

  /**
   * Records marks for places of one activity (the caller decided who may), then recomputes the
   * completion of the places touched. Set-based: an import passes thousands. The activity is
   * locked FOR SHARE (a change of its dates waits, and waits for this) and the places FOR UPDATE
   * in id order, so two writers of the same person queue and the second counts the first's days.
   * 404 for an unknown activity or place of another activity; 409 activity_closed; 400
   * `entries.<i>.day` outside_activity_dates. Returns the completion of each place touched.
   */
  async record(
    manager: EntityManager,
    activityId: string,
    entries: AttendanceEntry[],
    source: AttendanceSource,
    recordedBy: string | null,
  ): Promise<Array<{ activityParticipantId: string; completed: boolean }>> {
    const activity = await this.activities.lock(activityId, 'share', manager);
    if (!activity) throw new NotFoundError('activity');
    if (activity.status === 'closed') throw new AppError('activity_closed');
    const outside = Object.fromEntries(
      entries.flatMap((entry, index) =>
        entry.day < activity.startsOn || entry.day > activity.endsOn
          ? [[`entries.${index}.day`, fieldError(`entries.${index}.day`, 'outside_activity_dates')]]
          : [],
      ),
    );
    if (Object.keys(outside).length) throw new ValidationError(outside);
    if (!entries.length) return [];

    // The last mark of a place and day wins (one statement cannot write a row twice).
    const marks = [...new Map(entries.map((entry) => [`${entry.activityParticipantId}/${entry.day}`, entry])).values()];
    const ids = [...new Set(marks.map((mark) => mark.activityParticipantId))];
    const found = await this.attendance.lockPlacements(activityId, ids, manager);
    if (found.length !== ids.length) throw new NotFoundError('participant');
    await this.attendance.upsert(marks, source, recordedBy, manager);
    const completion = await this.attendance.recompute(ids, manager);
    return completion.map((row) => ({ activityParticipantId: row.id, completed: row.completed }));
  }

  /** One organiser's mark through the API: organisers and admins of the activity, else 404. */
  async recordOne(user: SessionUser, activityId: string, dto: RecordAttendanceDto): Promise<AttendanceResultDto> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.activities.lockManageable(user, activityId, 'share', manager);
      if (!activity) throw new NotFoundError('activity');
      if (activity.status === 'closed') throw new AppError('activity_closed');
      if (dto.date < activity.startsOn || dto.date > activity.endsOn) throw ValidationError.field('date', 'outside_activity_dates');
      const [result] = await this.record(
        manager,
        activityId,
        [{ activityParticipantId: dto.participantId, day: dto.date, present: dto.present }],
        'organiser',
        user.id,
      );
      return { participantId: dto.participantId, date: dto.date, present: dto.present, completed: result!.completed };
    });
  }
}
