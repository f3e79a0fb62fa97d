import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivityDelivery, ActivityKind, ActivityStatus, Locale } from '@ctlp/contracts';
import { query, sql } from '../common/sql.js';
import type { MemberStateNames } from './attendance-list.js';
import type { ListedPerson } from './participants.repository.js';

/** An account's email key, as participants.email_key holds it (and users_email_key_idx indexes). */
const USER_KEY = sql`lower(normalize(btrim(u.email), NFKC))`;

function columnsOf(people: ListedPerson[]) {
  return {
    ids: people.map((p) => p.id),
    names: people.map((p) => p.fullName),
    emails: people.map((p) => p.email),
    keys: people.map((p) => p.emailKey),
    states: people.map((p) => p.memberState),
    institutions: people.map((p) => p.institution),
    agencies: people.map((p) => p.agencyType),
    genders: people.map((p) => p.gender),
  };
}

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
 * Statements of the imports that ParticipantsService and AttendanceService do not run: the
 * historical import places tens of thousands of people in hundreds of new activities with a fixed
 * number of statements for the whole workbook. Who is who follows ParticipantsRepository exactly
 * (one person per email key; an account's row first; a known listed person's details refreshed).
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
   * Inserts the activities (ids made by the caller) in one statement, held, so participants and
   * attendance may be added to them; organised by `organiserId`.
   */
  async insertHeld(activities: Array<ImportedActivity & { id: string }>, organiserId: string, manager: EntityManager): Promise<void> {
    if (!activities.length) return;
    await query(
      manager,
      sql`INSERT INTO activities (id, kind, title, delivery, starts_on, ends_on, venue_member_state, city, member_states, languages,
                                  topics, hours, required_attendance, status, organiser_id)
          SELECT id, kind, title, delivery, "startsOn", "endsOn", "venueMemberState", city, "memberStates", languages,
                 topics, hours, "requiredAttendance", 'held', ${organiserId}::uuid
            FROM jsonb_to_recordset(${JSON.stringify(activities)}::jsonb)
              AS r(id uuid, kind activity_kind, title text, delivery activity_delivery, "startsOn" date, "endsOn" date,
                   "venueMemberState" char(3), city text, "memberStates" char(3)[], languages locale[], topics text[],
                   hours numeric, "requiredAttendance" int)`,
    );
  }

  /** Sets the activities that the workbook says are closed to closed, in one statement. */
  async close(ids: string[], manager: EntityManager): Promise<void> {
    if (!ids.length) return;
    await query(manager, sql`UPDATE activities SET status = 'closed', updated_at = now() WHERE id = ANY(${ids}::uuid[])`);
  }

  /**
   * Every account whose email has one of these keys gets its participants row: an unlinked row
   * with the key becomes the account's, else one is made from the account (ParticipantsRepository.ensureAccountRows).
   */
  async ensureAccountRows(keys: string[], manager: EntityManager): Promise<void> {
    if (!keys.length) return;
    await query(
      manager,
      sql`WITH accounts AS (
            SELECT u.id, u.email, ${USER_KEY} AS key, u.full_name, u.member_state, u.institution, u.agency_type, u.gender
              FROM users u WHERE ${USER_KEY} = ANY(${keys}::text[])
          ), missing AS (
            SELECT * FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.user_id = a.id)
          ), linked AS (
            UPDATE participants p SET user_id = m.id, updated_at = now()
              FROM missing m WHERE p.email_key = m.key AND p.user_id IS NULL
            RETURNING p.user_id
          )
          INSERT INTO participants (user_id, full_name, email, email_key, member_state, institution, agency_type, gender)
          SELECT m.id, m.full_name, m.email,
                 CASE WHEN EXISTS (SELECT 1 FROM participants p WHERE p.email_key = m.key) THEN NULL ELSE m.key END,
                 m.member_state, m.institution, m.agency_type, m.gender
            FROM missing m WHERE NOT EXISTS (SELECT 1 FROM linked l WHERE l.user_id = m.id)
          ON CONFLICT DO NOTHING`,
    );
  }

  /** The person of each email key: the row with the key, else the row of the account with it; null for none yet. */
  async resolveKeys(
    keys: string[],
    manager: EntityManager,
  ): Promise<Array<{ key: string; participantId: string | null; linked: boolean }>> {
    if (!keys.length) return [];
    return query(
      manager,
      sql`WITH k AS (
            SELECT DISTINCT key FROM unnest(${keys}::text[]) AS key
          ), accounts AS (
            SELECT DISTINCT ON (key) u.id, ${USER_KEY} AS key FROM users u
             WHERE ${USER_KEY} = ANY(${keys}::text[]) ORDER BY key, u.created_at, u.id
          )
          SELECT k.key, coalesce(pk.id, pa.id) AS "participantId", coalesce(pk.user_id, pa.user_id) IS NOT NULL AS linked
            FROM k
            LEFT JOIN participants pk ON pk.email_key = k.key
            LEFT JOIN accounts a ON a.key = k.key
            LEFT JOIN participants pa ON pk.id IS NULL AND pa.user_id = a.id`,
    );
  }

  /** New people (ids made by the caller); a key another transaction inserted first is left to it. */
  async insertPeople(people: ListedPerson[], manager: EntityManager): Promise<void> {
    if (!people.length) return;
    const c = columnsOf(people);
    await query(
      manager,
      sql`INSERT INTO participants (id, full_name, email, email_key, member_state, institution, agency_type, gender)
          SELECT * FROM unnest(${c.ids}::uuid[], ${c.names}::text[], ${c.emails}::text[], ${c.keys}::text[], ${c.states}::text[],
                               ${c.institutions}::text[], ${c.agencies}::text[]::agency_type[], ${c.genders}::text[]::gender[])
          ON CONFLICT DO NOTHING`,
    );
  }

  /**
   * What the workbook says of people already known by email and without an account, as
   * ParticipantsRepository.refreshListed: a missing institution, agency or gender keeps the known one.
   */
  async refreshPeople(people: ListedPerson[], manager: EntityManager): Promise<void> {
    if (!people.length) return;
    const c = columnsOf(people);
    await query(
      manager,
      sql`UPDATE participants p
             SET full_name = i.full_name, email = coalesce(p.email, i.email), member_state = i.member_state,
                 institution = coalesce(i.institution, p.institution), agency_type = coalesce(i.agency_type, p.agency_type),
                 gender = coalesce(i.gender, p.gender), updated_at = now()
            FROM unnest(${c.ids}::uuid[], ${c.names}::text[], ${c.emails}::text[], ${c.states}::text[],
                        ${c.institutions}::text[], ${c.agencies}::text[]::agency_type[], ${c.genders}::text[]::gender[])
                 AS i(id, full_name, email, member_state, institution, agency_type, gender)
           WHERE p.id = i.id AND p.user_id IS NULL
             AND (p.full_name, p.email, p.member_state, p.institution, p.agency_type, p.gender)
                 IS DISTINCT FROM (i.full_name, coalesce(p.email, i.email), i.member_state::bpchar, coalesce(i.institution, p.institution),
                                   coalesce(i.agency_type, p.agency_type), coalesce(i.gender, p.gender))`,
    );
  }

  /**
   * Places in activities, all new (the activities are), completed already when the days present
   * reach the activity's rule (the same SQL function attendance recording applies), so the
   * completion pass after the marks changes nothing and the report's triggers see each place once.
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

  /** Attendance marks recorded by an import (no recorder). */
  async insertMarks(marks: Array<{ activityParticipantId: string; day: string; present: boolean }>, manager: EntityManager): Promise<void> {
    if (!marks.length) return;
    await query(
      manager,
      sql`INSERT INTO activity_attendance (activity_participant_id, day, present, source, recorded_by)
          SELECT ap, day, present, 'import', NULL
            FROM unnest(${marks.map((m) => m.activityParticipantId)}::uuid[], ${marks.map((m) => m.day)}::date[],
                        ${marks.map((m) => m.present)}::boolean[]) AS i(ap, day, present)`,
    );
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
