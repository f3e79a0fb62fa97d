import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { answers, buildCourse, type BuiltCourse } from '../../test/courses.js';
import { createTestApp, createUser, signIn, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';
import type { UserEntity } from '../users/user.entity.js';
import { EXPORTED_USER_REFERENCES } from './personal-data.repository.js';
import { PersonalDataService } from './personal-data.service.js';

/**
 * Columns that point at a user and are deliberately NOT in the export, each with why. A new one
 * (another feature's table with a user_id) fails the coverage test until it is exported
 * (EXPORTED_USER_REFERENCES) or listed here with a reason — and, if it holds personal data, erased
 * (ERASURE_STEPS).
 */
const EXCLUDED_USER_REFERENCES: Record<string, string> = {
  'users.vetted_by': 'the registrations this person vetted are about other people; their own vetting is in account and statusHistory',
  'activity_attendance.recorded_by': 'attendance this person recorded as an organiser is about the participants',
  'report_people.user_id': 'a derived summary of the enrolments, certificates and attendance exported elsewhere',
  'account_tokens.user_id': 'hashes of single-use email links (secrets), valid for hours',
  'idempotency_keys.user_id':
    'the answers to offline writes, kept 7 days for replays: copies of the progress and attempts exported elsewhere (erased with the person)',
  'erasure_requests.decided_by': 'erasure requests this admin decided are about other people',
};

const P = { from: '2026-01-01', to: '2027-12-31' };

let t: TestApp;
let workshopId: string;
let admin: TestAgent;
let trainer: TestAgent;
let course: BuiltCourse;
let learner: UserEntity;
let other: UserEntity;

/** The learner's path: a course with a quiz completed (certificate), and a workshop attended. */
async function learn(agent: TestAgent) {
  await agent.post(`/api/courses/${course.id}/enrolments`).expect(201);
  await agent.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
  await agent.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, false)).expect(200);
  const passed = await agent.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(200);
  expect(passed.body.certificate).toBeDefined();
  return passed.body.certificate as { id: string; serial: string; verificationCode: string };
}

async function workshop(emails: string[]) {
  const created = await trainer
    .post('/api/activities')
    .send({
      kind: 'workshop',
      title: 'Investigating terrorist financing',
      delivery: 'in_person',
      city: 'Nairobi',
      venueMemberState: 'KEN',
      memberStates: ['KEN'],
      languages: ['en'],
      hours: 6,
      requiredAttendance: 100,
      startsOn: '2026-11-23',
      endsOn: '2026-11-23',
    })
    .expect(201);
  const id = created.body.id as string;
  const csv =
    'fullName,email,memberState,institution,agencyType,gender,role\r\n' +
    emails.map((email, i) => `Listed Person ${i},${email},KEN,DCI,police,female,participant\r\n`).join('');
  await trainer.post(`/api/activities/${id}/participants/import`).attach('file', Buffer.from(csv, 'utf8'), 'list.csv').expect(200);
  const { body } = await trainer.get(`/api/activities/${id}/participants`).expect(200);
  for (const place of body.items as Array<{ id: string }>) {
    await trainer.post(`/api/activities/${id}/attendance`).send({ participantId: place.id, date: '2026-11-23', present: true }).expect(200);
  }
  await trainer.post(`/api/activities/${id}/hold`).expect(200);
  return id;
}

/** The member-state report's figures (without the time it was made). */
const report = async () => {
  const { generatedAt: _, ...figures } = (await admin.get('/api/reports/member-states').query(P).expect(200)).body;
  return figures;
};

beforeAll(async () => {
  t = await createTestApp();
  const adminUser = await createUser(t.dataSource, { roles: ['admin'], email: 'admin@example.org' });
  await createUser(t.dataSource, { roles: ['trainer'], email: 'trainer@example.org', fullName: 'Trainer Person', memberState: 'FRA' });
  learner = await createUser(t.dataSource, {
    email: 'amina@police.example',
    fullName: 'Amina Odhiambo',
    institution: 'Directorate of Criminal Investigations',
    jobTitle: 'Detective Inspector',
    memberState: 'KEN',
    gender: 'female',
  });
  other = await createUser(t.dataSource, { email: 'joseph@police.example', fullName: 'Joseph Okello', memberState: 'KEN', gender: 'male' });
  admin = await signIn(t.http, adminUser.email);
  trainer = await signIn(t.http, 'trainer@example.org');
  course = await buildCourse(trainer, { quiz: { maxAttempts: null }, course: { certificate: { enabled: true, validityMonths: null } } });
});

afterAll(async () => {
  await t.close();
});

describe('what the export covers', () => {
  const userReferences = async (): Promise<string[]> => {
    const rows: Array<{ ref: string }> = await t.dataSource.query(
      `SELECT DISTINCT c.conrelid::regclass::text || '.' || a.attname AS ref
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass
       UNION
       SELECT table_name || '.' || column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name ~ '(^|_)user_id$'`,
    );
    return rows.map((row) => row.ref).sort();
  };

  it('names every column that points at a user, exported or deliberately excluded', async () => {
    const references = await userReferences();
    const covered = [...Object.keys(EXPORTED_USER_REFERENCES), ...Object.keys(EXCLUDED_USER_REFERENCES)];
    expect(references.filter((ref) => !covered.includes(ref))).toEqual([]);
    // And neither list names a column that no longer exists.
    expect(covered.filter((ref) => !references.includes(ref))).toEqual([]);
  });

  it('sees a new table that refers to users, which the check above would then refuse', async () => {
    await t.dataSource.query(`CREATE TABLE api_tokens_probe (id int PRIMARY KEY, owner uuid REFERENCES users (id), user_id uuid)`);
    try {
      expect(await userReferences()).toEqual(expect.arrayContaining(['api_tokens_probe.owner', 'api_tokens_probe.user_id']));
    } finally {
      await t.dataSource.query(`DROP TABLE api_tokens_probe`);
    }
  });
});

describe('GET /api/me/data', () => {
  let certificate: { id: string; serial: string; verificationCode: string };
  let agent: TestAgent;

  beforeAll(async () => {
    agent = await signIn(t.http, learner.email);
    certificate = await learn(agent);
    const otherAgent = await signIn(t.http, other.email);
    await learn(otherAgent);
    workshopId = await workshop([learner.email, other.email]);
  });

  it('needs a signed-in caller', async () => {
    await request(t.http).get('/api/me/data').expect(401);
  });

  it("gives the signed-in person everything held about them as a download, and nobody else's data or any secret", async () => {
    const response = await agent.get('/api/me/data').expect(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ctlp-my-data.json"');
    const data = response.body;
    expect(data.account).toMatchObject({
      id: learner.id,
      email: 'amina@police.example',
      fullName: 'Amina Odhiambo',
      institution: 'Directorate of Criminal Investigations',
      jobTitle: 'Detective Inspector',
      memberState: 'KEN',
      agencyType: 'police',
      gender: 'female',
      roles: ['learner'],
      status: 'active',
    });
    expect(data.sessions).toHaveLength(1);
    expect(Object.keys(data.sessions[0]).sort()).toEqual(['address', 'expiresAt', 'signedInAt', 'userAgent']);
    expect(data.enrolments).toHaveLength(1);
    expect(data.enrolments[0]).toMatchObject({ courseId: course.id, status: 'completed' });
    expect(data.enrolments[0].lessonProgress.length).toBeGreaterThanOrEqual(1);
    expect(data.enrolments[0].quizAttempts.map((a: { passed: boolean }) => a.passed)).toEqual([false, true]);
    expect(data.enrolments[0].quizAttempts[1].answers).toEqual(answers(course, true).answers);
    expect(data.certificates).toEqual([
      expect.objectContaining({ serial: certificate.serial, holderName: 'Amina Odhiambo', kind: 'course' }),
    ]);
    expect(data.activities.record).toMatchObject({ email: 'amina@police.example', memberState: 'KEN' });
    expect(data.activities.activities).toEqual([
      expect.objectContaining({
        title: 'Investigating terrorist financing',
        attendance: [expect.objectContaining({ day: '2026-11-23', present: true })],
      }),
    ]);
    expect(data.auditEvents.map((e: { action: string }) => e.action)).toContain('certificate.issued');
    expect(data.erasureRequests).toEqual([]);

    const text = JSON.stringify(data);
    for (const secret of ['$argon2', 'passwordHash', 'password_hash', 'token_hash', 'sid']) expect(text).not.toContain(secret);
    const [session] = await t.dataSource.query(`SELECT sid FROM user_sessions WHERE user_id = $1`, [learner.id]);
    expect(text).not.toContain(session.sid);
    for (const someoneElse of ['Joseph Okello', 'joseph@police.example', other.id, 'Trainer Person', 'trainer@example.org']) {
      expect(text).not.toContain(someoneElse);
    }
  });

  it('is audited', async () => {
    const events = await t.dataSource.query(
      `SELECT actor_id FROM audit_events WHERE action = 'personal_data.exported' AND subject_id = $1`,
      [learner.id],
    );
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0].actor_id).toBe(learner.id);
  });

  it('erasure: requested once, withdrawn, requested again, completed by an admin — counts stay, the person is gone', async () => {
    const first = await agent.post('/api/me/erasure').expect(201);
    expect(first.body).toMatchObject({ status: 'open', decidedAt: null });
    const again = await agent.post('/api/me/erasure').expect(409);
    expect(again.body.code).toBe('erasure_already_requested');
    await agent.post(`/api/me/erasure/${first.body.id}/withdraw`).expect(200);
    expect((await agent.post(`/api/me/erasure/${first.body.id}/withdraw`).expect(409)).body.code).toBe('erasure_request_closed');
    const open = await agent.post('/api/me/erasure').expect(201);
    const mine = await agent.get('/api/me/erasure').expect(200);
    expect(mine.body.items.map((r: { status: string }) => r.status)).toEqual(['open', 'withdrawn']);

    // Only admins list and decide, and someone else cannot withdraw it.
    await agent.get('/api/erasure-requests').expect(403);
    await agent.post(`/api/erasure-requests/${open.body.id}/complete`).expect(403);
    const otherAgent = await signIn(t.http, other.email);
    await otherAgent.post(`/api/me/erasure/${open.body.id}/withdraw`).expect(404);
    const listed = await admin.get('/api/erasure-requests').query({ status: 'open' }).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: open.body.id, userId: learner.id, fullName: 'Amina Odhiambo' })]);
    await admin.get('/api/erasure-requests').query({ status: 'lost' }).expect(400);

    const before = await report();
    expect(before.rows.find((row: { memberState: string }) => row.memberState === 'KEN')).toMatchObject({
      officialsTrained: 2,
      female: 1,
      male: 1,
      completions: 2,
      certificates: 2,
      participants: 2,
    });
    const completed = await admin.post(`/api/erasure-requests/${open.body.id}/complete`).expect(200);
    expect(completed.body).toMatchObject({ status: 'completed', fullName: expect.stringMatching(/^Erased person /) });
    expect(await report()).toEqual(before);
    expect((await admin.post(`/api/erasure-requests/${open.body.id}/complete`).expect(409)).body.code).toBe('erasure_request_closed');

    // The account is unusable: its session ended, its old address and password open nothing.
    await agent.get('/api/auth/me').expect(401);
    await request(t.http).post('/api/auth/login').send({ email: learner.email, password: TEST_PASSWORD }).expect(401);
    const [row] = await t.dataSource.query(
      `SELECT email, full_name, institution, job_title, password_hash, status, erased_at, member_state, gender FROM users WHERE id = $1`,
      [learner.id],
    );
    expect(row).toMatchObject({
      email: `erased-${learner.id}@erased.invalid`,
      institution: '',
      job_title: '',
      password_hash: '',
      status: 'suspended',
      member_state: 'KEN',
      gender: 'female',
    });
    expect(row.erased_at).not.toBeNull();
    const [participant] = await t.dataSource.query(`SELECT full_name, email, institution FROM participants WHERE user_id = $1`, [
      learner.id,
    ]);
    expect(participant).toEqual({ full_name: row.full_name, email: null, institution: null });
    const [{ count: leftovers }] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM mail_messages WHERE recipient = $1) + (SELECT count(*) FROM pgboss.job WHERE data->>'to' = $1)
              + (SELECT count(*) FROM user_sessions WHERE user_id = $2) AS count`,
      [learner.email, learner.id],
    );
    expect(Number(leftovers)).toBe(0);
    const reactivate = await admin.patch(`/api/users/${learner.id}`).send({ status: 'active' }).expect(409);
    expect(reactivate.body.code).toBe('account_erased');

    // A certificate of participation issued after the erasure withholds the name too, and mails no one.
    await trainer.post(`/api/activities/${workshopId}/close`).expect(200);
    await trainer.post(`/api/activities/${workshopId}/certificates`).expect(200);
    const issued = await t.dataSource.query(
      `SELECT c.holder_name FROM certificates c JOIN activity_participants ap ON ap.id = c.activity_participant_id
         JOIN participants p ON p.id = ap.participant_id WHERE p.user_id = $1`,
      [learner.id],
    );
    expect(issued).toEqual([{ holder_name: null }]);
    const [{ count: mailed }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM pgboss.job WHERE data->>'to' LIKE 'erased-%'`);
    expect(mailed).toBe(0);

    // Verification: still valid, the holder withheld; the PDF renders without a name.
    const verified = await request(t.http).get(`/api/verify/${certificate.verificationCode}`).expect(200);
    expect(verified.body).toMatchObject({ status: 'valid', holderName: null });
    const pdf = await admin.get(`/api/certificates/${certificate.id}/pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    // The audit trail stays and records both steps.
    const actions = (
      await t.dataSource.query(`SELECT action, actor_id FROM audit_events WHERE subject_id = $1 ORDER BY id`, [learner.id])
    ).map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['erasure.requested', 'erasure.withdrawn', 'erasure.completed', 'personal_data.exported']),
    );
  });

  it('lets the erased address register again as a new person, unlinked from the old records', async () => {
    const response = await request(t.http)
      .post('/api/auth/register')
      .send({
        email: 'amina@police.example',
        password: 'a long passphrase of my own',
        fullName: 'Amina Odhiambo',
        memberState: 'KEN',
        institution: 'DCI',
        agencyType: 'police',
        jobTitle: 'Inspector',
        gender: 'female',
        locale: 'en',
      })
      .expect(202);
    expect(response.body).toEqual({});
    const [fresh] = await t.dataSource.query(`SELECT id FROM users WHERE email = 'amina@police.example'`);
    expect(fresh.id).not.toBe(learner.id);
    const linked = await t.dataSource.query(`SELECT 1 FROM participants WHERE user_id = $1`, [fresh.id]);
    expect(linked).toEqual([]);
  });

  it('an admin refuses a request with a reason, named when missing', async () => {
    const otherAgent = await signIn(t.http, other.email);
    const open = await otherAgent.post('/api/me/erasure').expect(201);
    const missing = await admin.post(`/api/erasure-requests/${open.body.id}/refuse`).send({}).expect(400);
    expect(missing.body.fields.reason).toBeDefined();
    const refused = await admin
      .post(`/api/erasure-requests/${open.body.id}/refuse`)
      .send({ reason: 'A court case needs the records' })
      .expect(200);
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: 'A court case needs the records' });
    const [user] = await t.dataSource.query(`SELECT full_name, erased_at FROM users WHERE id = $1`, [other.id]);
    expect(user).toEqual({ full_name: 'Joseph Okello', erased_at: null });
    await admin.post('/api/erasure-requests/00000000-0000-4000-8000-000000000000/complete').expect(404);
    await admin.post('/api/erasure-requests/not-an-id/complete').expect(400);
  });
});

describe('retention of rejected registrations', () => {
  it('erases rejected applicants older than REJECTED_REGISTRATION_RETENTION_DAYS (180) and keeps the recent ones', async () => {
    const old = await createUser(t.dataSource, { status: 'rejected', fullName: 'Old Applicant', email: 'old@applicant.example' });
    const recent = await createUser(t.dataSource, { status: 'rejected', fullName: 'Recent Applicant' });
    const pending = await createUser(t.dataSource, { status: 'pending', fullName: 'Waiting Applicant' });
    // The clock moved: one rejection 181 days ago, one 179 days ago; the pending one registered long ago.
    await t.dataSource.query(`UPDATE users SET vetted_at = now() - interval '181 days' WHERE id = $1`, [old.id]);
    await t.dataSource.query(`UPDATE users SET vetted_at = now() - interval '179 days' WHERE id = $1`, [recent.id]);
    await t.dataSource.query(`UPDATE users SET created_at = now() - interval '400 days' WHERE id = $1`, [pending.id]);

    expect(await t.app.get(PersonalDataService).eraseExpiredRejections()).toBe(1);
    const rows: Array<{ id: string; full_name: string; erased_at: Date | null }> = await t.dataSource.query(
      `SELECT id, full_name, erased_at FROM users WHERE id = ANY($1)`,
      [[old.id, recent.id, pending.id]],
    );
    const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
    expect(byId[old.id]!.full_name).toMatch(/^Erased person /);
    expect(byId[old.id]!.erased_at).not.toBeNull();
    expect(byId[recent.id]).toMatchObject({ full_name: 'Recent Applicant', erased_at: null });
    expect(byId[pending.id]).toMatchObject({ full_name: 'Waiting Applicant', erased_at: null });
    const [event] = await t.dataSource.query(
      `SELECT actor_id, data FROM audit_events WHERE action = 'personal_data.erased' AND subject_id = $1`,
      [old.id],
    );
    expect(event).toMatchObject({ actor_id: null, data: { reason: 'rejected_registration_retention', retentionDays: 180 } });
    // Run again: nothing more to do.
    expect(await t.app.get(PersonalDataService).eraseExpiredRejections()).toBe(0);
  });
});
