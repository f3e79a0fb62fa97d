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

/**
 * A workbook to import more than once: `${prefix}-1`, a three-day workshop (60 %: two days
 * complete it), closed; `${prefix}-2`, a one-day webinar, held; five people in them.
 */
function history(prefix: string, year: number): { activities: unknown[][]; participants: unknown[][] } {
  return {
    activities: [
      ACTIVITIES[0]!,
      [
        `${prefix}-1`,
        'workshop',
        `Prison radicalisation ${prefix}`,
        'in_person',
        `${year}-03-03`,
        `${year}-03-05`,
        'KEN',
        'Nairobi',
        'UGA',
        'en',
        'prisons',
        18,
        60,
        'closed',
      ],
      [
        `${prefix}-2`,
        'webinar',
        `Digital evidence ${prefix}`,
        'online',
        `${year}-05-06`,
        `${year}-05-06`,
        '',
        '',
        'KAZ',
        'ru',
        '',
        2,
        100,
        'held',
      ],
    ],
    participants: [
      PARTICIPANTS[0]!,
      [`${prefix}-1`, 'Official With Account', 'official@justice.go.ke', 'KEN', '', '', '', '', 3, ''],
      [`${prefix}-1`, `Listed ${prefix}`, `listed.${prefix}@example.org`, 'UGA', 'Prisons Service', 'corrections', 'F', '', 2, ''],
      [`${prefix}-1`, `No Email ${prefix}`, '', 'UGA', '', '', 'M', '', '', ''],
      [
        `${prefix}-2`,
        `Listed ${prefix}`,
        `LISTED.${prefix}@example.org`,
        'UGA',
        'Prisons Service',
        'corrections',
        'F',
        'speaker',
        '',
        'yes',
      ],
      [`${prefix}-2`, `Без почты ${prefix}`, '', 'KAZ', '', '', '', '', '', 'yes'],
    ],
  };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const outcomes = (rows: Array<{ outcome: string }>) => rows.map((row) => row.outcome);

/** The member-state report for a year, as the reports page reads it. */
const reportOf = (year: number) =>
  admin
    .get('/api/reports/member-states')
    .query({ from: `${year}-01-01`, to: `${year + 1}-01-01` })
    .expect(200)
    .then(({ body: { generatedAt: _, ...body } }) => body as Record<string, unknown>);

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
        added: 2,
        updated: 0,
        unchanged: 0,
        rows: [
          // Nothing kept to link to in a dry run.
          { row: 2, ref: 'A1', title: 'Border security', outcome: 'added', activityId: null },
          { row: 3, ref: 'A2', title: 'Financial intelligence', outcome: 'added', activityId: null },
        ],
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
        rows: [
          { row: 2, fullName: 'Official With Account', activityRef: 'A1', outcome: 'added', matchedAccount: true },
          { row: 3, fullName: 'Joseph Mwangi', activityRef: 'A1', outcome: 'added', matchedAccount: false },
          { row: 4, fullName: '王芳', activityRef: 'A1', outcome: 'added', matchedAccount: false },
          { row: 5, fullName: 'Joseph Mwangi', activityRef: 'A2', outcome: 'added', matchedAccount: false },
          { row: 6, fullName: 'Айгуль Нурланова', activityRef: 'A2', outcome: 'added', matchedAccount: false },
        ],
      },
    });

    const real = await post(admin, file).expect(200);
    const kept = (await t.dataSource.query(`SELECT id FROM activities WHERE import_ref IN ('a1', 'a2') ORDER BY import_ref`)) as Array<{
      id: string;
    }>;
    expect(real.body).toEqual({
      ...dry.body,
      dryRun: false,
      activities: {
        ...dry.body.activities,
        rows: dry.body.activities.rows.map((row: object, i: number) => ({ ...row, activityId: kept[i]!.id })),
      },
    });
    // The report's summary, kept by triggers through the set-based writes, is what a rebuild from the rows gives.
    const [summary, rebuilt] = await keptAndRebuilt(t.dataSource);
    expect(summary).toEqual(rebuilt);
    expect((summary.attendance as unknown[]).length).toBeGreaterThan(0);
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

describe('importing a workbook again', () => {
  it('adds nothing and changes nothing the second time, dry run or not, and the report reads the same', async () => {
    const file = await workbook(history('b', 2024));
    const first = await post(admin, file).expect(200);
    expect(first.body.activities).toMatchObject({ created: 2, added: 2, updated: 0, unchanged: 0, invalid: [] });
    expect(first.body.participants).toMatchObject({ added: 5, updated: 0, unchanged: 0, participantDays: 3 + 2 + 1 + 1, completed: 4 });
    const counted = await counts();
    const report = await reportOf(2024);
    // People with a day present in a role participant (the speaker is not; No Email has no day): 3 + 2 + 1 days.
    expect(report.totals).toMatchObject({ activities: 2, participants: 3, participantDays: 6 });

    for (const dryRun of [true, false, false]) {
      const again = await post(admin, file, dryRun).expect(200);
      expect(again.body).toEqual({
        ...first.body,
        dryRun,
        activities: {
          ...first.body.activities,
          created: 0,
          added: 0,
          unchanged: 2,
          rows: first.body.activities.rows.map((row: object) => ({ ...row, outcome: 'unchanged' })),
        },
        participants: {
          ...first.body.participants,
          added: 0,
          unchanged: 5,
          rows: first.body.participants.rows.map((row: object) => ({ ...row, outcome: 'unchanged' })),
        },
      });
    }
    // Two more imports audited; not one row more of anything else.
    expect(await counts()).toEqual({ ...counted, audits: counted.audits + 2 });
    expect(await reportOf(2024)).toEqual(report);
    const [kept, rebuilt] = await keptAndRebuilt(t.dataSource);
    expect(kept).toEqual(rebuilt);
  });

  it('updates what the workbook now says otherwise and adds only what is missing, as its dry run says', async () => {
    const base = history('d', 2023);
    await post(admin, await workbook(base)).expect(200);
    const before = await counts();

    const changed = copy(base);
    changed.activities[1]![2] = 'Prison radicalisation d, revised';
    changed.activities[2]![13] = 'closed';
    changed.participants[2]![8] = 3; // days already recorded keep what they say
    changed.participants[3]![8] = 2; // no day recorded yet: added
    changed.participants[5]![7] = 'trainer';
    changed.participants.push(['d-2', 'New d', 'new.d@example.org', 'KEN', '', '', '', '', '', 'yes']);
    const file = await workbook(changed);
    const dry = await post(admin, file, true).expect(200);
    expect(await counts()).toEqual(before);
    const real = await post(admin, file).expect(200);
    expect(real.body).toEqual({ ...dry.body, dryRun: false });
    expect(real.body.activities).toMatchObject({ created: 0, added: 0, updated: 2, unchanged: 0 });
    expect(outcomes(real.body.participants.rows)).toEqual(['unchanged', 'unchanged', 'updated', 'unchanged', 'updated', 'added']);
    expect(real.body.participants).toMatchObject({ added: 1, updated: 2, unchanged: 3, completed: 6 });
    expect(await counts()).toEqual({
      ...before,
      participants: before.participants + 1,
      places: before.places + 1,
      marks: before.marks + 3 + 1,
      audits: before.audits + 1,
    });
    const activities = (await t.dataSource.query(
      `SELECT import_ref, title, status FROM activities WHERE import_ref IN ('d1', 'd2') ORDER BY import_ref`,
    )) as Array<Record<string, string>>;
    expect(activities).toEqual([
      { import_ref: 'd1', title: 'Prison radicalisation d, revised', status: 'closed' },
      { import_ref: 'd2', title: 'Digital evidence d', status: 'closed' },
    ]);
    const people = (await t.dataSource.query(
      `SELECT p.full_name, ap.role, ap.completed, count(*) FILTER (WHERE t.present)::int AS present
         FROM activities a JOIN activity_participants ap ON ap.activity_id = a.id JOIN participants p ON p.id = ap.participant_id
         LEFT JOIN activity_attendance t ON t.activity_participant_id = ap.id
        WHERE a.import_ref IN ('d1', 'd2') AND p.user_id IS NULL
        GROUP BY a.import_ref, p.full_name, ap.role, ap.completed ORDER BY a.import_ref, p.full_name`,
    )) as Array<Record<string, unknown>>;
    expect(people).toEqual([
      { full_name: 'Listed d', role: 'participant', completed: true, present: 2 },
      { full_name: 'No Email d', role: 'participant', completed: true, present: 2 },
      { full_name: 'Listed d', role: 'speaker', completed: true, present: 1 },
      { full_name: 'New d', role: 'participant', completed: true, present: 1 },
      { full_name: 'Без почты d', role: 'trainer', completed: true, present: 1 },
    ]);

    // A workbook saying held does not reopen a closed activity: nothing changes.
    const held = copy(changed);
    held.activities[1]![13] = 'held';
    const unchanged = await post(admin, await workbook(held)).expect(200);
    expect(unchanged.body.activities).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect(unchanged.body.participants).toMatchObject({ added: 0, updated: 0, unchanged: 6 });

    // Shorter dates drop the days the activity no longer has, as editing it would.
    const shorter = copy(held);
    shorter.activities[1]![5] = '2023-03-04';
    shorter.participants[1]![8] = 2;
    shorter.participants[2]![8] = 2;
    const moved = await post(admin, await workbook(shorter)).expect(200);
    expect(outcomes(moved.body.activities.rows)).toEqual(['updated', 'unchanged']);
    const [d1] = (await t.dataSource.query(
      `SELECT a.ends_on::text, a.status, count(t.*)::int AS marks, count(*) FILTER (WHERE t.day > a.ends_on)::int AS outside
         FROM activities a JOIN activity_participants ap ON ap.activity_id = a.id
         LEFT JOIN activity_attendance t ON t.activity_participant_id = ap.id
        WHERE a.import_ref = 'd1' GROUP BY a.id`,
    )) as Array<Record<string, unknown>>;
    expect(d1).toEqual({ ends_on: '2023-03-04', status: 'closed', marks: 3 * 2, outside: 0 });
    const [kept, rebuilt] = await keptAndRebuilt(t.dataSource);
    expect(kept).toEqual(rebuilt);
  });

  it('adds each activity and person once when two imports of one workbook run at once', async () => {
    const file = await workbook(history('c', 2022));
    const before = await counts();
    const [accountRows] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM participants WHERE user_id = $1`, [
      officialId,
    ])) as Array<{
      n: number;
    }>;
    const [one, two] = await Promise.all([post(admin, file), post(admin, file)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    // One of them inserted it all; the other waited for it and found everything there.
    expect([one.body.activities.added, two.body.activities.added].sort()).toEqual([0, 2]);
    expect([one.body.participants.added, two.body.participants.added].sort()).toEqual([0, 5]);
    expect([one.body.participants.unchanged, two.body.participants.unchanged].sort()).toEqual([0, 5]);
    expect(await counts()).toEqual({
      activities: before.activities + 2,
      participants: before.participants + 3 + (accountRows!.n ? 0 : 1),
      places: before.places + 5,
      marks: before.marks + 3 + 3 + 1 + 1,
      audits: before.audits + 2,
    });
    const names = (await t.dataSource.query(
      `SELECT full_name, count(*)::int AS n FROM participants WHERE full_name IN ('Listed c', 'No Email c', 'Без почты c') GROUP BY 1 ORDER BY 1`,
    )) as Array<Record<string, unknown>>;
    expect(names).toEqual([
      { full_name: 'Listed c', n: 1 },
      { full_name: 'No Email c', n: 1 },
      { full_name: 'Без почты c', n: 1 },
    ]);
    const [kept, rebuilt] = await keptAndRebuilt(t.dataSource);
    expect(kept).toEqual(rebuilt);
  });

  it('writes nothing from a malformed workbook, even one that would update activities imported before', async () => {
    const base = history('e', 2021);
    await post(admin, await workbook(base)).expect(200);
    const before = await counts();
    const changed = copy(base);
    changed.activities[1]![2] = 'Never written';
    changed.participants = changed.participants.map((row) => [row[0], row[1], row[2]]);
    const refused = await post(admin, await workbook(changed)).expect(400);
    expect(refused.body.fields.file).toMatchObject({ code: 'csv_column_missing', params: { column: 'memberState' } });
    expect(await counts()).toEqual(before);
    const [row] = (await t.dataSource.query(`SELECT title FROM activities WHERE import_ref = 'e1'`)) as Array<{ title: string }>;
    expect(row!.title).toBe('Prison radicalisation e');
  });

  it('refuses a reference that is only punctuation, which could not name the activity again', async () => {
    const file = await workbook({
      activities: [ACTIVITIES[0]!, ['—', 'workshop', 'No reference', 'online', '2020-01-01', '', '', '', '', '', '', 1, 100, '']],
      participants: [PARTICIPANTS[0]!],
    });
    const report = await post(admin, file, true).expect(200);
    expect(report.body.activities).toMatchObject({ added: 0, invalid: [{ row: 2, fields: { ref: 'invalid_format' } }] });
  });
});
