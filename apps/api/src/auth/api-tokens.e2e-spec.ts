import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import type { UserEntity } from '../users/user.entity.js';

let t: TestApp;
let admin: UserEntity;
let adminAgent: TestAgent;
let focal: UserEntity;
let focalAgent: TestAgent;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const REPORT = '/api/reports/member-states';

async function createToken(agent: TestAgent, body: Record<string, unknown> = {}): Promise<{ id: string; token: string }> {
  const response = await agent
    .post('/api/me/tokens')
    .send({ name: 'Export script', scopes: ['reports:read'], expiresAt: inDays(30), ...body })
    .expect(201);
  return response.body as { id: string; token: string };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.dataSource, { roles: ['admin'], memberState: 'AUT' });
  adminAgent = await signIn(t.http, admin.email);
  focal = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'KEN' });
  focalAgent = await signIn(t.http, focal.email);
});

afterAll(() => t.close());

describe('managing personal API tokens', () => {
  it('shows a new token once and lists it afterwards by its prefix only', async () => {
    const created = await adminAgent
      .post('/api/me/tokens')
      .send({ name: '  Quarterly export  ', scopes: ['reports:read'], expiresAt: inDays(90) })
      .expect(201);
    expect(created.body.token).toMatch(/^ctlp_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ name: 'Quarterly export', scopes: ['reports:read'], lastUsedAt: null });
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);

    const list = await adminAgent.get('/api/me/tokens').expect(200);
    const listed = list.body.items.find((item: { id: string }) => item.id === created.body.id);
    expect(listed).toMatchObject({ name: 'Quarterly export', prefix: created.body.prefix, lastUsedAt: null });
    expect(listed.createdAt).toEqual(expect.any(String));
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    // The database keeps only a hash.
    const [row] = await t.dataSource.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [created.body.id]);
    expect(Buffer.from(row.token_hash).toString('utf8')).not.toContain(created.body.token);
    expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM api_tokens`))).not.toContain(created.body.token.slice(20));
  });

  it('lets only admins and focal points hold tokens', async () => {
    for (const roles of [['learner'], ['trainer']] as const) {
      const user = await createUser(t.dataSource, { roles: [...roles] });
      const agent = await signIn(t.http, user.email);
      const refused = await agent
        .post('/api/me/tokens')
        .send({ name: 'x', scopes: ['reports:read'], expiresAt: inDays(5) })
        .expect(403);
      expect(refused.body.code).toBe('role_required');
      await agent.get('/api/me/tokens').expect(403);
    }
    await request(t.http).get('/api/me/tokens').expect(401);
  });

  it('refuses scopes other than reports:read, naming scopes', async () => {
    for (const scopes of [['reports:write'], [], 'reports:read', ['reports:read', 'admin'], undefined]) {
      const response = await adminAgent
        .post('/api/me/tokens')
        .send({ name: 'x', scopes, expiresAt: inDays(5) })
        .expect(400);
      expect(Object.keys(response.body.fields)).toEqual(['scopes']);
    }
  });

  it('requires an expiry in the future and at most a year ahead, naming expiresAt', async () => {
    const cases: [unknown, string][] = [
      [undefined, 'not_date'],
      ['soon', 'not_date'],
      [inDays(-1), 'must_be_in_future'],
      [inDays(367), 'too_far_ahead'],
    ];
    for (const [expiresAt, code] of cases) {
      const response = await adminAgent
        .post('/api/me/tokens')
        .send({ name: 'x', scopes: ['reports:read'], expiresAt })
        .expect(400);
      expect(Object.keys(response.body.fields)).toEqual(['expiresAt']);
      expect(response.body.fields.expiresAt.code).toBe(code);
    }
    await createToken(adminAgent, { expiresAt: inDays(364) });
  });

  it('revokes only the caller’s own tokens', async () => {
    const mine = await createToken(adminAgent);
    await focalAgent.delete(`/api/me/tokens/${mine.id}`).expect(404);
    await adminAgent.delete('/api/me/tokens/not-a-uuid').expect(400);
    await adminAgent.delete(`/api/me/tokens/${mine.id}`).expect(204);
    await adminAgent.delete(`/api/me/tokens/${mine.id}`).expect(404);
    const list = await adminAgent.get('/api/me/tokens').expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(mine.id);
    await request(t.http).get(REPORT).set(bearer(mine.token)).expect(401);
  });
});

describe('using a token', () => {
  it('exports a report as CSV, acting as its owner', async () => {
    const { token } = await createToken(adminAgent);
    const response = await request(t.http).get(`${REPORT}?format=csv&includeZero=true`).set(bearer(token)).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.text).toContain('KEN');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('sees only its owner’s Member State when the owner is a focal point', async () => {
    const { token } = await createToken(focalAgent);
    const own = await request(t.http).get(`${REPORT}?includeZero=true`).set(bearer(token)).expect(200);
    expect(own.body.filters.memberState).toBe('KEN');
    expect(own.body.rows.map((row: { memberState: string }) => row.memberState)).toEqual(['KEN']);
    const all = await request(t.http)
      .get(`${REPORT}?includeZero=true`)
      .set(bearer((await createToken(adminAgent)).token))
      .expect(200);
    expect(all.body.rows.length).toBeGreaterThan(100);
  });

  it('is refused anywhere but the report routes, reads and writes alike', async () => {
    const { token, id } = await createToken(adminAgent);
    for (const [method, path] of [
      ['get', '/api/users'],
      ['get', '/api/auth/me'],
      ['get', '/api/audit-events'],
      ['get', '/api/me/tokens'],
      ['post', '/api/me/tokens'],
      ['delete', `/api/me/tokens/${id}`],
      ['patch', `/api/users/${focal.id}`],
      ['post', '/api/auth/logout'],
      ['get', '/api/no-such-route'],
    ] as const) {
      const call = request(t.http)[method](path);
      const response = await call.set(bearer(token)).send({ roles: ['admin'] });
      expect([method, path, response.status, response.body.code]).toEqual([method, path, 403, 'api_token_not_allowed']);
    }
    // Still live: refusing a route does not spend the token.
    await request(t.http).get(REPORT).set(bearer(token)).expect(200);
  });

  it('ignores the session cookie of a Bearer request, and a bogus Bearer cannot ride on a session', async () => {
    // The admin's signed-in session does not make a bogus token good, nor open other routes.
    const bogus = await adminAgent
      .get(REPORT)
      .set(bearer('ctlp_pat_' + 'x'.repeat(43)))
      .expect(401);
    expect(bogus.body.code).toBe('api_token_invalid');
    await adminAgent.get('/api/users').set(bearer('nonsense')).expect(403);
    // A cross-site write with the session cookie is still refused by the origin check.
    const crossSite = await adminAgent
      .post('/api/me/tokens')
      .set('Origin', 'https://evil.example')
      .set(bearer('whatever'))
      .send({ name: 'x', scopes: ['reports:read'], expiresAt: inDays(5) })
      .expect(403);
    expect(crossSite.body.code).toBe('cross_origin_request');
    // The session itself keeps working without the header.
    await adminAgent.get('/api/users').expect(200);
  });

  it('acts as the token’s owner even when another user’s session cookie comes with it', async () => {
    const { token } = await createToken(focalAgent);
    const report = await adminAgent.get(`${REPORT}?includeZero=true`).set(bearer(token)).expect(200);
    expect(report.body.filters.memberState).toBe('KEN');
    expect(report.body.rows).toHaveLength(1);
  });

  it('refuses a malformed, unknown, revoked or expired token with 401', async () => {
    for (const header of ['Bearer', 'Bearer ', 'Bearer a b', 'Bearer ctlp_pat_short', `Bearer ctlp_pat_${'A'.repeat(43)}`]) {
      const response = await request(t.http).get(REPORT).set('Authorization', header).expect(401);
      expect(response.body.code).toBe('api_token_invalid');
    }
    const expired = await createToken(adminAgent);
    await request(t.http).get(REPORT).set(bearer(expired.token)).expect(200);
    await t.dataSource.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    await request(t.http).get(REPORT).set(bearer(expired.token)).expect(401);
  });

  it('stops working when its owner is suspended or loses the role', async () => {
    const owner = await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'FRA' });
    const { token } = await createToken(await signIn(t.http, owner.email));
    await request(t.http).get(REPORT).set(bearer(token)).expect(200);
    await t.dataSource.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [owner.id]);
    await request(t.http).get(REPORT).set(bearer(token)).expect(401);
    await t.dataSource.query(`UPDATE users SET status = 'active', roles = '{learner}' WHERE id = $1`, [owner.id]);
    await request(t.http).get(REPORT).set(bearer(token)).expect(401);
    await t.dataSource.query(`UPDATE users SET roles = '{focal_point}' WHERE id = $1`, [owner.id]);
    await request(t.http).get(REPORT).set(bearer(token)).expect(200);
  });

  it('records every use in the audit trail, found by the owner, and stamps lastUsedAt', async () => {
    const owner = await createUser(t.dataSource, { roles: ['admin'], memberState: 'BRA' });
    const ownerAgent = await signIn(t.http, owner.email);
    const { id, token } = await createToken(ownerAgent);
    await request(t.http).get(REPORT).set(bearer(token)).expect(200);
    await request(t.http).get(`${REPORT}?format=csv`).set(bearer(token)).expect(200);
    await request(t.http).get('/api/users').set(bearer(token)).expect(403);

    const byEmail = await adminAgent.get('/api/audit-events').query({ actor: owner.email, action: 'api_token.used' }).expect(200);
    expect(byEmail.body.total).toBe(2);
    expect(byEmail.body.items[0]).toMatchObject({
      actorId: owner.id,
      actorEmail: owner.email,
      subjectType: 'api_token',
      subjectId: id,
      data: { method: 'GET', route: '/api/reports/member-states', url: '/api/reports/member-states?format=csv' },
    });
    const byId = await adminAgent.get('/api/audit-events').query({ actor: owner.id, action: 'api_token.*' }).expect(200);
    expect(byId.body.items.map((e: { action: string }) => e.action)).toEqual(['api_token.used', 'api_token.used', 'api_token.created']);
    const exported = await adminAgent.get('/api/audit-events').query({ actor: owner.id, action: 'report.exported' }).expect(200);
    expect(exported.body.total).toBe(1);

    const [listed] = (await ownerAgent.get('/api/me/tokens').expect(200)).body.items;
    expect(Date.now() - new Date(listed.lastUsedAt).getTime()).toBeLessThan(60_000);

    await ownerAgent.delete(`/api/me/tokens/${id}`).expect(204);
    const revoked = await adminAgent.get('/api/audit-events').query({ actor: owner.id, action: 'api_token.revoked' }).expect(200);
    expect(revoked.body.items[0]).toMatchObject({ subjectId: id });
  });
});
