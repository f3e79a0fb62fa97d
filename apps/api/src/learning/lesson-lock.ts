import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError } from '../common/app-error.js';
import { query, sql } from '../common/sql.js';
import { editableCondition } from '../courses/course-access.js';

/**
 * The order of a sequential course: a learner may open, complete or attempt a lesson only once
 * every required lesson before it (module order, then lesson order, as the outline shows them) is
 * done. Its trainers (and admins) are never held back. Called by each learning route: first by the
 * reads, and by the writes in their transaction, under the enrolment's lock.
 */
@Injectable()
export class LessonLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 409 lesson_locked naming the first required lesson still to do before this one; nothing for anyone else. */
  async assertUnlocked(user: SessionUser, lessonId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const [first] = await query<{ id: string; title: string }>(
      manager,
      sql`SELECT b.id, b.title
            FROM lessons l
            JOIN courses c ON c.id = l.course_id AND c.sequential
            JOIN course_modules m ON m.id = l.module_id
            JOIN enrolments e ON e.course_id = c.id AND e.user_id = ${user.id} AND e.superseded_at IS NULL
                              AND e.status IN ('active', 'completed')
            JOIN lessons b ON b.course_id = l.course_id AND b.required
            JOIN course_modules bm ON bm.id = b.module_id
           WHERE l.id = ${lessonId} AND NOT ${editableCondition(user)}
             AND (bm.position, bm.id, b.position, b.id) < (m.position, m.id, l.position, l.id)
             AND NOT EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.enrolment_id = e.id AND lp.lesson_id = b.id)
           ORDER BY bm.position, bm.id, b.position, b.id
           LIMIT 1`,
    );
    if (first) throw new AppError('lesson_locked', { params: { lessonId: first.id, title: first.title } });
  }
}
