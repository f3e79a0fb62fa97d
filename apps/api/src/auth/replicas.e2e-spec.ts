import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { clientNetwork, LOGIN_LIMITS } from './login-limits.js';
import { createTestApp, createUser, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';

/** Two API processes on one database, as behind a load balancer. */
describe('several API replicas', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp();
    second = await createTestApp();
  });

  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('share sessions: signed in on one, recognised on the other, signed out everywhere', async () => {
    const user = await createUser(first.dataSource);
    const login = await request(first.http).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const me = await request(second.http).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.user.id).toBe(user.id);
    await request(second.http).post('/api/auth/logout').set('Cookie', cookie).expect(204);
    await request(first.http).get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('share the login limit: failures on one count on the other', async () => {
    const user = await createUser(first.dataSource);
    // Both replicas see the test client at the loopback address; its earlier failures are past any slow-down.
    await first.dataSource.query(
      `INSERT INTO login_failures (account, address, created_at) SELECT $1, $2, now() - interval '10 minutes' FROM generate_series(1, $3)`,
      [user.email, clientNetwork('127.0.0.1'), LOGIN_LIMITS.pairPauseAfter - 1],
    );
    await request(first.http).post('/api/auth/login').send({ email: user.email, password: 'wrong password again' }).expect(401);
    const paused = await request(second.http).post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan((LOGIN_LIMITS.pairPauseMinutes - 1) * 60);
  });
});
