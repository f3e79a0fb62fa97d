import type { SessionUser } from '../access/access.decorator.js';
import { rawSql, sql, type Sql } from '../common/sql.js';

/** A learning path's owner (a trainer) and admins may edit it; as a condition on alias `lp`, part of each query. */
export function pathEditableCondition(user: SessionUser | undefined, alias = 'lp'): Sql {
  if (!user || user.status !== 'active') return sql`false`;
  if (user.roles.includes('admin')) return sql`true`;
  if (!user.roles.includes('trainer')) return sql`false`;
  return sql`${rawSql(alias)}.owner_id = ${user.id}`;
}
