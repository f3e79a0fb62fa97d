import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CourseStatus, EnrolmentPolicy, EnrolmentSource, EnrolmentStatus, Locale, TranslationStatus } from '@ctlp/contracts';
import type { SessionUser } from '../access/access.decorator.js';
import { editableCondition, retakeCondition } from '../courses/course-access.js';
import { query, rawSql, sql } from '../common/sql.js';
import type { CourseCover } from '../courses/course-cover.js';

export interface EnrolmentRow {
  id: string;
  courseId: string;
  userId: string;
  status: EnrolmentStatus;
  source: EnrolmentSource;
  enrolledAt: Date;
  completedAt: Date | null;
  /** numeric: pg returns it as text. */
  finalScore: string | null;
  lastActivityAt: Date | null;
  cycle: number;
  supersededAt: Date | null;
  /** The course's required lessons and how many of them are done (learning_tally, learning-rules SQL). */
  required: number;
  done: number;
}

/** The select list of an EnrolmentRow from alias e joined to its TALLY. */
const ENROLMENT_COLUMNS = rawSql(`e.id, e.course_id AS "courseId", e.user_id AS "userId", e.status, e.source, e.enrolled_at AS "enrolledAt",
  e.completed_at AS "completedAt", e.final_score AS "finalScore", e.last_activity_at AS "lastActivityAt", e.cycle, e.superseded_at AS "supersededAt", t.required, t.done`);

/** An earlier cycle of a learner's enrolment, with the certificate it earned. */
export interface PastCycleRow {
  cycle: number;
  enrolledAt: string;
  completedAt: string | null;
  certificateSerial: string | null;
  certificateExpiresAt: string | null;
  certificateRevokedAt: string | null;
  /** A later cycle earned a certificate. */
  certificateSuperseded: boolean;
}
const TALLY = rawSql(`CROSS JOIN LATERAL learning_tally(e.id, e.course_id, NULL) t`);

/** An enrolment of the learner's own, with the course it is in. */
export interface MyEnrolmentRow extends EnrolmentRow {
  courseSlug: string;
  courseTitle: string;
  courseSummary: string;
  courseLanguage: Locale;
  courseTopics: string[];
  courseEstimatedMinutes: number;
  courseEnrolmentPolicy: EnrolmentPolicy;
  courseStatus: CourseStatus;
  coursePublishedAt: Date | null;
  nextLessonId: string | null;
  courseCover: CourseCover | null;
  courseFamilyId: string;
  courseTranslationStatus: TranslationStatus;
  /** The current cycle's certificate expired: "Take it again". */
  canRetake: boolean;
  /** The earlier cycles, newest first (json: timestamps as text). */
  pastCycles: PastCycleRow[];
}

/** An enrolment in a course, with the learner and their certificate, for the course's trainers. */
export interface LearnerRow extends EnrolmentRow {
  fullName: string;
  email: string;
  memberState: string;
  institution: string;
  certificateId: string | null;
  certificateSerial: string | null;
  certificateRevokedAt: Date | null;
}

/** An active account named in a bulk enrolment. */
export interface BulkAccountRow {
  id: string;
  email: string;
  fullName: string;
  locale: Locale;
  enrolled: boolean;
}

/** An enrolment a bulk enrolment made, with the course its invitation names. */
export interface BulkEnrolledRow {
  id: string;
  userId: string;
  enrolledAt: Date;
  courseSlug: string;
  courseTitle: string;
}

/** Every statement about enrolments: who is enrolled where, requests and decisions, bulk enrolment. */
@Injectable()
export class EnrolmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<EnrolmentRow | undefined> {
    const [row] = await query<EnrolmentRow>(manager, sql`SELECT ${ENROLMENT_COLUMNS} FROM enrolments e ${TALLY} WHERE e.id = ${id}`);
    return row;
  }

  /**
   * The user's current enrolment in the course, locked for this transaction, and whether its
   * certificate has expired (a new cycle may start). A request that waited for the lock while
   * another started a new cycle finds nothing: the row it waited for is superseded now.
   */
  async lockOwn(
    userId: string,
    courseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; status: EnrolmentStatus; cycle: number; canRetake: boolean } | undefined> {
    const [row] = await query<{ id: string; status: EnrolmentStatus; cycle: number; canRetake: boolean }>(
      manager,
      sql`SELECT e.id, e.status, e.cycle, ${retakeCondition('e')} AS "canRetake" FROM enrolments e
           WHERE e.user_id = ${userId} AND e.course_id = ${courseId} AND e.superseded_at IS NULL FOR UPDATE OF e`,
    );
    return row;
  }

  async idOf(userId: string, courseId: string, manager: EntityManager = this.dataSource.manager): Promise<string | undefined> {
    const [row] = await query<{ id: string }>(
      manager,
      sql`SELECT id FROM enrolments WHERE user_id = ${userId} AND course_id = ${courseId} AND superseded_at IS NULL`,
    );
    return row?.id;
  }

  /**
   * Enrols the user by their own request, or renews a withdrawn enrolment; undefined when another
   * request enrolled them first (the unique (user, course) index settles the race).
   */
  async enrolSelf(
    courseId: string,
    userId: string,
    status: 'active' | 'pending',
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | undefined> {
    const [row] = await query<{ id: string }>(
      manager,
      sql`INSERT INTO enrolments (course_id, user_id, status, source) VALUES (${courseId}, ${userId}, ${status}, 'self')
          ON CONFLICT (user_id, course_id) WHERE superseded_at IS NULL DO UPDATE SET status = EXCLUDED.status, enrolled_at = now()
            WHERE enrolments.status = 'withdrawn'
          RETURNING id`,
    );
    return row?.id;
  }

  /**
   * Supersedes the user's current cycle `currentId` (locked by lockOwn) and starts the next one,
   * empty, in one statement: the caller's transaction holds the old row's lock, so a racing request
   * waits and then finds this new cycle as the current one.
   */
  async startNextCycle(currentId: string, status: 'active' | 'pending', manager: EntityManager = this.dataSource.manager): Promise<string> {
    const [row] = await query<{ id: string }>(
      manager,
      sql`WITH old AS (
            UPDATE enrolments SET superseded_at = now() WHERE id = ${currentId} AND superseded_at IS NULL
            RETURNING user_id, course_id, cycle)
          INSERT INTO enrolments (course_id, user_id, status, source, cycle)
          SELECT old.course_id, old.user_id, ${status}, 'self', old.cycle + 1 FROM old
          RETURNING id`,
    );
    return row!.id;
  }

  /** The user's pending, active and completed enrolments, most recently active first. */
  async ofLearner(userId: string, manager: EntityManager = this.dataSource.manager): Promise<MyEnrolmentRow[]> {
    return query<MyEnrolmentRow>(
      manager,
      sql`SELECT ${ENROLMENT_COLUMNS}, c.slug AS "courseSlug", c.title AS "courseTitle", c.summary AS "courseSummary",
                 c.language AS "courseLanguage", c.topics AS "courseTopics", c.estimated_minutes AS "courseEstimatedMinutes",
                 c.enrolment_policy AS "courseEnrolmentPolicy", c.status AS "courseStatus", c.published_at AS "coursePublishedAt",
                 -- Where "Resume" goes: the first lesson in outline order not done yet, else the first (as the course page does).
                 (SELECT l.id FROM lessons l JOIN course_modules m ON m.id = l.module_id
                   WHERE l.course_id = e.course_id
                   ORDER BY EXISTS (SELECT 1 FROM lesson_progress p WHERE p.enrolment_id = e.id AND p.lesson_id = l.id),
                            m.position, m.id, l.position, l.id
                   LIMIT 1) AS "nextLessonId",
                 c.cover AS "courseCover", c.family_id AS "courseFamilyId", c.translation_status AS "courseTranslationStatus",
                 ${retakeCondition('e')} AS "canRetake",
                 coalesce((SELECT json_agg(json_build_object('cycle', p.cycle, 'enrolledAt', p.enrolled_at, 'completedAt', p.completed_at,
                                                             'certificateSerial', pc.serial, 'certificateExpiresAt', pc.expires_at,
                                                             'certificateRevokedAt', pc.revoked_at,
                                                             'certificateSuperseded', EXISTS (
                                                               SELECT 1 FROM enrolments n JOIN certificates nc ON nc.enrolment_id = n.id
                                                                WHERE n.user_id = p.user_id AND n.course_id = p.course_id AND n.cycle > p.cycle))
                                      ORDER BY p.cycle DESC)
                             FROM enrolments p LEFT JOIN certificates pc ON pc.enrolment_id = p.id
                            WHERE p.user_id = e.user_id AND p.course_id = e.course_id AND p.superseded_at IS NOT NULL), '[]') AS "pastCycles"
            FROM enrolments e ${TALLY} JOIN courses c ON c.id = e.course_id
           WHERE e.user_id = ${userId} AND e.superseded_at IS NULL AND e.status IN ('pending', 'active', 'completed')
           ORDER BY coalesce(e.last_activity_at, e.enrolled_at) DESC`,
    );
  }

  /** Everyone enrolled in the course, by name: their current cycle. */
  async learners(courseId: string, manager: EntityManager = this.dataSource.manager): Promise<LearnerRow[]> {
    return query<LearnerRow>(
      manager,
      sql`SELECT ${ENROLMENT_COLUMNS}, u.full_name AS "fullName", u.email, u.member_state AS "memberState", u.institution,
                 ce.id AS "certificateId", ce.serial AS "certificateSerial", ce.revoked_at AS "certificateRevokedAt"
            FROM enrolments e ${TALLY} JOIN users u ON u.id = e.user_id LEFT JOIN certificates ce ON ce.enrolment_id = e.id
           WHERE e.course_id = ${courseId} AND e.superseded_at IS NULL
           ORDER BY u.full_name, u.id`,
    );
  }

  /** An enrolment in a course the user may edit, locked for this transaction. */
  async lockForTrainer(
    user: SessionUser,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; status: EnrolmentStatus; courseId: string; userId: string } | undefined> {
    const [row] = await query<{ id: string; status: EnrolmentStatus; courseId: string; userId: string }>(
      manager,
      sql`SELECT e.id, e.status, e.course_id AS "courseId", e.user_id AS "userId"
            FROM enrolments e JOIN courses c ON c.id = e.course_id
           WHERE e.id = ${id} AND ${editableCondition(user)}
             FOR UPDATE OF e`,
    );
    return row;
  }

  async setStatus(id: string, status: EnrolmentStatus, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`UPDATE enrolments SET status = ${status} WHERE id = ${id}`);
  }

  /** The active accounts with these emails, and whether each is already enrolled (active or completed) in the course. */
  async activeAccounts(emails: string[], courseId: string, manager: EntityManager = this.dataSource.manager): Promise<BulkAccountRow[]> {
    return query<BulkAccountRow>(
      manager,
      sql`SELECT u.id, u.email, u.full_name AS "fullName", u.locale, coalesce(e.status IN ('active', 'completed'), false) AS enrolled
            FROM users u LEFT JOIN enrolments e ON e.user_id = u.id AND e.course_id = ${courseId} AND e.superseded_at IS NULL
           WHERE u.email = ANY(${emails}) AND u.status = 'active'`,
    );
  }

  /**
   * Enrols the users as a trainer's bulk enrolment: new, or renewing a withdrawn, pending or
   * rejected enrolment. Returns those it enrolled, with the course their invitation names; the
   * others were enrolled meanwhile.
   */
  async enrolBulk(courseId: string, userIds: string[], manager: EntityManager = this.dataSource.manager): Promise<BulkEnrolledRow[]> {
    return query<BulkEnrolledRow>(
      manager,
      sql`WITH e AS (
            INSERT INTO enrolments (course_id, user_id, status, source)
            SELECT ${courseId}, unnest(${userIds}::uuid[]), 'active', 'bulk'
            ON CONFLICT (user_id, course_id) WHERE superseded_at IS NULL DO UPDATE SET status = 'active', source = 'bulk', enrolled_at = now()
              WHERE enrolments.status IN ('withdrawn', 'pending', 'rejected')
            RETURNING id, user_id, course_id, enrolled_at)
          SELECT e.id, e.user_id AS "userId", e.enrolled_at AS "enrolledAt", c.slug AS "courseSlug", c.title AS "courseTitle"
            FROM e JOIN courses c ON c.id = e.course_id`,
    );
  }
}
