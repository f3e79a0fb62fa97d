import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, createUser, signIn, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';
import type { UserEntity } from './user.entity.js';

describe('managing users', () => {
  let t: TestApp;
  let admin: UserEntity;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.dataSource, { roles: ['admin'], fullName: 'Ada Admin' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers 403 to a learner on every admin endpoint', async () => {
    const learner = await createUser(t.dataSource);
    const agent = await signIn(t.http, learner.email);
    await agent.get('/api/users').expect(403);
    await agent
      .patch(`/api/users/${learner.id}`)
      .send({ roles: ['learner', 'admin'] })
      .expect(403);
    await agent.get('/api/audit-events').expect(403);
    const [row] = await t.dataSource.query(`SELECT roles FROM users WHERE id = $1`, [learner.id]);
    expect(row.roles).toEqual('{learner}');
  });

  it('lists and searches users by name or email, role, status and state', async () => {
    const target = await createUser(t.dataSource, {
      fullName: 'Zhang Wei',
      email: 'zhang.wei@mps.example',
      memberState: 'CHN',
      roles: ['trainer'],
    });
    await createUser(t.dataSource, { fullName: 'Someone Else', memberState: 'CHN' });
    const agent = await signIn(t.http, admin.email);
    const byName = await agent.get('/api/users?q=zhang').expect(200);
    expect(byName.body.items.map((u: { id: string }) => u.id)).toEqual([target.id]);
    const byRole = await agent.get('/api/users?role=trainer&memberState=chn').expect(200);
    expect(byRole.body.items.map((u: { id: string }) => u.id)).toEqual([target.id]);
    const page = await agent.get('/api/users?limit=1&offset=0').expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    await agent.get('/api/users?limit=0').expect(400);
    const wildcard = await agent.get('/api/users?q=%25').expect(200);
    expect(wildcard.body.items).toEqual([]);
  });

  it('changes roles with an audit event', async () => {
    const user = await createUser(t.dataSource);
    const agent = await signIn(t.http, admin.email);
    const response = await agent
      .patch(`/api/users/${user.id}`)
      .send({ roles: ['learner', 'trainer'] })
      .expect(200);
    expect(response.body.user.roles).toEqual(['learner', 'trainer']);
    const events = await t.dataSource.query(`SELECT actor_id AS "actorId", action, data FROM audit_events WHERE subject_id = $1`, [
      user.id,
    ]);
    expect(events).toEqual([{ actorId: admin.id, action: 'user.roles_changed', data: { from: ['learner'], to: ['learner', 'trainer'] } }]);
  });

  it('suspends a user, ending their sessions, and reactivates them', async () => {
    const user = await createUser(t.dataSource);
    const userAgent = await signIn(t.http, user.email);
    const agent = await signIn(t.http, admin.email);
    await agent.patch(`/api/users/${user.id}`).send({ status: 'suspended' }).expect(200);
    await userAgent.get('/api/auth/me').expect(401);
    await request(t.http).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(403);

    await agent.patch(`/api/users/${user.id}`).send({ status: 'active' }).expect(200);
    await signIn(t.http, user.email);
    const actions = await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [user.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['user.suspended', 'user.reactivated']);
  });

  it('refuses bad role and status values, naming the field', async () => {
    const user = await createUser(t.dataSource);
    const agent = await signIn(t.http, admin.email);
    const badRole = await agent
      .patch(`/api/users/${user.id}`)
      .send({ roles: ['superuser'] })
      .expect(400);
    expect(Object.keys(badRole.body.fields)).toEqual(['roles']);
    const badStatus = await agent.patch(`/api/users/${user.id}`).send({ status: 'rejected' }).expect(400);
    expect(Object.keys(badStatus.body.fields)).toEqual(['status']);
    await agent.patch(`/api/users/${user.id}`).send({}).expect(400);
  });

  it('answers 404 for a user that does not exist', async () => {
    const agent = await signIn(t.http, admin.email);
    await agent.patch('/api/users/00000000-0000-4000-8000-000000000000').send({ status: 'active' }).expect(404);
  });

  it('does not let an admin lock themselves out', async () => {
    const agent = await signIn(t.http, admin.email);
    await agent.patch(`/api/users/${admin.id}`).send({ status: 'suspended' }).expect(409);
    await agent
      .patch(`/api/users/${admin.id}`)
      .send({ roles: ['learner'] })
      .expect(409);
  });

  it('lists audit events for an admin, newest first', async () => {
    const agent = await signIn(t.http, admin.email);
    const response = await agent.get('/api/audit-events?action=user.roles_changed').expect(200);
    expect(response.body.items.length).toBeGreaterThanOrEqual(1);
    expect(response.body.items[0]).toMatchObject({ action: 'user.roles_changed', actorId: admin.id });
  });

  it('keeps the audit trail append-only in the database itself', async () => {
    await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
  });
});
