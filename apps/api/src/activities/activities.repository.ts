import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivityDelivery, ActivityKind, ActivityStatus, Locale } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { allOf, query, sql, type Sql } from '../common/sql.js';
import { editableCondition } from '../courses/course-access.js';
import { manageableCondition, readableCondition } from './activity-access.js';
import { ActivityEntity } from './activity.entity.js';

/** What an organiser sets of an activity, under the entity's property names. */
export interface ActivityColumns {
  kind: ActivityKind;
  title: string;
  description: string;
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
  courseId: string | null;
  capacity: number | null;
}

export interface ActivityPersonRow {
  id: string;
  fullName: string;
  email: string;
}

/** An activity as one caller reads it. */
export interface ActivityViewRow extends ActivityColumns {
  id: string;
  requiredDays: number;
  courseTitle: string | null;
  status: ActivityStatus;
  organiser: ActivityPersonRow;
  coOrganisers: ActivityPersonRow[];
  participantCount: number;
  completedCount: number;
  canManage: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The activity's own columns, as a writer locks them. */
export interface ActivityLockRow extends ActivityColumns {
  id: string;
  status: ActivityStatus;
  organiserId: string;
  coOrganiserIds: string[];
}

/** An active trainer who could co-organise an activity. */
export interface OrganiserCandidateRow {
  userId: string;
  fullName: string;
  email: string;
  memberState: string;
  institution: string;
}

export interface ActivityFilters {
  from?: string;
  to?: string;
  memberState?: string;
  kind?: ActivityKind;
  status?: ActivityStatus;
  q?: string;
  limit: number;
  offset: number;
}

// Dates as text (YYYY-MM-DD, no time zone to shift them); arrays of an enum type as text[].
const OWN_COLUMNS = sql`a.id, a.kind, a.title, a.description, a.delivery, a.starts_on::text AS "startsOn", a.ends_on::text AS "endsOn",
  a.venue_member_state AS "venueMemberState", a.city, a.member_states::text[] AS "memberStates", a.languages::text[] AS languages,
  a.topics, a.hours::float8 AS hours, a.required_attendance AS "requiredAttendance", a.course_id AS "courseId", a.capacity, a.status`;

function viewColumns(user: SessionUser): Sql {
  return sql`${OWN_COLUMNS},
    activity_required_days(a.starts_on, a.ends_on, a.required_attendance) AS "requiredDays",
    c.title AS "courseTitle",
    json_build_object('id', o.id, 'fullName', o.full_name, 'email', o.email) AS organiser,
    coalesce((SELECT json_agg(json_build_object('id', u.id, 'fullName', u.full_name, 'email', u.email) ORDER BY u.full_name, u.id)
                FROM activity_organisers ao JOIN users u ON u.id = ao.user_id WHERE ao.activity_id = a.id), '[]') AS "coOrganisers",
    (SELECT count(*)::int FROM activity_participants ap WHERE ap.activity_id = a.id) AS "participantCount",
    (SELECT count(*)::int FROM activity_participants ap WHERE ap.activity_id = a.id AND ap.completed) AS "completedCount",
    ${manageableCondition(user)} AS "canManage", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;
}

const VIEW_FROM = sql`FROM activities a JOIN users o ON o.id = a.organiser_id LEFT JOIN courses c ON c.id = a.course_id`;

/** Every statement about activities themselves and their co-organisers. */
@Injectable()
export class ActivitiesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The activity if the caller may read it. */
  async view(user: SessionUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<ActivityViewRow | undefined> {
    const [row] = await query<ActivityViewRow>(
      manager,
      sql`SELECT ${viewColumns(user)} ${VIEW_FROM} WHERE a.id = ${id} AND ${readableCondition(user)}`,
    );
    return row;
  }

  /** A page of the activities the caller may read, latest first, and how many there are. */
  async list(
    user: SessionUser,
    filters: ActivityFilters,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ rows: ActivityViewRow[]; total: number }> {
    const conditions = [readableCondition(user)];
    if (filters.from) conditions.push(sql`a.ends_on >= ${filters.from}::date`);
    if (filters.to) conditions.push(sql`a.starts_on <= ${filters.to}::date`);
    if (filters.memberState) {
      conditions.push(
        sql`(a.venue_member_state = ${filters.memberState} OR CAST(${filters.memberState} AS char(3)) = ANY(a.member_states))`,
      );
    }
    if (filters.kind) conditions.push(sql`a.kind = ${filters.kind}`);
    if (filters.status) conditions.push(sql`a.status = ${filters.status}`);
    if (filters.q) {
      const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(sql`(a.title ILIKE ${pattern} OR a.city ILIKE ${pattern})`);
    }
    const where = allOf(conditions);
    const rows = await query<ActivityViewRow & { total: string }>(
      manager,
      sql`SELECT ${viewColumns(user)}, count(*) OVER () AS total ${VIEW_FROM} WHERE ${where}
           ORDER BY a.starts_on DESC, a.created_at DESC, a.id LIMIT ${filters.limit} OFFSET ${filters.offset}`,
    );
    if (rows.length) return { rows, total: Number(rows[0]!.total) };
    if (filters.offset === 0) return { rows, total: 0 };
    const [counted] = await query<{ total: number }>(manager, sql`SELECT count(*)::int AS total FROM activities a WHERE ${where}`);
    return { rows, total: counted!.total };
  }

  /**
   * The activity, locked for this transaction, if the caller may manage it: `update` for changes
   * to the activity itself, `share` for changes to its participants and attendance (they may run
   * side by side, but not beside a change of dates or status).
   */
  async lockManageable(
    user: SessionUser,
    id: string,
    mode: 'update' | 'share',
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ActivityLockRow | undefined> {
    const [row] = await query<ActivityLockRow>(
      manager,
      sql`SELECT ${OWN_COLUMNS}, a.organiser_id AS "organiserId",
                 ARRAY(SELECT ao.user_id FROM activity_organisers ao WHERE ao.activity_id = a.id ORDER BY ao.user_id)::text[] AS "coOrganiserIds"
            FROM activities a WHERE a.id = ${id} AND ${manageableCondition(user)}
             ${mode === 'update' ? sql`FOR UPDATE OF a` : sql`FOR SHARE OF a`}`,
    );
    return row;
  }

  /** The activity, locked, whoever asks: for services that checked access themselves (imports, check-in). */
  async lock(id: string, mode: 'update' | 'share', manager: EntityManager): Promise<ActivityLockRow | undefined> {
    const [row] = await query<ActivityLockRow>(
      manager,
      sql`SELECT ${OWN_COLUMNS}, a.organiser_id AS "organiserId", '{}'::text[] AS "coOrganiserIds"
            FROM activities a WHERE a.id = ${id} ${mode === 'update' ? sql`FOR UPDATE OF a` : sql`FOR SHARE OF a`}`,
    );
    return row;
  }

  async insert(values: ActivityColumns & { organiserId: string }, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const { identifiers } = await manager.insert(ActivityEntity, { ...values, hours: String(values.hours) });
    return identifiers[0]!.id as string;
  }

  async update(
    id: string,
    values: Partial<ActivityColumns> & { status?: ActivityStatus },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const { hours, ...rest } = values;
    await manager.update(ActivityEntity, { id }, { ...rest, ...(hours !== undefined ? { hours: String(hours) } : {}) });
  }

  /** The co-organisers become exactly `userIds`. */
  async setCoOrganisers(id: string, userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query(manager, sql`DELETE FROM activity_organisers WHERE activity_id = ${id} AND NOT (user_id = ANY(${userIds}::uuid[]))`);
    await query(
      manager,
      sql`INSERT INTO activity_organisers (activity_id, user_id) SELECT ${id}, u FROM unnest(${userIds}::uuid[]) AS u ON CONFLICT DO NOTHING`,
    );
  }

  /** Of these ids, the active accounts with the trainer role. */
  async activeTrainers(userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!userIds.length) return [];
    const rows = await query<{ id: string }>(
      manager,
      sql`SELECT id FROM users WHERE id = ANY(${userIds}::uuid[]) AND status = 'active' AND 'trainer' = ANY(roles)`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * Active trainers whose name or email holds `q`, at most 20, the exact email first: who may
   * co-organise is in the statement, so a search cannot offer anyone else.
   */
  async organiserCandidates(q: string, manager: EntityManager = this.dataSource.manager): Promise<OrganiserCandidateRow[]> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return query<OrganiserCandidateRow>(
      manager,
      sql`SELECT u.id AS "userId", u.full_name AS "fullName", u.email, u.member_state AS "memberState", u.institution
            FROM users u
           WHERE u.status = 'active' AND 'trainer' = ANY(u.roles) AND (u.full_name ILIKE ${pattern} OR u.email ILIKE ${pattern})
           ORDER BY (lower(u.email) = lower(${q})) DESC, u.full_name, u.id
           LIMIT 20`,
    );
  }

  /** Of these codes, the Member States the platform knows. */
  async knownStates(codes: string[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (!codes.length) return [];
    const rows = await query<{ code: string }>(manager, sql`SELECT code FROM member_states WHERE code = ANY(${codes}::text[])`);
    return rows.map((row) => row.code.trim());
  }

  /** A course the user may link: one they can edit, or a published one. */
  async courseVisible(user: SessionUser, courseId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [row] = await query<{ found: boolean }>(
      manager,
      sql`SELECT EXISTS (SELECT 1 FROM courses c WHERE c.id = ${courseId}
                            AND (c.status = 'published' OR ${editableCondition(user)})) AS found`,
    );
    return row!.found;
  }
}
