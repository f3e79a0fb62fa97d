import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, NotFoundError, ValidationError } from '../common/app-error.js';
import { CoursesRepository } from '../courses/courses.repository.js';
import { MailService } from '../mail/mail.service.js';
import type { BulkEnrolmentReportDto, EnrolmentDto, LearnerDto, MyEnrolmentItemDto } from './dto/enrolment.dto.js';
import { toEnrolmentDto, toLearnerDto, toMyEnrolmentItemDto } from './enrolment-dto.js';
import { EnrolmentsRepository } from './enrolments.repository.js';

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
    private readonly enrolments: EnrolmentsRepository,
    private readonly courses: CoursesRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  /** The enrolment as the API shows it, read in the caller's transaction. */
  async byId(id: string, manager?: EntityManager): Promise<EnrolmentDto> {
    return toEnrolmentDto((await this.enrolments.byId(id, manager))!);
  }

  /**
   * An active official enrols: at once in an open course, as a request in an approval course.
   * Enrolling again returns the enrolment there is; the unique (user, course) index settles races.
   * Once the current cycle's certificate has expired, enrolling again starts the next cycle
   * (recertification): the old one is superseded and kept, the new one starts empty.
   */
  async enrolSelf(user: SessionUser, courseId: string): Promise<{ enrolment: EnrolmentDto; created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const course = await this.courses.enrollable(user, courseId, manager);
      if (!course) throw new NotFoundError('course');
      const existing = await this.enrolments.lockOwn(user.id, courseId, manager);
      if (existing?.canRetake) {
        // Whoever was admitted before (invited included) may renew; an approval course asks again.
        const id = await this.enrolments.startNextCycle(existing.id, course.enrolmentPolicy === 'approval' ? 'pending' : 'active', manager);
        await this.audit.record(manager, {
          actorId: user.id,
          action: 'enrolment.new_cycle',
          subjectType: 'enrolment',
          subjectId: id,
          data: { courseId, previousEnrolmentId: existing.id, cycle: existing.cycle + 1 },
        });
        return { enrolment: await this.byId(id, manager), created: true };
      }
      if (existing && existing.status !== 'withdrawn') {
        if (existing.status === 'rejected') throw new AppError('enrolment_rejected');
        return { enrolment: await this.byId(existing.id, manager), created: false };
      }
      if (course.enrolmentPolicy === 'invitation') {
        throw new AppError('invitation_only');
      }
      await this.assertPrerequisitesMet(user, courseId, manager);
      const id = await this.enrolments.enrolSelf(courseId, user.id, course.enrolmentPolicy === 'open' ? 'active' : 'pending', manager);
      if (!id) {
        const raced = await this.enrolments.idOf(user.id, courseId, manager);
        return { enrolment: await this.byId(raced!, manager), created: false };
      }
      return { enrolment: await this.byId(id, manager), created: true };
    });
  }

  async mine(user: SessionUser): Promise<MyEnrolmentItemDto[]> {
    return (await this.enrolments.ofLearner(user.id)).map(toMyEnrolmentItemDto);
  }

  /** The course's learners with their progress, for its trainers. */
  async learners(user: SessionUser, courseId: string): Promise<LearnerDto[]> {
    await this.assertEditable(user, courseId);
    return (await this.enrolments.learners(courseId)).map(toLearnerDto);
  }

  /**
   * The same list for a CSV download: names, emails and institutions leave the platform, so the
   * export is recorded (who, which course, how many rows) before the file is sent.
   */
  async learnersExport(user: SessionUser, courseId: string): Promise<LearnerDto[]> {
    const items = await this.learners(user, courseId);
    await this.audit.record(this.dataSource.manager, {
      actorId: user.id,
      action: 'learners.exported',
      subjectType: 'course',
      subjectId: courseId,
      data: { format: 'csv', rows: items.length, filters: {} },
    });
    return items;
  }

  async decide(user: SessionUser, enrolmentId: string, decision: 'approve' | 'reject'): Promise<EnrolmentDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.enrolments.lockForTrainer(user, enrolmentId, manager);
      if (!row) throw new NotFoundError('enrolment');
      if (row.status !== 'pending') throw new AppError('enrolment_already_decided', { params: { status: row.status } });
      await this.enrolments.setStatus(enrolmentId, decision === 'approve' ? 'active' : 'rejected', manager);
      await this.audit.record(manager, {
        actorId: user.id,
        action: decision === 'approve' ? 'enrolment.approved' : 'enrolment.rejected',
        subjectType: 'enrolment',
        subjectId: enrolmentId,
        data: { courseId: row.courseId, userId: row.userId },
      });
      return this.byId(enrolmentId, manager);
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
      await this.assertEditable(user, courseId, manager);
      const found = await this.enrolments.activeAccounts(valid, courseId, manager);
      const byEmail = new Map(found.map((row) => [row.email, row]));
      const toEnrol = found.filter((row) => !row.enrolled);
      if (toEnrol.length) {
        const enrolled = await this.enrolments.enrolBulk(
          courseId,
          toEnrol.map((row) => row.id),
          manager,
        );
        const enrolmentOf = new Map(enrolled.map((row) => [row.userId, row]));
        for (const row of toEnrol) (enrolmentOf.has(row.id) ? report.enrolled : report.alreadyEnrolled).push(row.email);
        // Each official enrolled now hears of it, with the enrolment or not at all. For an
        // invitation-only course this message is the only way they learn the course is theirs.
        for (const account of toEnrol) {
          const enrolment = enrolmentOf.get(account.id);
          if (!enrolment) continue;
          await this.mail.queue(
            {
              key: `course_invitation:${enrolment.id}:${enrolment.enrolledAt.toISOString()}`,
              message: 'course_invitation',
              to: account.email,
              locale: account.locale,
              params: {
                name: account.fullName,
                course: enrolment.courseTitle,
                url: this.mail.link(`courses/${encodeURIComponent(enrolment.courseSlug)}`),
              },
            },
            manager,
          );
        }
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

  /**
   * 409 prerequisites_missing naming the courses still to complete (ids, slugs, titles: the same
   * order). Only learners enrolling themselves are held to it: a course's trainers and admins
   * enrolling people in bulk decide for themselves.
   */
  private async assertPrerequisitesMet(user: SessionUser, courseId: string, manager: EntityManager): Promise<void> {
    const missing = await this.courses.missingPrerequisites(courseId, user.id, manager);
    if (!missing.length) return;
    throw new AppError('prerequisites_missing', {
      params: { courseIds: missing.map((c) => c.id), slugs: missing.map((c) => c.slug), titles: missing.map((c) => c.title) },
    });
  }

  private async assertEditable(user: SessionUser, courseId: string, manager?: EntityManager): Promise<void> {
    if (!(await this.courses.isEditable(user, courseId, manager))) throw new NotFoundError('course');
  }
}
