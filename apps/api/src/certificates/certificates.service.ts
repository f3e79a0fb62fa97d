import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Locale } from '@ctlp/contracts';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../access/access.decorator.js';
import { AppError, NotFoundError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobsService } from '../jobs/jobs.service.js';
import { mailDate, mailDays } from '../mail/messages.js';
import { MailService } from '../mail/mail.service.js';
import { CertificatePdfRenderer } from './certificate-pdf-renderer.js';
import { toCertificateDto, toVerificationDto } from './certificate-dto.js';
import {
  CertificatesRepository,
  type CertificateMailRow,
  type CertificateRow,
  type ParticipationCertificateRow,
} from './certificates.repository.js';
import type { CertificateDto, ParticipationCertificatesIssuedDto, VerificationDto } from './dto/certificate.dto.js';

/** Unknown codes one address may try per window before it gets 429. */
export const VERIFY_LIMITS = { missesPerAddress: 30, windowMinutes: 10 } as const;

/** Issued codes are 18 random bytes in base64url (24 characters); anything far from that is a miss without a read. */
const VERIFICATION_CODE = /^[A-Za-z0-9_-]{16,64}$/;

/** Holders hear this many days before their certificate expires, once; a run takes this many at a time. */
export const EXPIRY_REMINDER = { days: 30, batch: 500 } as const;

@Injectable()
export class CertificatesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly certificates: CertificatesRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly mail: MailService,
    private readonly pdfRenderer: CertificatePdfRenderer,
  ) {}

  onModuleInit(): void {
    // Misses older than the window no longer count: removed every five minutes, on one replica.
    this.jobs.register({ name: 'prune-verification-misses', schedule: '*/5 * * * *', retryLimit: 1, handle: () => this.pruneMisses() });
    // 07:00 UTC, one job across replicas; a certificate is marked in the transaction that queues its mail.
    this.jobs.register({
      name: 'certificate-expiry-reminders',
      schedule: '0 7 * * *',
      retryLimit: 3,
      handle: async () => {
        await this.remindExpiring();
      },
    });
  }

  /**
   * Queues a reminder for every certificate expiring within EXPIRY_REMINDER.days whose holder was
   * not told yet, in batches, each marked and queued in one transaction; how many.
   */
  async remindExpiring(): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.dataSource.transaction(async (manager) => {
        const rows = await this.certificates.takeExpiryReminders(EXPIRY_REMINDER.days, EXPIRY_REMINDER.batch, manager);
        for (const row of rows) {
          await this.mail.queue(
            {
              key: `certificate_expiring:${row.id}`,
              message: 'certificate_expiring',
              to: row.holderEmail,
              locale: row.holderLocale,
              params: {
                name: row.holderName,
                course: row.courseTitle,
                serial: row.serial,
                date: mailDate(row.holderLocale, row.expiresAt!),
                url: this.mail.link(`courses/${encodeURIComponent(row.courseSlug)}`),
              },
            },
            manager,
          );
        }
        return rows.length;
      });
      total += taken;
      if (taken < EXPIRY_REMINDER.batch) return total;
    }
  }

  /** The holder's message that a certificate was issued, in the issuing transaction. */
  private async queueIssuedMail(
    manager: EntityManager,
    row: Pick<CertificateMailRow, 'id' | 'holderEmail' | 'holderLocale' | 'holderName' | 'courseTitle' | 'serial' | 'verificationCode'>,
  ): Promise<void> {
    await this.mail.queue(
      {
        key: `certificate_issued:${row.id}`,
        message: 'certificate_issued',
        to: row.holderEmail,
        locale: row.holderLocale,
        params: {
          name: row.holderName,
          course: row.courseTitle,
          serial: row.serial,
          verifyUrl: this.verificationUrl(row.verificationCode),
          url: this.mail.link('certificates'),
        },
      },
      manager,
    );
  }

  verificationUrl(code: string): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}/verify/${code}`;
  }

  private toDto(row: CertificateRow): CertificateDto {
    return toCertificateDto(row, this.verificationUrl(row.verificationCode));
  }

  /**
   * Issues the certificate of a just-completed enrolment, in the completing transaction, when
   * the course gives one. The unique index on enrolment_id makes a second issue impossible; the
   * serial comes from a sequence, so a number is never handed out twice.
   */
  async issue(manager: EntityManager, enrolmentId: string, actorId: string): Promise<CertificateDto | undefined> {
    const row = await this.certificates.issue(enrolmentId, randomBytes(18).toString('base64url'), manager);
    if (!row) return undefined;
    await this.audit.record(manager, {
      actorId,
      action: 'certificate.issued',
      subjectType: 'certificate',
      subjectId: row.id,
      data: { serial: row.serial, enrolmentId, courseId: row.courseId },
    });
    await this.queueIssuedMail(manager, row);
    return this.toDto(row);
  }

  /**
   * Issues the learning path certificates due, in the caller's transaction: a holder's, for the
   * paths through a course they just completed (LearningService.settle), or every holder's of a
   * path just published or given new courses. One per holder and path; each recorded and mailed
   * as a course certificate is.
   */
  async issueForLearningPaths(
    manager: EntityManager,
    scope: { userId: string; courseId: string } | { pathId: string },
    actorId: string,
  ): Promise<CertificateDto[]> {
    if ('pathId' in scope) await this.certificates.lockPathCertificates(scope.pathId, null, manager);
    else {
      const paths = await this.certificates.learningPathsOfCourse(scope.courseId, manager);
      if (!paths.length) return [];
      for (const pathId of paths) await this.certificates.lockPathCertificates(pathId, scope.userId, manager);
    }
    const rows = await this.certificates.issueForLearningPaths(scope, () => randomBytes(18).toString('base64url'), manager);
    for (const row of rows) {
      await this.audit.record(manager, {
        actorId,
        action: 'certificate.issued',
        subjectType: 'certificate',
        subjectId: row.id,
        data: { serial: row.serial, learningPathId: row.learningPathId },
      });
      await this.queueIssuedMail(manager, row);
    }
    return rows.map((row) => this.toDto(row));
  }

  /**
   * Issues a certificate of participation to every participant (role participant) whose attendance
   * completed the activity and who holds none of it yet, in the caller's transaction: one audit
   * event and, for holders with an account, one message each. The activity row is locked first,
   * so two runs for one activity take turns and the second finds nothing left to issue (the
   * unique index on activity_participant_id would refuse a second certificate anyway). Callers
   * check who may do this; `issueForActivity` runs unconditionally for the given activity.
   */
  async issueForActivity(manager: EntityManager, activityId: string, actorId: string): Promise<CertificateDto[]> {
    const awaiting = await this.certificates.awaitingParticipationCertificate(activityId, manager);
    const rows = await this.certificates.issueParticipation(
      activityId,
      awaiting.map((activityParticipantId) => ({ activityParticipantId, verificationCode: randomBytes(18).toString('base64url') })),
      manager,
    );
    for (const row of rows) await this.recordParticipationIssued(manager, row, actorId);
    return rows.map((row) => this.toDto(row));
  }

  private async recordParticipationIssued(manager: EntityManager, row: ParticipationCertificateRow, actorId: string): Promise<void> {
    await this.audit.record(manager, {
      actorId,
      action: 'certificate.issued',
      subjectType: 'certificate',
      subjectId: row.id,
      data: { serial: row.serial, activityId: row.activityId },
    });
    if (row.holderEmail && row.holderLocale) await this.queueParticipationMail(manager, row, row.holderEmail, row.holderLocale);
  }

  /** The participant's message that their certificate of participation was issued: what, when and where, in their language. */
  private async queueParticipationMail(
    manager: EntityManager,
    row: ParticipationCertificateRow,
    to: string,
    locale: Locale,
  ): Promise<void> {
    const state = row.activityMemberStateNames ? (row.activityMemberStateNames[locale] ?? row.activityMemberStateNames.en) : null;
    const place = [row.activityCity, state].filter(Boolean).join(', ');
    await this.mail.queue(
      {
        key: `certificate_issued:${row.id}`,
        message: 'participation_certificate_issued',
        to,
        locale,
        params: {
          name: row.holderName,
          activity: row.courseTitle,
          days: mailDays(locale, row.activityStartsOn!, row.activityEndsOn!),
          place: place || null,
          serial: row.serial,
          verifyUrl: this.verificationUrl(row.verificationCode),
          url: this.mail.link('certificates'),
        },
      },
      manager,
    );
  }

  /**
   * POST /api/activities/:id/certificates: the activity's organisers and admins issue the
   * certificates of participation once the activity is closed (attendance no longer changes).
   * Idempotent: a second call issues only to participants who completed since.
   */
  async issueForActivityBy(user: SessionUser, activityId: string): Promise<ParticipationCertificatesIssuedDto> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.certificates.lockActivityForIssuing(user, activityId, manager);
      if (!activity) throw new NotFoundError('activity');
      if (activity.status !== 'closed') throw new AppError('activity_not_closed');
      const issued = await this.issueForActivity(manager, activityId, user.id);
      const total = (await this.certificates.ofActivity(user, activityId, manager))?.length ?? 0;
      return { issued: issued.length, total };
    });
  }

  /** The certificates of participation of an activity, for its organisers and admins; 404 for anyone else. */
  async ofActivity(user: SessionUser, activityId: string): Promise<CertificateDto[]> {
    const rows = await this.certificates.ofActivity(user, activityId);
    if (!rows) throw new NotFoundError('activity');
    return rows.map((row) => this.toDto(row));
  }

  /** The caller's own certificates, newest first. */
  async mine(user: SessionUser): Promise<CertificateDto[]> {
    return (await this.certificates.ofHolder(user.id)).map((row) => this.toDto(row));
  }

  /**
   * One certificate for its holder, a trainer of its course or an organiser of its activity, or an admin; 404 for anyone else,
   * decided in the query.
   */
  async forViewer(user: SessionUser, id: string): Promise<CertificateDto> {
    const row = await this.certificates.forViewer(user, id);
    if (!row) throw new NotFoundError('certificate');
    return this.toDto(row);
  }

  /**
   * The PDF, for the same people who may read the certificate: in `locale` when asked, else in
   * its holder's language (English for a participant without an account). The title is the one
   * stored at issue, the course as taken; the venue State is named in the PDF's language.
   */
  async pdf(
    user: SessionUser | undefined,
    id: string,
    options: { locale?: Locale; compress?: boolean } = {},
  ): Promise<{ certificate: CertificateDto; locale: Locale; pdf: Readable }> {
    if (!user) throw new NotFoundError('certificate');
    const row = await this.certificates.forViewer(user, id);
    if (!row) throw new NotFoundError('certificate');
    const certificate = this.toDto(row);
    const locale = options.locale ?? row.holderLocale ?? 'en';
    const stateNames = row.activityMemberStateNames;
    const pdf = await this.pdfRenderer.stream(
      {
        serial: certificate.serial,
        holderName: certificate.holderName,
        courseTitle: certificate.courseTitle,
        hours: certificate.hours,
        minutes: row.courseMinutes,
        issuedAt: new Date(certificate.issuedAt),
        expiresAt: certificate.expiresAt ? new Date(certificate.expiresAt) : null,
        verificationUrl: certificate.verificationUrl,
        locale,
        learningPath: row.kind === 'path',
        participation:
          row.kind === 'activity'
            ? {
                startsOn: row.activityStartsOn!,
                endsOn: row.activityEndsOn!,
                city: row.activityCity,
                memberStateName: stateNames ? (stateNames[locale] ?? stateNames.en ?? null) : null,
              }
            : undefined,
      },
      { compress: options.compress },
    );
    return { certificate, locale, pdf };
  }

  /** What anyone may see of the certificate with this code (the QR code's target), or undefined: one indexed read. */
  async findVerification(code: string): Promise<VerificationDto | undefined> {
    if (!VERIFICATION_CODE.test(code)) return undefined;
    const row = await this.certificates.byVerificationCode(code);
    return row ? toVerificationDto(row) : undefined;
  }

  /** findVerification, with unknown codes counted against the caller's address: 404, then 429. */
  async verify(code: string, address: string): Promise<VerificationDto> {
    const found = await this.findVerification(code);
    if (found) return found;
    const misses = await this.certificates.recordMiss(address, VERIFY_LIMITS.windowMinutes);
    if (misses > VERIFY_LIMITS.missesPerAddress) {
      throw new AppError('verification_rate_limited', { headers: { 'Retry-After': String(VERIFY_LIMITS.windowMinutes * 60) } });
    }
    throw new NotFoundError('certificate');
  }

  async revoke(user: SessionUser, id: string, reason: string): Promise<CertificateDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.certificates.revoke(id, reason, manager);
      if (!row) {
        if (!(await this.certificates.exists(id, manager))) throw new NotFoundError('certificate');
        throw new AppError('certificate_already_revoked');
      }
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'certificate.revoked',
        subjectType: 'certificate',
        subjectId: id,
        data: { serial: row.serial, reason },
      });
      return this.toDto(row);
    });
  }

  /**
   * Takes a revocation back (the Undo of a mistaken revocation): the same certificate, serial and
   * verification code are valid again; nothing new is issued. The revocation stays in the audit log.
   */
  async reinstate(user: SessionUser, id: string): Promise<CertificateDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.certificates.reinstate(id, manager);
      if (!row) {
        if (!(await this.certificates.exists(id, manager))) throw new NotFoundError('certificate');
        throw new AppError('certificate_not_revoked');
      }
      await this.audit.record(manager, {
        actorId: user.id,
        action: 'certificate.reinstated',
        subjectType: 'certificate',
        subjectId: id,
        data: { serial: row.serial },
      });
      return this.toDto(row);
    });
  }

  /** Old misses are useless after the window; trimmed so the table stays small. */
  async pruneMisses(): Promise<void> {
    await this.certificates.pruneMisses(VERIFY_LIMITS.windowMinutes);
  }
}
