import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, createUser, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';
import { LOGIN_LIMITS } from './login-limits.js';
import { SessionsRepository } from './sessions.repository.js';

// Behind one trusted proxy, so each device can sign in from an address of its own.
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ trustProxy: 1 });
});

afterAll(() => t.close());

/** A cookie-keeping client that signs in as `email` from `address` with browser `userAgent`. */
async function device(email: string, address = '198.51.100.1', userAgent = 'TestBrowser/1.0', password = TEST_PASSWORD) {
  const agent = request.agent(t.http);
  const login = await agent
    .post('/api/auth/login')
    .set('X-Forwarded-For', address)
    .set('User-Agent', userAgent)
    .send({ email, password })
    .expect(200);
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  return { agent, sid: decodeURIComponent(cookie.slice('ctlp.sid='.length)).split('.')[0]!, cookie };
}

async function passwordHashOf(id: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [id]);
  return row.password_hash;
}

describe('profile', () => {
  it('changes the name, institution, job title and language, trimmed, and leaves what is not sent', async () => {
    const user = await createUser(t.dataSource, { fullName: 'Amina Diallo', institution: 'Police', jobTitle: 'Inspector', locale: 'en' });
    const { agent } = await device(user.email);
    const changed = await agent
      .patch('/api/auth/me')
      .send({ fullName: '  Amina Diallo-Sow ', institution: 'Direction de la Police judiciaire', locale: 'fr' })
      .expect(200);
    expect(changed.body.user).toMatchObject({
      id: user.id,
      fullName: 'Amina Diallo-Sow',
      institution: 'Direction de la Police judiciaire',
      jobTitle: 'Inspector',
      locale: 'fr',
      email: user.email,
      memberState: user.memberState,
    });
    expect((await agent.patch('/api/auth/me').send({ jobTitle: 'Commissaire' }).expect(200)).body.user).toMatchObject({
      fullName: 'Amina Diallo-Sow',
      jobTitle: 'Commissaire',
      locale: 'fr',
    });
    expect((await agent.get('/api/auth/me').expect(200)).body.user.jobTitle).toBe('Commissaire');
    // Names in every script, with the joiners some of them need.
    expect((await agent.patch('/api/auth/me').send({ fullName: 'مریم\u200cزاده' }).expect(200)).body.user.fullName).toBe('مریم\u200cزاده');
  });

  const invalid: Array<[string, unknown, string, Record<string, unknown> | undefined]> = [
    ['fullName', '', 'required', undefined],
    ['fullName', '   ', 'required', undefined],
    ['fullName', 'x'.repeat(201), 'too_long', { max: 200 }],
    ['fullName', 'Amina\u0000Diallo', 'invalid_characters', undefined],
    ['fullName', 'Amina\r\nDiallo', 'invalid_format', undefined],
    ['fullName', '\u202eollaiD animA', 'invalid_format', undefined],
    ['fullName', 42, 'not_string', undefined],
    ['institution', '', 'required', undefined],
    ['institution', 'Police\u001b[31m', 'invalid_format', undefined],
    ['jobTitle', 'x'.repeat(201), 'too_long', { max: 200 }],
    ['jobTitle', 'Inspector\u0085', 'invalid_format', undefined],
    ['locale', 'de', 'not_one_of', { values: ['ar', 'zh', 'en', 'fr', 'ru', 'es'] }],
    ['email', 'new@example.org', 'unknown_property', undefined],
    ['memberState', 'FRA', 'unknown_property', undefined],
    ['roles', ['admin'], 'unknown_property', undefined],
    ['status', 'active', 'unknown_property', undefined],
  ];
  it.each(invalid)('answers 400 naming %s when it is %j, with code %s, and changes nothing', async (field, value, code, params) => {
    const user = await createUser(t.dataSource, { fullName: 'Unchanged Name', status: 'pending' });
    const { agent } = await device(user.email);
    const response = await agent
      .patch('/api/auth/me')
      .send({ fullName: 'Would Change', [field]: value })
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    expect(response.body.fields[field]).toEqual({ code, message: expect.any(String), ...(params ? { params } : {}) });
    expect((await agent.get('/api/auth/me').expect(200)).body.user).toMatchObject({ fullName: 'Unchanged Name', status: 'pending' });
  });

  it('needs a signed-in user', async () => {
    await request(t.http).patch('/api/auth/me').send({ fullName: 'Anyone' }).expect(401);
  });
});

describe('password change', () => {
  const NEW_PASSWORD = 'a brand new passphrase of mine';

  it('changes the password (argon2id), ends every other session and keeps this one', async () => {
    const user = await createUser(t.dataSource);
    const here = await device(user.email, '198.51.100.10', 'Laptop');
    const phone = await device(user.email, '198.51.100.11', 'Phone');
    const other = await createUser(t.dataSource);
    const someoneElse = await device(other.email, '198.51.100.12');

    await here.agent.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);

    expect(await passwordHashOf(user.id)).toMatch(/^\$argon2id\$/);
    expect((await here.agent.get('/api/auth/me').expect(200)).body.user.id).toBe(user.id);
    await phone.agent.get('/api/auth/me').expect(401);
    await someoneElse.agent.get('/api/auth/me').expect(200);
    await request(t.http).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    await request(t.http).post('/api/auth/login').send({ email: user.email, password: NEW_PASSWORD }).expect(200);
  });

  it('answers 400 with fields.currentPassword for a wrong current password, and changes nothing', async () => {
    const user = await createUser(t.dataSource);
    const here = await device(user.email, '198.51.100.20');
    const phone = await device(user.email, '198.51.100.21');
    const before = await passwordHashOf(user.id);
    const response = await here.agent
      .post('/api/auth/password')
      .send({ currentPassword: 'not my password at all', newPassword: NEW_PASSWORD })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'validation_failed', fields: { currentPassword: { code: 'wrong_password' } } });
    expect(Object.keys(response.body.fields)).toEqual(['currentPassword']);
    expect(await passwordHashOf(user.id)).toBe(before);
    await phone.agent.get('/api/auth/me').expect(200);
  });

  it('holds the new password to the registration policy, with the account’s email', async () => {
    const user = await createUser(t.dataSource, { email: 'amina.diallo@example.org' });
    const { agent } = await device(user.email, '198.51.100.30');
    const cases: Array<[string, string, Record<string, unknown> | undefined]> = [
      ['short', 'password_too_short', { min: 12 }],
      ['x'.repeat(129), 'password_too_long', { max: 128 }],
      ['password123456', 'password_too_common', undefined],
      ['amina.diallo!!', 'password_like_email', undefined],
    ];
    for (const [newPassword, code, params] of cases) {
      const response = await agent.post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword }).expect(400);
      expect(response.body.fields).toEqual({ newPassword: { code, message: expect.any(String), ...(params ? { params } : {}) } });
    }
    // Both wrong: both named at once.
    const both = await agent.post('/api/auth/password').send({ currentPassword: 'wrong wrong wrong', newPassword: 'short' }).expect(400);
    expect(Object.keys(both.body.fields).sort()).toEqual(['currentPassword', 'newPassword']);
    const missing = await agent.post('/api/auth/password').send({}).expect(400);
    expect(Object.keys(missing.body.fields).sort()).toEqual(['currentPassword', 'newPassword']);
    await request(t.http).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('counts a wrong current password like a failed sign-in of that account from that network', async () => {
    const user = await createUser(t.dataSource);
    const from = '198.51.100.40';
    const { agent } = await device(user.email, from);
    const attempt = (currentPassword: string) =>
      agent.post('/api/auth/password').set('X-Forwarded-For', from).send({ currentPassword, newPassword: NEW_PASSWORD });
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) await attempt('wrong wrong wrong').expect(400);
    const limited = await attempt(TEST_PASSWORD).expect(429);
    expect(limited.body.code).toBe('login_rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await request(t.http)
      .post('/api/auth/login')
      .set('X-Forwarded-For', from)
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(429);
    await request(t.http)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.41')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
  });

  it('needs a signed-in user', async () => {
    await request(t.http).post('/api/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(401);
  });
});

describe('devices', () => {
  const list = async (agent: TestAgent) => (await agent.get('/api/auth/sessions').expect(200)).body;

  it('lists the caller’s sessions, newest first, with browser and address, never the session ids themselves', async () => {
    const user = await createUser(t.dataSource);
    const laptop = await device(user.email, '198.51.100.50', 'Mozilla/5.0 (X11; Linux x86_64) Laptop');
    const phone = await device(user.email, '2001:db8::50', 'Mozilla/5.0 (Android) Phone');
    await device((await createUser(t.dataSource)).email, '198.51.100.52', 'Someone else');

    const response = await phone.agent.get('/api/auth/sessions').expect(200);
    expect(response.body.total).toBe(2);
    expect(response.body.items).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        current: true,
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        userAgent: 'Mozilla/5.0 (Android) Phone',
        address: '2001:db8::50',
      },
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        current: false,
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Laptop',
        address: '198.51.100.50',
      },
    ]);
    const [first] = response.body.items;
    const hours = (Date.parse(first.expiresAt) - Date.parse(first.createdAt)) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThan(12.1);
    for (const sid of [laptop.sid, phone.sid]) expect(response.text).not.toContain(sid);
    // The same session has the same id from either device.
    expect((await list(laptop.agent)).items.map((item: { id: string }) => item.id).sort()).toEqual(
      response.body.items.map((item: { id: string }) => item.id).sort(),
    );
  });

  it('keeps at most 256 characters of a User-Agent', async () => {
    const user = await createUser(t.dataSource);
    const { agent } = await device(user.email, '198.51.100.53', `Browser/${'x'.repeat(1000)}`);
    expect((await list(agent)).items[0].userAgent).toHaveLength(256);
  });

  it('signs one device out by its id, and answers 404 for an id that is not one of the caller’s sessions', async () => {
    const user = await createUser(t.dataSource);
    const laptop = await device(user.email, '198.51.100.60', 'Laptop');
    const phone = await device(user.email, '198.51.100.61', 'Phone');
    const stranger = await device((await createUser(t.dataSource)).email, '198.51.100.62', 'Stranger');
    const phoneId = (await list(laptop.agent)).items.find((item: { current: boolean }) => !item.current).id;
    const strangerId = (await list(stranger.agent)).items[0].id;

    for (const id of [strangerId, 'f'.repeat(32), 'not-an-id', phone.sid]) {
      const response = await laptop.agent.delete(`/api/auth/sessions/${encodeURIComponent(id)}`).expect(404);
      expect(response.body).toMatchObject({ code: 'not_found', params: { resource: 'session' } });
    }
    await stranger.agent.get('/api/auth/me').expect(200);

    await laptop.agent.delete(`/api/auth/sessions/${phoneId}`).expect(204);
    await phone.agent.get('/api/auth/me').expect(401);
    await laptop.agent.get('/api/auth/me').expect(200);
    expect((await list(laptop.agent)).total).toBe(1);
    await laptop.agent.delete(`/api/auth/sessions/${phoneId}`).expect(404);
  });

  it('signs this client out when the session it ends is its own', async () => {
    const user = await createUser(t.dataSource);
    const laptop = await device(user.email);
    const ownId = (await list(laptop.agent)).items[0].id;
    const response = await laptop.agent.delete(`/api/auth/sessions/${ownId}`).expect(204);
    expect(String(response.headers['set-cookie'])).toMatch(/ctlp\.sid=;.*Expires=Thu, 01 Jan 1970/);
    await request(t.http).get('/api/auth/me').set('Cookie', laptop.cookie).expect(401);
  });

  it('signs every other device out with revoke-others', async () => {
    const user = await createUser(t.dataSource);
    const [laptop, phone, tablet] = [await device(user.email), await device(user.email), await device(user.email)];
    const other = await device((await createUser(t.dataSource)).email);
    await laptop.agent.post('/api/auth/sessions/revoke-others').expect(204);
    await phone.agent.get('/api/auth/me').expect(401);
    await tablet.agent.get('/api/auth/me').expect(401);
    await laptop.agent.get('/api/auth/me').expect(200);
    await other.agent.get('/api/auth/me').expect(200);
    expect((await list(laptop.agent)).items).toEqual([expect.objectContaining({ current: true })]);
  });

  it('ends all of a user’s sessions, or all but one, through SessionsRepository.endAllSessionsOf (the password reset’s hook)', async () => {
    const user = await createUser(t.dataSource);
    const [laptop, phone] = [await device(user.email), await device(user.email)];
    const sessions = t.app.get(SessionsRepository);
    expect(await sessions.endAllSessionsOf(user.id, laptop.sid)).toBe(1);
    await phone.agent.get('/api/auth/me').expect(401);
    await laptop.agent.get('/api/auth/me').expect(200);
    expect(await sessions.endAllSessionsOf(user.id)).toBe(1);
    await laptop.agent.get('/api/auth/me').expect(401);
  });

  it('need a signed-in user', async () => {
    await request(t.http).get('/api/auth/sessions').expect(401);
    await request(t.http)
      .delete(`/api/auth/sessions/${'a'.repeat(32)}`)
      .expect(401);
    await request(t.http).post('/api/auth/sessions/revoke-others').expect(401);
  });
});
