import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import { CHECK_IN_PASS_MS, CHECK_IN_WINDOW_MS, checkInKeys, makeCheckInPass } from './check-in-code.js';
import { CHECK_IN_LIMITS, CheckInService } from './check-in.service.js';

let t: TestApp;
let service: CheckInService;
let organiserId: string;
let organiser: TestAgent;
let otherTrainer: TestAgent;
let admin: TestAgent;
/** The clock the API makes and checks codes with: 10:00:05 UTC on 24 November 2026. */
let now = new Date(Date.UTC(2026, 10, 24, 10, 0, 5));

beforeAll(async () => {
  t = await createTestApp();
  service = t.app.get(CheckInService);
  service.now = () => now;
  const organiserUser = await createUser(t.dataSource, { roles: ['trainer'] });
  organiserId = organiserUser.id;
  organiser = await signIn(t.http, organiserUser.email);
  otherTrainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
  admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'] })).email);
});

afterAll(() => t.close());

/** A three-day workshop (23–25 November 2026) organised by `organiser`. */
async function activity(
  options: { status?: string; startsOn?: string; endsOn?: string; capacity?: number; requiredAttendance?: number } = {},
): Promise<string> {
  const [row] = await t.dataSource.query(
    `INSERT INTO activities (kind, title, delivery, starts_on, ends_on, venue_member_state, city, hours, required_attendance, organiser_id, status, capacity)
     VALUES ('workshop', 'Border security workshop', 'in_person', $1, $2, 'KEN', 'Nairobi', 21, $3, $4, $5, $6) RETURNING id`,
    [
      options.startsOn ?? '2026-11-23',
      options.endsOn ?? '2026-11-25',
      options.requiredAttendance ?? 80,
      organiserId,
      options.status ?? 'planned',
      options.capacity ?? null,
    ],
  );
  return row.id;
}

/** The code the organiser's screen shows now. */
async function codeOf(id: string): Promise<string> {
  return (await organiser.get(`/api/activities/${id}/check-in-code`).expect(200)).body.code;
}

/** A signed-in official, active unless told. */
async function official(status: 'pending' | 'active' = 'active') {
  const user = await createUser(t.dataSource, { status });
  return { user, agent: await signIn(t.http, user.email) };
}

async function attendanceOf(activityId: string, userId: string) {
  return t.dataSource.query(
    `SELECT to_char(at.day, 'YYYY-MM-DD') AS day, at.present, at.source, at.recorded_by AS "recordedBy", ap.role, ap.completed
       FROM activity_attendance at JOIN activity_participants ap ON ap.id = at.activity_participant_id
       JOIN participants p ON p.id = ap.participant_id
      WHERE ap.activity_id = $1 AND p.user_id = $2`,
    [activityId, userId],
  );
}

describe('the check-in code', () => {
  it('gives the organiser a code, when it expires, and the address the QR code opens', async () => {
    const id = await activity();
    const response = await organiser.get(`/api/activities/${id}/check-in-code`).expect(200);
    expect(response.body).toEqual({
      code: expect.stringMatching(/^[A-Za-z0-9_-]+\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]+$/),
      expiresAt: '2026-11-24T10:00:30.000Z',
      day: '2026-11-24',
      url: `http://ctlp.test/check-in?code=${response.body.code}`,
    });
    expect(response.body.code.length * 6).toBeGreaterThanOrEqual(40);
  });

  it('changes every 30 seconds', async () => {
    const id = await activity();
    const first = (await organiser.get(`/api/activities/${id}/check-in-code`).expect(200)).body.code;
    const same = (await organiser.get(`/api/activities/${id}/check-in-code`).expect(200)).body.code;
    now = new Date(now.getTime() + CHECK_IN_WINDOW_MS);
    const next = (await organiser.get(`/api/activities/${id}/check-in-code`).expect(200)).body.code;
    expect(same).toBe(first);
    expect(next).not.toBe(first);
  });

  it('is for the organisers and admins only: 404 for another trainer, 403 for a learner', async () => {
    const id = await activity();
    await admin.get(`/api/activities/${id}/check-in-code`).expect(200);
    await otherTrainer.get(`/api/activities/${id}/check-in-code`).expect(404);
    const learner = await signIn(t.http, (await createUser(t.dataSource)).email);
    await learner.get(`/api/activities/${id}/check-in-code`).expect(403);
    await request(t.http).get(`/api/activities/${id}/check-in-code`).expect(401);
  });

  it('is refused on a day outside the activity and once it is closed', async () => {
    for (const id of [
      await activity({ startsOn: '2026-11-25', endsOn: '2026-11-26' }),
      await activity({ startsOn: '2026-11-20', endsOn: '2026-11-23' }),
      await activity({ status: 'closed' }),
    ]) {
      const response = await organiser.get(`/api/activities/${id}/check-in-code`).expect(409);
      expect(response.body.code).toBe('check_in_closed');
    }
  });
});

describe('checking in', () => {
  it('records a pending official as a participant present today, by self check-in', async () => {
    const id = await activity();
    const { user, agent } = await official('pending');
    const response = await agent
      .post('/api/activities/check-in')
      .send({ code: await codeOf(id) })
      .expect(200);
    expect(response.body).toEqual({
      activity: { id, title: 'Border security workshop', startsOn: '2026-11-23', endsOn: '2026-11-25', city: 'Nairobi' },
      day: '2026-11-24',
      present: true,
    });
    expect(await attendanceOf(id, user.id)).toEqual([
      { day: '2026-11-24', present: true, source: 'check_in', recordedBy: null, role: 'participant', completed: false },
    ]);
  });

  it('answers a second scan the same day the same, and records one mark', async () => {
    const id = await activity();
    const { user, agent } = await official();
    const first = await agent
      .post('/api/activities/check-in')
      .send({ code: await codeOf(id) })
      .expect(200);
    now = new Date(now.getTime() + 5 * CHECK_IN_WINDOW_MS);
    const second = await agent
      .post('/api/activities/check-in')
      .send({ code: await codeOf(id) })
      .expect(200);
    expect(second.body).toEqual(first.body);
    expect(await attendanceOf(id, user.id)).toHaveLength(1);
  });

  it('completes the activity when the day scanned is all it requires, so the certificate follows its closing', async () => {
    const id = await activity({ startsOn: '2026-11-24', endsOn: '2026-11-24', requiredAttendance: 100 });
    const { user, agent } = await official();
    await agent
      .post('/api/activities/check-in')
      .send({ code: await codeOf(id) })
      .expect(200);
    expect((await attendanceOf(id, user.id))[0].completed).toBe(true);
    await organiser.post(`/api/activities/${id}/hold`).expect(200);
    await organiser.post(`/api/activities/${id}/close`).expect(200);
    expect((await organiser.post(`/api/activities/${id}/certificates`).expect(200)).body).toEqual({ issued: 1, total: 1 });
    const mine = await agent.get('/api/me/certificates').expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ kind: 'activity', activityId: id, courseTitle: 'Border security workshop' }),
    ]);
  });

  it('accepts the code of the previous window, so a scan at the boundary works', async () => {
    const id = await activity();
    const code = await codeOf(id);
    now = new Date(now.getTime() + CHECK_IN_WINDOW_MS);
    const { agent } = await official();
    await agent.post('/api/activities/check-in').send({ code }).expect(200);
  });

  it('refuses an older code as expired', async () => {
    const id = await activity();
    const code = await codeOf(id);
    now = new Date(now.getTime() + 2 * CHECK_IN_WINDOW_MS);
    const { user, agent } = await official();
    const response = await agent.post('/api/activities/check-in').send({ code }).expect(400);
    expect(response.body.fields.code.code).toBe('check_in_code_expired');
    expect(await attendanceOf(id, user.id)).toEqual([]);
  });

  it('refuses the MAC of one activity on another, naming neither', async () => {
    const mine = await activity();
    const other = await activity();
    const [, window, day, mac] = (await codeOf(mine)).split('.');
    const [otherId] = (await codeOf(other)).split('.');
    const { user, agent } = await official();
    const response = await agent
      .post('/api/activities/check-in')
      .send({ code: [otherId, window, day, mac].join('.') })
      .expect(400);
    expect(response.body.fields.code.code).toBe('check_in_code_invalid');
    expect(JSON.stringify(response.body)).not.toMatch(new RegExp(`${mine}|${other}|Border security`));
    expect(await attendanceOf(other, user.id)).toEqual([]);
  });

  it('records the day the code was shown for, though scanned past midnight; no code the day after; none once closed', async () => {
    const id = await activity({ startsOn: '2026-11-24', endsOn: '2026-11-24' });
    now = new Date(Date.UTC(2026, 10, 24, 23, 59, 50));
    const code = await codeOf(id);
    now = new Date(Date.UTC(2026, 10, 25, 0, 0, 5));
    const late = await official();
    expect((await late.agent.post('/api/activities/check-in').send({ code }).expect(200)).body.day).toBe('2026-11-24');
    expect((await organiser.get(`/api/activities/${id}/check-in-code`).expect(409)).body.code).toBe('check_in_closed');

    now = new Date(Date.UTC(2026, 10, 24, 12, 0, 0));
    const fresh = await codeOf(id);
    await t.dataSource.query(`UPDATE activities SET status = 'closed' WHERE id = $1`, [id]);
    const { user, agent } = await official();
    expect((await agent.post('/api/activities/check-in').send({ code: fresh }).expect(409)).body.code).toBe('check_in_closed');
    expect(await attendanceOf(id, user.id)).toEqual([]);
  });

  it('keeps to the capacity: a full activity takes no new participant by check-in', async () => {
    const id = await activity({ capacity: 1 });
    await (
      await official()
    ).agent
      .post('/api/activities/check-in')
      .send({ code: await codeOf(id) })
      .expect(200);
    const late = await official();
    const response = await late.agent
      .post('/api/activities/check-in')
      .send({ code: await codeOf(id) })
      .expect(409);
    expect(response.body.code).toBe('activity_full');
  });

  it('needs a signed-in account and a code', async () => {
    const id = await activity();
    const code = await codeOf(id);
    await request(t.http).post('/api/activities/check-in').send({ code }).expect(401);
    const { agent } = await official();
    expect((await agent.post('/api/activities/check-in').send({}).expect(400)).body.fields).toHaveProperty('code');
  });

  it('answers 429 once an account has sent too many wrong codes, even a right one', async () => {
    const id = await activity();
    const { agent } = await official();
    for (let i = 0; i < CHECK_IN_LIMITS.missesPerUser; i++) {
      await agent
        .post('/api/activities/check-in')
        .send({ code: `guess-${i}` })
        .expect(400);
    }
    const limited = await agent
      .post('/api/activities/check-in')
      .send({ code: await codeOf(id) })
      .expect(429);
    expect(limited.body.code).toBe('check_in_rate_limited');
    expect(limited.headers['retry-after']).toBe(String(CHECK_IN_LIMITS.windowMinutes * 60));
    // Another account is not affected.
    await (
      await official()
    ).agent
      .post('/api/activities/check-in')
      .send({ code: await codeOf(id) })
      .expect(200);
  });
});

describe("the venue's day, not UTC's", () => {
  /** The code the organiser's screen shows now, for the venue's date it gives. */
  async function codeFor(id: string, day: string) {
    return (await organiser.get(`/api/activities/${id}/check-in-code`).query({ day }).expect(200)).body;
  }

  it('records a morning session in Fiji on its own date, which UTC has not reached yet', async () => {
    // 08:30 on 25 November in Suva (UTC+12) is 20:30 on the 24th in UTC.
    now = new Date(Date.UTC(2026, 10, 24, 20, 30, 0));
    const id = await activity({ startsOn: '2026-11-25', endsOn: '2026-11-25' });
    // Without the screen's date the code would be for the UTC date, which is not a day of the activity.
    expect((await organiser.get(`/api/activities/${id}/check-in-code`).expect(409)).body.code).toBe('check_in_closed');
    const shown = await codeFor(id, '2026-11-25');
    expect(shown.day).toBe('2026-11-25');
    const { user, agent } = await official();
    const response = await agent.post('/api/activities/check-in').send({ code: shown.code }).expect(200);
    expect(response.body.day).toBe('2026-11-25');
    expect(await attendanceOf(id, user.id)).toEqual([expect.objectContaining({ day: '2026-11-25', present: true, source: 'check_in' })]);
  });

  it('records an evening session in Lima on its own date, which UTC has left', async () => {
    // 20:00 on 24 November in Lima (UTC−5) is 01:00 on the 25th in UTC.
    now = new Date(Date.UTC(2026, 10, 25, 1, 0, 0));
    const id = await activity({ startsOn: '2026-11-23', endsOn: '2026-11-24' });
    const { user, agent } = await official();
    await agent
      .post('/api/activities/check-in')
      .send({ code: (await codeFor(id, '2026-11-24')).code })
      .expect(200);
    expect(await attendanceOf(id, user.id)).toEqual([expect.objectContaining({ day: '2026-11-24' })]);
  });

  it('refuses a screen date further than a day from the UTC date, naming the field', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 12, 0, 0));
    const id = await activity({ startsOn: '2026-11-20', endsOn: '2026-11-30' });
    for (const day of ['2026-11-22', '2026-11-26']) {
      const response = await organiser.get(`/api/activities/${id}/check-in-code`).query({ day }).expect(400);
      expect(response.body.fields.day).toMatchObject({
        code: 'check_in_day_out_of_range',
        params: { min: '2026-11-23', max: '2026-11-25' },
      });
    }
    for (const day of ['2026-11-23', '2026-11-25']) expect((await codeFor(id, day)).day).toBe(day);
    for (const day of ['tomorrow', '2026-02-30']) {
      expect((await organiser.get(`/api/activities/${id}/check-in-code`).query({ day }).expect(400)).body.fields).toHaveProperty('day');
    }
  });

  it('refuses a screen date within a day of UTC that is not a day of the activity', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 12, 0, 0));
    const id = await activity({ startsOn: '2026-11-24', endsOn: '2026-11-24' });
    const response = await organiser.get(`/api/activities/${id}/check-in-code`).query({ day: '2026-11-25' }).expect(409);
    expect(response.body.code).toBe('check_in_closed');
  });

  it('lets no participant move the day: a code whose day is changed is no code', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 12, 0, 0));
    const id = await activity();
    const [activityPart, window, , mac] = (await codeFor(id, '2026-11-23')).code.split('.');
    const [, , otherDay] = (await codeFor(id, '2026-11-24')).code.split('.');
    const { user, agent } = await official();
    const response = await agent
      .post('/api/activities/check-in')
      .send({ code: [activityPart, window, otherDay, mac].join('.') })
      .expect(400);
    expect(response.body.fields.code.code).toBe('check_in_code_invalid');
    expect(await attendanceOf(id, user.id)).toEqual([]);
  });
});

describe('a pass for a code scanned before signing in', () => {
  /** Asks for a pass as a signed-out phone does. */
  function passFor(code: string) {
    return request(t.http).post('/api/activities/check-in/pass').send({ code });
  }

  const registration = (email: string) => ({
    email,
    password: 'a long passphrase of my own',
    fullName: 'Youssef Benali',
    memberState: 'MAR',
    institution: 'Ministry of Justice',
    agencyType: 'prosecution',
    jobTitle: 'Prosecutor',
    gender: 'male',
    locale: 'en',
  });

  it('is redeemed after registering, minutes after the code expired, on the venue day of the code, once', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 20, 30, 0));
    const id = await activity({ startsOn: '2026-11-25', endsOn: '2026-11-25' });
    const { code } = (await organiser.get(`/api/activities/${id}/check-in-code`).query({ day: '2026-11-25' }).expect(200)).body;
    const issued = await passFor(code).expect(200);
    expect(issued.body).toEqual({ pass: expect.any(String), expiresAt: '2026-11-24T21:00:00.000Z' });
    // It names no activity, and records nothing.
    expect(JSON.stringify(issued.body)).not.toMatch(/Border security|Nairobi/);
    expect(issued.body.pass).not.toContain(id);

    now = new Date(now.getTime() + 20 * 60_000);
    const newcomerEmail = `youssef.${Date.now()}@justice.example`;
    await request(t.http).post('/api/auth/register').send(registration(newcomerEmail)).expect(202);
    // Registering signs no one in: the pending newcomer signs in, as the web app has them do.
    const newcomer = await signIn(t.http, newcomerEmail, 'a long passphrase of my own');
    const registered = { body: { user: (await newcomer.get('/api/auth/me').expect(200)).body.user } };
    expect(registered.body.user.status).toBe('pending');
    // The code itself has long expired.
    expect((await newcomer.post('/api/activities/check-in').send({ code }).expect(400)).body.fields.code.code).toBe(
      'check_in_code_expired',
    );
    const first = await newcomer.post('/api/activities/check-in').send({ pass: issued.body.pass }).expect(200);
    expect(first.body).toMatchObject({ activity: { id }, day: '2026-11-25', present: true });
    const again = await newcomer.post('/api/activities/check-in').send({ pass: issued.body.pass }).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await attendanceOf(id, registered.body.user.id)).toEqual([
      expect.objectContaining({ day: '2026-11-25', present: true, source: 'check_in' }),
    ]);
  });

  it('is redeemed by an account approved meanwhile, once signed in', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
    const id = await activity();
    const { pass } = (await passFor(await codeOf(id)).expect(200)).body;
    const applicant = request.agent(t.http);
    const email = `applicant.${Date.now()}@justice.example`;
    await applicant.post('/api/auth/register').send(registration(email)).expect(202);
    const [user] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email]);
    now = new Date(now.getTime() + 10 * 60_000);
    await admin.post(`/api/registrations/${user.id}/approve`).expect(200);
    const signedIn = await signIn(t.http, email, 'a long passphrase of my own');
    now = new Date(now.getTime() + 19 * 60_000);
    await signedIn.post('/api/activities/check-in').send({ pass }).expect(200);
    expect(await attendanceOf(id, user.id)).toEqual([expect.objectContaining({ day: '2026-11-24', present: true })]);
  });

  it('is refused once 30 minutes have passed, as an old code is', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
    const id = await activity();
    const { pass } = (await passFor(await codeOf(id)).expect(200)).body;
    now = new Date(now.getTime() + CHECK_IN_PASS_MS + 1_000);
    const { user, agent } = await official();
    const response = await agent.post('/api/activities/check-in').send({ pass }).expect(400);
    expect(response.body.fields.pass.code).toBe('check_in_code_expired');
    expect(await attendanceOf(id, user.id)).toEqual([]);
  });

  it('is refused when forged, altered to another activity or day, made by another platform, or a code', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
    const id = await activity();
    const other = await activity();
    const code = await codeOf(id);
    const [own, day, issuedAt, mac] = (await passFor(code).expect(200)).body.pass.split('.');
    const [otherId] = (await passFor(await codeOf(other)).expect(200)).body.pass.split('.');
    const nextDay = (parseInt(day, 36) + 1).toString(36);
    const foreign = makeCheckInPass(checkInKeys('another platform, another secret, long enough'), id, '2026-11-24', now).pass;
    const { user, agent } = await official();
    for (const pass of [[otherId, day, issuedAt, mac].join('.'), [own, nextDay, issuedAt, mac].join('.'), foreign, code, 'not a pass']) {
      const response = await agent.post('/api/activities/check-in').send({ pass }).expect(400);
      expect(response.body.fields.pass.code).toBe('check_in_code_invalid');
      expect(JSON.stringify(response.body)).not.toMatch(new RegExp(`${id}|${other}|Border security`));
    }
    expect(await attendanceOf(id, user.id)).toEqual([]);
    expect(await attendanceOf(other, user.id)).toEqual([]);
  });

  it('is refused for an activity closed since, and not given for a closed one', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
    const id = await activity();
    const code = await codeOf(id);
    const { pass } = (await passFor(code).expect(200)).body;
    await t.dataSource.query(`UPDATE activities SET status = 'closed' WHERE id = $1`, [id]);
    const { agent } = await official();
    expect((await agent.post('/api/activities/check-in').send({ pass }).expect(409)).body.code).toBe('check_in_closed');
    expect((await passFor(code).expect(409)).body.code).toBe('check_in_closed');
  });

  it('is not given for an expired or wrong code, each named', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
    const id = await activity();
    const code = await codeOf(id);
    now = new Date(now.getTime() + 2 * CHECK_IN_WINDOW_MS);
    expect((await passFor(code).expect(400)).body.fields.code.code).toBe('check_in_code_expired');
    expect((await passFor('a wrong code').expect(400)).body.fields.code.code).toBe('check_in_code_invalid');
    expect((await request(t.http).post('/api/activities/check-in/pass').send({}).expect(400)).body.fields).toHaveProperty('code');
  });

  it('takes a code or a pass, not both', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
    const id = await activity();
    const code = await codeOf(id);
    const { pass } = (await passFor(code).expect(200)).body;
    const { user, agent } = await official();
    const response = await agent.post('/api/activities/check-in').send({ code, pass }).expect(400);
    expect(response.body.fields).toHaveProperty('pass');
    expect(await attendanceOf(id, user.id)).toEqual([]);
  });

  it('counts forged passes against the account like wrong codes', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
    const id = await activity();
    const { pass } = (await passFor(await codeOf(id)).expect(200)).body;
    const { agent } = await official();
    for (let i = 0; i < CHECK_IN_LIMITS.missesPerUser; i++) {
      await agent
        .post('/api/activities/check-in')
        .send({ pass: `forged-${i}` })
        .expect(400);
    }
    expect((await agent.post('/api/activities/check-in').send({ pass }).expect(429)).body.code).toBe('check_in_rate_limited');
  });

  it('answers 429 once an address has sent too many wrong codes, even for a right one', async () => {
    now = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
    // The tests above sent wrong codes from this address too.
    await t.dataSource.query(`DELETE FROM verification_misses WHERE address LIKE 'check-in-pass:%'`);
    const id = await activity();
    for (let i = 0; i < 3; i++) await passFor(await codeOf(id)).expect(200);
    for (let i = 0; i < CHECK_IN_LIMITS.missesPerAddress; i++) await passFor(`guess-${i}`).expect(400);
    const limited = await passFor(await codeOf(id)).expect(429);
    expect(limited.body.code).toBe('check_in_rate_limited');
    expect(limited.headers['retry-after']).toBe(String(CHECK_IN_LIMITS.windowMinutes * 60));
    // Right codes were not counted: a room behind one address is limited only by wrong ones.
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM verification_misses WHERE address LIKE 'check-in-pass:%'`,
    );
    expect(count).toBe(CHECK_IN_LIMITS.missesPerAddress);
    // Signed-in check-in counts per account, not per address.
    await (
      await official()
    ).agent
      .post('/api/activities/check-in')
      .send({ code: await codeOf(id) })
      .expect(200);
  });
});
