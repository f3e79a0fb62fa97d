import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { JobsService } from '../jobs/jobs.service.js';
import { countQueries } from '../../test/query-count.js';
import { TestSmtp } from '../../test/smtp.js';
import { createTestApp, createUser, signIn, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';
import { ACCOUNT_LINKS } from './account-links.service.js';
import { REGISTRATION_LIMITS } from './auth.service.js';

const NEW_PASSWORD = 'a brand new passphrase of mine';

function linkIn(mail: ParsedMail, path: string): string {
  const found = mail.text?.match(new RegExp(`http://ctlp\\.test/${path}\\?token=([\\w-]+)`));
  if (!found) throw new Error(`no ${path} link in:\n${mail.text}`);
  return found[1]!;
}

describe('links mailed to officials', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let jobs: JobsService;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await createTestApp({ trustProxy: 1, mail: { smtpUrl: smtp.url, from: 'CTLP <no-reply@ctlp.test>' } });
    jobs = t.app.get(JobsService);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const registration = (email: string, locale = 'fr') => ({
    email,
    password: 'a passphrase for my account',
    fullName: 'Nadia Rahman',
    memberState: 'KEN',
    institution: 'National Police Service',
    agencyType: 'police',
    jobTitle: 'Inspector',
    gender: 'female',
    locale,
  });

  describe('email confirmation', () => {
    it('mails the registrant a link in their language; the link confirms the address once, and the pending account signs in', async () => {
      const registered = await request(t.http).post('/api/auth/register').send(registration('confirm.me@example.org')).expect(202);
      expect(registered.body).toEqual({});
      expect(registered.headers['set-cookie']).toBeUndefined();
      await jobs.drain();
      const mail = await smtp.waitFor('confirm.me@example.org');
      expect(mail.subject).toBe('Confirmez votre adresse électronique');
      const token = linkIn(mail, 'confirm-email');

      const confirmed = await request(t.http).get(`/api/auth/confirm-email?token=${token}`).expect(200);
      expect(confirmed.body).toEqual({ confirmed: true, status: 'pending' });
      const applicant = await signIn(t.http, 'confirm.me@example.org', 'a passphrase for my account');
      const me = (await applicant.get('/api/auth/me').expect(200)).body.user;
      expect(me).toMatchObject({ status: 'pending', emailConfirmedAt: expect.any(String) });
      const again = await request(t.http).get(`/api/auth/confirm-email?token=${token}`).expect(400);
      expect(again.body.code).toBe('link_invalid');
      await request(t.http).get('/api/auth/confirm-email?token=not-a-token-of-ours-at-all').expect(400);
      await request(t.http).get('/api/auth/confirm-email').expect(400);
    });

    it('answers an address that has an account as a new one, creates nothing, and tells its owner at most once an hour', async () => {
      const owner = await createUser(t.dataSource, { email: 'taken.already@example.org', fullName: 'Amina Haddad', locale: 'fr' });
      const taken = await request(t.http)
        .post('/api/auth/register')
        .send({ ...registration(' Taken.Already@example.org '), fullName: 'Someone Else' })
        .expect(202);
      const fresh = await request(t.http).post('/api/auth/register').send(registration('fresh.address@example.org')).expect(202);
      expect(taken.body).toEqual(fresh.body);
      expect(Object.keys(taken.headers).sort()).toEqual(Object.keys(fresh.headers).sort());
      await request(t.http).post('/api/auth/register').send(registration('taken.already@example.org')).expect(202);

      const rows = await t.dataSource.query(`SELECT id, full_name FROM users WHERE email = 'taken.already@example.org'`);
      expect(rows).toEqual([{ id: owner.id, full_name: 'Amina Haddad' }]);
      await jobs.drain();
      const notice = await smtp.waitFor('taken.already@example.org');
      expect(notice.subject).toBe('Quelqu’un a tenté de s’inscrire avec votre adresse e-mail');
      expect(notice.text).toContain('http://ctlp.test/login');
      expect(notice.text).not.toMatch(/token=/);
      expect(smtp.to('taken.already@example.org')).toHaveLength(1);
      await smtp.waitFor('fresh.address@example.org');
    });

    it('mails a new link on request, at most once every five minutes', async () => {
      await request(t.http).post('/api/auth/register').send(registration('lost.it@example.org', 'en')).expect(202);
      const agent = await signIn(t.http, 'lost.it@example.org', 'a passphrase for my account');
      await agent.post('/api/auth/confirm-email/resend').expect(202);
      await agent.post('/api/auth/confirm-email/resend').expect(202);
      await jobs.drain();
      await smtp.waitFor('lost.it@example.org');
      expect(smtp.to('lost.it@example.org')).toHaveLength(2);
    });
  });

  describe('registration limits', () => {
    it('refuses registrations past the network’s limit with 429 and Retry-After, creating nothing', async () => {
      const from = () => request(t.http).post('/api/auth/register').set('X-Forwarded-For', '203.0.113.7');
      for (let i = 0; i < REGISTRATION_LIMITS.perNetwork; i++) {
        await from()
          .send(registration(`flood.${i}@example.org`))
          .expect(202);
      }
      const refused = await from().send(registration('flood.over@example.org')).expect(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(refused.headers['retry-after']).toBe(String(REGISTRATION_LIMITS.networkWindowMinutes * 60));
      expect(await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'flood.over@example.org'`)).toEqual([]);
      // Another network is not held up by this one.
      await request(t.http)
        .post('/api/auth/register')
        .set('X-Forwarded-For', '198.51.100.9')
        .send(registration('elsewhere@example.org'))
        .expect(202);
    });

    it('refuses every network once the platform’s ceiling is reached', async () => {
      await t.dataSource.query(
        `INSERT INTO registration_requests (address) SELECT '192.0.2.' || g FROM generate_series(1, ${REGISTRATION_LIMITS.overall}) g`,
      );
      const refused = await request(t.http)
        .post('/api/auth/register')
        .set('X-Forwarded-For', '198.51.100.77')
        .send(registration('ceiling@example.org'))
        .expect(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(refused.headers['retry-after']).toBe(String(REGISTRATION_LIMITS.overallWindowMinutes * 60));
      await t.dataSource.query(`DELETE FROM registration_requests`);
    });
  });

  describe('password reset', () => {
    it('answers the same for a known and an unknown email, and mails only the account', async () => {
      const user = await createUser(t.dataSource, { email: 'forgot.it@example.org', locale: 'es' });
      const known = await countQueries(() =>
        request(t.http).post('/api/auth/password-reset').send({ email: ' Forgot.It@example.org ' }).expect(202),
      );
      const unknown = await countQueries(() =>
        request(t.http).post('/api/auth/password-reset').send({ email: 'nobody.here@example.org' }).expect(202),
      );
      expect(known.statements).toBe(unknown.statements);
      await jobs.drain();
      const mail = await smtp.waitFor(user.email);
      expect(mail.subject).toBe('Restablezca su contraseña');
      expect(smtp.to('nobody.here@example.org')).toEqual([]);
    });

    it('sets the new password, ends every session, and the link works once', async () => {
      const user = await createUser(t.dataSource, { email: 'reset.me@example.org' });
      const elsewhere = await signIn(t.http, user.email);
      await request(t.http).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      await jobs.drain();
      const token = linkIn(await smtp.waitFor(user.email), 'reset-password');

      const weak = await request(t.http).post('/api/auth/password-reset/confirm').send({ token, password: 'password1234' }).expect(400);
      expect(weak.body.fields.password.code).toBe('password_too_common');
      await request(t.http).post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);

      await elsewhere.get('/api/auth/me').expect(401);
      await request(t.http).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
      await signIn(t.http, user.email, NEW_PASSWORD);
      const reused = await request(t.http)
        .post('/api/auth/password-reset/confirm')
        .send({ token, password: 'yet another passphrase' })
        .expect(400);
      expect(reused.body.code).toBe('link_invalid');
      const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1`, [user.id]);
      expect(audit).toContainEqual({ action: 'user.password_reset' });
    });

    it('refuses an expired link', async () => {
      const user = await createUser(t.dataSource, { email: 'too.late@example.org' });
      await request(t.http).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      await jobs.drain();
      const token = linkIn(await smtp.waitFor(user.email), 'reset-password');
      await t.dataSource.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      const late = await request(t.http).post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(400);
      expect(late.body.code).toBe('link_invalid');
    });

    it('lifts a sign-in pause on the account', async () => {
      const user = await createUser(t.dataSource, { email: 'paused@example.org' });
      const from = (agent: request.Test) => agent.set('X-Forwarded-For', '198.51.100.23');
      for (let i = 0; i < 12; i++)
        await from(request(t.http).post('/api/auth/login').send({ email: user.email, password: 'not the password' }));
      await from(request(t.http).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD })).expect(429);
      await request(t.http).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      await jobs.drain();
      const token = linkIn(await smtp.waitFor(user.email), 'reset-password');
      await request(t.http).post('/api/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);
      await from(request(t.http).post('/api/auth/login').send({ email: user.email, password: NEW_PASSWORD })).expect(200);
    });

    it('sends no more than three links an hour to one account, and pauses a network that asks too often', async () => {
      const user = await createUser(t.dataSource, { email: 'many.times@example.org' });
      const from = (agent: request.Test) => agent.set('X-Forwarded-For', '203.0.113.99');
      for (let i = 0; i < 5; i++) await from(request(t.http).post('/api/auth/password-reset').send({ email: user.email })).expect(202);
      await jobs.drain();
      await smtp.waitFor(user.email);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.to(user.email).length).toBeLessThanOrEqual(ACCOUNT_LINKS.resetsPerAccount);
      for (let i = 5; i < ACCOUNT_LINKS.resetsPerNetwork; i++) {
        await from(
          request(t.http)
            .post('/api/auth/password-reset')
            .send({ email: `someone${i}@example.org` }),
        ).expect(202);
      }
      const paused = await from(request(t.http).post('/api/auth/password-reset').send({ email: 'one.more@example.org' })).expect(429);
      expect(paused.headers['retry-after']).toBeDefined();
    });

    it('mails nothing to a suspended account', async () => {
      const user = await createUser(t.dataSource, { email: 'suspended.one@example.org', status: 'suspended' });
      await request(t.http).post('/api/auth/password-reset').send({ email: user.email }).expect(202);
      await jobs.drain();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.to(user.email)).toEqual([]);
    });

    it('names the bad field of a request', async () => {
      const bad = await request(t.http).post('/api/auth/password-reset').send({ email: 'not an email' }).expect(400);
      expect(bad.body.fields.email.code).toBe('not_email');
      const short = await request(t.http).post('/api/auth/password-reset/confirm').send({ token: 'x', password: NEW_PASSWORD }).expect(400);
      expect(short.body.fields.token).toBeDefined();
    });
  });
});
