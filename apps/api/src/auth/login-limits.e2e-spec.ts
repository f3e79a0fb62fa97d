import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, createUser, TEST_PASSWORD, type TestApp } from '../../test/test-app.js';
import { AuthService } from './auth.service.js';
import { LOGIN_LIMITS } from './login-limits.js';

// Behind one trusted proxy, X-Forwarded-For names the client: each test plays several networks.
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ trustProxy: 1 });
});

afterAll(() => t.close());

const WRONG = 'not the password at all';

function login(email: string, password: string, from: string) {
  return request(t.http).post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });
}

async function failures(where: { account?: string; address?: string }): Promise<number> {
  const [row] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM login_failures WHERE ($1::text IS NULL OR account = $1) AND ($2::text IS NULL OR address = $2)`,
    [where.account ?? null, where.address ?? null],
  );
  return row.n;
}

/** Moves a pair's failures back in time, as if the client had waited. */
async function waitAsIf(account: string, address: string, seconds: number): Promise<void> {
  await t.dataSource.query(
    `UPDATE login_failures SET created_at = created_at - make_interval(secs => $3) WHERE account = $1 AND address = $2`,
    [account, address, seconds],
  );
}

/** Runs `work` over `items`, `width` at a time. */
async function inParallel<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

describe('login limits', () => {
  it('let the owner sign in from their own network after 200 wrong logins for their account from other networks', async () => {
    const owner = await createUser(t.dataSource, { roles: ['admin'] });
    // 40 networks, each within its free failures, and the email written every way that means the same account.
    const variants = [
      owner.email,
      `  ${owner.email.toUpperCase()}  `,
      `\t${owner.email}`,
      owner.email.replace(/^./, (c) => c.toUpperCase()),
    ];
    const attempts = Array.from({ length: 200 }, (_, i) => ({ from: `203.0.113.${1 + (i % 40)}`, email: variants[i % variants.length]! }));
    const statuses = await inParallel(attempts, 8, async ({ from, email }) => (await login(email, WRONG, from)).status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(200);
    expect(await failures({ account: owner.email })).toBe(200);
    // And a network that keeps hammering is the one that waits.
    const hammering: number[] = [];
    for (let i = 0; i < 30; i++) hammering.push((await login(owner.email, WRONG, '203.0.113.200')).status);
    expect(hammering.slice(0, LOGIN_LIMITS.pairFreeFailures)).toEqual(new Array(LOGIN_LIMITS.pairFreeFailures).fill(401));
    expect(hammering.filter((status) => status === 401).length).toBeLessThanOrEqual(LOGIN_LIMITS.pairPauseAfter);
    expect(hammering.at(-1)).toBe(429);

    const signedIn = await login(owner.email, TEST_PASSWORD, '198.51.100.23').expect(200);
    expect(signedIn.body.user.id).toBe(owner.id);
  }, 120_000);

  it('slow a pair down with a growing Retry-After, then pause it, while the owner elsewhere signs in', async () => {
    const user = await createUser(t.dataSource);
    const from = '203.0.113.60';
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++)
      await login(i % 2 ? user.email.toUpperCase() : user.email, WRONG, from).expect(401);

    const waits: number[] = [];
    while ((await failures({ account: user.email, address: from })) < LOGIN_LIMITS.pairPauseAfter) {
      // Even the right password waits: a wait that answered it would still be a guess.
      const slowed = await login(user.email, TEST_PASSWORD, from).expect(429);
      expect(slowed.body).toMatchObject({ statusCode: 429, code: 'login_rate_limited', params: { minutes: 1 } });
      const seconds = Number(slowed.headers['retry-after']);
      expect(slowed.body.params.seconds).toBe(seconds);
      waits.push(seconds);
      await waitAsIf(user.email, from, seconds);
      await login(user.email, WRONG, from).expect(401);
    }
    const first = LOGIN_LIMITS.pairFirstDelaySeconds;
    expect(waits).toEqual([first, first * 2, first * 4, first * 8, first * 16]);

    const paused = await login(user.email, TEST_PASSWORD, from).expect(429);
    const pause = LOGIN_LIMITS.pairPauseMinutes * 60;
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(pause - 5);
    expect(Number(paused.headers['retry-after'])).toBeLessThanOrEqual(pause);
    expect(paused.body).toMatchObject({ code: 'login_rate_limited', params: { minutes: LOGIN_LIMITS.pairPauseMinutes } });
    // The pause holds as long as it says, and the next failure after it pauses the pair again.
    await waitAsIf(user.email, from, pause - 30);
    await login(user.email, TEST_PASSWORD, from).expect(429);
    await waitAsIf(user.email, from, 31);
    await login(user.email, WRONG, from).expect(401);
    expect(Number((await login(user.email, TEST_PASSWORD, from).expect(429)).headers['retry-after'])).toBeGreaterThan(pause - 5);

    await login(user.email, TEST_PASSWORD, '198.51.100.24').expect(200);
  });

  it('pause a network that failed too often across accounts, for every account, and only that network', async () => {
    const user = await createUser(t.dataSource);
    const from = '192.0.2.77';
    await t.dataSource.query(
      `INSERT INTO login_failures (account, address) SELECT 'guess' || i || '@example.org', $1 FROM generate_series(1, $2) i`,
      [from, LOGIN_LIMITS.addressFailures - 1],
    );
    await login('one-more-guess@example.org', WRONG, from).expect(401);
    const paused = await login(user.email, TEST_PASSWORD, from).expect(429);
    const pause = LOGIN_LIMITS.addressPauseMinutes * 60;
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(pause - 5);
    expect(paused.body).toMatchObject({ code: 'login_rate_limited', params: { minutes: LOGIN_LIMITS.addressPauseMinutes } });
    expect(await failures({ address: from })).toBe(LOGIN_LIMITS.addressFailures);

    await login(user.email, TEST_PASSWORD, '192.0.2.78').expect(200);
  });

  it('give the same answer for an unknown email as for a known one: refused, slowed, and in the same time', async () => {
    const user = await createUser(t.dataSource);
    const known = { email: user.email, from: '203.0.113.70' };
    const unknown = { email: 'nobody-at-all@example.org', from: '203.0.113.71' };
    const timed = async ({ email, from }: typeof known) => {
      const started = process.hrtime.bigint();
      const response = await login(email, WRONG, from);
      return { response, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) {
      const a = await timed(known);
      const b = await timed(unknown);
      expect([a.response.status, b.response.status]).toEqual([401, 401]);
      expect(a.response.body).toEqual(b.response.body);
      knownTimes.push(a.ms);
      unknownTimes.push(b.ms);
    }
    const a = (await timed(known)).response;
    const b = (await timed(unknown)).response;
    expect([a.status, b.status]).toEqual([429, 429]);
    const withoutSeconds = (body: { params: Record<string, unknown> }) => ({ ...body, params: { ...body.params, seconds: 'n' } });
    expect(withoutSeconds(a.body)).toEqual(withoutSeconds(b.body));
    expect(Math.abs(Number(a.headers['retry-after']) - Number(b.headers['retry-after']))).toBeLessThanOrEqual(1);
    // An unknown email is checked against a decoy hash: without it the answer would come tens of times sooner.
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    expect(median(unknownTimes)).toBeGreaterThan(median(knownTimes) / 3);
    expect(median(unknownTimes)).toBeLessThan(median(knownTimes) * 3);
  });

  it("forget a pair's failures when it signs in, and only that pair's", async () => {
    const user = await createUser(t.dataSource);
    const [here, there] = ['203.0.113.80', '203.0.113.81'];
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures - 1; i++) {
      await login(user.email, WRONG, here).expect(401);
      await login(user.email, WRONG, there).expect(401);
    }
    await login(` ${user.email.toUpperCase()}`, TEST_PASSWORD, here).expect(200);
    expect(await failures({ account: user.email, address: here })).toBe(0);
    expect(await failures({ account: user.email, address: there })).toBe(LOGIN_LIMITS.pairFreeFailures - 1);
    // A fresh start: every free failure again, without a wait.
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) await login(user.email, WRONG, here).expect(401);
  });

  it('let parallel attempts through no faster than one after another', async () => {
    const user = await createUser(t.dataSource);
    const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await login(user.email, WRONG, '203.0.113.90')).status));
    expect(statuses.filter((status) => status === 401)).toHaveLength(LOGIN_LIMITS.pairFreeFailures);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - LOGIN_LIMITS.pairFreeFailures);
  });

  it('count the addresses of one IPv6 /64 as one network', async () => {
    const user = await createUser(t.dataSource);
    for (let i = 1; i <= LOGIN_LIMITS.pairFreeFailures; i++) await login(user.email, WRONG, `2001:db8:1:2::${i}`).expect(401);
    await login(user.email, WRONG, '2001:db8:1:2:ffff:ffff:ffff:ffff').expect(429);
    await login(user.email, TEST_PASSWORD, '2001:db8:1:3::1').expect(200);
  });

  it('are lifted for every network by liftLoginPauses, the password reset’s hook, by id or by email', async () => {
    const user = await createUser(t.dataSource);
    const pause = (from: string) =>
      t.dataSource.query(`INSERT INTO login_failures (account, address) SELECT $1, $2 FROM generate_series(1, $3)`, [
        user.email,
        from,
        LOGIN_LIMITS.pairPauseAfter,
      ]);
    await pause('203.0.113.100');
    await pause('203.0.113.101');
    await login(user.email, TEST_PASSWORD, '203.0.113.100').expect(429);
    await t.app.get(AuthService).liftLoginPauses(user.id);
    await login(user.email, TEST_PASSWORD, '203.0.113.100').expect(200);
    expect(await failures({ account: user.email })).toBe(0);

    await pause('203.0.113.101');
    await t.app.get(AuthService).liftLoginPauses(` ${user.email.toUpperCase()} `);
    await login(user.email, TEST_PASSWORD, '203.0.113.101').expect(200);
  });
});
