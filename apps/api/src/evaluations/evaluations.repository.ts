import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { EvaluationItemKind, Locale } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { query, sql } from '../common/sql.js';
import { editableCondition } from '../courses/course-access.js';
import type { EvaluationAnswer } from './evaluation-response.entity.js';

/** A course as its evaluation needs it, seen by one user: may they edit it, and their enrolment in it. */
export interface EvaluationCourseRow {
  id: string;
  language: Locale;
  canEdit: boolean;
  /** Their current cycle's enrolment (active or completed), if any: each cycle answers once. */
  enrolmentId: string | null;
  /** Completed, or every required lesson done or attempted: the end is reached. */
  open: boolean;
  answered: boolean;
}

export interface EvaluationItemRow {
  id: string;
  kind: EvaluationItemKind;
  prompt: string;
}

/** What the responses say of one item: how many answered it, its ratings, its texts. */
export interface EvaluationTallyRow {
  itemId: string;
  count: number;
  /** numeric as text; null without ratings. */
  mean: string | null;
  /** How many rated 1, 2, 3, 4 and 5. */
  distribution: number[];
  texts: string[];
}

/** Every statement about evaluations: their items, the anonymous responses, who has answered. */
@Injectable()
export class EvaluationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async course(
    user: SessionUser,
    courseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EvaluationCourseRow | undefined> {
    const [row] = await query<EvaluationCourseRow>(
      manager,
      sql`SELECT c.id, c.language, ${editableCondition(user)} AS "canEdit", e.id AS "enrolmentId",
                 coalesce(e.status = 'completed' OR NOT EXISTS (
                   SELECT 1 FROM lessons l
                    WHERE l.course_id = c.id AND l.required
                      AND NOT EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.enrolment_id = e.id AND lp.lesson_id = l.id)
                      AND NOT EXISTS (SELECT 1 FROM quiz_attempts qa WHERE qa.enrolment_id = e.id AND qa.lesson_id = l.id)), false) AS open,
                 EXISTS (SELECT 1 FROM evaluation_submissions s WHERE s.enrolment_id = e.id) AS answered
            FROM courses c
            LEFT JOIN enrolments e
              ON e.course_id = c.id AND e.user_id = ${user.id} AND e.status IN ('active', 'completed') AND e.superseded_at IS NULL
           WHERE c.id = ${courseId}`,
    );
    return row;
  }

  /** Locks the course for a change of its questionnaire, when the user may edit it. */
  async lockEditable(user: SessionUser, courseId: string, manager: EntityManager): Promise<{ id: string; language: Locale } | undefined> {
    const [row] = await query<{ id: string; language: Locale }>(
      manager,
      sql`SELECT c.id, c.language FROM courses c WHERE c.id = ${courseId} AND ${editableCondition(user)} FOR UPDATE`,
    );
    return row;
  }

  async items(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<EvaluationItemRow[]> {
    return query<EvaluationItemRow>(
      manager,
      sql`SELECT id, kind, prompt FROM evaluation_items WHERE course_id = ${courseId} ORDER BY position`,
    );
  }

  /** The questionnaire becomes `items`, in their order: items kept by id, new ones added, the others removed. */
  async replaceItems(
    courseId: string,
    items: Array<{ id?: string; kind: EvaluationItemKind; prompt: string }>,
    manager: EntityManager,
  ): Promise<void> {
    const kept = items.flatMap((item) => (item.id ? [item.id] : []));
    await query(manager, sql`DELETE FROM evaluation_items WHERE course_id = ${courseId} AND NOT (id = ANY (${kept}::uuid[]))`);
    for (const [position, item] of items.entries()) {
      await query(
        manager,
        sql`INSERT INTO evaluation_items (id, course_id, position, kind, prompt)
            VALUES (coalesce(${item.id ?? null}::uuid, gen_random_uuid()), ${courseId}, ${position}, ${item.kind}, ${item.prompt})
            ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, kind = EXCLUDED.kind, prompt = EXCLUDED.prompt
             WHERE evaluation_items.course_id = EXCLUDED.course_id`,
      );
    }
  }

  /** Records that the enrolment has answered; false when it already had. */
  async markAnswered(enrolmentId: string, manager: EntityManager): Promise<boolean> {
    const rows = await query(
      manager,
      sql`INSERT INTO evaluation_submissions (enrolment_id, month) VALUES (${enrolmentId}, date_trunc('month', now())::date)
          ON CONFLICT DO NOTHING RETURNING enrolment_id`,
    );
    return rows.length > 0;
  }

  /** The answers alone: nothing in the row says whose they are. */
  async insertResponse(courseId: string, answers: EvaluationAnswer[], manager: EntityManager): Promise<void> {
    await query(
      manager,
      sql`INSERT INTO evaluation_responses (course_id, month, answers)
          VALUES (${courseId}, date_trunc('month', now())::date, ${JSON.stringify(answers)})`,
    );
  }

  async responseCount(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await query<{ n: number }>(
      manager,
      sql`SELECT count(*)::int AS n FROM evaluation_responses WHERE course_id = ${courseId}`,
    );
    return row!.n;
  }

  /** Per item answered: the count, the ratings' mean and distribution, the texts in alphabetical order. */
  async tally(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<EvaluationTallyRow[]> {
    return query<EvaluationTallyRow>(
      manager,
      sql`SELECT a ->> 'itemId' AS "itemId", count(*)::int AS count,
                 round(avg((a ->> 'rating')::numeric), 2) AS mean,
                 ARRAY[count(*) FILTER (WHERE a ->> 'rating' = '1'), count(*) FILTER (WHERE a ->> 'rating' = '2'),
                       count(*) FILTER (WHERE a ->> 'rating' = '3'), count(*) FILTER (WHERE a ->> 'rating' = '4'),
                       count(*) FILTER (WHERE a ->> 'rating' = '5')]::int[] AS distribution,
                 coalesce(array_agg(a ->> 'text' ORDER BY a ->> 'text') FILTER (WHERE a ? 'text'), '{}') AS texts
            FROM evaluation_responses r CROSS JOIN LATERAL jsonb_array_elements(r.answers) a
           WHERE r.course_id = ${courseId}
           GROUP BY a ->> 'itemId'`,
    );
  }
}
