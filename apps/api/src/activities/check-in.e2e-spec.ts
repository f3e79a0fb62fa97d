import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import { CHECK_IN_WINDOW_MS } from './check-in-code.js';
import { CheckInService } from './check-in.service.js';

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
async function activity(options: { status?: string; startsOn?: string; endsOn?: string } = {}): Promise<string> {
  const [row] = await t.dataSource.query(
    `INSERT INTO activities (kind, title, delivery, starts_on, ends_on, venue_member_state, city, hours, required_attendance, organiser_id, status)
     VALUES ('workshop', 'Border security workshop', 'in_person', $1, $2, 'KEN', 'Nairobi', 21, 80, $3, $4) RETURNING id`,
    [options.startsOn ?? '2026-11-23', options.endsOn ?? '2026-11-25', organiserId, options.status ?? 'planned'],
  );
  return row.id;
}

describe('the check-in code', () => {
  it('gives the organiser a code, when it expires, and the address the QR code opens', async () => {
    const id = await activity();
    const response = await organiser.get(`/api/activities/${id}/check-in-code`).expect(200);
    expect(response.body).toEqual({
      code: expect.stringMatching(/^[A-Za-z0-9_-]+\.[0-9a-z]+\.[A-Za-z0-9_-]+$/),
      expiresAt: '2026-11-24T10:00:30.000Z',
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
