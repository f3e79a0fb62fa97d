import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { LessonKind } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { editableCondition } from '../courses/course-access.js';
import { LESSON_COLUMNS, type LessonRow } from '../courses/courses.repository.js';
import type { Quiz } from '../courses/lesson.entity.js';
import { query, rawSql, sql } from '../common/sql.js';
import type { EnrolmentRow } from '../enrolments/enrolments.repository.js';
import type { QuizAttemptResult } from './quiz-attempt.entity.js';
import type { QuizDrawEntry } from './quiz-draw.js';

/** A lesson with the reader's enrolment in its course (active or completed) and whether they may edit it. */
export interface ReaderLessonRow extends LessonRow {
  enrolmentId: string | null;
  canEdit: boolean;
}

export interface AttemptRow {
  attemptNumber: number;
  /** numeric: pg returns it as text. */
  score: string;
  passed: boolean;
  submittedAt: Date;
  timedOut: boolean;
  draw: QuizDrawEntry[] | null;
}

/** The attempt in progress: its draw, and whether it is past its deadline and grace. */
export interface DrawRow {
  attemptNumber: number;
  draw: QuizDrawEntry[];
  startedAt: Date;
  deadlineAt: Date | null;
  expired: boolean;
}

/** A learner's first attempt at a quiz, as item analysis reads it. */
export interface FirstAttemptRow {
  results: QuizAttemptResult[];
}

/** A learner's enrolment locked for a write, with what the write needs of the lesson. */
export interface LockedEnrolment {
  enrolmentId: string;
  courseId: string;
  kind: LessonKind;
  quiz: Quiz | null;
  /** Whether the course holds its lessons in order (LessonLock has more to check). */
  sequential: boolean;
}

export interface NewAttempt {
  enrolmentId: string;
  lessonId: string;
  attemptNumber: number;
  answers: unknown;
  score: number;
  passed: boolean;
  draw: QuizDrawEntry[];
  results: QuizAttemptResult[];
  startedAt: Date | null;
  timedOut: boolean;
}

/** Answers are taken this long past a timed quiz's deadline: the network, not the learner, may be slow. */
export const DEADLINE_GRACE = sql`interval '30 seconds'`;

/** Every statement of learning: reading lessons, recording progress and quiz attempts, completing enrolments. */
@Injectable()
export class LearningRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lessonForReader(
    user: SessionUser,
    lessonId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReaderLessonRow | undefined> {
    const [row] = await query<ReaderLessonRow>(
      manager,
      sql`SELECT ${LESSON_COLUMNS}, e.id AS "enrolmentId", ${editableCondition(user)} AS "canEdit"
            FROM lessons l
            JOIN courses c ON c.id = l.course_id
            LEFT JOIN enrolments e ON e.course_id = l.course_id AND e.user_id = ${user.id} AND e.superseded_at IS NULL
                                  AND e.status IN ('active', 'completed')
           WHERE l.id = ${lessonId}`,
    );
    return row;
  }

  async isDone(enrolmentId: string, lessonId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await query(manager, sql`SELECT 1 FROM lesson_progress WHERE enrolment_id = ${enrolmentId} AND lesson_id = ${lessonId}`);
    return rows.length > 0;
  }

  async attempts(enrolmentId: string, lessonId: string, manager: EntityManager = this.dataSource.manager): Promise<AttemptRow[]> {
    return query<AttemptRow>(
      manager,
      sql`SELECT attempt_number AS "attemptNumber", score, passed, submitted_at AS "submittedAt", timed_out AS "timedOut", draw
            FROM quiz_attempts WHERE enrolment_id = ${enrolmentId} AND lesson_id = ${lessonId} ORDER BY attempt_number`,
    );
  }

  /**
   * The learner's enrolment for a lesson's course, locked for this transaction (progress on one
   * enrolment is written one request at a time), with what a write needs of the lesson: one
   * statement. Undefined when the user is not enrolled (active or completed).
   *
   * `recordActivity` stamps the enrolment's last activity in the same statement. A caller that
   * goes on to `settle` passes false: settle stamps it in its own UPDATE, so the enrolment row is
   * written (and the report's statement trigger on enrolments fires) once per request, not twice.
   */
  async lockForLearner(
    userId: string,
    lessonId: string,
    manager: EntityManager,
    { recordActivity }: { recordActivity: boolean },
  ): Promise<LockedEnrolment | undefined> {
    const enrolled = sql`l.id = ${lessonId} AND e.course_id = l.course_id AND e.user_id = ${userId} AND e.superseded_at IS NULL
                         AND e.status IN ('active', 'completed')`;
    const [row] = await query<LockedEnrolment>(
      manager,
      recordActivity
        ? sql`UPDATE enrolments e SET last_activity_at = now() FROM lessons l JOIN courses c ON c.id = l.course_id WHERE ${enrolled}
              RETURNING e.id AS "enrolmentId", e.course_id AS "courseId", l.kind, l.quiz, c.sequential`
        : sql`SELECT e.id AS "enrolmentId", e.course_id AS "courseId", l.kind, l.quiz, c.sequential
                FROM enrolments e JOIN lessons l ON ${enrolled} JOIN courses c ON c.id = l.course_id
                 FOR UPDATE OF e`,
    );
    return row;
  }

  /**
   * Where the learner stands on a quiz, in one statement: how many attempts are recorded, whether
   * one passed, and the attempt in progress (its draw), if any. Run it after lockForLearner, in its
   * transaction: in a statement of its own, so it sees every attempt committed before the lock.
   */
  async attemptState(
    enrolmentId: string,
    lessonId: string,
    manager: EntityManager,
  ): Promise<{ count: number; passed: boolean; draw: DrawRow | undefined }> {
    const [row] = await query<{ count: number; passed: boolean } & { [K in keyof DrawRow]: DrawRow[K] | null }>(
      manager,
      sql`SELECT t.count, t.passed, d.attempt_number AS "attemptNumber", d.draw, d.started_at AS "startedAt",
                 d.deadline_at AS "deadlineAt", coalesce(now() > d.deadline_at + ${DEADLINE_GRACE}, false) AS expired
            FROM (SELECT count(*)::int AS count, coalesce(bool_or(passed), false) AS passed
                    FROM quiz_attempts WHERE enrolment_id = ${enrolmentId} AND lesson_id = ${lessonId}) t
            LEFT JOIN quiz_draws d ON d.enrolment_id = ${enrolmentId} AND d.lesson_id = ${lessonId}`,
    );
    const { count, passed, attemptNumber, draw, startedAt, deadlineAt, expired } = row!;
    return {
      count,
      passed,
      draw: attemptNumber === null ? undefined : { attemptNumber, draw: draw!, startedAt: startedAt!, deadlineAt, expired: expired! },
    };
  }

  async insertAttempt(attempt: NewAttempt, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(
      manager,
      sql`INSERT INTO quiz_attempts (enrolment_id, lesson_id, attempt_number, answers, score, passed, draw, results, started_at, timed_out)
          VALUES (${attempt.enrolmentId}, ${attempt.lessonId}, ${attempt.attemptNumber}, ${JSON.stringify(attempt.answers)},
                  ${attempt.score}, ${attempt.passed}, ${JSON.stringify(attempt.draw)}, ${JSON.stringify(attempt.results)},
                  ${attempt.startedAt}, ${attempt.timedOut})`,
    );
  }

  async currentDraw(enrolmentId: string, lessonId: string, manager: EntityManager = this.dataSource.manager): Promise<DrawRow | undefined> {
    const [row] = await query<DrawRow>(
      manager,
      sql`SELECT attempt_number AS "attemptNumber", draw, started_at AS "startedAt", deadline_at AS "deadlineAt",
                 coalesce(now() > deadline_at + ${DEADLINE_GRACE}, false) AS expired
            FROM quiz_draws WHERE enrolment_id = ${enrolmentId} AND lesson_id = ${lessonId}`,
    );
    return row;
  }

  /**
   * Stores a draw as the attempt in progress unless one is already there, and returns the one that
   * is: two first reads racing draw twice, and the primary key keeps the first.
   */
  async insertDraw(
    draw: { enrolmentId: string; lessonId: string; attemptNumber: number; draw: QuizDrawEntry[]; timeLimitMinutes: number | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DrawRow> {
    await query<never>(
      manager,
      sql`INSERT INTO quiz_draws (enrolment_id, lesson_id, attempt_number, draw, deadline_at)
          VALUES (${draw.enrolmentId}, ${draw.lessonId}, ${draw.attemptNumber}, ${JSON.stringify(draw.draw)},
                  now() + make_interval(mins => ${draw.timeLimitMinutes}::int))
          ON CONFLICT DO NOTHING`,
    );
    return (await this.currentDraw(draw.enrolmentId, draw.lessonId, manager))!;
  }

  async deleteDraw(enrolmentId: string, lessonId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM quiz_draws WHERE enrolment_id = ${enrolmentId} AND lesson_id = ${lessonId}`);
  }

  /** Each enrolment's first attempt at the quiz with its results (recorded since draws were), timed-out ones left out. */
  async firstAttempts(lessonId: string, manager: EntityManager = this.dataSource.manager): Promise<FirstAttemptRow[]> {
    return query<FirstAttemptRow>(
      manager,
      sql`SELECT results FROM quiz_attempts
           WHERE lesson_id = ${lessonId} AND attempt_number = 1 AND results IS NOT NULL AND NOT timed_out
           ORDER BY submitted_at`,
    );
  }

  /**
   * Records `doneLessonId` (if any) as done, stamps the enrolment's last activity, and completes it
   * when every required lesson is (learning_tally), with its final score (learning_final_score), in
   * one statement; returns the enrolment as it now is. Run it in the transaction of lockForLearner,
   * on what that returned: its snapshot is taken under the enrolment's row lock, so it sees every
   * earlier completion on the enrolment, and two racing requests cannot both miss the last lesson
   * or both complete it.
   */
  async settle(
    enrolment: { enrolmentId: string; courseId: string },
    doneLessonId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EnrolmentRow & { justCompleted: boolean }> {
    const { enrolmentId, courseId } = enrolment;
    // The INSERT is not visible to the rest of the statement: learning_tally counts it as also done.
    // The outer SELECT reads enrolments as they were before the UPDATE (one snapshot for the whole
    // statement): `e` is the row before, `u` after, so "just completed" is active before, completed after.
    const completing = rawSql(`t.all_done AND e.status = 'active'`);
    const [row] = await query<EnrolmentRow & { justCompleted: boolean }>(
      manager,
      sql`WITH done_now AS (
            INSERT INTO lesson_progress (enrolment_id, lesson_id)
            SELECT ${enrolmentId}::uuid, ${doneLessonId}::uuid WHERE ${doneLessonId}::uuid IS NOT NULL ON CONFLICT DO NOTHING
          ),
          tally AS (
            SELECT * FROM learning_tally(${enrolmentId}, ${courseId}, ${doneLessonId}::uuid)
          ),
          updated AS (
            UPDATE enrolments e
               SET last_activity_at = now(),
                   status = CASE WHEN ${completing} THEN 'completed' ELSE e.status END,
                   completed_at = CASE WHEN ${completing} THEN now() ELSE e.completed_at END,
                   final_score = CASE WHEN ${completing} THEN (SELECT f.final_score FROM learning_final_score(e.id) f) ELSE e.final_score END
              FROM tally t
             WHERE e.id = ${enrolmentId}
             RETURNING e.id, e.status, e.completed_at, e.final_score, e.last_activity_at
          )
          SELECT e.id, e.course_id AS "courseId", e.user_id AS "userId", u.status, e.source,
                 e.enrolled_at AS "enrolledAt", u.completed_at AS "completedAt",
                 u.final_score AS "finalScore", u.last_activity_at AS "lastActivityAt",
                 e.cycle, e.superseded_at AS "supersededAt", t.required, t.done,
                 (e.status = 'active' AND u.status = 'completed') AS "justCompleted"
            FROM enrolments e CROSS JOIN tally t JOIN updated u ON u.id = e.id
           WHERE e.id = ${enrolmentId}`,
    );
    return row!;
  }

  /**
   * Keeps a pre-test or post-test score on the enrolment, the first one only (and, for the
   * post-test, when it was taken). Run it in the attempt's transaction, under the enrolment's lock.
   */
  async keepFirstTestScore(
    enrolmentId: string,
    purpose: 'pre_test' | 'post_test',
    score: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await query(
      manager,
      purpose === 'pre_test'
        ? sql`UPDATE enrolments SET pre_test_score = coalesce(pre_test_score, ${score}) WHERE id = ${enrolmentId}`
        : sql`UPDATE enrolments SET post_test_score = coalesce(post_test_score, ${score}), post_test_at = coalesce(post_test_at, now())
               WHERE id = ${enrolmentId}`,
    );
  }
}
