import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, createUser, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';
import { loadConfig } from '../config/app-config.js';
import { LOGIN_LIMITS } from './login-limits.js';

// The production shape behind TLS: client → TLS proxy (10.0.0.2) → nginx (this test's own
// connection, 127.0.0.1) → API. nginx appends the TLS proxy's address to the X-Forwarded-For the
// TLS proxy wrote, so the API sees "<client>, 10.0.0.2" from 127.0.0.1.
const TLS_PROXY = '10.0.0.2';
const WRONG = 'not the password at all';

describe.each([
  ['two hops', '2', 10],
  ['the proxies’ addresses', 'loopback,10.0.0.0/8', 20],
])('behind nginx and a TLS proxy, TRUST_PROXY as %s', (_name, setting, host) => {
  const trustProxy = loadConfig({ NODE_ENV: 'test', TRUST_PROXY: setting, SESSION_SECRET: 'x'.repeat(32) }).trustProxy;
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ trustProxy });
  });

  afterAll(() => t?.close());

  function login(email: string, password: string, client: string, forwardedFor = client) {
    return request(t.http).post('/api/auth/login').set('X-Forwarded-For', `${forwardedFor}, ${TLS_PROXY}`).send({ email, password });
  }

  it('gives two clients separate login limits: a paused network does not pause the other', async () => {
    const user = await createUser(t.dataSource);
    const attacker = `203.0.113.${host}`;
    const owner = `198.51.100.${host}`;
    await t.dataSource.query(
      `INSERT INTO login_failures (account, address) SELECT 'guess' || i || '@example.org', $1 FROM generate_series(1, $2) i`,
      [attacker, LOGIN_LIMITS.addressFailures - 1],
    );
    await login('one-more-guess@example.org', WRONG, attacker).expect(401);
    await login(user.email, TEST_PASSWORD, attacker).expect(429);

    await login(user.email, TEST_PASSWORD, owner).expect(200);
    const [fromProxy] = await t.dataSource.query(`SELECT count(*)::int AS n FROM login_failures WHERE address = $1`, [TLS_PROXY]);
    expect(fromProxy.n).toBe(0);
  });

  it('believes no address a client writes itself', async () => {
    const user = await createUser(t.dataSource);
    const client = `203.0.113.${host + 1}`;
    // The client sends "X-Forwarded-For: 192.0.2.1"; the TLS proxy appends the real address.
    await login(user.email, WRONG, client, `192.0.2.1, ${client}`).expect(401);
    const rows = await t.dataSource.query(`SELECT address FROM login_failures WHERE account = $1`, [user.email]);
    expect(rows).toEqual([{ address: client }]);
  });
});
