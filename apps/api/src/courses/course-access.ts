import type { SessionUser } from '../auth/access.decorator.js';

/**
 * SQL conditions on a course row (alias `c`) that decide who may see or edit it. They are part of
 * each query, so a course the caller may not touch is never read: it answers 404.
 */
export function editableCondition(user: SessionUser | undefined, alias = 'c'): { sql: string; params: Record<string, unknown> } {
  if (!user || user.status !== 'active') return { sql: 'false', params: {} };
  if (user.roles.includes('admin')) return { sql: 'true', params: {} };
  if (!user.roles.includes('trainer')) return { sql: 'false', params: {} };
  return {
    sql: `(${alias}.owner_id = :editorId OR EXISTS (SELECT 1 FROM course_trainers ct WHERE ct.course_id = ${alias}.id AND ct.user_id = :editorId))`,
    params: { editorId: user.id },
  };
}

/** The course's audience admits this user: empty lists admit everyone (anonymous callers too). */
export function audienceCondition(user: SessionUser | undefined, alias = 'c'): { sql: string; params: Record<string, unknown> } {
  return {
    sql: `((cardinality(${alias}.audience_member_states) = 0 OR CAST(:viewerState AS char(3)) = ANY(${alias}.audience_member_states))
       AND (cardinality(${alias}.audience_agency_types) = 0 OR CAST(:viewerAgency AS agency_type) = ANY(${alias}.audience_agency_types)))`,
    params: { viewerState: user?.memberState ?? null, viewerAgency: user?.agencyType ?? null },
  };
}
