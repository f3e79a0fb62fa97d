import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Secret, TOTP } from 'otpauth';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, createUser, signIn, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';

// `on` requires MFA of admins and focal points as production does; `off` is the other tests'
// configuration (MFA_REQUIRED_ROLES empty). Both serve the same database. Behind one trusted
// proxy, X-Forwarded-For names the client, so each test plays its own network.
let on: TestApp;
let off: TestApp;
let network = 0;

beforeAll(async () => {
  on = await createTestApp({ trustProxy: 1, mfaRequiredRoles: ['admin', 'focal_point'] });
  off = await createTestApp({ trustProxy: 1 });
});

afterAll(async () => {
  await on.close();
  await off.close();
});

function newNetwork(): string {
  network += 1;
  return `198.51.100.${network}`;
}

/** The code an authenticator app shows for `secret`, `stepsAhead` time steps from now. */
function codeFor(secret: string, stepsAhead = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** As if the next time step had come: the codes of the current window may be used again. */
async function nextTimeStep(userId: string): Promise<void> {
  await on.dataSource.query(`UPDATE user_mfa SET last_used_step = NULL WHERE user_id = $1`, [userId]);
}

async function auditActions(userId: string): Promise<string[]> {
  const rows: { action: string }[] = await on.dataSource.query(
    `SELECT action FROM audit_events WHERE subject_id = $1 AND action LIKE 'mfa.%' ORDER BY id`,
    [userId],
  );
  return rows.map((row) => row.action);
}

/** A signed-in user who has set up TOTP: their id, secret, recovery codes and signed-in agent. */
async function enrolled(roles: ('learner' | 'admin' | 'focal_point')[] = ['admin']) {
  const user = await createUser(on.dataSource, { roles });
  const from = newNetwork();
  const agent = await signIn(on.http, user.email);
  const { body: enrolment } = await agent.post('/api/auth/mfa/totp').set('X-Forwarded-For', from).expect(200);
  const { body } = await agent
    .post('/api/auth/mfa/totp/confirm')
    .set('X-Forwarded-For', from)
    .send({ code: codeFor(enrolment.secret) })
    .expect(200);
  await nextTimeStep(user.id);
  return { user, from, agent, secret: enrolment.secret as string, recoveryCodes: body.recoveryCodes as string[] };
}

/** Password step: a fresh agent holding the half session. */
async function passwordStep(email: string, from: string): Promise<TestAgent> {
  const agent = request.agent(on.http);
  const response = await agent.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password: TEST_PASSWORD });
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ mfaRequired: true });
  return agent;
}

describe('setting up TOTP', () => {
  it('gives a secret and an otpauth URL, replaces an unconfirmed enrolment, and confirms with a code into ten recovery codes', async () => {
    const user = await createUser(on.dataSource, { roles: ['admin'] });
    const agent = await signIn(on.http, user.email);
    const first = await agent.post('/api/auth/mfa/totp').expect(200);
    expect(first.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(first.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]{32}.*/);
    expect(first.body.otpauthUrl).toContain('digits=6');
    expect(first.body.otpauthUrl).toContain('period=30');
    const second = await agent.post('/api/auth/mfa/totp').expect(200);
    expect(second.body.secret).not.toBe(first.body.secret);

    // The replaced secret's code is refused, naming the field.
    const stale = await agent.post('/api/auth/mfa/totp/confirm').send({ code: codeFor(first.body.secret) });
    expect(stale.status).toBe(400);
    expect(stale.body.fields.code.code).toBe('wrong_code');
    const empty = await agent.post('/api/auth/mfa/totp/confirm').send({});
    expect(empty.status).toBe(400);
    expect(empty.body.fields.code).toBeDefined();

    const confirmed = await agent.post('/api/auth/mfa/totp/confirm').send({ code: codeFor(second.body.secret) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);

    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body.mfa).toEqual({ enabled: true, required: true });
    expect((await agent.post('/api/auth/mfa/totp')).body.code).toBe('mfa_already_enabled');
    expect(await auditActions(user.id)).toEqual(['mfa.enabled']);

    // At rest: the secret encrypted, the recovery codes hashed.
    const [stored] = await on.dataSource.query(`SELECT secret_encrypted FROM user_mfa WHERE user_id = $1`, [user.id]);
    expect(stored.secret_encrypted.toString('latin1')).not.toContain(second.body.secret);
    const hashes: { code_hash: Buffer }[] = await on.dataSource.query(`SELECT code_hash FROM mfa_recovery_codes WHERE user_id = $1`, [
      user.id,
    ]);
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) {
      expect(code_hash).toHaveLength(32);
      for (const code of confirmed.body.recoveryCodes) expect(code_hash.toString('latin1')).not.toContain(code);
    }
  });

  it('confirms nothing without an enrolment started', async () => {
    const user = await createUser(on.dataSource, { roles: ['learner'] });
    const agent = await signIn(on.http, user.email);
    const response = await agent.post('/api/auth/mfa/totp/confirm').send({ code: '123456' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('mfa_not_enabled');
  });
});

describe('signing in with TOTP', () => {
  it('answers the password with a half session that reaches nothing, then finishes with a code under a new session id', async () => {
    const { user, from, secret } = await enrolled();
    const agent = request.agent(on.http);
    const login = await agent.post('/api/auth/login').set('X-Forwarded-For', from).send({ email: user.email, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ mfaRequired: true });
    const halfCookie = /ctlp\.sid=([^;]+)/.exec(String(login.headers['set-cookie']))![1];
    // The half session runs out in ten minutes, not twelve hours.
    const expires = new Date(/Expires=([^;]+)/i.exec(String(login.headers['set-cookie']))![1]!).getTime();
    expect(expires - Date.now()).toBeLessThanOrEqual(10 * 60_000 + 5_000);

    for (const path of ['/api/auth/me', '/api/users', '/api/auth/sessions']) {
      expect((await agent.get(path)).status).toBe(401);
    }
    expect((await agent.get('/api/auth/current')).body).toEqual({ user: null, mfa: null });

    const wrong = await agent.post('/api/auth/mfa/verify').set('X-Forwarded-For', from).send({ code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.code.code).toBe('wrong_code');

    const verified = await agent
      .post('/api/auth/mfa/verify')
      .set('X-Forwarded-For', from)
      .send({ code: codeFor(secret) });
    expect(verified.status).toBe(200);
    expect(verified.body.user.id).toBe(user.id);
    expect(verified.body.mfa).toEqual({ enabled: true, required: true });
    const fullCookie = /ctlp\.sid=([^;]+)/.exec(String(verified.headers['set-cookie']))![1];
    expect(fullCookie).not.toBe(halfCookie);
    const fullExpires = new Date(/Expires=([^;]+)/i.exec(String(verified.headers['set-cookie']))![1]!).getTime();
    expect(fullExpires - Date.now()).toBeGreaterThan(11 * 3600_000);
    expect((await agent.get('/api/users')).status).toBe(200);

    // The half session's id was not promoted: it is signed in to nothing.
    const planted = await request(on.http).get('/api/auth/me').set('Cookie', `ctlp.sid=${halfCookie}`);
    expect(planted.status).toBe(401);
  });

  it('answers verify without a half session with 401', async () => {
    const response = await request(on.http).post('/api/auth/mfa/verify').send({ code: '123456' });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('sign_in_required');
  });

  it('refuses a TOTP code used once already in its time step', async () => {
    const { user, from, secret } = await enrolled();
    const code = codeFor(secret);
    const first = await passwordStep(user.email, from);
    await first.post('/api/auth/mfa/verify').set('X-Forwarded-For', from).send({ code }).expect(200);

    const second = await passwordStep(user.email, from);
    const replay = await second.post('/api/auth/mfa/verify').set('X-Forwarded-For', from).send({ code });
    expect(replay.status).toBe(400);
    expect(replay.body.fields.code.code).toBe('wrong_code');
    // A code of an earlier step within the window is no better once a later one was used.
    const earlier = await second
      .post('/api/auth/mfa/verify')
      .set('X-Forwarded-For', from)
      .send({ code: codeFor(secret, -1) });
    expect(earlier.status).toBe(400);
    expect((await second.get('/api/auth/me')).status).toBe(401);
  });

  it('accepts a recovery code once, whatever its case or dashes, and audits it', async () => {
    const { user, from, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!;
    const first = await passwordStep(user.email, from);
    const typed = code.replace(/-/g, ' ').toUpperCase();
    await first.post('/api/auth/mfa/verify').set('X-Forwarded-For', from).send({ code: typed }).expect(200);
    expect(await auditActions(user.id)).toEqual(['mfa.enabled', 'mfa.recovery_code_used']);

    const second = await passwordStep(user.email, from);
    const again = await second.post('/api/auth/mfa/verify').set('X-Forwarded-For', from).send({ code });
    expect(again.status).toBe(400);
    expect(again.body.fields.code.code).toBe('wrong_code');
    // Another user's code is no code of this one.
    const other = await enrolled();
    const foreign = await second.post('/api/auth/mfa/verify').set('X-Forwarded-For', from).send({ code: other.recoveryCodes[0] });
    expect(foreign.status).toBe(400);
  });

  it('slows down and pauses wrong codes like wrong passwords, and a right password does not lift that', async () => {
    const { user, from, secret } = await enrolled();
    const agent = await passwordStep(user.email, from);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await agent.post('/api/auth/mfa/verify').set('X-Forwarded-For', from).send({ code: '000000' })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses).toContain(429);

    // Signing in again with the right password does not reset the count of wrong codes.
    const again = await passwordStep(user.email, from);
    const limited = await again
      .post('/api/auth/mfa/verify')
      .set('X-Forwarded-For', from)
      .send({ code: codeFor(secret) });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('login_rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right code waits out the pause.
    expect((await again.get('/api/auth/me')).status).toBe(401);
  });
});

describe('who must have MFA', () => {
  it('holds an admin without MFA to the setup routes until it is set up (MFA_REQUIRED_ROLES on)', async () => {
    const admin = await createUser(on.dataSource, { roles: ['admin'] });
    const agent = await signIn(on.http, admin.email);
    const refused = await agent.get('/api/users');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('mfa_required');
    expect((await agent.patch('/api/auth/me').send({ jobTitle: 'Director' })).body.code).toBe('mfa_required');
    // What setting it up needs still answers.
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body.mfa).toEqual({ enabled: false, required: true });
    expect((await agent.get('/api/auth/current')).body.mfa).toEqual({ enabled: false, required: true });
    await agent.get('/api/auth/sessions').expect(200);

    const { body } = await agent.post('/api/auth/mfa/totp').expect(200);
    await agent
      .post('/api/auth/mfa/totp/confirm')
      .send({ code: codeFor(body.secret) })
      .expect(200);
    expect((await agent.get('/api/users')).status).toBe(200);
  });

  it('lets the same admin through when MFA_REQUIRED_ROLES is empty, and never holds a learner', async () => {
    const admin = await createUser(off.dataSource, { roles: ['admin'] });
    const agent = await signIn(off.http, admin.email);
    expect((await agent.get('/api/users')).status).toBe(200);
    expect((await agent.get('/api/auth/me')).body.mfa).toEqual({ enabled: false, required: false });

    const learner = await createUser(on.dataSource, { roles: ['learner'] });
    const learnerAgent = await signIn(on.http, learner.email);
    await learnerAgent.patch('/api/auth/me').send({ jobTitle: 'Prosecutor' }).expect(200);
    expect((await learnerAgent.get('/api/auth/me')).body.mfa).toEqual({ enabled: false, required: false });
  });

  it('sends a learner granted focal_point to set up MFA at their next request', async () => {
    const { agent: adminAgent } = await enrolled(['admin']);
    const learner = await createUser(on.dataSource, { roles: ['learner'] });
    const agent = await signIn(on.http, learner.email);
    await agent.patch('/api/auth/me').send({ jobTitle: 'Prosecutor' }).expect(200);

    await adminAgent
      .patch(`/api/users/${learner.id}`)
      .send({ roles: ['learner', 'focal_point'] })
      .expect(200);
    const refused = await agent.get('/api/registrations');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('mfa_required');
    expect((await agent.get('/api/auth/me')).body.mfa).toEqual({ enabled: false, required: true });
    // A fresh sign-in is held the same way.
    const fresh = await signIn(on.http, learner.email);
    expect((await fresh.get('/api/registrations')).body.code).toBe('mfa_required');
  });
});

describe('recovery codes and turning MFA off', () => {
  it('regenerates recovery codes with a current TOTP code only, and the old ones stop working', async () => {
    const { user, from, agent, secret, recoveryCodes } = await enrolled();
    const byRecovery = await agent.post('/api/auth/mfa/recovery-codes').set('X-Forwarded-For', from).send({ code: recoveryCodes[0] });
    expect(byRecovery.status).toBe(400);
    expect(byRecovery.body.fields.code.code).toBe('wrong_code');
    const fresh = await agent
      .post('/api/auth/mfa/recovery-codes')
      .set('X-Forwarded-For', from)
      .send({ code: codeFor(secret) });
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes).toHaveLength(10);
    expect(fresh.body.recoveryCodes).not.toContain(recoveryCodes[0]);
    expect(await auditActions(user.id)).toEqual(['mfa.enabled', 'mfa.recovery_codes_regenerated']);

    const half = await passwordStep(user.email, from);
    expect((await half.post('/api/auth/mfa/verify').set('X-Forwarded-For', from).send({ code: recoveryCodes[0] })).status).toBe(400);
    await half.post('/api/auth/mfa/verify').set('X-Forwarded-For', from).send({ code: fresh.body.recoveryCodes[0] }).expect(200);
  });

  it('refuses to turn MFA off for a role that requires it', async () => {
    const { agent, from } = await enrolled(['focal_point']);
    const response = await agent.post('/api/auth/mfa/disable').set('X-Forwarded-For', from).send({ password: TEST_PASSWORD });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('mfa_required');
    expect((await agent.get('/api/auth/me')).body.mfa.enabled).toBe(true);
  });

  it('turns MFA off for a learner given the password (not a wrong one), audited; they then sign in with the password alone', async () => {
    const { user, agent, from } = await enrolled(['learner']);
    const none = await agent.post('/api/auth/mfa/disable').set('X-Forwarded-For', from).send({});
    expect(none.status).toBe(400);
    expect(none.body.fields.password.code).toBe('required');
    const wrong = await agent.post('/api/auth/mfa/disable').set('X-Forwarded-For', from).send({ password: 'not the password at all' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.password.code).toBe('wrong_password');
    await agent.post('/api/auth/mfa/disable').set('X-Forwarded-For', from).send({ password: TEST_PASSWORD }).expect(204);
    expect(await auditActions(user.id)).toEqual(['mfa.enabled', 'mfa.disabled']);
    expect((await agent.get('/api/auth/me')).body.mfa).toEqual({ enabled: false, required: false });
    const [{ n }] = await on.dataSource.query(`SELECT count(*)::int AS n FROM mfa_recovery_codes WHERE user_id = $1`, [user.id]);
    expect(n).toBe(0);
    const login = await request(on.http).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD });
    expect(login.body.user.id).toBe(user.id);
  });

  it('turns MFA off given a current code', async () => {
    const { agent, from, secret } = await enrolled(['learner']);
    const wrong = await agent.post('/api/auth/mfa/disable').set('X-Forwarded-For', from).send({ code: '000000' });
    expect(wrong.body.fields.code.code).toBe('wrong_code');
    await agent
      .post('/api/auth/mfa/disable')
      .set('X-Forwarded-For', from)
      .send({ code: codeFor(secret) })
      .expect(204);
  });
});
