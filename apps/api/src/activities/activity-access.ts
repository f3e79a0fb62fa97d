import type { SessionUser } from '../access/access.decorator.js';
import { rawSql, sql, type Sql } from '../common/sql.js';

/**
 * SQL conditions on an activity row (alias `a` unless told) deciding who may manage or read it.
 * They are part of each statement, so an activity the caller may not touch is never read: 404.
 */

/** The user organises the activity or co-organises it. */
export function organisesActivity(userId: string, alias = 'a'): Sql {
  const a = rawSql(alias);
  return sql`(${a}.organiser_id = ${userId} OR EXISTS (SELECT 1 FROM activity_organisers ao WHERE ao.activity_id = ${a}.id AND ao.user_id = ${userId}))`;
}

/** Organisers (trainers) and admins change an activity, its participants and attendance. */
export function manageableCondition(user: SessionUser, alias = 'a'): Sql {
  if (user.status !== 'active') return sql`false`;
  if (user.roles.includes('admin')) return sql`true`;
  if (!user.roles.includes('trainer')) return sql`false`;
  return organisesActivity(user.id, alias);
}

/**
 * Who reads an activity: those who manage it, and a focal point for an activity held in their
 * State or serving it (the activities their State's report counts).
 */
export function readableCondition(user: SessionUser, alias = 'a'): Sql {
  if (user.status !== 'active') return sql`false`;
  if (user.roles.includes('admin')) return sql`true`;
  const a = rawSql(alias);
  const conditions: Sql[] = [];
  if (user.roles.includes('trainer')) conditions.push(organisesActivity(user.id, alias));
  if (user.roles.includes('focal_point')) {
    const state = user.memberState;
    conditions.push(sql`(${a}.venue_member_state = ${state} OR CAST(${state} AS char(3)) = ANY(${a}.member_states))`);
  }
  if (!conditions.length) return sql`false`;
  return conditions.length === 1 ? conditions[0]! : sql`(${conditions[0]!} OR ${conditions[1]!})`;
}
