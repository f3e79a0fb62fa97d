import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { query, sql } from '../common/sql.js';

/**
 * Every column that points at a user (a foreign key to users, or a column named user_id) and the
 * section of `GET /api/me/data` that holds what it points at. personal-data.e2e-spec.ts reads the
 * schema and fails on a reference that is neither here nor in its list of deliberate exclusions:
 * a new table about people cannot be left out of the export by accident.
 */
export const EXPORTED_USER_REFERENCES: Record<string, string> = {
  'audit_events.actor_id': 'auditEvents',
  'user_sessions.user_id': 'sessions',
  'courses.owner_id': 'teaching.courses',
  'course_trainers.user_id': 'teaching.courses',
  'enrolments.user_id': 'enrolments',
  'certificates.user_id': 'certificates',
  'activities.organiser_id': 'teaching.activities',
  'activity_organisers.user_id': 'teaching.activities',
  'learning_paths.owner_id': 'teaching.learningPaths',
  'participants.user_id': 'activities',
  'erasure_requests.user_id': 'erasureRequests',
  'api_tokens.user_id': 'apiTokens',
  'user_mfa.user_id': 'mfa',
  'mfa_recovery_codes.user_id': 'mfa',
};

/** Free of secrets: the users row without its password hash. */
export interface AccountRow {
  id: string;
  email: string;
  fullName: string;
  memberState: string;
  memberStateName: string | null;
  institution: string;
  agencyType: string;
  jobTitle: string;
  gender: string;
  locale: string;
  roles: string[];
  status: string;
  vettedAt: Date | null;
  rejectionReason: string | null;
  emailConfirmedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AuditExportRow {
  action: string;
  subjectType: string;
  subjectId: string;
  /** Whether the person did it (actor) or it was done to their account (subject). */
  role: 'actor' | 'subject';
  data: Record<string, unknown>;
  createdAt: Date;
}

/** What the erasure of one person needs to know about them; see ERASURE_STEPS. */
export interface ErasureTarget {
  userId: string;
  /** The address before erasure: rows keyed by it (mail, login limits) are found through it. */
  email: string;
  placeholderName: string;
  placeholderEmail: string;
}

interface ErasureStep {
  /** What it erases, for the reader (and the audit event's list). */
  what: string;
  run(manager: EntityManager, target: ErasureTarget): Promise<unknown>;
}

/**
 * Everything erasure does to a person, in order, in the caller's transaction: THE place to extend
 * when a table holds something about people (a new table with a user_id also fails
 * personal-data.e2e-spec.ts until it is exported or excluded there). What stays, on purpose:
 * enrolments, progress, quiz attempts (option ids only), certificates with their serials,
 * attendance, and the person's Member State, agency type and sex, so every report counts the same;
 * the audit trail (append-only, pseudonymous ids); courses and activities a trainer authored.
 */
export const ERASURE_STEPS: readonly ErasureStep[] = [
  {
    what: 'account: name, email, institution, job title, rejection reason and password hash replaced; made unusable',
    run: (manager, t) =>
      query<never>(
        manager,
        // Suspended (or rejected while pending): every guard already refuses such an account, and
        // the report counts an active and a suspended official alike, a pending and a rejected one alike.
        sql`UPDATE users SET full_name = ${t.placeholderName}, email = ${t.placeholderEmail}, institution = '', job_title = '',
                             rejection_reason = NULL, password_hash = '', email_confirmed_at = NULL, mfa_enabled_at = NULL,
                             status = CASE status WHEN 'active' THEN 'suspended'::user_status WHEN 'pending' THEN 'rejected'::user_status ELSE status END,
                             erased_at = now(), updated_at = now()
             WHERE id = ${t.userId}`,
      ),
  },
  { what: 'sessions ended', run: (manager, t) => query<never>(manager, sql`DELETE FROM user_sessions WHERE user_id = ${t.userId}`) },
  {
    what: 'answers kept for replaying offline writes',
    run: (manager, t) => query<never>(manager, sql`DELETE FROM idempotency_keys WHERE user_id = ${t.userId}`),
  },
  {
    what: 'email confirmation and password reset links',
    run: (manager, t) => query<never>(manager, sql`DELETE FROM account_tokens WHERE user_id = ${t.userId}`),
  },
  {
    what: 'failed sign-ins and password reset requests recorded under the address',
    run: async (manager, t) => {
      await query<never>(manager, sql`DELETE FROM login_failures WHERE account = ${t.email}`);
      await query<never>(manager, sql`DELETE FROM password_reset_requests WHERE account = ${t.email}`);
    },
  },
  {
    what: 'mail sent or kept for the address, and messages still waiting to be sent to it',
    run: async (manager, t) => {
      await query<never>(manager, sql`DELETE FROM mail_messages WHERE recipient = ${t.email}`);
      await query<never>(manager, sql`DELETE FROM pgboss.job WHERE name = 'send-mail' AND data->>'to' = ${t.email}`);
      await query<never>(manager, sql`DELETE FROM pgboss.archive WHERE name = 'send-mail' AND data->>'to' = ${t.email}`);
    },
  },
  {
    what: 'two-step sign-in: the authenticator secret and recovery codes',
    run: async (manager, t) => {
      await query<never>(manager, sql`DELETE FROM user_mfa WHERE user_id = ${t.userId}`);
      await query<never>(manager, sql`DELETE FROM mfa_recovery_codes WHERE user_id = ${t.userId}`);
    },
  },
  {
    // Kept revoked rather than deleted: the audit trail names each token's uses by id.
    what: 'personal API tokens revoked and their names cleared',
    run: (manager, t) =>
      query<never>(manager, sql`UPDATE api_tokens SET name = '', revoked_at = COALESCE(revoked_at, now()) WHERE user_id = ${t.userId}`),
  },
  {
    what: "certificates: the holder's name withheld (serials, dates and verification stay)",
    run: (manager, t) =>
      query<never>(
        manager,
        sql`UPDATE certificates SET holder_name = NULL
             WHERE user_id = ${t.userId}
                OR activity_participant_id IN (SELECT ap.id FROM activity_participants ap JOIN participants p ON p.id = ap.participant_id
                                                WHERE p.user_id = ${t.userId})`,
      ),
  },
  {
    what: "training activities: the participant's name, email and institution (State, agency, sex and attendance stay)",
    run: (manager, t) =>
      query<never>(
        manager,
        sql`UPDATE participants SET full_name = ${t.placeholderName}, email = NULL, email_key = NULL, institution = NULL, updated_at = now()
             WHERE user_id = ${t.userId}`,
      ),
  },
];

/** Every statement about a person's own data: the export, erasure requests, and erasure itself. */
@Injectable()
export class PersonalDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async account(userId: string, manager: EntityManager = this.dataSource.manager): Promise<AccountRow | undefined> {
    const [row] = await query<AccountRow>(
      manager,
      sql`SELECT u.id, u.email, u.full_name AS "fullName", u.member_state AS "memberState", ms.names->>'en' AS "memberStateName",
                 u.institution, u.agency_type AS "agencyType", u.job_title AS "jobTitle", u.gender, u.locale, u.roles::text[] AS roles,
                 u.status, u.vetted_at AS "vettedAt", u.rejection_reason AS "rejectionReason", u.email_confirmed_at AS "emailConfirmedAt",
                 u.created_at AS "createdAt", u.updated_at AS "updatedAt"
            FROM users u LEFT JOIN member_states ms ON ms.code = u.member_state
           WHERE u.id = ${userId}`,
    );
    return row;
  }

  /** Devices signed in: when, from where, until when; never the session id (the cookie's secret). */
  sessions(userId: string, manager: EntityManager = this.dataSource.manager): Promise<object[]> {
    return query<object>(
      manager,
      sql`SELECT created_at AS "signedInAt", expire AS "expiresAt", user_agent AS "userAgent", address
            FROM user_sessions WHERE user_id = ${userId} ORDER BY created_at`,
    );
  }

  /** Two-step sign-in: whether it is on, since when, and how many recovery codes are left; never the secret or the codes. */
  async mfa(userId: string, manager: EntityManager = this.dataSource.manager): Promise<object> {
    const [row] = await query<object>(
      manager,
      sql`SELECT u.mfa_enabled_at AS "enabledAt",
                 (SELECT count(*)::int FROM mfa_recovery_codes c WHERE c.user_id = u.id AND c.used_at IS NULL) AS "recoveryCodesLeft",
                 (SELECT count(*)::int FROM mfa_recovery_codes c WHERE c.user_id = u.id AND c.used_at IS NOT NULL) AS "recoveryCodesUsed"
            FROM users u WHERE u.id = ${userId}`,
    );
    return row ?? {};
  }

  /** Personal API tokens: name, start, scope and dates; never the token or its hash. */
  apiTokens(userId: string, manager: EntityManager = this.dataSource.manager): Promise<object[]> {
    return query<object>(
      manager,
      sql`SELECT name, prefix, scopes::text[] AS scopes, created_at AS "createdAt", expires_at AS "expiresAt",
                 last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
            FROM api_tokens WHERE user_id = ${userId} ORDER BY created_at`,
    );
  }

  /** Each enrolment with its course, lesson progress and quiz attempts (the person's answers and scores). */
  enrolments(userId: string, manager: EntityManager = this.dataSource.manager): Promise<object[]> {
    return query<object>(
      manager,
      sql`SELECT e.id, e.course_id AS "courseId", co.title AS "courseTitle", e.cycle, e.superseded_at AS "supersededAt", e.status, e.source, e.enrolled_at AS "enrolledAt",
                 e.completed_at AS "completedAt", e.final_score AS "finalScore", e.last_activity_at AS "lastActivityAt",
                 e.pre_test_score AS "preTestScore", e.post_test_score AS "postTestScore", e.post_test_at AS "postTestAt",
                 -- That the course's evaluation was answered, and the month: the answers are anonymous, linked to no one.
                 (SELECT to_char(es.month, 'YYYY-MM') FROM evaluation_submissions es WHERE es.enrolment_id = e.id) AS "evaluationAnswered",
                 COALESCE((SELECT json_agg(json_build_object('lessonId', lp.lesson_id, 'lessonTitle', l.title, 'completedAt', lp.completed_at,
                                                             'secondsSpent', lp.seconds_spent) ORDER BY lp.completed_at)
                             FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id WHERE lp.enrolment_id = e.id), '[]') AS "lessonProgress",
                 COALESCE((SELECT json_agg(json_build_object('lessonId', qa.lesson_id, 'lessonTitle', l.title, 'attempt', qa.attempt_number,
                                                             'answers', qa.answers, 'score', qa.score, 'passed', qa.passed,
                                                             'startedAt', qa.started_at, 'submittedAt', qa.submitted_at, 'timedOut', qa.timed_out)
                                                             ORDER BY qa.submitted_at)
                             FROM quiz_attempts qa JOIN lessons l ON l.id = qa.lesson_id WHERE qa.enrolment_id = e.id), '[]') AS "quizAttempts"
            FROM enrolments e JOIN courses co ON co.id = e.course_id
           WHERE e.user_id = ${userId}
           ORDER BY e.enrolled_at`,
    );
  }

  /** Certificates issued to the account, and of participation through its participant record. */
  certificates(userId: string, manager: EntityManager = this.dataSource.manager): Promise<object[]> {
    return query<object>(
      manager,
      sql`SELECT c.id, CASE WHEN c.learning_path_id IS NOT NULL THEN 'path' WHEN c.enrolment_id IS NULL THEN 'activity' ELSE 'course' END AS kind,
                 c.serial,
                 c.verification_code AS "verificationCode", c.holder_name AS "holderName", c.course_title AS "title", c.hours,
                 c.issued_at AS "issuedAt", c.expires_at AS "expiresAt", c.revoked_at AS "revokedAt", c.revoked_reason AS "revokedReason"
            FROM certificates c
           WHERE c.user_id = ${userId}
              OR c.activity_participant_id IN (SELECT ap.id FROM activity_participants ap JOIN participants p ON p.id = ap.participant_id
                                                WHERE p.user_id = ${userId})
           ORDER BY c.issued_at`,
    );
  }

  /** The person as training activities recorded them, and each activity attended with its days. */
  async participation(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ record: object | null; activities: object[] }> {
    const [record] = await query<object>(
      manager,
      sql`SELECT p.full_name AS "fullName", p.email, p.member_state AS "memberState", p.institution, p.agency_type AS "agencyType",
                 p.gender, p.created_at AS "createdAt", p.updated_at AS "updatedAt"
            FROM participants p WHERE p.user_id = ${userId}`,
    );
    const activities = await query<object>(
      manager,
      sql`SELECT a.id AS "activityId", a.title, a.kind, a.starts_on::text AS "startsOn", a.ends_on::text AS "endsOn", a.city,
                 a.venue_member_state AS "venueMemberState", ap.role, ap.completed,
                 COALESCE((SELECT json_agg(json_build_object('day', t.day, 'present', t.present, 'source', t.source, 'recordedAt', t.recorded_at)
                                           ORDER BY t.day)
                             FROM activity_attendance t WHERE t.activity_participant_id = ap.id), '[]') AS attendance
            FROM participants p JOIN activity_participants ap ON ap.participant_id = p.id JOIN activities a ON a.id = ap.activity_id
           WHERE p.user_id = ${userId}
           ORDER BY a.starts_on`,
    );
    return { record: record ?? null, activities };
  }

  /** Courses the person owns or co-trains, activities they organise (titles and their part in them), learning paths they own. */
  async teaching(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ courses: object[]; activities: object[]; learningPaths: object[] }> {
    const courses = await query<object>(
      manager,
      sql`SELECT co.id, co.title, co.status, CASE WHEN co.owner_id = ${userId} THEN 'owner' ELSE 'co-trainer' END AS role
            FROM courses co
           WHERE co.owner_id = ${userId} OR EXISTS (SELECT 1 FROM course_trainers ct WHERE ct.course_id = co.id AND ct.user_id = ${userId})
           ORDER BY co.created_at`,
    );
    const activities = await query<object>(
      manager,
      sql`SELECT a.id, a.title, a.status, a.starts_on::text AS "startsOn", CASE WHEN a.organiser_id = ${userId} THEN 'organiser' ELSE 'co-organiser' END AS role
            FROM activities a
           WHERE a.organiser_id = ${userId} OR EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id AND o.user_id = ${userId})
           ORDER BY a.starts_on`,
    );
    const learningPaths = await query<object>(
      manager,
      sql`SELECT lp.id, lp.title, lp.status, 'owner' AS role FROM learning_paths lp WHERE lp.owner_id = ${userId} ORDER BY lp.created_at`,
    );
    return { courses, activities, learningPaths };
  }

  /** Messages sent (or kept) for the address: what and when, not the bodies (which may hold single-use links). */
  mail(email: string, manager: EntityManager = this.dataSource.manager): Promise<object[]> {
    return query<object>(
      manager,
      sql`SELECT template AS message, subject, locale, status, created_at AS "sentAt"
            FROM mail_messages WHERE recipient = ${email} ORDER BY created_at`,
    );
  }

  /** Audit events the person did, and those done to their account. */
  audit(userId: string, manager: EntityManager = this.dataSource.manager): Promise<AuditExportRow[]> {
    return query<AuditExportRow>(
      manager,
      sql`SELECT action, subject_type AS "subjectType", subject_id AS "subjectId",
                 CASE WHEN subject_type = 'user' AND subject_id = ${userId}::text THEN 'subject' ELSE 'actor' END AS role,
                 data, created_at AS "createdAt"
            FROM audit_events
           WHERE actor_id = ${userId} OR (subject_type = 'user' AND subject_id = ${userId}::text)
           ORDER BY id`,
    );
  }

  erasureRequests(userId: string, manager: EntityManager = this.dataSource.manager): Promise<object[]> {
    return query<object>(
      manager,
      sql`SELECT id, status, requested_at AS "requestedAt", decided_at AS "decidedAt", refusal_reason AS "refusalReason"
            FROM erasure_requests WHERE user_id = ${userId} ORDER BY requested_at`,
    );
  }
}
