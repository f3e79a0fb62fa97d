import type { SessionUser } from '../access/access.decorator.js';
import { rawSql, sql, type Sql } from '../common/sql.js';

/**
 * SQL conditions on a course row (alias `c` unless told) that decide who may see or edit it, as
 * fragments (database/sql.ts) that any statement takes at any parameter position. They are part of
 * each query, so a course the caller may not touch is never read: it answers 404.
 */

/** The user owns the course or co-trains it. */
export function trainsCourse(userId: string, alias = 'c'): Sql {
  const c = rawSql(alias);
  return sql`(${c}.owner_id = ${userId} OR EXISTS (SELECT 1 FROM course_trainers ct WHERE ct.course_id = ${c}.id AND ct.user_id = ${userId}))`;
}

/** The course's trainers (owner and co-trainers) and admins may edit it. */
export function editableCondition(user: SessionUser | undefined, alias = 'c'): Sql {
  if (!user || user.status !== 'active') return sql`false`;
  if (user.roles.includes('admin')) return sql`true`;
  if (!user.roles.includes('trainer')) return sql`false`;
  return trainsCourse(user.id, alias);
}

/** Publishing, archiving and choosing the co-trainers are the owner's (or an admin's). */
export function ownedCondition(user: SessionUser, alias = 'c'): Sql {
  if (user.roles.includes('admin')) return sql`true`;
  return sql`${rawSql(alias)}.owner_id = ${user.id}`;
}

/** The course's audience admits this user: empty lists admit everyone (anonymous callers too). */
export function audienceCondition(user: SessionUser | undefined, alias = 'c'): Sql {
  const c = rawSql(alias);
  return sql`((cardinality(${c}.audience_member_states) = 0 OR CAST(${user?.memberState ?? null} AS char(3)) = ANY(${c}.audience_member_states))
       AND (cardinality(${c}.audience_agency_types) = 0 OR CAST(${user?.agencyType ?? null} AS agency_type) = ANY(${c}.audience_agency_types)))`;
}

/**
 * The caller may see the course: they may edit it, it is published for an audience that admits
 * them, or it is archived with their enrolment in it still active or completed.
 */
export function visibleCondition(user: SessionUser | undefined, alias = 'c'): Sql {
  const c = rawSql(alias);
  return sql`(${editableCondition(user, alias)}
          OR (${c}.status = 'published' AND ${audienceCondition(user, alias)})
          OR (${c}.status = 'archived' AND EXISTS (SELECT 1 FROM enrolments ev WHERE ev.course_id = ${c}.id
                AND ev.user_id = ${user?.id ?? null} AND ev.status IN ('active', 'completed'))))`;
}

/**
 * The enrolment (alias) is its holder's current cycle, completed, and its certificate has expired
 * unrevoked: the holder may take the course again as a new cycle.
 */
export function retakeCondition(alias: string): Sql {
  const e = rawSql(alias);
  return sql`(${e}.superseded_at IS NULL AND ${e}.status = 'completed'
       AND EXISTS (SELECT 1 FROM certificates rc WHERE rc.enrolment_id = ${e}.id AND rc.revoked_at IS NULL AND rc.expires_at <= now()))`;
}
