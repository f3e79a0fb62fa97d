import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { JobsService } from '../jobs/jobs.service.js';
import { countQueries } from '../../test/query-count.js';
import { TestSmtp } from '../../test/smtp.js';
import { createTestApp, createUser, signIn, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';
import { ACCOUNT_LINKS } from './account-links.service.js';

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
    it('mails the registrant a link in their language; the link confirms the address once', async () => {
      const agent = request.agent(t.http);
      await agent.post('/api/auth/register').send(registration('confirm.me@example.org')).expect(201);
      await jobs.drain();
      const mail = await smtp.waitFor('confirm.me@example.org');
      expect(mail.subject).toBe('Confirmez votre adresse électronique');
      const token = linkIn(mail, 'confirm-email');

      expect((await agent.get('/api/auth/me').expect(200)).body.user.emailConfirmedAt).toBeNull();
      const confirmed = await request(t.http).get(`/api/auth/confirm-email?token=${token}`).expect(200);
      expect(confirmed.body).toEqual({ confirmed: true, status: 'pending' });
      expect((await agent.get('/api/auth/me').expect(200)).body.user.emailConfirmedAt).toEqual(expect.any(String));
      const again = await request(t.http).get(`/api/auth/confirm-email?token=${token}`).expect(400);
      expect(again.body.code).toBe('link_invalid');
      await request(t.http).get('/api/auth/confirm-email?token=not-a-token-of-ours-at-all').expect(400);
      await request(t.http).get('/api/auth/confirm-email').expect(400);
    });

    it('sends nothing for a registration that did not happen', async () => {
      await request(t.http).post('/api/auth/register').send(registration('once.only@example.org')).expect(201);
      await request(t.http).post('/api/auth/register').send(registration('once.only@example.org')).expect(409);
      await jobs.drain();
      await smtp.waitFor('once.only@example.org');
      expect(smtp.to('once.only@example.org')).toHaveLength(1);
    });

    it('mails a new link on request, at most once every five minutes', async () => {
      const agent = request.agent(t.http);
      await agent.post('/api/auth/register').send(registration('lost.it@example.org', 'en')).expect(201);
      await agent.post('/api/auth/confirm-email/resend').expect(202);
      await agent.post('/api/auth/confirm-email/resend').expect(202);
      await jobs.drain();
      await smtp.waitFor('lost.it@example.org');
      expect(smtp.to('lost.it@example.org')).toHaveLength(2);
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
