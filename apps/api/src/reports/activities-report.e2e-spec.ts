import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent.js';
import type { SessionUser } from '../access/access.decorator.js';
import { keptAndRebuilt } from '../../test/report-summary.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import type { MemberStateReportQueryDto } from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';

// The member-state report with training activities: an attendance list imported through the API,
// attendance recorded through it, and the report read back, every figure counted by hand.
let t: TestApp;
let admin: TestAgent;
let trainer: TestAgent;
let focalUga: TestAgent;
const courseId = randomUUID();
const P = { from: '2026-01-01', to: '2026-07-01' };
const ids: Record<string, string> = {};

async function createActivity(body: Record<string, unknown>): Promise<string> {
  const response = await trainer.post('/api/activities').send({
    kind: 'workshop',
    title: 'Investigating terrorist financing',
    delivery: 'in_person',
    city: 'Nairobi',
    languages: ['en'],
    hours: 18,
    requiredAttendance: 100,
    ...body,
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** Imports a CSV attendance list, then records each listed person's days present (by email or name). */
async function importAndAttend(activityId: string, csv: string, present: Record<string, string[]>) {
  const imported = await trainer
    .post(`/api/activities/${activityId}/participants/import`)
    .attach('file', Buffer.from(csv, 'utf8'), 'list.csv')
    .expect(200);
  expect(imported.body.invalid).toEqual([]);
  const { body } = await trainer.get(`/api/activities/${activityId}/participants`).expect(200);
  for (const [who, days] of Object.entries(present)) {
    const place = (body.items as Array<{ id: string; email: string | null; fullName: string }>).find(
      (item) => item.email === who || item.fullName === who,
    );
    if (!place) throw new Error(`${who} is not in the activity`);
    for (const date of days)
      await trainer.post(`/api/activities/${activityId}/attendance`).send({ participantId: place.id, date, present: true }).expect(200);
  }
  return imported.body;
}

beforeAll(async () => {
  t = await createTestApp();
  const owner = await createUser(t.dataSource, { roles: ['trainer'] });
  await t.dataSource.query(
    `INSERT INTO courses (id, slug, title, owner_id, status, topics) VALUES ($1, 'financing', 'Financing', $2, 'published', '{financing}')`,
    [courseId, owner.id],
  );
  const amina = await createUser(t.dataSource, {
    email: 'amina.odhiambo@police.go.ke',
    memberState: 'KEN',
    agencyType: 'police',
    gender: 'female',
  });
  const brian = await createUser(t.dataSource, { email: 'brian@example.ke', memberState: 'KEN', agencyType: 'judiciary', gender: 'male' });
  const peter = await createUser(t.dataSource, {
    email: 'peter@example.ke',
    memberState: 'KEN',
    agencyType: 'police',
    gender: 'male',
    status: 'pending',
  });
  Object.assign(ids, { amina: amina.id, brian: brian.id, peter: peter.id });
  // Amina and Brian completed the online course in February.
  await t.dataSource.query(
    `INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at) VALUES
       ($1, $2, 'completed', 'self', '2026-01-20T08:00:00Z', '2026-02-10T09:00:00Z'),
       ($1, $3, 'completed', 'self', '2026-01-21T08:00:00Z', '2026-02-11T09:00:00Z')`,
    [courseId, amina.id, brian.id],
  );
  const trainerUser = await createUser(t.dataSource, { roles: ['trainer'], memberState: 'FRA' });
  admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'], memberState: 'AUT' })).email);
  trainer = await signIn(t.http, trainerUser.email);
  focalUga = await signIn(t.http, (await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'UGA' })).email);

  // A workshop in Nairobi for Kenya and Uganda, linked to the course; three days, all required.
  ids.workshop = await createActivity({
    startsOn: '2026-03-02',
    endsOn: '2026-03-04',
    venueMemberState: 'KEN',
    memberStates: ['KEN', 'UGA'],
    topics: ['financing'],
    courseId,
  });
  const workshopDays = ['2026-03-02', '2026-03-03', '2026-03-04'];
  const imported = await importAndAttend(
    ids.workshop,
    'fullName,email,memberState,institution,agencyType,gender,role\r\n' +
      // The official who also completed the course online, her address written differently.
      'Amina Odhiambo,AMINA.Odhiambo@Police.go.ke,Kenya,DCI,police,female,participant\r\n' +
      'Joseph Okello,joseph.okello@example.ug,Uganda,Police,police,male,participant\r\n' +
      // Known only from the list: no email, no agency, no sex.
      'Grace Auma,,UGA,,,,participant\r\n' +
      'Pierre Martin,pierre@example.fr,France,Academy,academia,male,speaker\r\n' +
      // Registered but not yet vetted.
      'Peter Kamau,peter@example.ke,KEN,,police,male,participant\r\n',
    {
      'amina.odhiambo@police.go.ke': workshopDays,
      'joseph.okello@example.ug': workshopDays,
      'Grace Auma': workshopDays.slice(0, 2),
      'pierre@example.fr': workshopDays,
      'peter@example.ke': workshopDays,
    },
  );
  expect(imported.matchedAccounts).toBe(2);
  await trainer.post(`/api/activities/${ids.workshop}/hold`).expect(200);

  // A webinar for France in May; Joseph attends its one day.
  ids.webinar = await createActivity({
    kind: 'webinar',
    delivery: 'online',
    city: null,
    startsOn: '2026-05-05',
    endsOn: '2026-05-05',
    venueMemberState: null,
    memberStates: ['FRA'],
    topics: ['human-rights'],
  });
  await importAndAttend(
    ids.webinar,
    'fullName,email,memberState,institution,agencyType,gender,role\r\nJoseph Okello,joseph.okello@example.ug,UGA,Police,police,male,participant\r\n',
    { 'joseph.okello@example.ug': ['2026-05-05'] },
  );
  await trainer.post(`/api/activities/${ids.webinar}/hold`).expect(200);
  // Planned, never held: counts nowhere.
  const planned = await createActivity({ startsOn: '2026-04-01', endsOn: '2026-04-01', venueMemberState: 'UGA', memberStates: [] });
  await importAndAttend(
    planned,
    'fullName,email,memberState,institution,agencyType,gender,role\r\nJoseph Okello,joseph.okello@example.ug,UGA,Police,police,male,participant\r\n',
    { 'joseph.okello@example.ug': ['2026-04-01'] },
  );
});

afterAll(() => t.close());

const figures = (row: Record<string, unknown>) => ({
  officialsTrained: row.officialsTrained,
  female: row.female,
  male: row.male,
  other: row.other,
  undisclosed: row.undisclosed,
  enrolments: row.enrolments,
  completions: row.completions,
  certificates: row.certificates,
  activities: row.activities,
  participants: row.participants,
  participantDays: row.participantDays,
});
const byState = (body: { rows: Array<Record<string, unknown>> }) =>
  Object.fromEntries(body.rows.map((row) => [row.memberState, figures(row)]));
const report = (query: Record<string, string> = {}, agent: TestAgent = admin) =>
  agent
    .get('/api/reports/member-states')
    .query({ ...P, ...query })
    .expect(200)
    .then((response) => response.body);
const ZERO = {
  officialsTrained: 0,
  female: 0,
  male: 0,
  other: 0,
  undisclosed: 0,
  enrolments: 0,
  completions: 0,
  certificates: 0,
  activities: 0,
  participants: 0,
  participantDays: 0,
};

describe('the member-state report with training activities', () => {
  it('counts an official trained online and in a workshop once, with the activities and participant-days of each State', async () => {
    const body = await report();
    expect(byState(body)).toEqual({
      // Amina (online and the workshop: once) and Brian (online); the workshop was held here; Amina's
      // three days (Peter's do not count while his account awaits vetting).
      KEN: {
        ...ZERO,
        officialsTrained: 2,
        female: 1,
        male: 1,
        enrolments: 2,
        completions: 2,
        activities: 1,
        participants: 1,
        participantDays: 3,
      },
      // Joseph (the workshop and the webinar); the workshop served Uganda; Joseph's 3 + 1 days and
      // Grace's 2 (she did not complete: not trained, but her days count). The planned activity: nothing.
      UGA: { ...ZERO, officialsTrained: 1, male: 1, activities: 1, participants: 1, participantDays: 6 },
      // The webinar served France; its speaker is not a participant.
      FRA: { ...ZERO, activities: 1 },
    });
    expect(body.totals).toEqual({
      ...ZERO,
      officialsTrained: 3,
      female: 1,
      male: 2,
      enrolments: 2,
      completions: 2,
      // Two distinct activities, though the workshop counts for two States.
      activities: 2,
      participants: 2,
      participantDays: 9,
    });
    expect(body.headline).toEqual({ people: 3, activities: 2, courses: 1, since: '2026-02-10T09:00:00.000Z' });
    expect(body.months).toEqual([
      { month: '2026-01', completions: 0, activities: 0, participantDays: 0 },
      { month: '2026-02', completions: 2, activities: 0, participantDays: 0 },
      { month: '2026-03', completions: 0, activities: 1, participantDays: 8 },
      { month: '2026-04', completions: 0, activities: 0, participantDays: 0 },
      { month: '2026-05', completions: 0, activities: 1, participantDays: 1 },
      { month: '2026-06', completions: 0, activities: 0, participantDays: 0 },
    ]);
  });

  it('counts one source or the other when asked, the other columns zero', async () => {
    const online = await report({ source: 'online' });
    expect(byState(online)).toEqual({
      KEN: { ...ZERO, officialsTrained: 2, female: 1, male: 1, enrolments: 2, completions: 2 },
    });
    expect(online.headline).toEqual({ people: 2, activities: 0, courses: 1, since: '2026-02-10T09:00:00.000Z' });
    expect(online.filters.source).toBe('online');
    const activities = await report({ source: 'activities' });
    expect(byState(activities)).toEqual({
      KEN: { ...ZERO, officialsTrained: 1, female: 1, activities: 1, participants: 1, participantDays: 3 },
      UGA: { ...ZERO, officialsTrained: 1, male: 1, activities: 1, participants: 1, participantDays: 6 },
      FRA: { ...ZERO, activities: 1 },
    });
    // The workshop ended on 4 March: its end is the first event counted.
    expect(activities.headline).toEqual({ people: 2, activities: 2, courses: 0, since: '2026-03-04T00:00:00.000Z' });
    const wrong = await admin.get('/api/reports/member-states').query({ source: 'offline' }).expect(400);
    expect(wrong.body.fields).toHaveProperty('source');
  });

  it('applies the topic and the course to activities, and leaves people of unknown agency out of an agency filter', async () => {
    const topic = await report({ topic: 'human-rights' });
    // Only the webinar has that topic (and no course).
    expect(byState(topic)).toEqual({
      UGA: { ...ZERO, officialsTrained: 1, male: 1, participants: 1, participantDays: 1 },
      FRA: { ...ZERO, activities: 1 },
    });
    expect(topic.headline).toEqual({ people: 1, activities: 1, courses: 0, since: '2026-05-05T00:00:00.000Z' });
    // The course and the workshop linked to it.
    const course = await report({ courseId });
    expect(byState(course)).toEqual({
      KEN: {
        ...ZERO,
        officialsTrained: 2,
        female: 1,
        male: 1,
        enrolments: 2,
        completions: 2,
        activities: 1,
        participants: 1,
        participantDays: 3,
      },
      UGA: { ...ZERO, officialsTrained: 1, male: 1, activities: 1, participants: 1, participantDays: 5 },
    });
    const police = await report({ agencyType: 'police' });
    // Grace's days go: the list gave no agency.
    expect(byState(police)).toEqual({
      KEN: { ...ZERO, officialsTrained: 1, female: 1, enrolments: 1, completions: 1, activities: 1, participants: 1, participantDays: 3 },
      UGA: { ...ZERO, officialsTrained: 1, male: 1, activities: 1, participants: 1, participantDays: 4 },
      FRA: { ...ZERO, activities: 1 },
    });
  });

  it("gives a focal point their State's activities, held there or for it", async () => {
    const body = await report({}, focalUga);
    expect(body.rows.map((row: { memberState: string }) => row.memberState)).toEqual(['UGA']);
    expect(body.headline).toEqual({ people: 1, activities: 1, courses: 0, since: '2026-03-04T00:00:00.000Z' });
  });

  it('writes the activity columns into the exports', async () => {
    const csv = await admin
      .get('/api/reports/member-states')
      .query({ ...P, format: 'csv' })
      .expect(200);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/,Training activities,Activity participants,Participant-days$/);
    expect(lines).toContain('Uganda,UGA,Africa,1,0,1,0,0,0,0,0,1,1,6');
    expect(lines).toContain('Total,,,3,1,2,0,0,2,2,0,2,2,9');
  });

  it('counts a pending official who attended once vetted, and a list participant who registers as that account', async () => {
    await t.dataSource.query(`UPDATE users SET status = 'active' WHERE id = $1`, [ids.peter]);
    let body = await report();
    expect(byState(body).KEN).toMatchObject({ officialsTrained: 3, male: 2, participants: 2, participantDays: 6 });
    // Joseph registers: the list's person becomes his account (pending: not counted), then is vetted
    // with another State: he moves there with his days.
    const joseph = await createUser(t.dataSource, {
      email: 'joseph.okello@example.ug',
      memberState: 'KEN',
      agencyType: 'prosecution',
      gender: 'male',
      status: 'pending',
    });
    body = await report();
    expect(byState(body).UGA).toEqual({ ...ZERO, activities: 1, participantDays: 2 });
    await t.dataSource.query(`UPDATE users SET status = 'active' WHERE id = $1`, [joseph.id]);
    body = await report();
    expect(byState(body).KEN).toMatchObject({ officialsTrained: 4, participants: 3, participantDays: 10 });
    expect(body.headline).toMatchObject({ people: 4, activities: 2 });
    const [kept, rebuilt] = await keptAndRebuilt(t.dataSource);
    expect(rebuilt).toEqual(kept);
  });
});

describe('the summary against the rows, with activities', () => {
  const asAdmin = { id: randomUUID(), roles: ['admin'], memberState: 'AUT' } as unknown as SessionUser;
  const both = async (query: Partial<MemberStateReportQueryDto>) => {
    const service = t.app.get(ReportsService);
    const [summary, rows] = await Promise.all([
      service.memberStates(asAdmin, query as MemberStateReportQueryDto),
      service.memberStates(asAdmin, query as MemberStateReportQueryDto, { fromRows: true }),
    ]);
    return { summary: { ...summary, generatedAt: '' }, rows: { ...rows, generatedAt: '' } };
  };

  it('gives the same report both ways, for every source, partial months and filters', async () => {
    const periods: Array<Partial<MemberStateReportQueryDto>> = [
      { to: '2027-01-01' },
      { from: '2026-01-01', to: '2026-07-01' },
      { from: '2026-03-03', to: '2026-05-05T12:00:00Z' },
      { from: '2026-03-04', to: '2026-03-05' },
      { from: '2026-02-10T09:00:00Z', to: '2026-03-04T00:00:00.001Z' },
    ];
    const filters: Array<Partial<MemberStateReportQueryDto>> = [
      {},
      { source: 'online' },
      { source: 'activities' },
      { agencyType: 'police' },
      { region: 'Africa', includeZero: true },
      { suppressBelow: 3 },
    ];
    let compared = 0;
    for (const period of periods) {
      for (const filter of filters) {
        const { summary, rows } = await both({ ...period, ...filter });
        expect({ period, filter, report: summary }).toEqual({ period, filter, report: rows });
        compared += summary.rows.length;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
