import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/access.decorator.js';
import { AppError, NotFoundError, ValidationError } from '../common/app-error.js';
import { audienceCondition, editableCondition } from '../courses/course-access.js';
import { toSummary } from '../courses/courses.service.js';
import { CourseEntity } from '../courses/course.entity.js';
import {
  ENROLMENT_COLUMNS,
  toEnrolmentDto,
  type BulkEnrolmentReportDto,
  type EnrolmentDto,
  type EnrolmentRow,
  type LearnerDto,
  type MyEnrolmentItemDto,
} from './dto/enrolment.dto.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Where csv-parse stopped reading, when it says. */
function csvErrorLine(error: unknown): { line: number } | undefined {
  const line = (error as { lines?: unknown }).lines;
  return typeof line === 'number' ? { line } : undefined;
}

@Injectable()
export class EnrolmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async byId(manager: EntityManager, id: string): Promise<EnrolmentDto> {
    const [row] = await manager.query(`SELECT ${ENROLMENT_COLUMNS} FROM enrolments e WHERE e.id = $1`, [id]);
    return toEnrolmentDto(row as EnrolmentRow);
  }

  /**
   * An active official enrols: at once in an open course, as a request in an approval course.
   * Enrolling again returns the enrolment there is; the unique (user, course) index settles races.
   */
  async enrolSelf(user: SessionUser, courseId: string): Promise<{ enrolment: EnrolmentDto; created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const audience = audienceCondition(user);
      const course = await manager
        .getRepository(CourseEntity)
        .createQueryBuilder('c')
        .where('c.id = :courseId', { courseId })
        .andWhere(`c.status = 'published'`)
        .andWhere(audience.sql, audience.params)
        .getOne();
      if (!course) throw new NotFoundError('course');
      const [existing] = await manager.query(`SELECT id, status FROM enrolments WHERE user_id = $1 AND course_id = $2 FOR UPDATE`, [
        user.id,
        courseId,
      ]);
      if (existing && existing.status !== 'withdrawn') {
        if (existing.status === 'rejected') throw new AppError('enrolment_rejected');
        return { enrolment: await this.byId(manager, existing.id), created: false };
      }
      if (course.enrolmentPolicy === 'invitation') {
        throw new AppError('invitation_only');
      }
      const status = course.enrolmentPolicy === 'open' ? 'active' : 'pending';
      const [row] = await manager.query(
        `INSERT INTO enrolments (course_id, user_id, status, source) VALUES ($1, $2, $3, 'self')
         ON CONFLICT (user_id, course_id) DO UPDATE SET status = EXCLUDED.status, enrolled_at = now()
           WHERE enrolments.status = 'withdrawn'
         RETURNING id`,
        [courseId, user.id, status],
      );
      if (!row) {
        const [raced] = await manager.query(`SELECT id FROM enrolments WHERE user_id = $1 AND course_id = $2`, [user.id, courseId]);
        return { enrolment: await this.byId(manager, raced.id), created: false };
      }
      return { enrolment: await this.byId(manager, row.id), created: true };
    });
  }

  async mine(user: SessionUser): Promise<MyEnrolmentItemDto[]> {
    const rows: Array<EnrolmentRow & { course: CourseEntity }> = await this.dataSource.query(
      `SELECT ${ENROLMENT_COLUMNS}, row_to_json(c) AS course_json
         FROM enrolments e JOIN courses c ON c.id = e.course_id
        WHERE e.user_id = $1 AND e.status IN ('pending', 'active', 'completed')
        ORDER BY coalesce(e.last_activity_at, e.enrolled_at) DESC`,
      [user.id],
    );
    return rows.map((row) => {
      const c = (row as unknown as { course_json: Record<string, unknown> }).course_json;
      return {
        ...toEnrolmentDto(row),
        course: toSummary({
          id: c.id,
          slug: c.slug,
          title: c.title,
          summary: c.summary,
          language: c.language,
          topics: c.topics,
          estimatedMinutes: c.estimated_minutes,
          enrolmentPolicy: c.enrolment_policy,
          status: c.status,
          publishedAt: c.published_at ? new Date(c.published_at as string) : null,
        } as CourseEntity),
      };
    });
  }

  /** The course's learners with their progress, for its trainers. */
  async learners(user: SessionUser, courseId: string): Promise<LearnerDto[]> {
    await this.assertEditable(this.dataSource.manager, user, courseId);
    const rows: Array<
      EnrolmentRow & {
        full_name: string;
        email: string;
        member_state: string;
        institution: string;
        certificate_id: string | null;
        serial: string | null;
        revoked_at: Date | null;
      }
    > = await this.dataSource.query(
      `SELECT ${ENROLMENT_COLUMNS}, u.full_name, u.email, u.member_state, u.institution, ce.id AS certificate_id, ce.serial, ce.revoked_at
         FROM enrolments e JOIN users u ON u.id = e.user_id LEFT JOIN certificates ce ON ce.enrolment_id = e.id
        WHERE e.course_id = $1
        ORDER BY u.full_name, u.id`,
      [courseId],
    );
    return rows.map((row) => ({
      ...toEnrolmentDto(row),
      fullName: row.full_name,
      email: row.email,
      memberState: row.member_state,
      institution: row.institution,
      certificate: row.certificate_id
        ? { id: row.certificate_id, serial: row.serial!, revokedAt: row.revoked_at?.toISOString() ?? null }
        : null,
    }));
  }

  async decide(user: SessionUser, enrolmentId: string, decision: 'approve' | 'reject'): Promise<EnrolmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const editable = editableCondition(user);
      const [row] = await manager
        .createQueryBuilder()
        .select(['e.id AS id', 'e.status AS status', 'e.course_id AS course_id', 'e.user_id AS user_id'])
        .from('enrolments', 'e')
        .innerJoin('courses', 'c', 'c.id = e.course_id')
        .where('e.id = :enrolmentId', { enrolmentId })
        .andWhere(editable.sql, editable.params)
        .setLock('pessimistic_write', undefined, ['e'])
        .getRawMany();
      if (!row) throw new NotFoundError('enrolment');
      if (row.status !== 'pending') throw new AppError('enrolment_already_decided', { params: { status: row.status } });
      await manager.query(`UPDATE enrolments SET status = $2 WHERE id = $1`, [enrolmentId, decision === 'approve' ? 'active' : 'rejected']);
      await this.audit.record(manager, {
        actorId: user.id,
        action: decision === 'approve' ? 'enrolment.approved' : 'enrolment.rejected',
        subjectType: 'enrolment',
        subjectId: enrolmentId,
        data: { courseId: row.course_id, userId: row.user_id },
      });
      return this.byId(manager, enrolmentId);
    });
  }

  /**
   * Enrols the active accounts named in a CSV's `email` column. Running the same file again
   * changes nothing: those rows come back as already enrolled.
   */
  async bulk(user: SessionUser, courseId: string, csv: unknown): Promise<BulkEnrolmentReportDto> {
    if (typeof csv !== 'string' || csv.trim() === '') throw ValidationError.field('file', 'file_required');
    let records: Array<Record<string, string>>;
    try {
      records = parse(csv.replace(/^\uFEFF/, ''), {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      });
    } catch (error) {
      throw ValidationError.field('file', 'csv_unreadable', csvErrorLine(error));
    }
    if (records.length > 5000) throw ValidationError.field('file', 'csv_too_many_rows', { max: 5000 });
    if (records.length && !('email' in records[0]!)) throw ValidationError.field('file', 'csv_column_missing', { column: 'email' });
    const report: BulkEnrolmentReportDto = { enrolled: [], alreadyEnrolled: [], unknown: [], invalid: [] };
    const emails = [...new Set(records.map((record) => (record.email ?? '').toLowerCase()))];
    const valid = emails.filter((email) => EMAIL.test(email));
    report.invalid = emails.filter((email) => !EMAIL.test(email));
    return this.dataSource.transaction(async (manager) => {
      await this.assertEditable(manager, user, courseId);
      const found: Array<{ id: string; email: string; enrolled: boolean }> = await manager.query(
        `SELECT u.id, u.email, coalesce(e.status IN ('active', 'completed'), false) AS enrolled
           FROM users u LEFT JOIN enrolments e ON e.user_id = u.id AND e.course_id = $2
          WHERE u.email = ANY($1) AND u.status = 'active'`,
        [valid, courseId],
      );
      const byEmail = new Map(found.map((row) => [row.email, row]));
      const toEnrol = found.filter((row) => !row.enrolled);
      if (toEnrol.length) {
        const inserted: Array<{ user_id: string }> = await manager.query(
          `INSERT INTO enrolments (course_id, user_id, status, source)
           SELECT $1, unnest($2::uuid[]), 'active', 'bulk'
           ON CONFLICT (user_id, course_id) DO UPDATE SET status = 'active', source = 'bulk', enrolled_at = now()
             WHERE enrolments.status IN ('withdrawn', 'pending', 'rejected')
           RETURNING user_id`,
          [courseId, toEnrol.map((row) => row.id)],
        );
        const insertedIds = new Set(inserted.map((row) => row.user_id));
        for (const row of toEnrol) (insertedIds.has(row.id) ? report.enrolled : report.alreadyEnrolled).push(row.email);
      }
      for (const email of valid) {
        const row = byEmail.get(email);
        if (!row) report.unknown.push(email);
        else if (row.enrolled) report.alreadyEnrolled.push(email);
      }
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'enrolment.bulk',
        subjectType: 'course',
        subjectId: courseId,
        data: {
          enrolled: report.enrolled.length,
          alreadyEnrolled: report.alreadyEnrolled.length,
          unknown: report.unknown.length,
          invalid: report.invalid.length,
        },
      });
      return report;
    });
  }

  private async assertEditable(manager: EntityManager, user: SessionUser, courseId: string): Promise<void> {
    const editable = editableCondition(user);
    const found = await manager
      .getRepository(CourseEntity)
      .createQueryBuilder('c')
      .where('c.id = :courseId', { courseId })
      .andWhere(editable.sql, editable.params)
      .getExists();
    if (!found) throw new NotFoundError('course');
  }
}
