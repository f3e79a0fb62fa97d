import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/access.decorator.js';
import { AppError, NotFoundError } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ISSUER, renderCertificatePdf } from './certificate-pdf.js';
import type { CertificateDto, VerificationDto } from './dto/certificate.dto.js';

/** Unknown codes one address may try per window before it gets 429. */
export const VERIFY_LIMITS = { missesPerAddress: 30, windowMinutes: 10 } as const;

/** Issued codes are 18 random bytes in base64url (24 characters); anything far from that is a miss without a read. */
const VERIFICATION_CODE = /^[A-Za-z0-9_-]{16,64}$/;

const COLUMNS = `c.id, c.course_id, c.serial, c.verification_code, c.holder_name, c.course_title, c.hours,
  c.issued_at, c.expires_at, c.revoked_at, c.revoked_reason`;

interface CertificateRow {
  id: string;
  course_id: string;
  serial: string;
  verification_code: string;
  holder_name: string;
  course_title: string;
  hours: string;
  issued_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

function statusOf(row: CertificateRow, now = new Date()): CertificateDto['status'] {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && row.expires_at <= now) return 'expired';
  return 'valid';
}

@Injectable()
export class CertificatesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.pruneTimer = setInterval(() => void this.pruneMisses().catch(() => undefined), 5 * 60_000);
    this.pruneTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruneTimer);
  }

  verificationUrl(code: string): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}/verify/${code}`;
  }

  toDto(row: CertificateRow): CertificateDto {
    return {
      id: row.id,
      courseId: row.course_id,
      serial: row.serial,
      verificationCode: row.verification_code,
      verificationUrl: this.verificationUrl(row.verification_code),
      holderName: row.holder_name,
      courseTitle: row.course_title,
      hours: Number(row.hours),
      issuedAt: row.issued_at.toISOString(),
      expiresAt: row.expires_at?.toISOString() ?? null,
      revokedAt: row.revoked_at?.toISOString() ?? null,
      revokedReason: row.revoked_reason,
      status: statusOf(row),
    };
  }

  /**
   * Issues the certificate of a just-completed enrolment, in the completing transaction, when
   * the course gives one. The unique index on enrolment_id makes a second issue impossible; the
   * serial comes from a sequence, so a number is never handed out twice.
   */
  async issue(manager: EntityManager, enrolmentId: string, actorId: string): Promise<CertificateDto | undefined> {
    const [row]: CertificateRow[] = await manager.query(
      `INSERT INTO certificates AS c (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours, expires_at)
       SELECT e.id, e.user_id, e.course_id,
              'CTLP-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('certificate_serial_seq')::text, 6, '0'),
              $2, u.full_name, co.title, certificate_hours(co.estimated_minutes), certificate_expiry(now(), co.certificate_validity_months)
         FROM enrolments e JOIN users u ON u.id = e.user_id JOIN courses co ON co.id = e.course_id
        WHERE e.id = $1 AND e.status = 'completed' AND co.certificate_enabled
       ON CONFLICT (enrolment_id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [enrolmentId, randomBytes(18).toString('base64url')],
    );
    if (!row) return undefined;
    await this.audit.record(manager, {
      actorId,
      action: 'certificate.issued',
      subjectType: 'certificate',
      subjectId: row.id,
      data: { serial: row.serial, enrolmentId, courseId: row.course_id },
    });
    return this.toDto(row);
  }

  /** The caller's own certificates, newest first. */
  async mine(user: SessionUser): Promise<CertificateDto[]> {
    const rows: CertificateRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM certificates c WHERE c.user_id = $1 ORDER BY c.issued_at DESC`,
      [user.id],
    );
    return rows.map((row) => this.toDto(row));
  }

  /**
   * One certificate for its holder, a trainer of its course, or an admin; 404 for anyone else,
   * decided in the query.
   */
  async forViewer(user: SessionUser, id: string): Promise<CertificateDto> {
    const admin = user.roles.includes('admin');
    const trainer = user.roles.includes('trainer');
    const [row]: CertificateRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM certificates c JOIN courses co ON co.id = c.course_id
        WHERE c.id = $1
          AND (c.user_id = $2 OR $3
               OR ($4 AND (co.owner_id = $2 OR EXISTS (SELECT 1 FROM course_trainers ct WHERE ct.course_id = co.id AND ct.user_id = $2))))`,
      [id, user.id, admin, trainer],
    );
    if (!row) throw new NotFoundError('certificate');
    return this.toDto(row);
  }

  /** The PDF, for the same people who may read the certificate. */
  async pdf(
    user: SessionUser | undefined,
    id: string,
    options: { compress?: boolean } = {},
  ): Promise<{ certificate: CertificateDto; pdf: Buffer }> {
    if (!user) throw new NotFoundError('certificate');
    const certificate = await this.forViewer(user, id);
    const pdf = await renderCertificatePdf(
      {
        serial: certificate.serial,
        holderName: certificate.holderName,
        courseTitle: certificate.courseTitle,
        hours: certificate.hours,
        issuedAt: new Date(certificate.issuedAt),
        expiresAt: certificate.expiresAt ? new Date(certificate.expiresAt) : null,
        verificationUrl: certificate.verificationUrl,
        issuer: ISSUER,
      },
      options,
    );
    return { certificate, pdf };
  }

  /**
   * The public check behind the QR code: what anyone may see of the certificate with this code,
   * or undefined. One indexed read; verificationRoute serves hits with it before the Nest pipeline.
   */
  async findVerification(code: string): Promise<VerificationDto | undefined> {
    if (!VERIFICATION_CODE.test(code)) return undefined;
    const [row]: CertificateRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM certificates c WHERE c.verification_code = $1`, [
      code,
    ]);
    if (!row) return undefined;
    return {
      status: statusOf(row),
      holderName: row.holder_name,
      courseTitle: row.course_title,
      issuedAt: row.issued_at.toISOString(),
      expiresAt: row.expires_at?.toISOString() ?? null,
      revokedAt: row.revoked_at?.toISOString() ?? null,
    };
  }

  /** findVerification, with unknown codes counted against the caller's address: 404, then 429. */
  async verify(code: string, address: string): Promise<VerificationDto> {
    const found = await this.findVerification(code);
    if (found) return found;
    const [{ misses }] = await this.dataSource.query(
      `WITH recorded AS (INSERT INTO verification_misses (address) VALUES ($1))
       SELECT count(*)::int + 1 AS misses FROM verification_misses WHERE address = $1 AND created_at > now() - make_interval(mins => $2)`,
      [address, VERIFY_LIMITS.windowMinutes],
    );
    if (misses > VERIFY_LIMITS.missesPerAddress) {
      throw new AppError('verification_rate_limited', { headers: { 'Retry-After': String(VERIFY_LIMITS.windowMinutes * 60) } });
    }
    throw new NotFoundError('certificate');
  }

  async revoke(user: SessionUser, id: string, reason: string): Promise<CertificateDto> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: CertificateRow[] = await manager.query(
        // In a CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
        `WITH c AS (UPDATE certificates SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING *)
         SELECT ${COLUMNS} FROM c`,
        [id, reason],
      );
      if (!row) {
        const [exists] = await manager.query(`SELECT 1 FROM certificates WHERE id = $1`, [id]);
        if (!exists) throw new NotFoundError('certificate');
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

  /** Old misses are useless after the window; trimmed so the table stays small. */
  async pruneMisses(): Promise<void> {
    await this.dataSource.query(`DELETE FROM verification_misses WHERE created_at < now() - make_interval(mins => $1)`, [
      VERIFY_LIMITS.windowMinutes,
    ]);
  }
}
