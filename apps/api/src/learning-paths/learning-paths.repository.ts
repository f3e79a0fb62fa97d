import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CourseStatus, EnrolmentStatus, LearningPathStatus, Locale } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { allOf, query, rawSql, sql, type Sql } from '../common/sql.js';
import { LearningPathEntity } from './learning-path.entity.js';
import { pathEditableCondition } from './learning-path-access.js';

export interface LearningPathSummaryRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  language: Locale;
  status: LearningPathStatus;
  courseCount: number;
  estimatedMinutes: number;
  publishedAt: Date | null;
}

/** What an author may change of a path, under the entity's property names. */
export interface LearningPathColumns {
  slug: string;
  title: string;
  summary: string;
  description: string;
  descriptionHtml: string;
  language: Locale;
  certificateEnabled: boolean;
}

export interface LearningPathRow extends LearningPathSummaryRow, LearningPathColumns {
  ownerId: string;
  canEdit: boolean;
}

/** The caller's standing in a path: courses completed, and their certificate of it. */
export interface PathProgressRow {
  completedCount: number;
  certificateId: string | null;
  certificateSerial: string | null;
}

export interface PathCourseRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  estimatedMinutes: number;
  status: CourseStatus;
  position: number;
  completed: boolean;
  enrolmentId: string | null;
  enrolmentStatus: EnrolmentStatus | null;
  required: number | null;
  done: number | null;
}

const SUMMARY_COLUMNS = rawSql(`lp.id, lp.slug, lp.title, lp.summary, lp.language, lp.status, lp.published_at AS "publishedAt",
  (SELECT count(*)::int FROM learning_path_courses lpc WHERE lpc.path_id = lp.id) AS "courseCount",
  (SELECT coalesce(sum(co.estimated_minutes), 0)::int FROM learning_path_courses lpc JOIN courses co ON co.id = lpc.course_id
    WHERE lpc.path_id = lp.id) AS "estimatedMinutes"`);

const PATH_COLUMNS = sql`${SUMMARY_COLUMNS}, lp.description, lp.description_html AS "descriptionHtml",
  lp.certificate_enabled AS "certificateEnabled", lp.owner_id AS "ownerId"`;

/** The user's progress through path `lp`: a course counts once any enrolment of it is completed. */
function progressColumns(userId: string): Sql {
  return sql`(SELECT count(*)::int FROM learning_path_courses lpc WHERE lpc.path_id = lp.id
                 AND EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = lpc.course_id AND e.user_id = ${userId} AND e.status = 'completed'))
               AS "completedCount",
             x.id AS "certificateId", x.serial AS "certificateSerial"`;
}

function certificateJoin(userId: string): Sql {
  return sql`LEFT JOIN certificates x ON x.learning_path_id = lp.id AND x.user_id = ${userId}`;
}

/** Every statement about learning paths and their courses. */
@Injectable()
export class LearningPathsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of published paths, newest first, and the total. */
  async catalog(
    filters: { language?: Locale; limit: number; offset: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ rows: LearningPathSummaryRow[]; total: number }> {
    const where = allOf([sql`lp.status = 'published'`, ...(filters.language ? [sql`lp.language = ${filters.language}`] : [])]);
    const rows = await query<LearningPathSummaryRow>(
      manager,
      sql`SELECT ${SUMMARY_COLUMNS} FROM learning_paths lp WHERE ${where}
           ORDER BY lp.published_at DESC, lp.id LIMIT ${filters.limit} OFFSET ${filters.offset}`,
    );
    const [counted] = await query<{ total: number }>(manager, sql`SELECT count(*)::int AS total FROM learning_paths lp WHERE ${where}`);
    return { rows, total: counted!.total };
  }

  /** Paths the user may edit, any status, last changed first. */
  async editableBy(user: SessionUser, manager: EntityManager = this.dataSource.manager): Promise<LearningPathSummaryRow[]> {
    return query<LearningPathSummaryRow>(
      manager,
      sql`SELECT ${SUMMARY_COLUMNS} FROM learning_paths lp WHERE ${pathEditableCondition(user)} ORDER BY lp.updated_at DESC, lp.id`,
    );
  }

  /** A path by id or slug if the caller may see it (published, or theirs to edit), with their progress. */
  async view(
    user: SessionUser | undefined,
    key: { id: string } | { slug: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<(LearningPathRow & Partial<PathProgressRow>) | undefined> {
    const editable = pathEditableCondition(user);
    const [row] = await query<LearningPathRow & Partial<PathProgressRow>>(
      manager,
      sql`SELECT ${PATH_COLUMNS}, ${editable} AS "canEdit" ${user ? sql`, ${progressColumns(user.id)}` : sql``}
            FROM learning_paths lp ${user ? certificateJoin(user.id) : sql``}
           WHERE ${'id' in key ? sql`lp.id = ${key.id}` : sql`lp.slug = ${key.slug}`}
             AND (lp.status = 'published' OR ${editable})`,
    );
    return row;
  }

  /** The path's courses in order, each with the user's current enrolment (cycle) and its progress (learning_tally). */
  async courses(pathId: string, userId: string | null, manager: EntityManager = this.dataSource.manager): Promise<PathCourseRow[]> {
    return query<PathCourseRow>(
      manager,
      sql`SELECT co.id, co.slug, co.title, co.summary, co.estimated_minutes AS "estimatedMinutes", co.status, lpc.position,
                 EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = co.id AND e.user_id = ${userId} AND e.status = 'completed') AS completed,
                 en.id AS "enrolmentId", en.status AS "enrolmentStatus", en.required, en.done
            FROM learning_path_courses lpc
            JOIN courses co ON co.id = lpc.course_id
            LEFT JOIN LATERAL (
              SELECT e.id, e.status, t.required, t.done FROM enrolments e CROSS JOIN LATERAL learning_tally(e.id, e.course_id, NULL) t
               WHERE e.course_id = co.id AND e.user_id = ${userId} AND e.superseded_at IS NULL ORDER BY e.enrolled_at DESC, e.id LIMIT 1
            ) en ON true
           WHERE lpc.path_id = ${pathId}
           ORDER BY lpc.position, co.id`,
    );
  }

  /** Published paths the learner started (an enrolment in one of its courses) or holds the certificate of. */
  async ofLearner(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<LearningPathSummaryRow & PathProgressRow>> {
    return query<LearningPathSummaryRow & PathProgressRow>(
      manager,
      sql`SELECT ${SUMMARY_COLUMNS}, ${progressColumns(userId)}
            FROM learning_paths lp ${certificateJoin(userId)}
           WHERE x.id IS NOT NULL
              OR (lp.status = 'published' AND EXISTS (
                    SELECT 1 FROM learning_path_courses lpc JOIN enrolments e ON e.course_id = lpc.course_id
                     WHERE lpc.path_id = lp.id AND e.user_id = ${userId} AND e.status IN ('active', 'completed')))
           ORDER BY lp.title, lp.id`,
    );
  }

  /** The path, locked for this transaction, if the user may edit it. */
  async lockEditable(
    user: SessionUser,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<(LearningPathRow & { status: LearningPathStatus }) | undefined> {
    const [row] = await query<LearningPathRow>(
      manager,
      sql`SELECT ${PATH_COLUMNS}, true AS "canEdit" FROM learning_paths lp WHERE lp.id = ${id} AND ${pathEditableCondition(user)} FOR UPDATE`,
    );
    return row;
  }

  async slugsLike(base: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await query<{ slug: string }>(
      manager,
      sql`SELECT slug FROM learning_paths WHERE slug = ${base} OR slug LIKE ${base} || '-%'`,
    );
    return rows.map((row) => row.slug);
  }

  async insert(values: Partial<LearningPathColumns> & { ownerId: string; slug: string }, manager: EntityManager): Promise<string> {
    const { identifiers } = await manager.insert(LearningPathEntity, values);
    return identifiers[0]!.id as string;
  }

  async update(
    id: string,
    values: Partial<LearningPathColumns> & { status?: LearningPathStatus; publishedAt?: Date | null },
    manager: EntityManager,
  ): Promise<void> {
    if (Object.keys(values).length) await manager.update(LearningPathEntity, { id }, values);
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(LearningPathEntity, { id });
  }

  async hasCertificates(id: string, manager: EntityManager): Promise<boolean> {
    return (await query(manager, sql`SELECT 1 FROM certificates WHERE learning_path_id = ${id} LIMIT 1`)).length > 0;
  }

  /** Of these course ids, those that are not published courses. */
  async unpublishedCourses(ids: string[], manager: EntityManager): Promise<string[]> {
    const rows = await query<{ id: string }>(
      manager,
      sql`SELECT x.id FROM unnest(${ids}::uuid[]) AS x (id)
           WHERE NOT EXISTS (SELECT 1 FROM courses c WHERE c.id = x.id AND c.status = 'published')`,
    );
    return rows.map((row) => row.id);
  }

  /** Replaces the path's courses by these, at positions 0, 1, 2, … in the order given. */
  async setCourses(pathId: string, ids: string[], manager: EntityManager): Promise<void> {
    await query(manager, sql`DELETE FROM learning_path_courses WHERE path_id = ${pathId}`);
    await query(
      manager,
      sql`INSERT INTO learning_path_courses (path_id, course_id, position)
          SELECT ${pathId}, x.id, x.position - 1 FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS x (id, position)`,
    );
  }

  async countCourses(pathId: string, manager: EntityManager): Promise<number> {
    const [row] = await query<{ n: number }>(manager, sql`SELECT count(*)::int AS n FROM learning_path_courses WHERE path_id = ${pathId}`);
    return row!.n;
  }
}
