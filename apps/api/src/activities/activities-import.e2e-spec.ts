import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';
import { keptAndRebuilt } from '../../test/report-summary.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let admin: TestAgent;
let adminId: string;
let trainer: TestAgent;
let officialId: string;

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function counts(): Promise<Record<string, number>> {
  const [row] = (await t.dataSource.query(
    `SELECT (SELECT count(*) FROM activities)::int AS activities,
            (SELECT count(*) FROM participants)::int AS participants,
            (SELECT count(*) FROM activity_participants)::int AS places,
            (SELECT count(*) FROM activity_attendance)::int AS marks,
            (SELECT count(*) FROM audit_events WHERE action = 'activities.imported')::int AS audits`,
  )) as Array<Record<string, number>>;
  return row!;
}

const post = (agent: TestAgent, file: Buffer, dryRun = false) =>
  agent.post(`/api/activities/import${dryRun ? '?dryRun=true' : ''}`).attach('file', file, 'history.xlsx');

const ACTIVITIES = [
  [
    'ref',
    'kind',
    'title',
    'delivery',
    'startsOn',
    'endsOn',
    'venueMemberState',
    'city',
    'memberStates',
    'languages',
    'topics',
    'hours',
    'requiredAttendance',
    'status',
  ],
  [
    'A1',
    'Workshop',
    'Border security',
    'In person',
    new Date(Date.UTC(2019, 2, 4)),
    new Date(Date.UTC(2019, 2, 6)),
    'كينيا',
    'Nairobi',
    'Uganda; Tanzania',
    'English, French',
    'Border security',
    18,
    60,
    '',
  ],
  ['A2', 'webinar', 'Financial intelligence', 'online', '2020-06-01', '2020-06-01', '', '', 'Россия, Казахстан', 'ru', '', 2, 100, 'held'],
  ['A3', 'party', 'Not an activity', 'in_person', '2020-13-01', '', 'Atlantis', '', '', '', '', -1, 150, 'planned'],
  ['A1', 'workshop', 'Same ref again', 'in_person', '2021-01-01', '2021-01-02', 'KEN', '', '', '', '', 1, 100, ''],
];

const PARTICIPANTS = [
  ['activityRef', 'fullName', 'email', 'memberState', 'institution', 'agencyType', 'gender', 'role', 'attendedDays', 'attended'],
  ['A1', 'Official With Account', 'OFFICIAL@Justice.go.ke', 'KEN', 'Judiciary', 'judiciary', 'F', '', 2, ''],
  ['A1', 'Joseph Mwangi', 'joseph@example.org', 'Kenya', '', 'police', 'M', 'trainer', 1, ''],
  ['A1', '王芳', '', '中国', '', '', 'female', '', '', 'yes'],
  ['A2', 'Joseph Mwangi', 'JOSEPH@example.org', 'KEN', '', '', '', '', '', 'yes'],
  ['A2', 'Айгуль Нурланова', 'aigul@example.kz', 'Казахстан', '', '', 'Ж', '', '', 'no'],
  ['A2', 'Twice', 'aigul@example.kz', 'KAZ', '', '', '', '', '', ''],
  ['A3', 'Of a bad activity', '', 'KEN', '', '', '', '', '', ''],
  ['ZZ', 'Of no activity', '', 'KEN', '', '', '', '', '', ''],
  ['A1', 'Too many days', '', 'KEN', '', '', '', '', 4, ''],
];

beforeAll(async () => {
  t = await createTestApp();
  const [ad, tr, official] = await Promise.all([
    createUser(t.dataSource, { roles: ['admin'] }),
    createUser(t.dataSource, { roles: ['trainer'] }),
    createUser(t.dataSource, { email: 'official@justice.go.ke', fullName: 'Official With Account', memberState: 'KEN' }),
  ]);
  adminId = ad.id;
  officialId = official.id;
  [admin, trainer] = await Promise.all([ad, tr].map((user) => signIn(t.http, user.email)));
});

afterAll(() => t.close());

describe('historical import', () => {
  it('reports a dry run row by row, writes nothing, and then does exactly that', async () => {
    const file = await workbook({ activities: ACTIVITIES, participants: PARTICIPANTS });
    const before = await counts();
    const dry = await post(admin, file, true).expect(200);
    expect(await counts()).toEqual(before);
    expect(dry.body).toEqual({
      dryRun: true,
      activities: {
        created: 2,
        invalid: [
          {
            row: 4,
            fields: {
              kind: 'not_one_of',
              startsOn: 'not_date',
              venueMemberState: 'unknown_member_state',
              hours: 'too_small',
              requiredAttendance: 'too_large',
              status: 'not_one_of',
            },
          },
          { row: 5, fields: { ref: 'duplicate_in_file' } },
        ],
      },
      participants: {
        // Joseph is one person in two activities: added to each.
        added: 5,
        updated: 0,
        unchanged: 0,
        matchedAccounts: 1,
        participantDays: 2 + 1 + 3 + 1 + 0,
        completed: 3,
        invalid: [
          { row: 7, fields: { email: 'duplicate_in_file' } },
          { row: 8, fields: { activityRef: 'activity_row_invalid' } },
          { row: 9, fields: { activityRef: 'unknown_activity_ref' } },
          { row: 10, fields: { attendedDays: 'too_large' } },
        ],
      },
    });

    const real = await post(admin, file).expect(200);
    expect(real.body).toEqual({ ...dry.body, dryRun: false });
    // The report's summary, kept by triggers through the set-based writes, is what a rebuild from the rows gives.
    const [kept, rebuilt] = await keptAndRebuilt(t.dataSource);
    expect(kept).toEqual(rebuilt);
    expect((kept.attendance as unknown[]).length).toBeGreaterThan(0);
    expect(await counts()).toEqual({
      activities: before.activities + 2,
      participants: before.participants + 4,
      places: before.places + 5,
      marks: before.marks + 3 * 3 + 2,
      audits: before.audits + 1,
    });
  });

  it('holds or closes what it imports, organised by the admin, with attendance that completes it', async () => {
    const file = await workbook({
      activities: ACTIVITIES.map((row, i) => (i === 0 ? row : [`R-${String(row[0])}`, ...row.slice(1)])),
      participants: PARTICIPANTS.map((row, i) => (i === 0 ? row : [`R-${String(row[0])}`, ...row.slice(1)])),
    });
    await post(admin, file).expect(200);
    const [a1] = (await t.dataSource.query(
      `SELECT id FROM activities WHERE title = 'Border security' ORDER BY created_at DESC LIMIT 1`,
    )) as Array<{
      id: string;
    }>;
    const view = await admin.get(`/api/activities/${a1!.id}`).expect(200);
    expect(view.body).toMatchObject({
      kind: 'workshop',
      delivery: 'in_person',
      startsOn: '2019-03-04',
      endsOn: '2019-03-06',
      venueMemberState: 'KEN',
      memberStates: ['UGA', 'TZA'],
      languages: ['en', 'fr'],
      topics: ['border-security'],
      hours: 18,
      requiredAttendance: 60,
      status: 'closed',
    });
    expect(view.body.organiser.id).toBe(adminId);
    const people = await admin.get(`/api/activities/${a1!.id}/participants`).expect(200);
    const byName = Object.fromEntries((people.body.items as Array<{ fullName: string }>).map((p) => [p.fullName, p]));
    expect(byName['Official With Account']).toMatchObject({ userId: officialId, completed: true, role: 'participant' });
    expect(byName['Joseph Mwangi']).toMatchObject({ userId: null, completed: false, role: 'trainer' });
    expect(byName['王芳']).toMatchObject({ memberState: 'CHN', completed: true, gender: 'female' });
    const [a2] = (await t.dataSource.query(
      `SELECT status FROM activities WHERE title = 'Financial intelligence' ORDER BY created_at DESC LIMIT 1`,
    )) as Array<{
      status: string;
    }>;
    expect(a2!.status).toBe('held');
  });

  it('knows a person from an earlier list by email, refreshing what the workbook adds, and one name and State once per activity', async () => {
    const created = await admin
      .post('/api/activities')
      .send({
        kind: 'workshop',
        title: 'Earlier list',
        delivery: 'online',
        startsOn: '2027-01-10',
        endsOn: '2027-01-10',
        memberStates: [],
        languages: ['en'],
        topics: [],
        hours: 2,
        requiredAttendance: 100,
      })
      .expect(201);
    await admin
      .post(`/api/activities/${created.body.id as string}/participants/import`)
      .attach('file', Buffer.from('fullName,email,memberState\nSara Haddad,Sara.Haddad@example.jo,JOR\n'), 'list.csv')
      .expect(200);
    const before = await counts();
    const file = await workbook({
      activities: [
        ACTIVITIES[0]!,
        ['K1', 'workshop', 'Known people', 'online', '2018-05-01', '2018-05-02', '', '', '', '', '', 4, 100, ''],
      ],
      participants: [
        PARTICIPANTS[0]!,
        ['K1', 'Sara Haddad', 'SARA.HADDAD@example.jo', 'Jordan', 'Public Security Directorate', 'police', 'F', '', 2, ''],
        ['K1', 'No Email', '', 'JOR', '', '', '', '', 1, ''],
        ['K1', 'no email', '', 'Jordanie', '', '', '', '', 1, ''],
      ],
    });
    const report = await post(admin, file).expect(200);
    expect(report.body.participants).toMatchObject({
      added: 2,
      completed: 1,
      invalid: [{ row: 4, fields: { fullName: 'duplicate_in_file' } }],
    });
    expect(await counts()).toMatchObject({ participants: before.participants + 1, places: before.places + 2 });
    const [sara] = (await t.dataSource.query(
      `SELECT email, institution, agency_type FROM participants WHERE email_key = 'sara.haddad@example.jo'`,
    )) as Array<Record<string, string>>;
    expect(sara).toEqual({ email: 'Sara.Haddad@example.jo', institution: 'Public Security Directorate', agency_type: 'police' });
  });

  it('writes nothing from a malformed workbook', async () => {
    const before = await counts();
    const noSheet = await post(admin, await workbook({ activities: ACTIVITIES })).expect(400);
    expect(noSheet.body.fields.file).toMatchObject({ code: 'sheet_missing', params: { sheet: 'participants' } });
    const noColumn = await post(
      admin,
      await workbook({
        activities: [
          ['ref', 'kind', 'title'],
          ['X', 'workshop', 'T'],
        ],
        participants: PARTICIPANTS,
      }),
    ).expect(400);
    expect(noColumn.body.fields.file).toMatchObject({ code: 'csv_column_missing', params: { column: 'startsOn' } });
    const csv = await admin.post('/api/activities/import').attach('file', Buffer.from('a,b\n1,2\n'), 'history.csv').expect(400);
    expect(csv.body.fields.file.code).toBe('sheet_missing');
    expect(await counts()).toEqual(before);
  });

  it('is for admins only', async () => {
    const file = await workbook({ activities: ACTIVITIES, participants: PARTICIPANTS });
    const refused = await post(trainer, file, true).expect(403);
    expect(refused.body.code).toBe('role_required');
    await trainer.get('/api/activities/import/template').expect(403);
  });

  it('gives a template that imports as it is', async () => {
    const response = await admin
      .get('/api/activities/import/template')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const report = await post(admin, response.body as Buffer, true).expect(200);
    expect(report.body).toMatchObject({
      activities: { created: 1, invalid: [] },
      participants: { added: 1, participantDays: 3, completed: 1, invalid: [] },
    });
  });
});
