import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { JobsService } from '../jobs/jobs.service.js';
import { SEND_MAIL_JOB } from '../mail/mail.service.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import type { UserEntity } from '../users/user.entity.js';

async function auditOf(t: TestApp, subjectId: string) {
  return t.dataSource.query(`SELECT actor_id AS "actorId", action, data FROM audit_events WHERE subject_id = $1 ORDER BY id`, [subjectId]);
}

describe('vetting registrations', () => {
  let t: TestApp;
  let kenyaFocalPoint: UserEntity;
  let admin: UserEntity;

  beforeAll(async () => {
    t = await createTestApp();
    kenyaFocalPoint = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'KEN' });
    admin = await createUser(t.dataSource, { roles: ['admin'], memberState: 'AUT' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows a focal point the pending registrations of their own Member State only', async () => {
    const fromKenya = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const fromPeru = await createUser(t.dataSource, { status: 'pending', memberState: 'PER' });
    const agent = await signIn(t.http, kenyaFocalPoint.email);
    const response = await agent.get('/api/registrations').expect(200);
    const ids = response.body.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(fromKenya.id);
    expect(ids).not.toContain(fromPeru.id);
    expect(
      response.body.items.every((u: { memberState: string; status: string }) => u.memberState === 'KEN' && u.status === 'pending'),
    ).toBe(true);
    expect(response.body.total).toBe(response.body.items.length);
  });

  it('shows an admin every state’s queue', async () => {
    const fromPeru = await createUser(t.dataSource, { status: 'pending', memberState: 'PER' });
    const agent = await signIn(t.http, admin.email);
    const response = await agent.get('/api/registrations?status=pending&limit=200').expect(200);
    expect(response.body.items.map((u: { id: string }) => u.id)).toContain(fromPeru.id);
  });

  it('answers 404 to a focal point deciding on another state’s registration, and changes nothing', async () => {
    const fromPeru = await createUser(t.dataSource, { status: 'pending', memberState: 'PER' });
    const agent = await signIn(t.http, kenyaFocalPoint.email);
    await agent.post(`/api/registrations/${fromPeru.id}/approve`).expect(404);
    await agent.post(`/api/registrations/${fromPeru.id}/reject`).send({ reason: 'Not ours' }).expect(404);
    const [row] = await t.dataSource.query(`SELECT status FROM users WHERE id = $1`, [fromPeru.id]);
    expect(row.status).toBe('pending');
    expect(await auditOf(t, fromPeru.id)).toEqual([]);
  });

  it('approves a registration with an audit event in the same transaction, and the official can then act', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const applicantAgent = await signIn(t.http, applicant.email);
    await applicantAgent.get('/api/auth/me').expect(200);

    const agent = await signIn(t.http, kenyaFocalPoint.email);
    const response = await agent.post(`/api/registrations/${applicant.id}/approve`).expect(200);
    expect(response.body.user).toMatchObject({ id: applicant.id, status: 'active', vettedBy: kenyaFocalPoint.id });
    expect(response.body.user.vettedAt).toEqual(expect.any(String));
    expect(await auditOf(t, applicant.id)).toEqual([
      { actorId: kenyaFocalPoint.id, action: 'registration.approved', data: { memberState: 'KEN' } },
    ]);
    // The same session now sees the account as active: no need to sign in again.
    const me = await applicantAgent.get('/api/auth/me').expect(200);
    expect(me.body.user.status).toBe('active');
  });

  it('rejects with a reason that is kept and audited', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const agent = await signIn(t.http, kenyaFocalPoint.email);
    const response = await agent
      .post(`/api/registrations/${applicant.id}/reject`)
      .send({ reason: 'Not a member of a criminal justice institution' })
      .expect(200);
    expect(response.body.user).toMatchObject({ status: 'rejected', rejectionReason: 'Not a member of a criminal justice institution' });
    expect(await auditOf(t, applicant.id)).toEqual([
      {
        actorId: kenyaFocalPoint.id,
        action: 'registration.rejected',
        data: { memberState: 'KEN', reason: 'Not a member of a criminal justice institution' },
      },
    ]);
  });

  it('requires a reason to reject, naming the field', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const agent = await signIn(t.http, kenyaFocalPoint.email);
    const response = await agent.post(`/api/registrations/${applicant.id}/reject`).send({ reason: '  ' }).expect(400);
    expect(Object.keys(response.body.fields)).toEqual(['reason']);
  });

  it('answers 409 to a second decision on the same registration', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const agent = await signIn(t.http, kenyaFocalPoint.email);
    await agent.post(`/api/registrations/${applicant.id}/approve`).expect(200);
    await agent.post(`/api/registrations/${applicant.id}/reject`).send({ reason: 'Changed my mind' }).expect(409);
    expect(await auditOf(t, applicant.id)).toHaveLength(1);
  });

  it('answers 400 naming userId when the id is not a UUID', async () => {
    const agent = await signIn(t.http, kenyaFocalPoint.email);
    const response = await agent.post('/api/registrations/42/approve').expect(400);
    expect(Object.keys(response.body.fields)).toEqual(['userId']);
  });

  it('keeps learners and anonymous callers out of the queue', async () => {
    const learner = await createUser(t.dataSource);
    const agent = await signIn(t.http, learner.email);
    await agent.get('/api/registrations').expect(403);
    await request(t.http).get('/api/registrations').expect(401);
  });

  it('approves several registrations at once, each with its audit event and its mail', async () => {
    const first = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const second = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const agent = await signIn(t.http, kenyaFocalPoint.email);
    const response = await agent
      .post('/api/registrations/approve')
      .send({ userIds: [second.id, first.id] })
      .expect(200);
    expect(response.body.total).toBe(2);
    expect(response.body.items.map((u: { id: string; status: string }) => [u.id, u.status])).toEqual([
      [second.id, 'active'],
      [first.id, 'active'],
    ]);
    for (const applicant of [first, second]) {
      expect(await auditOf(t, applicant.id)).toEqual([
        { actorId: kenyaFocalPoint.id, action: 'registration.approved', data: { memberState: 'KEN' } },
      ]);
    }
    await t.app.get(JobsService).drain(SEND_MAIL_JOB);
    const mails = await t.dataSource.query(
      `SELECT recipient FROM mail_messages WHERE template = 'registration_approved' AND recipient = ANY($1)`,
      [[first.email, second.email]],
    );
    expect(mails.map((m: { recipient: string }) => m.recipient).sort()).toEqual([first.email, second.email].sort());
  });

  it('approves none of them when one is another State’s (404) or already decided (409)', async () => {
    const ours = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const fromPeru = await createUser(t.dataSource, { status: 'pending', memberState: 'PER' });
    const decided = await createUser(t.dataSource, { status: 'rejected', memberState: 'KEN' });
    const agent = await signIn(t.http, kenyaFocalPoint.email);
    await agent
      .post('/api/registrations/approve')
      .send({ userIds: [ours.id, fromPeru.id] })
      .expect(404);
    const conflict = await agent
      .post('/api/registrations/approve')
      .send({ userIds: [ours.id, decided.id] })
      .expect(409);
    expect(conflict.body.code).toBe('registration_already_decided');
    const rows = await t.dataSource.query(`SELECT id, status FROM users WHERE id = ANY($1) ORDER BY status`, [[ours.id, fromPeru.id]]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['pending', 'pending']);
    expect(await auditOf(t, ours.id)).toEqual([]);
  });

  it('answers 400 naming userIds for an empty list, a repeated id or one that is not a UUID', async () => {
    const applicant = await createUser(t.dataSource, { status: 'pending', memberState: 'KEN' });
    const agent = await signIn(t.http, kenyaFocalPoint.email);
    for (const userIds of [[], [applicant.id, applicant.id], ['42'], 'nope']) {
      const response = await agent.post('/api/registrations/approve').send({ userIds }).expect(400);
      expect(Object.keys(response.body.fields)).toEqual(['userIds']);
    }
    const learner = await createUser(t.dataSource);
    await (
      await signIn(t.http, learner.email)
    )
      .post('/api/registrations/approve')
      .send({ userIds: [applicant.id] })
      .expect(403);
  });

  it('does not let a pending focal point vet anyone', async () => {
    const pendingFocalPoint = await createUser(t.dataSource, { roles: ['focal_point'], status: 'pending' });
    const agent = await signIn(t.http, pendingFocalPoint.email);
    await agent.get('/api/registrations').expect(403);
  });
});
