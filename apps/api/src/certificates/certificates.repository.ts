import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { trainsCourse } from '../courses/course-access.js';
import { query, rawSql, sql } from '../common/sql.js';
import type { Locale } from '@ctlp/contracts';

export interface CertificateRow {
  id: string;
  courseId: string;
  serial: string;
  verificationCode: string;
  holderName: string;
  courseTitle: string;
  /** numeric: pg returns it as text. */
  hours: string;
  issuedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

/** A certificate with what a message to its holder needs. */
export interface CertificateMailRow extends CertificateRow {
  holderEmail: string;
  holderLocale: Locale;
  courseSlug: string;
}

/** The select list of a CertificateRow from alias c (or a CTE of that name). */
const COLUMNS = rawSql(`c.id, c.course_id AS "courseId", c.serial, c.verification_code AS "verificationCode", c.holder_name AS "holderName",
  c.course_title AS "courseTitle", c.hours, c.issued_at AS "issuedAt", c.expires_at AS "expiresAt", c.revoked_at AS "revokedAt",
  c.revoked_reason AS "revokedReason"`);

/** The holder's address and language and the course's slug, from users u and courses co. */
const MAIL_COLUMNS = rawSql(`u.email AS "holderEmail", u.locale AS "holderLocale", co.slug AS "courseSlug"`);

/** Every statement about certificates and the verification misses that rate-limit guessing. */
@Injectable()
export class CertificatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Issues the certificate of a completed enrolment when its course gives one, in one statement:
   * holder name, course title, hours and expiry (learning-rules SQL) as they are now, the serial
   * from a sequence. Undefined when the course gives none, or the enrolment has one already (the
   * unique index on enrolment_id decides).
   */
  async issue(
    enrolmentId: string,
    verificationCode: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CertificateMailRow | undefined> {
    const [row] = await query<CertificateMailRow>(
      manager,
      sql`WITH c AS (
            INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours, expires_at)
            SELECT e.id, e.user_id, e.course_id,
                   'CTLP-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('certificate_serial_seq')::text, 6, '0'),
                   ${verificationCode}, u.full_name, co.title, certificate_hours(co.estimated_minutes),
                   certificate_expiry(now(), co.certificate_validity_months)
              FROM enrolments e JOIN users u ON u.id = e.user_id JOIN courses co ON co.id = e.course_id
             WHERE e.id = ${enrolmentId} AND e.status = 'completed' AND co.certificate_enabled
            ON CONFLICT (enrolment_id) DO NOTHING
            RETURNING *)
          SELECT ${COLUMNS}, ${MAIL_COLUMNS} FROM c JOIN users u ON u.id = c.user_id JOIN courses co ON co.id = c.course_id`,
    );
    return row;
  }

  /**
   * Marks up to `limit` certificates that expire within `days` and whose holder was not reminded
   * yet (nor revoked, nor inactive) as reminded, and returns them. Rows another run holds are
   * skipped, so two replicas never take the same certificate.
   */
  async takeExpiryReminders(days: number, limit: number, manager: EntityManager): Promise<CertificateMailRow[]> {
    return query<CertificateMailRow>(
      manager,
      sql`WITH c AS (
            UPDATE certificates SET expiry_reminded_at = now()
             WHERE id IN (SELECT c.id FROM certificates c JOIN users u ON u.id = c.user_id
                           WHERE c.expiry_reminded_at IS NULL AND c.revoked_at IS NULL
                             AND c.expires_at > now() AND c.expires_at <= now() + make_interval(days => ${days})
                             AND u.status = 'active'
                           ORDER BY c.expires_at LIMIT ${limit} FOR UPDATE OF c SKIP LOCKED)
            RETURNING *)
          SELECT ${COLUMNS}, ${MAIL_COLUMNS} FROM c JOIN users u ON u.id = c.user_id JOIN courses co ON co.id = c.course_id`,
    );
  }

  /** The holder's certificates, newest first. */
  async ofHolder(userId: string, manager: EntityManager = this.dataSource.manager): Promise<CertificateRow[]> {
    return query<CertificateRow>(manager, sql`SELECT ${COLUMNS} FROM certificates c WHERE c.user_id = ${userId} ORDER BY c.issued_at DESC`);
  }

  /** A certificate if the user holds it, trains its course, or is an admin. */
  async forViewer(user: SessionUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<CertificateRow | undefined> {
    const viewer = user.roles.includes('admin') ? sql`true` : user.roles.includes('trainer') ? trainsCourse(user.id, 'co') : sql`false`;
    const [row] = await query<CertificateRow>(
      manager,
      sql`SELECT ${COLUMNS} FROM certificates c JOIN courses co ON co.id = c.course_id
           WHERE c.id = ${id} AND (c.user_id = ${user.id} OR ${viewer})`,
    );
    return row;
  }

  /** The certificate with this verification code: one indexed read. */
  async byVerificationCode(code: string, manager: EntityManager = this.dataSource.manager): Promise<CertificateRow | undefined> {
    const [row] = await query<CertificateRow>(manager, sql`SELECT ${COLUMNS} FROM certificates c WHERE c.verification_code = ${code}`);
    return row;
  }

  /** Records an unknown code tried from this address; how many it tried within the window, this one included. */
  async recordMiss(address: string, windowMinutes: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await query<{ misses: number }>(
      manager,
      sql`WITH recorded AS (INSERT INTO verification_misses (address) VALUES (${address}))
          SELECT count(*)::int + 1 AS misses FROM verification_misses
           WHERE address = ${address} AND created_at > now() - make_interval(mins => ${windowMinutes})`,
    );
    return row!.misses;
  }

  async pruneMisses(windowMinutes: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await query<never>(manager, sql`DELETE FROM verification_misses WHERE created_at < now() - make_interval(mins => ${windowMinutes})`);
  }

  /** Revokes a certificate not revoked yet; undefined when there is none such. */
  async revoke(id: string, reason: string, manager: EntityManager = this.dataSource.manager): Promise<CertificateRow | undefined> {
    // In a CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
    const [row] = await query<CertificateRow>(
      manager,
      sql`WITH c AS (UPDATE certificates SET revoked_at = now(), revoked_reason = ${reason} WHERE id = ${id} AND revoked_at IS NULL RETURNING *)
          SELECT ${COLUMNS} FROM c`,
    );
    return row;
  }

  async exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await query(manager, sql`SELECT 1 FROM certificates WHERE id = ${id}`)).length > 0;
  }
}
