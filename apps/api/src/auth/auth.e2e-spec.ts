import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { AuthService } from './auth.service.js';
import { LOGIN_FAILURES_KEPT_MINUTES } from './login-limits.js';
import { createTestApp, createUser, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';

const validRegistration = {
  email: 'Nadia.Rahman@Interior.example',
  password: 'a long passphrase of my own',
  fullName: 'Nadia Rahman',
  memberState: 'BGD',
  institution: 'Counter Terrorism and Transnational Crime Unit',
  agencyType: 'police',
  jobTitle: 'Assistant Superintendent',
  gender: 'female',
  locale: 'en',
};

describe('accounts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('registration', () => {
    it('creates a pending learner without signing anyone in, and stores the email lower-cased', async () => {
      const agent = request.agent(t.http);
      const response = await agent.post('/api/auth/register').send(validRegistration).expect(202);
      expect(response.body).toEqual({});
      await agent.get('/api/auth/me').expect(401);
      const [user] = await t.dataSource.query(
        `SELECT email, status, roles::text[] AS roles, member_state FROM users WHERE email = 'nadia.rahman@interior.example'`,
      );
      expect(user).toEqual({ email: 'nadia.rahman@interior.example', status: 'pending', roles: ['learner'], member_state: 'BGD' });
    });

    it('answers an email that differs only in case as a new one, and creates nothing', async () => {
      const response = await request(t.http)
        .post('/api/auth/register')
        .send({ ...validRegistration, email: 'NADIA.RAHMAN@interior.EXAMPLE', fullName: 'Somebody Else' })
        .expect(202);
      expect(response.body).toEqual({});
      const rows = await t.dataSource.query(`SELECT full_name FROM users WHERE email = 'nadia.rahman@interior.example'`);
      expect(rows).toEqual([{ full_name: 'Nadia Rahman' }]);
    });

    // Each bad field is named with a code and what a message about it needs, for the web app to translate.
    const invalidFields: Array<[string, unknown, string, Record<string, unknown> | undefined]> = [
      ['email', 'not-an-email', 'not_email', undefined],
      ['email', '', 'not_email', undefined],
      ['password', 'short', 'password_too_short', { min: 12 }],
      ['password', 'x'.repeat(129), 'password_too_long', { max: 128 }],
      ['password', 'password123456', 'password_too_common', undefined],
      ['password', '123qweasdzxc', 'password_too_common', undefined],
      ['fullName', '', 'required', undefined],
      ['fullName', 'x'.repeat(201), 'too_long', { max: 200 }],
      // NUL would reach PostgreSQL, which refuses it; line breaks and bidi overrides disguise a name on a certificate.
      ['fullName', 'Nadia\u0000Rahman', 'invalid_characters', undefined],
      ['fullName', 'Nadia\nRahman', 'invalid_characters', undefined],
      ['fullName', 'Nadia \u202eNAMHAR', 'invalid_characters', undefined],
      ['institution', 'Police\tService', 'invalid_characters', undefined],
      ['jobTitle', 'Inspector\u2028General', 'invalid_characters', undefined],
      // Marks, isolates and invisible format characters reorder or hide what a name says.
      ['fullName', 'Nadia \u200fRahman', 'invalid_characters', undefined],
      ['fullName', 'Nadia \u2067Rahman\u2069', 'invalid_characters', undefined],
      ['fullName', 'Nadia\u200bRahman', 'invalid_characters', undefined],
      ['fullName', 'Nadia\ufeffRahman', 'invalid_characters', undefined],
      ['institution', 'Police\u0085Service', 'invalid_characters', undefined],
      ['jobTitle', 'Inspector\u00adGeneral', 'invalid_characters', undefined],
      // Look-alike addresses: invisible characters, quoted local parts, Latin mixed with Cyrillic or Greek.
      ['email', 'nadia\u200b@example.org', 'invalid_characters', undefined],
      ['email', 'nadia\u00ad.rahman@example.org', 'invalid_characters', undefined],
      ['email', '"nadia rahman"@example.org', 'not_email', undefined],
      ['email', '"admin"@example.org', 'not_email', undefined],
      ['email', '\u0430dmin@example.org', 'mixed_scripts', undefined],
      ['email', 'admin@ex\u0430mple.org', 'mixed_scripts', undefined],
      ['email', 'n\u03bfadia@example.org', 'mixed_scripts', undefined],
      ['password', 'qwertyuiopas', 'password_too_common', undefined],
      ['password', 'zxcvbnmasdfg', 'password_too_common', undefined],
      ['password', 'ctlp-demo-passphrase', 'password_too_common', undefined],
      ['password', 'nadia rahman 2024', 'password_like_name', undefined],
      ['memberState', 'XX', 'invalid_format', undefined],
      ['memberState', 'ZZZ', 'unknown_member_state', undefined],
      ['institution', '', 'required', undefined],
      ['agencyType', 'army', 'not_one_of', { values: expect.arrayContaining(['police', 'judiciary']) }],
      ['jobTitle', '', 'required', undefined],
      ['gender', 'unknown', 'not_one_of', { values: ['female', 'male', 'other', 'undisclosed'] }],
      ['locale', 'de', 'not_one_of', { values: ['ar', 'zh', 'en', 'fr', 'ru', 'es'] }],
    ];
    it.each(invalidFields)('answers 400 naming %s when it is %j, with code %s', async (field, value, code, params) => {
      const response = await request(t.http)
        .post('/api/auth/register')
        .send({ ...validRegistration, email: `other-${field}@example.org`, [field]: value })
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(Object.keys(response.body.fields)).toEqual([field]);
      expect(response.body.fields[field]).toEqual({ code, message: expect.any(String), ...(params ? { params } : {}) });
    });

    it('keeps joiners that Persian and Indic names need, and stores names composed (NFC)', async () => {
      const agent = request.agent(t.http);
      const response = await agent
        .post('/api/auth/register')
        .send({
          ...validRegistration,
          email: 'mehrangiz@example.org',
          fullName: 'Jose\u0301 \u0645\u0647\u0631\u200c\u0627\u0646\u06af\u06cc\u0632',
          institution: '  Polici\u0301a Nacional ',
        })
        .expect(202);
      expect(response.body).toEqual({});
      const [row] = await t.dataSource.query(`SELECT full_name, institution FROM users WHERE email = 'mehrangiz@example.org'`);
      expect(row.full_name).toBe('Jos\u00e9 \u0645\u0647\u0631\u200c\u0627\u0646\u06af\u06cc\u0632');
      expect(row.institution).toBe('Polic\u00eda Nacional');
    });

    it('treats composed and decomposed forms of an address as one account', async () => {
      await request(t.http)
        .post('/api/auth/register')
        .send({ ...validRegistration, email: 'Jose\u0301.Perez@example.org' })
        .expect(202);
      const [row] = await t.dataSource.query(`SELECT email FROM users WHERE email LIKE 'jos%perez@example.org'`);
      expect(row.email).toBe('jos\u00e9.perez@example.org');
      // The same answer as for a new address (no enumeration), and no second account.
      for (const email of ['jos\u00e9.perez@example.org', 'jos\u00e9.perez\uff20example.org']) {
        await request(t.http)
          .post('/api/auth/register')
          .send({ ...validRegistration, email })
          .expect(202);
      }
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM users WHERE email LIKE 'jos%perez%example.org'`);
      expect(count).toBe(1);
    });

    it('accepts an address wholly in one script, an international domain included', async () => {
      await request(t.http)
        .post('/api/auth/register')
        .send({ ...validRegistration, email: '\u043e\u043b\u044c\u0433\u0430@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444' })
        .expect(202);
    });

    it('names every missing field at once', async () => {
      const response = await request(t.http).post('/api/auth/register').send({}).expect(400);
      expect(Object.keys(response.body.fields).sort()).toEqual(
        ['agencyType', 'email', 'fullName', 'gender', 'institution', 'jobTitle', 'locale', 'memberState', 'password'].sort(),
      );
    });

    it('refuses a property the contract does not know', async () => {
      const response = await request(t.http)
        .post('/api/auth/register')
        .send({ ...validRegistration, email: 'extra@example.org', roles: ['admin'] })
        .expect(400);
      expect(response.body.fields.roles).toMatchObject({ code: 'unknown_property' });
    });

    it('answers 400, not 500, for a body that is not JSON', async () => {
      const response = await request(t.http)
        .post('/api/auth/register')
        .set('Content-Type', 'application/json')
        .send('{"email":')
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'malformed_body' });
    });
  });

  describe('sign-in', () => {
    it('gives the same answer for an unknown email and a wrong password', async () => {
      const user = await createUser(t.dataSource);
      const wrongPassword = await request(t.http)
        .post('/api/auth/login')
        .send({ email: user.email, password: 'not the password at all' })
        .expect(401);
      const unknown = await request(t.http)
        .post('/api/auth/login')
        .send({ email: 'nobody@example.org', password: 'not the password at all' })
        .expect(401);
      expect(wrongPassword.body).toEqual(unknown.body);
    });

    it('answers 400 naming a missing field', async () => {
      const response = await request(t.http).post('/api/auth/login').send({ email: 'someone@example.org' }).expect(400);
      expect(Object.keys(response.body.fields)).toEqual(['password']);
      expect(response.body.fields.password.code).toBe('not_string');
    });

    it('is case-insensitive on the email', async () => {
      const user = await createUser(t.dataSource, { email: 'mixed.case@example.org' });
      const response = await request(t.http)
        .post('/api/auth/login')
        .send({ email: 'Mixed.Case@Example.org', password: TEST_PASSWORD })
        .expect(200);
      expect(response.body.user.id).toBe(user.id);
    });

    it('sets an HttpOnly, SameSite=Lax session cookie and rotates the session id at sign-in', async () => {
      const agent = request.agent(t.http);
      const first = await createUser(t.dataSource);
      const signedIn = await agent.post('/api/auth/login').send({ email: first.email, password: TEST_PASSWORD }).expect(200);
      const before = sessionCookie(signedIn.headers['set-cookie']);
      expect(before).toMatch(/HttpOnly/);
      expect(before).toMatch(/SameSite=Lax/i);

      const user = await createUser(t.dataSource);
      const login = await agent.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const after = sessionCookie(login.headers['set-cookie']);
      expect(after.split(';')[0]).not.toBe(before.split(';')[0]);
      // The old id no longer authenticates anyone.
      await request(t.http).get('/api/auth/me').set('Cookie', before.split(';')[0]!).expect(401);
    });

    it('kills the session at logout, even for a client that replays the old cookie', async () => {
      const user = await createUser(t.dataSource);
      const agent = request.agent(t.http);
      const login = await agent.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const cookie = sessionCookie(login.headers['set-cookie']).split(';')[0]!;
      const me = await agent.get('/api/auth/me').expect(200);
      expect(me.body.user.id).toBe(user.id);
      const logout = await agent.post('/api/auth/logout').expect(204);
      expect(sessionCookie(logout.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/);
      await agent.get('/api/auth/me').expect(401);
      await request(t.http).get('/api/auth/me').set('Cookie', cookie).expect(401);
    });

    it('answers who is signed in with 200, null for nobody, while /me keeps its 401', async () => {
      await request(t.http).get('/api/auth/me').expect(401);
      expect((await request(t.http).get('/api/auth/current').expect(200)).body).toEqual({ user: null, mfa: null });
      const user = await createUser(t.dataSource, { status: 'pending' });
      const agent = request.agent(t.http);
      await agent.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const signedIn = (await agent.get('/api/auth/current').expect(200)).body;
      expect(signedIn.user).toMatchObject({ id: user.id, status: 'pending' });
      expect(signedIn).toEqual((await agent.get('/api/auth/me').expect(200)).body);
      await agent.post('/api/auth/logout').expect(204);
      expect((await agent.get('/api/auth/current').expect(200)).body).toEqual({ user: null, mfa: null });
    });

    it('refuses a suspended account', async () => {
      const user = await createUser(t.dataSource, { status: 'suspended' });
      const response = await request(t.http).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(403);
      expect(response.body.message).toMatch(/suspended/);
    });
  });

  it('prunes failures older than every window, keeping recent ones', async () => {
    await t.dataSource.query(
      `INSERT INTO login_failures (account, address, created_at)
       VALUES ('old@example.org', '192.0.2.1', now() - make_interval(mins => $1 + 1)), ('new@example.org', '192.0.2.1', now() - make_interval(mins => $1 - 1))`,
      [LOGIN_FAILURES_KEPT_MINUTES],
    );
    await t.app.get(AuthService).pruneLoginFailures();
    const rows = await t.dataSource.query(`SELECT account FROM login_failures WHERE address = '192.0.2.1'`);
    expect(rows).toEqual([{ account: 'new@example.org' }]);
  });

  describe('session lifetime', () => {
    it('ends twelve hours after sign-in however active the user is, and reads do not write the session row', async () => {
      const user = await createUser(t.dataSource);
      const agent = request.agent(t.http);
      await agent.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const expiry = async () =>
        (
          await t.dataSource.query(`SELECT expire, xmin::text AS version FROM user_sessions WHERE sess -> 'passport' ->> 'user' = $1`, [
            user.id,
          ])
        )[0];
      const before = await expiry();
      const hours = (new Date(before.expire).getTime() - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(11.9);
      expect(hours).toBeLessThanOrEqual(12.01);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await agent.get('/api/auth/me').expect(200);
      await agent.get('/api/courses').expect(200);
      expect(await expiry()).toEqual(before);
    });

    it('reads the user with the session on every request, so changes show at once, and stores only the id', async () => {
      const user = await createUser(t.dataSource);
      const agent = request.agent(t.http);
      await agent.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      await t.dataSource.query(`UPDATE users SET full_name = 'Renamed Official', roles = '{learner,trainer}' WHERE id = $1`, [user.id]);
      const me = await agent.get('/api/auth/me').expect(200);
      expect(me.body.user).toMatchObject({ id: user.id, fullName: 'Renamed Official', roles: ['learner', 'trainer'] });
      expect(me.body.user).not.toHaveProperty('passwordHash');
      // Suspension ends the session on its next request; the row then keeps no user at all.
      await t.dataSource.query(`UPDATE users SET status = 'suspended' WHERE id = $1`, [user.id]);
      await agent.get('/api/auth/me').expect(401);
      const sessions = await t.dataSource.query(`SELECT sess FROM user_sessions WHERE sess::text LIKE $1`, [`%${user.id}%`]);
      expect(sessions).toEqual([]);
    });

    it('treats a session whose user was deleted as signed out', async () => {
      const user = await createUser(t.dataSource);
      const agent = request.agent(t.http);
      await agent.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const [row] = await t.dataSource.query(`SELECT sess FROM user_sessions WHERE sess -> 'passport' ->> 'user' = $1`, [user.id]);
      expect(row.sess.passport).toEqual({ user: user.id });
      await t.dataSource.query(`DELETE FROM users WHERE id = $1`, [user.id]);
      await agent.get('/api/auth/me').expect(401);
    });
  });

  describe('profile', () => {
    it('remembers the interface language the user chooses, even while awaiting vetting', async () => {
      const user = await createUser(t.dataSource, { status: 'pending', locale: 'en' });
      const agent = request.agent(t.http);
      await agent.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      const changed = await agent.patch('/api/auth/me').send({ locale: 'ar' }).expect(200);
      expect(changed.body.user.locale).toBe('ar');
      expect((await agent.get('/api/auth/me').expect(200)).body.user.locale).toBe('ar');
      const bad = await agent.patch('/api/auth/me').send({ locale: 'de' }).expect(400);
      expect(bad.body.fields).toHaveProperty('locale');
      // Nothing else about the account can be changed this way.
      await agent
        .patch('/api/auth/me')
        .send({ roles: ['admin'] })
        .expect(400);
      await request(t.http).patch('/api/auth/me').send({ locale: 'fr' }).expect(401);
    });
  });

  describe('cross-site requests', () => {
    it('refuses a state-changing request whose Origin is another site', async () => {
      const user = await createUser(t.dataSource);
      const response = await request(t.http)
        .post('/api/auth/login')
        .set('Origin', 'https://evil.example')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(403);
      expect(response.body.code).toBe('cross_origin_request');
    });

    it('accepts the same request from the platform’s own origin', async () => {
      const user = await createUser(t.dataSource);
      await request(t.http)
        .post('/api/auth/login')
        .set('Origin', 'http://ctlp.test')
        .send({ email: user.email, password: TEST_PASSWORD })
        .expect(200);
    });
  });
});

function sessionCookie(header: string | string[] | undefined): string {
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  const cookie = cookies.find((c) => c.startsWith('ctlp.sid='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(header)}`);
  return cookie;
}
