import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobsService, JOBS_SCHEMA } from '../jobs/jobs.service.js';
import { SEND_MAIL_JOB } from '../mail/mail.service.js';
import { TestSmtp } from '../../test/smtp.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import type { UserEntity } from '../users/user.entity.js';

let smtp: TestSmtp;
let t: TestApp;
let jobs: JobsService;
let focalPoint: UserEntity;

beforeAll(async () => {
  smtp = await TestSmtp.start();
  t = await createTestApp({ mail: { smtpUrl: smtp.url, from: 'CTLP <no-reply@ctlp.test>' }, vettingUndoSeconds: 60 });
  jobs = t.app.get(JobsService);
  focalPoint = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'KEN' });
});

afterAll(async () => {
  await t.close();
  await smtp.stop();
});

/** The undo window has passed for the waiting mail: it is due now, and worked. */
async function sendWaitingMail(): Promise<void> {
  await t.dataSource.query(`UPDATE ${JOBS_SCHEMA}.job SET start_after = now() WHERE name = $1 AND state = 'created'`, [SEND_MAIL_JOB]);
  await jobs.drain(SEND_MAIL_JOB);
}

async function statusOf(
  userId: string,
): Promise<{ status: string; vetted_at: Date | null; vetted_by: string | null; rejection_reason: string | null }> {
  const [row] = await t.dataSource.query(`SELECT status, vetted_at, vetted_by, rejection_reason FROM users WHERE id = $1`, [userId]);
  return row;
}

describe('undoing a vetting decision', () => {
  it('holds the decision mail for the undo window, then sends it', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const agent = await signIn(t.http, focalPoint.email);
    await agent.post(`/api/registrations/${applicant.id}/approve`).expect(200);
    // Within the window nothing is due.
    expect(await jobs.drain(SEND_MAIL_JOB)).toBe(0);
    expect(smtp.to(applicant.email)).toEqual([]);
    await sendWaitingMail();
    expect(smtp.to(applicant.email).map((mail) => mail.subject)).toEqual(['Your registration has been approved']);
  });

  it('puts an approved registration back in the queue, audited, and the applicant hears nothing', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const agent = await signIn(t.http, focalPoint.email);
    await agent.post(`/api/registrations/${applicant.id}/approve`).expect(200);
    const undone = await agent
      .post('/api/registrations/undo')
      .send({ userIds: [applicant.id] })
      .expect(200);
    expect(undone.body.items).toEqual([expect.objectContaining({ id: applicant.id, status: 'pending', vettedAt: null })]);
    expect(await statusOf(applicant.id)).toEqual({ status: 'pending', vetted_at: null, vetted_by: null, rejection_reason: null });
    const events = await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [applicant.id]);
    expect(events.map((event: { action: string }) => event.action)).toEqual(['registration.approved', 'registration.decision_undone']);
    await sendWaitingMail();
    expect(smtp.to(applicant.email)).toEqual([]);

    // Waiting again, it can be decided again, and that decision is the one announced.
    await agent.post(`/api/registrations/${applicant.id}/reject`).send({ reason: 'Personal address' }).expect(200);
    await sendWaitingMail();
    expect(smtp.to(applicant.email).map((mail) => mail.subject)).toEqual(['Your registration was not approved']);
  });

  it('undoes a rejection and a bulk approval, all or none', async () => {
    const rejected = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const first = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const second = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const waiting = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const agent = await signIn(t.http, focalPoint.email);
    await agent.post(`/api/registrations/${rejected.id}/reject`).send({ reason: 'Not an official' }).expect(200);
    await agent
      .post('/api/registrations/approve')
      .send({ userIds: [first.id, second.id] })
      .expect(200);

    // One still waiting among them: 409, and nothing is undone.
    const refused = await agent
      .post('/api/registrations/undo')
      .send({ userIds: [first.id, waiting.id] })
      .expect(409);
    expect(refused.body.code).toBe('registration_not_decided');
    expect((await statusOf(first.id)).status).toBe('active');

    await agent
      .post('/api/registrations/undo')
      .send({ userIds: [rejected.id, first.id, second.id] })
      .expect(200);
    for (const user of [rejected, first, second]) expect((await statusOf(user.id)).status).toBe('pending');
    await sendWaitingMail();
    for (const user of [rejected, first, second]) expect(smtp.to(user.email)).toEqual([]);
  });

  it('refuses once the window has passed or the applicant has enrolled, and changes nothing', async () => {
    const late = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const enrolled = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const agent = await signIn(t.http, focalPoint.email);
    await agent
      .post('/api/registrations/approve')
      .send({ userIds: [late.id, enrolled.id] })
      .expect(200);
    await t.dataSource.query(`UPDATE users SET vetted_at = vetted_at - interval '61 seconds' WHERE id = $1`, [late.id]);
    const tooLate = await agent
      .post('/api/registrations/undo')
      .send({ userIds: [late.id] })
      .expect(409);
    expect(tooLate.body).toMatchObject({ code: 'undo_too_late', params: { seconds: 60 } });
    expect((await statusOf(late.id)).status).toBe('active');

    const [course] = await t.dataSource.query(
      `INSERT INTO courses (slug, title, owner_id, status, published_at) VALUES ('undo-' || gen_random_uuid(), 'Course', $1, 'published', now()) RETURNING id`,
      [focalPoint.id],
    );
    await t.dataSource.query(`INSERT INTO enrolments (course_id, user_id, status, source) VALUES ($1, $2, 'active', 'self')`, [
      course.id,
      enrolled.id,
    ]);
    const afterEnrolling = await agent
      .post('/api/registrations/undo')
      .send({ userIds: [enrolled.id] })
      .expect(409);
    expect(afterEnrolling.body.code).toBe('undo_too_late');
    expect((await statusOf(enrolled.id)).status).toBe('active');
  });

  it('answers 404 for a registration of another State and 400 naming userIds for a bad list; learners are kept out', async () => {
    const elsewhere = await createUser(t.dataSource, { status: 'pending', memberState: 'UGA' });
    const admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'], memberState: 'AUT' })).email);
    await admin.post(`/api/registrations/${elsewhere.id}/approve`).expect(200);
    const agent = await signIn(t.http, focalPoint.email);
    await agent
      .post('/api/registrations/undo')
      .send({ userIds: [elsewhere.id] })
      .expect(404);
    expect((await statusOf(elsewhere.id)).status).toBe('active');

    const bad = await agent
      .post('/api/registrations/undo')
      .send({ userIds: ['not-a-uuid'] })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('userIds');
    const learner = await signIn(t.http, (await createUser(t.dataSource, { memberState: 'KEN' })).email);
    await learner
      .post('/api/registrations/undo')
      .send({ userIds: [elsewhere.id] })
      .expect(403);
    // An admin may undo any State's decision within the window.
    await admin
      .post('/api/registrations/undo')
      .send({ userIds: [elsewhere.id] })
      .expect(200);
  });
});
