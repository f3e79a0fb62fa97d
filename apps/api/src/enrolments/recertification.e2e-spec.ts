import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { answers, buildCourse, type BuiltCourse } from '../../test/courses.js';
import { keptAndRebuilt } from '../../test/report-summary.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

// Recertification: once a certificate has expired, enrolling again starts a new cycle of the same
// course; the earlier cycle, its progress and its certificate are kept, and verification of the
// old serial points at the new one.
let t: TestApp;
let trainer: TestAgent;
let admin: TestAgent;

beforeAll(async () => {
  t = await createTestApp();
  trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'] })).email);
});

afterAll(() => t.close());

const CERTIFICATE = { certificate: { enabled: true, validityMonths: 12 } };

/** A learner (of `memberState`) who completed every text lesson of a new course, with the certificate it gave. */
async function certified(options: { textLessons?: number; memberState?: string; course?: Record<string, unknown> } = {}) {
  const course = await buildCourse(trainer, { textLessons: options.textLessons ?? 2, course: { ...CERTIFICATE, ...options.course } });
  const user = await createUser(t.dataSource, { memberState: options.memberState ?? 'KEN' });
  const learner = await signIn(t.http, user.email);
  const enrolled = await learner.post(`/api/courses/${course.id}/enrolments`).expect(201);
  let certificate: { id: string; serial: string; verificationCode: string } | undefined;
  for (const lessonId of course.textLessonIds) {
    const done = await learner.post(`/api/lessons/${lessonId}/complete`).expect(200);
    certificate ??= done.body.certificate;
  }
  return { course, user, learner, enrolment: enrolled.body.enrolment as { id: string }, certificate: certificate! };
}

/** Moves the certificate's expiry into the past, as time would. */
async function expire(certificateId: string): Promise<void> {
  await t.dataSource.query(`UPDATE certificates SET expires_at = now() - interval '1 day' WHERE id = $1`, [certificateId]);
}

async function completeAll(learner: TestAgent, course: BuiltCourse) {
  let certificate: { id: string; serial: string; verificationCode: string } | undefined;
  for (const lessonId of course.textLessonIds) {
    const done = await learner.post(`/api/lessons/${lessonId}/complete`).expect(200);
    certificate ??= done.body.certificate;
  }
  return certificate!;
}

const verify = (code: string) => request(t.http).get(`/api/verify/${code}`).expect(200);

describe('a new cycle', () => {
  it('lets the holder of an expired certificate earn it again, and verifies the old serial as superseded by the new', async () => {
    const { course, learner, enrolment, certificate: first } = await certified();
    await expire(first.id);
    expect((await verify(first.verificationCode)).body).toMatchObject({ status: 'expired', current: null });
    const page = await learner.get(`/api/courses/${course.id}`).expect(200);
    expect(page.body.enrolment).toMatchObject({ id: enrolment.id, status: 'completed', cycle: 1, canRetake: true });
    const listed = await learner.get('/api/me/enrolments').expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: enrolment.id, canRetake: true, pastCycles: [] })]);

    const again = await learner.post(`/api/courses/${course.id}/enrolments`).expect(201);
    expect(again.body.enrolment).toMatchObject({ status: 'active', cycle: 2, progress: 0, completedAt: null });
    expect(again.body.enrolment.id).not.toBe(enrolment.id);
    // Started, not finished: the old certificate is expired, not yet superseded.
    expect((await verify(first.verificationCode)).body).toMatchObject({ status: 'expired', current: null });

    const second = await completeAll(learner, course);
    expect(second.serial).not.toBe(first.serial);
    const old = await verify(first.verificationCode);
    expect(old.body).toMatchObject({ status: 'superseded', revokedAt: null });
    expect(old.body.current).toEqual({
      serial: second.serial,
      status: 'valid',
      issuedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(new Date(old.body.current.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect((await verify(second.verificationCode)).body).toMatchObject({ status: 'valid', current: null });

    const mine = await learner.get('/api/me/certificates').expect(200);
    expect(mine.body.items.map((c: { serial: string; status: string }) => [c.serial, c.status])).toEqual([
      [second.serial, 'valid'],
      [first.serial, 'superseded'],
    ]);
    const history = await learner.get('/api/me/enrolments').expect(200);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ cycle: 2, status: 'completed', canRetake: false });
    expect(history.body.items[0].pastCycles).toEqual([
      {
        cycle: 1,
        enrolledAt: expect.any(String),
        completedAt: expect.any(String),
        certificate: { serial: first.serial, expiresAt: expect.any(String), status: 'superseded' },
      },
    ]);
    const [audit] = await t.dataSource.query(`SELECT data FROM audit_events WHERE action = 'enrolment.new_cycle' AND subject_id = $1`, [
      again.body.enrolment.id,
    ]);
    expect(audit.data).toEqual({ courseId: course.id, previousEnrolmentId: enrolment.id, cycle: 2 });
  });

  it('starts no new cycle before the certificate expires, nor after it was revoked', async () => {
    const { course, learner, enrolment, certificate } = await certified();
    const before = await learner.post(`/api/courses/${course.id}/enrolments`).expect(200);
    expect(before.body.enrolment).toMatchObject({ id: enrolment.id, status: 'completed', cycle: 1 });
    expect((await learner.get(`/api/courses/${course.id}`).expect(200)).body.enrolment.canRetake).toBe(false);

    await admin.post(`/api/certificates/${certificate.id}/revoke`).send({ reason: 'Issued in error' }).expect(200);
    await expire(certificate.id);
    const revoked = await learner.post(`/api/courses/${course.id}/enrolments`).expect(200);
    expect(revoked.body.enrolment).toMatchObject({ id: enrolment.id, cycle: 1 });
    const rows = await t.dataSource.query(`SELECT cycle FROM enrolments WHERE course_id = $1`, [course.id]);
    expect(rows).toEqual([{ cycle: 1 }]);
  });

  it('makes one new cycle of ten racing re-enrolments', async () => {
    const { course, learner, certificate } = await certified({ textLessons: 1 });
    await expire(certificate.id);
    const responses = await Promise.all(Array.from({ length: 10 }, () => learner.post(`/api/courses/${course.id}/enrolments`)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.body.enrolment.id)).size).toBe(1);
    expect(responses.every((r) => r.body.enrolment.cycle === 2)).toBe(true);
    const rows = await t.dataSource.query(
      `SELECT cycle, superseded_at IS NOT NULL AS superseded FROM enrolments WHERE course_id = $1 ORDER BY cycle`,
      [course.id],
    );
    expect(rows).toEqual([
      { cycle: 1, superseded: true },
      { cycle: 2, superseded: false },
    ]);
  });

  it('starts the new cycle empty: the progress and quiz attempts of the first stay with it', async () => {
    const course = await buildCourse(trainer, { textLessons: 1, quiz: { maxAttempts: 2 }, course: CERTIFICATE });
    const learner = await signIn(t.http, (await createUser(t.dataSource)).email);
    await learner.post(`/api/courses/${course.id}/enrolments`).expect(201);
    await learner.post(`/api/lessons/${course.textLessonIds[0]}/complete`).expect(200);
    await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, false)).expect(200);
    const passed = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, true)).expect(200);
    await expire(passed.body.certificate.id);
    await learner.post(`/api/courses/${course.id}/enrolments`).expect(201);

    const page = await learner.get(`/api/courses/${course.id}`).expect(200);
    expect(page.body.enrolment).toMatchObject({ cycle: 2, status: 'active', progress: 0, canRetake: false });
    expect(page.body.modules[0].lessons.map((l: { completed: boolean }) => l.completed)).toEqual([false, false]);
    const text = await learner.get(`/api/lessons/${course.textLessonIds[0]}`).expect(200);
    expect(text.body.progress.completed).toBe(false);
    const quiz = await learner.get(`/api/lessons/${course.quizLessonId}`).expect(200);
    expect(quiz.body.progress).toMatchObject({ completed: false, attempts: [], attemptsLeft: 2 });
    // Not passed in this cycle: the right answers are not shown again.
    expect(JSON.stringify(quiz.body.quiz)).not.toContain('"correct"');
    const attempt = await learner.post(`/api/lessons/${course.quizLessonId}/attempts`).send(answers(course, false)).expect(200);
    expect(attempt.body.attemptsLeft).toBe(1);
    const [{ cycle1, cycle2 }] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE e.cycle = 1)::int AS cycle1, count(*) FILTER (WHERE e.cycle = 2)::int AS cycle2
         FROM quiz_attempts a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.course_id = $1`,
      [course.id],
    );
    expect({ cycle1, cycle2 }).toEqual({ cycle1: 2, cycle2: 1 });
  });

  it('asks again in an approval course: the new cycle waits for a trainer', async () => {
    const { course, learner, certificate } = await certified({ textLessons: 1, course: { enrolmentPolicy: 'open' } });
    await trainer.patch(`/api/courses/${course.id}`).send({ enrolmentPolicy: 'approval' }).expect(200);
    await expire(certificate.id);
    const again = await learner.post(`/api/courses/${course.id}/enrolments`).expect(201);
    expect(again.body.enrolment).toMatchObject({ status: 'pending', cycle: 2 });
    await trainer.post(`/api/enrolments/${again.body.enrolment.id}/approve`).expect(200);
    const learners = await trainer.get(`/api/courses/${course.id}/enrolments`).expect(200);
    expect(learners.body.items).toEqual([
      expect.objectContaining({ id: again.body.enrolment.id, status: 'active', cycle: 2, certificate: null }),
    ]);
  });
});

describe('the report', () => {
  it('counts each cycle’s enrolment and completion in its own period, and the person once', async () => {
    // Iceland: no other test of this file enrols anyone from there.
    const { course, learner, user, enrolment, certificate } = await certified({ textLessons: 1, memberState: 'ISL' });
    await t.dataSource.query(
      `UPDATE enrolments SET enrolled_at = '2025-03-02T09:00:00Z', completed_at = '2025-03-10T09:00:00Z' WHERE id = $1`,
      [enrolment.id],
    );
    await t.dataSource.query(
      `UPDATE certificates SET issued_at = '2025-03-10T09:00:00Z', expires_at = '2026-03-10T09:00:00Z' WHERE id = $1`,
      [certificate.id],
    );
    await learner.post(`/api/courses/${course.id}/enrolments`).expect(201);
    await completeAll(learner, course);

    const iceland = async (from: string, to: string) => {
      const { body } = await admin.get('/api/reports/member-states').query({ from, to, source: 'online' }).expect(200);
      const row = body.rows.find((r: { memberState: string }) => r.memberState === 'ISL');
      return (
        row && {
          officialsTrained: row.officialsTrained,
          enrolments: row.enrolments,
          completions: row.completions,
          certificates: row.certificates,
        }
      );
    };
    const now = new Date();
    const thisYear = `${now.getUTCFullYear()}-01-01`;
    const nextYear = `${now.getUTCFullYear() + 1}-01-01`;
    expect(await iceland('2025-01-01', '2026-01-01')).toEqual({ officialsTrained: 1, enrolments: 1, completions: 1, certificates: 1 });
    expect(await iceland(thisYear, nextYear)).toEqual({ officialsTrained: 1, enrolments: 1, completions: 1, certificates: 1 });
    expect(await iceland('2025-01-01', nextYear)).toEqual({ officialsTrained: 1, enrolments: 2, completions: 2, certificates: 2 });
    // A partial first month (read from the rows) agrees with whole months (read from the summary).
    expect(await iceland('2025-03-05', nextYear)).toEqual({ officialsTrained: 1, enrolments: 1, completions: 2, certificates: 2 });

    const [kept, rebuilt] = await keptAndRebuilt(t.dataSource);
    expect(kept).toEqual(rebuilt);
    // One person, with the instants of both completions.
    const people = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM unnest(completed))::int AS completions FROM report_people WHERE user_id = $1`,
      [user.id],
    );
    expect(people).toEqual([{ completions: 2 }]);
  });
});
