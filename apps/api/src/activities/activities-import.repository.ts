import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivityDelivery, ActivityKind, ActivityStatus, Locale } from '@ctlp/contracts';
import { query, sql } from '../common/sql.js';
import type { MemberStateNames } from './attendance-list.js';

/** An activity of a historical workbook, as its row gave it (checked). */
export interface ImportedActivity {
  kind: ActivityKind;
  title: string;
  delivery: ActivityDelivery;
  startsOn: string;
  endsOn: string;
  venueMemberState: string | null;
  city: string | null;
  memberStates: string[];
  languages: Locale[];
  topics: string[];
  hours: number;
  requiredAttendance: number;
  status: Exclude<ActivityStatus, 'planned'>;
}

/**
 * Statements of the historical import that ParticipantsService and AttendanceService do not run:
 * it places tens of thousands of people in hundreds of activities with a fixed number of statements
 * for the whole workbook. Who is who is ParticipantsRepository.matchPeople's, as for every other
 * way in. Activities are known again by their import reference (activities_import_ref_key).
 */
@Injectable()
export class ActivitiesImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The States with every name a list may give them by. */
  async memberStates(manager: EntityManager = this.dataSource.manager): Promise<MemberStateNames[]> {
    const rows = await query<MemberStateNames>(manager, sql`SELECT code, alpha2, names FROM member_states ORDER BY code`);
    return rows.map((row) => ({ ...row, code: row.code.trim(), alpha2: row.alpha2.trim() }));
  }

  /**
   * Inserts, held and organised by `organiserId`, the activities whose reference no activity has
   * yet (ids made by the caller), in reference order; returns the ids inserted. A reference another
   * import is inserting waits for it to end (the unique index), and is then its activity, not ours.
   */
  async insertNew(
    activities: Array<ImportedActivity & { id: string; ref: string }>,
    organiserId: string,
    manager: EntityManager,
  ): Promise<string[]> {
    if (!activities.length) return [];
    const rows = await query<{ id: string }>(
      manager,
      sql`INSERT INTO activities (id, import_ref, kind, title, delivery, starts_on, ends_on, venue_member_state, city, member_states,
                                  languages, topics, hours, required_attendance, status, organiser_id)
          SELECT id, ref, kind, title, delivery, "startsOn", "endsOn", "venueMemberState", city, "memberStates", languages,
                 topics, hours, "requiredAttendance", 'held', ${organiserId}::uuid
            FROM jsonb_to_recordset(${JSON.stringify(activities)}::jsonb)
              AS r(id uuid, ref text, kind activity_kind, title text, delivery activity_delivery, "startsOn" date, "endsOn" date,
                   "venueMemberState" char(3), city text, "memberStates" char(3)[], languages locale[], topics text[],
                   hours numeric, "requiredAttendance" int)
           ORDER BY ref
          ON CONFLICT (import_ref) WHERE import_ref IS NOT NULL DO NOTHING
          RETURNING id`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * The activities with these references, locked in reference order (so that imports naming the
   * same activities queue, and a second one sees all the first wrote).
   */
  async lockByRef(refs: string[], manager: EntityManager): Promise<Array<{ id: string; ref: string }>> {
    if (!refs.length) return [];
    return query<{ id: string; ref: string }>(
      manager,
      sql`SELECT id, import_ref AS ref FROM activities WHERE import_ref = ANY(${refs}::text[]) ORDER BY import_ref FOR UPDATE`,
    );
  }

  /**
   * What a workbook says of activities imported before (`id`: the existing activity): the rows that
   * differ take the workbook's fields; the status only moves on, held to closed (closed is final).
   * Returns the activities changed, and whether their days or required share did.
   */
  async updateChanged(
    activities: Array<ImportedActivity & { id: string }>,
    manager: EntityManager,
  ): Promise<Array<{ id: string; rulesChanged: boolean }>> {
    if (!activities.length) return [];
    return query<{ id: string; rulesChanged: boolean }>(
      manager,
      sql`WITH i AS (
            SELECT id, kind, title, delivery, "startsOn" AS starts_on, "endsOn" AS ends_on, "venueMemberState" AS venue_member_state,
                   city, "memberStates" AS member_states, languages, topics, round(hours, 1) AS hours,
                   "requiredAttendance" AS required_attendance, status
              FROM jsonb_to_recordset(${JSON.stringify(activities)}::jsonb)
                AS r(id uuid, kind activity_kind, title text, delivery activity_delivery, "startsOn" date, "endsOn" date,
                     "venueMemberState" char(3), city text, "memberStates" char(3)[], languages locale[], topics text[],
                     hours numeric, "requiredAttendance" int, status activity_status)
          ), changed AS (
            UPDATE activities a
               SET kind = i.kind, title = i.title, delivery = i.delivery, starts_on = i.starts_on, ends_on = i.ends_on,
                   venue_member_state = i.venue_member_state, city = i.city, member_states = i.member_states,
                   languages = i.languages, topics = i.topics, hours = i.hours, required_attendance = i.required_attendance,
                   status = CASE WHEN i.status = 'closed' THEN i.status ELSE o.status END, updated_at = now()
              FROM i JOIN activities o ON o.id = i.id
             WHERE a.id = i.id
               AND (o.kind, o.title, o.delivery, o.starts_on, o.ends_on, o.venue_member_state, o.city, o.member_states, o.languages,
                    o.topics, o.hours, o.required_attendance, o.status)
                   IS DISTINCT FROM
                   (i.kind, i.title, i.delivery, i.starts_on, i.ends_on, i.venue_member_state, i.city, i.member_states, i.languages,
                    i.topics, i.hours, i.required_attendance, CASE WHEN i.status = 'closed' THEN i.status ELSE o.status END)
            RETURNING a.id, (o.starts_on, o.ends_on, o.required_attendance)
                            IS DISTINCT FROM (a.starts_on, a.ends_on, a.required_attendance) AS "rulesChanged"
          )
          SELECT * FROM changed`,
    );
  }

  /** Drops the marks of days these activities no longer have (their dates changed). */
  async dropOutside(activityIds: string[], manager: EntityManager): Promise<void> {
    if (!activityIds.length) return;
    await query(
      manager,
      sql`DELETE FROM activity_attendance t USING activity_participants ap, activities a
           WHERE ap.id = t.activity_participant_id AND a.id = ap.activity_id AND a.id = ANY(${activityIds}::uuid[])
             AND (t.day < a.starts_on OR t.day > a.ends_on)`,
    );
  }

  /** Sets the activities that the workbook says are closed to closed, in one statement. */
  async close(ids: string[], manager: EntityManager): Promise<void> {
    if (!ids.length) return;
    await query(
      manager,
      sql`UPDATE activities SET status = 'closed', updated_at = now() WHERE id = ANY(${ids}::uuid[]) AND status <> 'closed'`,
    );
  }

  /**
   * New places in activities (ids made by the caller), completed already when the days present
   * reach the activity's rule (the same SQL function attendance recording applies), so the
   * completion pass after the marks changes nothing for them and the report's triggers see each
   * place once.
   */
  async insertPlaces(
    places: Array<{ id: string; activityId: string; participantId: string; role: string; daysPresent: number }>,
    manager: EntityManager,
  ): Promise<void> {
    if (!places.length) return;
    await query(
      manager,
      sql`INSERT INTO activity_participants (id, activity_id, participant_id, role, completed)
          SELECT i.id, i.activity_id, i.participant_id, i.role,
                 i.present >= activity_required_days(a.starts_on, a.ends_on, a.required_attendance)
            FROM unnest(${places.map((p) => p.id)}::uuid[], ${places.map((p) => p.activityId)}::uuid[],
                        ${places.map((p) => p.participantId)}::uuid[], ${places.map((p) => p.role)}::text[]::participant_role[],
                        ${places.map((p) => p.daysPresent)}::int[]) AS i(id, activity_id, participant_id, role, present)
            JOIN activities a ON a.id = i.activity_id`,
    );
  }

  /**
   * Attendance marks recorded by an import (no recorder), for days not recorded yet: a day already
   * recorded keeps what it says. Returns which of the places in `known` (places there before this
   * import) gained a mark.
   */
  async insertMarks(
    marks: Array<{ activityParticipantId: string; day: string; present: boolean }>,
    known: string[],
    manager: EntityManager,
  ): Promise<string[]> {
    if (!marks.length) return [];
    const rows = await query<{ id: string }>(
      manager,
      sql`WITH added AS (
            INSERT INTO activity_attendance (activity_participant_id, day, present, source, recorded_by)
            SELECT ap, day, present, 'import', NULL
              FROM unnest(${marks.map((m) => m.activityParticipantId)}::uuid[], ${marks.map((m) => m.day)}::date[],
                          ${marks.map((m) => m.present)}::boolean[]) AS i(ap, day, present)
            ON CONFLICT (activity_participant_id, day) DO NOTHING
            RETURNING activity_participant_id
          )
          SELECT DISTINCT activity_participant_id AS id FROM added WHERE activity_participant_id = ANY(${known}::uuid[])`,
    );
    return rows.map((row) => row.id);
  }

  /** Completion of every place in these activities, by the rule attendance recording applies; returns how many completed. */
  async recomputeCompletion(activityIds: string[], manager: EntityManager): Promise<number> {
    if (!activityIds.length) return 0;
    const [row] = await query<{ completed: number }>(
      manager,
      sql`WITH counted AS (
            SELECT ap.id, count(t.day) FILTER (WHERE t.present)
                            >= activity_required_days(a.starts_on, a.ends_on, a.required_attendance) AS done
              FROM activity_participants ap
              JOIN activities a ON a.id = ap.activity_id
              LEFT JOIN activity_attendance t ON t.activity_participant_id = ap.id
             WHERE ap.activity_id = ANY(${activityIds}::uuid[])
             GROUP BY ap.id, a.starts_on, a.ends_on, a.required_attendance
          ), changed AS (
            UPDATE activity_participants ap SET completed = counted.done
              FROM counted WHERE ap.id = counted.id AND ap.completed IS DISTINCT FROM counted.done
            RETURNING ap.id
          )
          SELECT count(*) FILTER (WHERE done)::int AS completed FROM counted`,
    );
    return row!.completed;
  }
}
