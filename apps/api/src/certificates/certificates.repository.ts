import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionUser } from '../access/access.decorator.js';
import { manageableCondition, organisesActivity } from '../activities/activity-access.js';
import { trainsCourse } from '../courses/course-access.js';
import { query, rawSql, sql } from '../common/sql.js';
import type { Locale } from '@ctlp/contracts';

export interface CertificateRow {
  id: string;
  kind: 'course' | 'activity' | 'path';
  /** Null for a certificate of participation. */
  courseId: string | null;
  /** The activity of a certificate of participation; null for a course's. */
  activityId: string | null;
  /** The learning path of a path certificate. */
  learningPathId: string | null;
  serial: string;
  verificationCode: string;
  /** Null once the holder's personal data was erased: withheld. */
  holderName: string | null;
  courseTitle: string;
  /** numeric: pg returns it as text. */
  hours: string;
  /**
   * A course certificate's exact minutes: the course's estimated time while it still rounds to the
   * hours issued (the stored hours keep half hours only); null otherwise and for an activity's.
   */
  courseMinutes: number | null;
  issuedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** The activity's first and last day (YYYY-MM-DD), city and venue State as issued. */
  activityStartsOn: string | null;
  activityEndsOn: string | null;
  activityCity: string | null;
  activityMemberState: string | null;
  /**
   * The certificate a later cycle of the same course earned the holder (recertification), newest
   * first: this one is superseded by it. Null when there is none (json: timestamps as text).
   */
  supersededBy: { serial: string; issuedAt: string; expiresAt: string | null; revokedAt: string | null } | null;
}

/** A certificate as its viewer reads it, with what its PDF needs: the holder's language (null without an account) and the venue State's names. */
export interface CertificateViewRow extends CertificateRow {
  holderLocale: Locale | null;
  /** The venue State's name in each language; null when held online. */
  activityMemberStateNames: Partial<Record<Locale, string>> | null;
}

/** A certificate with what a message to its holder needs. */
export interface CertificateMailRow extends CertificateRow {
  holderEmail: string;
  holderLocale: Locale;
  courseSlug: string;
}

/** A certificate of participation just issued; the holder's address and language when they have an account. */
export interface ParticipationCertificateRow extends CertificateRow {
  holderEmail: string | null;
  holderLocale: Locale | null;
  /** The venue State's name in each language, for the holder's message; null when held online. */
  activityMemberStateNames: Partial<Record<Locale, string>> | null;
}

/** The select list of a CertificateRow from alias c (or a CTE of that name). */
const COLUMNS =
  rawSql(`c.id, CASE WHEN c.learning_path_id IS NOT NULL THEN 'path' WHEN c.enrolment_id IS NULL THEN 'activity' ELSE 'course' END AS kind,
  c.course_id AS "courseId", c.learning_path_id AS "learningPathId",
  (SELECT ap.activity_id FROM activity_participants ap WHERE ap.id = c.activity_participant_id) AS "activityId", c.serial, c.verification_code AS "verificationCode", c.holder_name AS "holderName",
  c.course_title AS "courseTitle", c.hours,
  (SELECT co.estimated_minutes FROM courses co WHERE co.id = c.course_id AND certificate_hours(co.estimated_minutes) = c.hours) AS "courseMinutes", c.issued_at AS "issuedAt", c.expires_at AS "expiresAt", c.revoked_at AS "revokedAt",
  c.revoked_reason AS "revokedReason", to_char(c.activity_starts_on, 'YYYY-MM-DD') AS "activityStartsOn",
  to_char(c.activity_ends_on, 'YYYY-MM-DD') AS "activityEndsOn", c.activity_city AS "activityCity", c.activity_member_state AS "activityMemberState",
  (SELECT json_build_object('serial', nc.serial, 'issuedAt', nc.issued_at, 'expiresAt', nc.expires_at, 'revokedAt', nc.revoked_at)
     FROM enrolments oe JOIN enrolments ne ON ne.user_id = oe.user_id AND ne.course_id = oe.course_id AND ne.cycle > oe.cycle
     JOIN certificates nc ON nc.enrolment_id = ne.id
    WHERE oe.id = c.enrolment_id ORDER BY ne.cycle DESC LIMIT 1) AS "supersededBy"`);

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
   * Issues the certificate of every published learning path (giving one) whose courses the holder
   * has all completed and who holds none of it yet, in one statement: for one holder's paths
   * through one course (a course just completed), or for every holder of one path (a path just
   * published). A course counts as completed with any completed enrolment of it. Path title and
   * the courses' hours summed as they are now; no expiry. The unique (user, path) index is the
   * last word on a second issue. Callers hold pathCertificateLock for the holder (or path).
   */
  async issueForLearningPaths(
    scope: { userId: string; courseId: string } | { pathId: string },
    codes: () => string,
    manager: EntityManager,
  ): Promise<CertificateMailRow[]> {
    const candidates = await query<{ pathId: string; userId: string }>(
      manager,
      'pathId' in scope
        ? sql`SELECT DISTINCT lp.id AS "pathId", e1.user_id AS "userId"
                FROM learning_paths lp
                JOIN learning_path_courses first ON first.path_id = lp.id AND first.position = 0
                JOIN enrolments e1 ON e1.course_id = first.course_id AND e1.status = 'completed'
                JOIN users u ON u.id = e1.user_id
               WHERE lp.id = ${scope.pathId} AND lp.status = 'published' AND lp.certificate_enabled
                 AND NOT EXISTS (SELECT 1 FROM learning_path_courses lpc WHERE lpc.path_id = lp.id
                                   AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = lpc.course_id
                                                     AND e.user_id = u.id AND e.status = 'completed'))
                 AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.learning_path_id = lp.id AND x.user_id = u.id)`
        : sql`SELECT lp.id AS "pathId", ${scope.userId}::uuid AS "userId"
                FROM learning_path_courses mine JOIN learning_paths lp ON lp.id = mine.path_id
               WHERE mine.course_id = ${scope.courseId} AND lp.status = 'published' AND lp.certificate_enabled
                 AND NOT EXISTS (SELECT 1 FROM learning_path_courses lpc WHERE lpc.path_id = lp.id
                                   AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = lpc.course_id
                                                     AND e.user_id = ${scope.userId} AND e.status = 'completed'))
                 AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.learning_path_id = lp.id AND x.user_id = ${scope.userId})`,
    );
    if (!candidates.length) return [];
    return query<CertificateMailRow>(
      manager,
      sql`WITH c AS (
            INSERT INTO certificates (learning_path_id, user_id, serial, verification_code, holder_name, course_title, hours)
            SELECT lp.id, u.id,
                   'CTLP-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('certificate_serial_seq')::text, 6, '0'),
                   x.code, u.full_name, lp.title,
                   (SELECT coalesce(sum(certificate_hours(co.estimated_minutes)), 0) FROM learning_path_courses lpc
                      JOIN courses co ON co.id = lpc.course_id WHERE lpc.path_id = lp.id)
              FROM unnest(${candidates.map((r) => r.pathId)}::uuid[], ${candidates.map((r) => r.userId)}::uuid[],
                          ${candidates.map(() => codes())}::text[]) AS x (path_id, user_id, code)
              JOIN learning_paths lp ON lp.id = x.path_id JOIN users u ON u.id = x.user_id
             ORDER BY lp.id, u.id
            ON CONFLICT (user_id, learning_path_id) WHERE learning_path_id IS NOT NULL DO NOTHING
            RETURNING *)
          SELECT ${COLUMNS}, u.email AS "holderEmail", u.locale AS "holderLocale", lp.slug AS "courseSlug"
            FROM c JOIN users u ON u.id = c.user_id JOIN learning_paths lp ON lp.id = c.learning_path_id`,
    );
  }

  /**
   * Takes turns on a path's certificates until the transaction ends: a holder's completion takes
   * the path's lock shared and the (path, holder) lock alone; publishing the path takes the path's
   * lock alone. Whoever comes second reads (a new statement, a new snapshot) after the first
   * committed, so two last courses completed at once, or a completion while the path is published,
   * cannot both miss the certificate.
   */
  async lockPathCertificates(pathId: string, holderId: string | null, manager: EntityManager): Promise<void> {
    const key = (name: string) => sql`hashtextextended(${`learning-path-certificates:${name}`}, 0)`;
    if (!holderId) {
      await query(manager, sql`SELECT pg_advisory_xact_lock(${key(pathId)})`);
      return;
    }
    await query(manager, sql`SELECT pg_advisory_xact_lock_shared(${key(pathId)}), pg_advisory_xact_lock(${key(`${pathId}:${holderId}`)})`);
  }

  /** The learning paths (any status) a course is part of, in a fixed order so locks are taken in it. */
  async learningPathsOfCourse(courseId: string, manager: EntityManager): Promise<string[]> {
    const rows = await query<{ id: string }>(
      manager,
      sql`SELECT path_id AS id FROM learning_path_courses WHERE course_id = ${courseId} ORDER BY path_id`,
    );
    return rows.map((row) => row.id);
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

  /**
   * The holder's certificates, newest first: those issued to the account, and certificates of
   * participation issued before the participant row was linked to it.
   */
  async ofHolder(userId: string, manager: EntityManager = this.dataSource.manager): Promise<CertificateRow[]> {
    return query<CertificateRow>(
      manager,
      sql`SELECT ${COLUMNS} FROM certificates c
           WHERE c.id IN (SELECT c.id FROM certificates c WHERE c.user_id = ${userId}
                          UNION ALL
                          SELECT c.id FROM participants p JOIN activity_participants ap ON ap.participant_id = p.id
                            JOIN certificates c ON c.activity_participant_id = ap.id
                           WHERE p.user_id = ${userId} AND c.user_id IS NULL)
           ORDER BY c.issued_at DESC`,
    );
  }

  /**
   * A certificate if the user holds it, trains its course or organises its activity, or is an
   * admin.
   */
  async forViewer(
    user: SessionUser,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CertificateViewRow | undefined> {
    const admin = user.roles.includes('admin');
    const trainer = user.roles.includes('trainer');
    const viewer = admin ? sql`true` : trainer ? sql`(${trainsCourse(user.id, 'co')} OR ${organisesActivity(user.id, 'a')})` : sql`false`;
    const [row] = await query<CertificateViewRow>(
      manager,
      sql`SELECT ${COLUMNS}, hu.locale AS "holderLocale",
                 (SELECT ms.names FROM member_states ms WHERE ms.code = c.activity_member_state) AS "activityMemberStateNames"
            FROM certificates c
            LEFT JOIN courses co ON co.id = c.course_id
            LEFT JOIN activity_participants ap ON ap.id = c.activity_participant_id
            LEFT JOIN activities a ON a.id = ap.activity_id
            LEFT JOIN participants p ON p.id = ap.participant_id
            LEFT JOIN users hu ON hu.id = coalesce(c.user_id, p.user_id)
           WHERE c.id = ${id} AND (c.user_id = ${user.id} OR p.user_id = ${user.id} OR coalesce(${viewer}, false))`,
    );
    return row;
  }

  /**
   * The activity's status if the user may manage its certificates, locked until the transaction
   * ends so two issuing runs for one activity take turns; undefined otherwise.
   */
  async lockActivityForIssuing(user: SessionUser, activityId: string, manager: EntityManager): Promise<{ status: string } | undefined> {
    const [row] = await query<{ status: string }>(
      manager,
      sql`SELECT a.status FROM activities a WHERE a.id = ${activityId} AND ${manageableCondition(user)} FOR UPDATE OF a`,
    );
    return row;
  }

  /** The activity's participants (role participant) who completed it and hold no certificate of it yet. */
  async awaitingParticipationCertificate(activityId: string, manager: EntityManager): Promise<string[]> {
    const rows = await query<{ id: string }>(
      manager,
      sql`SELECT ap.id FROM activity_participants ap
           WHERE ap.activity_id = ${activityId} AND ap.completed AND ap.role = 'participant'
             AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.activity_participant_id = ap.id)
           ORDER BY ap.id`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * Issues certificates of participation, one statement for all: holder name (the account's when
   * linked; withheld, and no mail, for a person whose data was erased), the activity's title, hours, dates and place as they are now, serials from the one
   * sequence. A participant who holds one already, or no longer completes the activity, is
   * skipped (the unique index on activity_participant_id decides).
   */
  async issueParticipation(
    activityId: string,
    items: ReadonlyArray<{ activityParticipantId: string; verificationCode: string }>,
    manager: EntityManager,
  ): Promise<ParticipationCertificateRow[]> {
    if (!items.length) return [];
    return query<ParticipationCertificateRow>(
      manager,
      sql`WITH c AS (
            INSERT INTO certificates (activity_participant_id, user_id, serial, verification_code, holder_name, course_title, hours,
                                      activity_starts_on, activity_ends_on, activity_city, activity_member_state)
            SELECT ap.id, p.user_id,
                   'CTLP-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('certificate_serial_seq')::text, 6, '0'),
                   x.code, CASE WHEN u.erased_at IS NULL THEN coalesce(u.full_name, p.full_name) END, a.title, a.hours, a.starts_on, a.ends_on, a.city, a.venue_member_state
              FROM unnest(${items.map((i) => i.activityParticipantId)}::uuid[], ${items.map((i) => i.verificationCode)}::text[]) AS x (id, code)
              JOIN activity_participants ap ON ap.id = x.id
              JOIN activities a ON a.id = ap.activity_id
              JOIN participants p ON p.id = ap.participant_id
              LEFT JOIN users u ON u.id = p.user_id
             WHERE ap.activity_id = ${activityId} AND ap.completed AND ap.role = 'participant'
             ORDER BY ap.id
            ON CONFLICT (activity_participant_id) DO NOTHING
            RETURNING *)
          SELECT ${COLUMNS}, CASE WHEN u.erased_at IS NULL THEN u.email END AS "holderEmail", u.locale AS "holderLocale",
                 (SELECT ms.names FROM member_states ms WHERE ms.code = c.activity_member_state) AS "activityMemberStateNames"
            FROM c LEFT JOIN users u ON u.id = c.user_id`,
    );
  }

  /** The certificates of participation of an activity, by holder name, for those who manage it. */
  async ofActivity(
    user: SessionUser,
    activityId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CertificateRow[] | undefined> {
    const [activity] = await query<{ id: string }>(
      manager,
      sql`SELECT a.id FROM activities a WHERE a.id = ${activityId} AND ${manageableCondition(user)}`,
    );
    if (!activity) return undefined;
    return query<CertificateRow>(
      manager,
      sql`SELECT ${COLUMNS} FROM certificates c JOIN activity_participants ap ON ap.id = c.activity_participant_id
           WHERE ap.activity_id = ${activityId} ORDER BY c.holder_name, c.serial`,
    );
  }

  /**
   * The certificate with this verification code: one indexed read. Every public verification runs
   * it; sent prepared (common/sql.ts), as PostgreSQL took longer to plan it (its three subqueries)
   * than to run it: 0.57 ms against 0.08 ms (bench/README.md, issue 22).
   */
  async byVerificationCode(code: string): Promise<CertificateRow | undefined> {
    const [row] = await query<CertificateRow>(
      this.dataSource.manager,
      sql`SELECT ${COLUMNS} FROM certificates c WHERE c.verification_code = ${code}`,
    );
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
    const [row] = await query<CertificateRow>(
      manager,
      sql`WITH c AS (UPDATE certificates SET revoked_at = now(), revoked_reason = ${reason} WHERE id = ${id} AND revoked_at IS NULL RETURNING *)
          SELECT ${COLUMNS} FROM c`,
    );
    return row;
  }

  /** Takes a revocation back; undefined when the certificate is not revoked (or not there). */
  async reinstate(id: string, manager: EntityManager = this.dataSource.manager): Promise<CertificateRow | undefined> {
    const [row] = await query<CertificateRow>(
      manager,
      sql`WITH c AS (UPDATE certificates SET revoked_at = NULL, revoked_reason = NULL WHERE id = ${id} AND revoked_at IS NOT NULL RETURNING *)
          SELECT ${COLUMNS} FROM c`,
    );
    return row;
  }

  async exists(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await query(manager, sql`SELECT 1 FROM certificates WHERE id = ${id}`)).length > 0;
  }
}
