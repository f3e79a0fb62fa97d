import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { query, sql, type Sql } from '../common/sql.js';
import type { AttendanceSource } from './attendance.entity.js';

/**
 * `completed` of the activity_participants rows the condition picks (alias ap), from the days
 * present and the activity's rule (activity_required_days, in the migration: 0 % means one day).
 * Writes only rows whose value changes, and returns them.
 */
function recomputeCompletion(condition: Sql): Sql {
  return sql`WITH counted AS (
               SELECT ap.id,
                      (SELECT count(*) FROM activity_attendance t WHERE t.activity_participant_id = ap.id AND t.present)
                        >= activity_required_days(a.starts_on, a.ends_on, a.required_attendance) AS done
                 FROM activity_participants ap JOIN activities a ON a.id = ap.activity_id
                WHERE ${condition}
             ), changed AS (
               UPDATE activity_participants ap SET completed = counted.done
                 FROM counted WHERE ap.id = counted.id AND ap.completed IS DISTINCT FROM counted.done
               RETURNING ap.id
             )
             SELECT counted.id, counted.done AS completed FROM counted`;
}

/** Every statement about attendance per day and the completion it decides. */
@Injectable()
export class AttendanceRepository {
  /** Locks these places of the activity (in id order, so racing writers queue) and returns those found. */
  async lockPlacements(activityId: string, ids: string[], manager: EntityManager): Promise<string[]> {
    const rows = await query<{ id: string }>(
      manager,
      sql`SELECT id FROM activity_participants WHERE activity_id = ${activityId} AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }

  /** Writes the marks; a mark that says what is already recorded keeps its recorder. */
  async upsert(
    entries: Array<{ activityParticipantId: string; day: string; present: boolean }>,
    source: AttendanceSource,
    recordedBy: string | null,
    manager: EntityManager,
  ): Promise<void> {
    if (!entries.length) return;
    await query(
      manager,
      sql`INSERT INTO activity_attendance (activity_participant_id, day, present, source, recorded_by, recorded_at)
          SELECT i.ap, i.day, i.present, ${source}, ${recordedBy}::uuid, now()
            FROM unnest(${entries.map((e) => e.activityParticipantId)}::uuid[], ${entries.map((e) => e.day)}::date[],
                        ${entries.map((e) => e.present)}::boolean[]) AS i(ap, day, present)
          ON CONFLICT (activity_participant_id, day) DO UPDATE
            SET present = EXCLUDED.present, source = EXCLUDED.source, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
            WHERE activity_attendance.present IS DISTINCT FROM EXCLUDED.present`,
    );
  }

  /** Completion of these places, recomputed from what is recorded now. */
  async recompute(ids: string[], manager: EntityManager): Promise<Array<{ id: string; completed: boolean }>> {
    if (!ids.length) return [];
    return query(manager, recomputeCompletion(sql`ap.id = ANY(${ids}::uuid[])`));
  }

  /** Completion of everyone in the activity (its days or required share changed). */
  async recomputeActivity(activityId: string, manager: EntityManager): Promise<void> {
    await query(manager, recomputeCompletion(sql`ap.activity_id = ${activityId}`));
  }

  /** Drops the marks of days the activity no longer has. */
  async dropOutside(activityId: string, startsOn: string, endsOn: string, manager: EntityManager): Promise<void> {
    await query(
      manager,
      sql`DELETE FROM activity_attendance t USING activity_participants ap
           WHERE ap.id = t.activity_participant_id AND ap.activity_id = ${activityId}
             AND (t.day < ${startsOn}::date OR t.day > ${endsOn}::date)`,
    );
  }
}
