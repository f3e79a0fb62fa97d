import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type TestAgent from 'supertest/lib/agent.js';
import type { SessionUser } from '../access/access.decorator.js';
import { keptAndRebuilt } from '../../test/report-summary.js';
import { createTestApp, createUser, signIn, type TestApp } from '../../test/test-app.js';
import type { MemberStateReportQueryDto } from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';

let t: TestApp;
let admin: TestAgent;
let focalKen: TestAgent;
const courses = { c1: randomUUID(), c2: randomUUID() };
const P = { from: '2026-01-01', to: '2026-07-01' };

/** The constructed dataset: every figure below is counted by hand from it. */
async function seed() {
  const owner = await createUser(t.dataSource, { roles: ['trainer'] });
  await t.dataSource.query(
    `INSERT INTO courses (id, slug, title, owner_id, status, topics) VALUES
       ($1, 'c1', 'Financing course', $3, 'published', '{financing}'),
       ($2, 'c2', 'Human rights course', $3, 'published', '{human-rights}')`,
    [courses.c1, courses.c2, owner.id],
  );
  const user = (
    email: string,
    memberState: string,
    gender: 'female' | 'male' | 'other' | 'undisclosed',
    agencyType: 'police' | 'judiciary' | 'prosecution' = 'police',
  ) => createUser(t.dataSource, { email, memberState, gender, agencyType });
  const k1 = await user('k1@example.org', 'KEN', 'female');
  const k2 = await user('k2@example.org', 'KEN', 'male');
  const k3 = await user('k3@example.org', 'KEN', 'female', 'judiciary');
  const k4 = await user('k4@example.org', 'KEN', 'undisclosed');
  const f1 = await user('f1@example.org', 'FRA', 'male', 'prosecution');
  const b1 = await user('b1@example.org', 'BRA', 'other');
  let serial = 0;
  const enrol = async (userId: string, courseId: string, enrolledAt: string, completedAt?: string, issuedAt?: string) => {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at) VALUES ($1, $2, $3, 'self', $4, $5) RETURNING id`,
      [courseId, userId, completedAt ? 'completed' : 'active', enrolledAt, completedAt ?? null],
    );
    if (issuedAt) {
      serial++;
      await t.dataSource.query(
        `INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours, issued_at)
         VALUES ($1, $2, $3, $4, $5, 'Holder', 'Course', 1, $6)`,
        [id, userId, courseId, `CTLP-TEST-${serial}`, randomUUID(), issuedAt],
      );
    }
  };
  await enrol(k1.id, courses.c1, '2026-01-10T09:00:00Z', '2026-02-15T10:00:00Z', '2026-02-15T10:00:00Z');
  await enrol(k1.id, courses.c2, '2026-03-01T09:00:00Z', '2026-03-20T10:00:00Z', '2026-03-20T10:00:00Z');
  await enrol(k2.id, courses.c1, '2025-12-20T09:00:00Z', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z');
  await enrol(k3.id, courses.c2, '2026-06-30T23:59:59Z', '2026-07-01T00:00:00Z', '2026-07-01T00:00:00Z');
  await enrol(k4.id, courses.c1, '2026-01-01T00:00:00Z');
  await enrol(f1.id, courses.c1, '2026-02-01T09:00:00Z', '2026-04-10T10:00:00Z', '2026-04-10T10:00:00Z');
  await enrol(b1.id, courses.c2, '2026-05-05T09:00:00Z', '2026-05-06T10:00:00Z', '2026-05-06T10:00:00Z');
}

beforeAll(async () => {
  t = await createTestApp();
  await seed();
  admin = await signIn(t.http, (await createUser(t.dataSource, { roles: ['admin'], memberState: 'AUT' })).email);
  focalKen = await signIn(t.http, (await createUser(t.dataSource, { roles: ['focal_point'], memberState: 'KEN' })).email);
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
/** The activity columns of a report without training activities. */
const NONE = { activities: 0, participants: 0, participantDays: 0 };
const byState = (body: { rows: Array<Record<string, unknown>> }) =>
  Object.fromEntries(body.rows.map((row) => [row.memberState, figures(row)]));

describe('member-state report', () => {
  it('counts officials once, splits them by gender, and keeps the period half-open', async () => {
    const { body } = await admin.get('/api/reports/member-states').query(P).expect(200);
    expect(byState(body)).toEqual({
      KEN: { officialsTrained: 2, female: 1, male: 1, other: 0, undisclosed: 0, enrolments: 4, completions: 3, certificates: 3, ...NONE },
      FRA: { officialsTrained: 1, female: 0, male: 1, other: 0, undisclosed: 0, enrolments: 1, completions: 1, certificates: 1, ...NONE },
      BRA: { officialsTrained: 1, female: 0, male: 0, other: 1, undisclosed: 0, enrolments: 1, completions: 1, certificates: 1, ...NONE },
    });
    expect(body.totals).toEqual({
      officialsTrained: 4,
      female: 1,
      male: 2,
      other: 1,
      undisclosed: 0,
      enrolments: 6,
      completions: 5,
      certificates: 5,
      ...NONE,
    });
    expect(body.months).toEqual([
      { month: '2026-01', completions: 1, activities: 0, participantDays: 0 },
      { month: '2026-02', completions: 1, activities: 0, participantDays: 0 },
      { month: '2026-03', completions: 1, activities: 0, participantDays: 0 },
      { month: '2026-04', completions: 1, activities: 0, participantDays: 0 },
      { month: '2026-05', completions: 1, activities: 0, participantDays: 0 },
      { month: '2026-06', completions: 0, activities: 0, participantDays: 0 },
    ]);
    expect(body.filters).toMatchObject({ from: '2026-01-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z', source: 'all' });
    // Two courses with a completion in the period; the first completion is k2's.
    expect(body.headline).toEqual({ people: 4, activities: 0, courses: 2, since: '2026-01-05T10:00:00.000Z' });
    // The rows come sorted by name: Brazil, France, Kenya.
    expect(body.rows.map((r: { memberState: string }) => r.memberState)).toEqual(['BRA', 'FRA', 'KEN']);
  });

  it('counts an event one millisecond before `to` and leaves out one exactly at `to`', async () => {
    const later = await admin.get('/api/reports/member-states').query({ from: P.from, to: '2026-07-01T00:00:00.001Z' }).expect(200);
    expect(byState(later.body).KEN).toMatchObject({ officialsTrained: 3, female: 2, completions: 4, certificates: 4, ...NONE });
    const earlier = await admin.get('/api/reports/member-states').query({ from: '2026-01-01T00:00:00.001Z', to: P.to }).expect(200);
    expect(byState(earlier.body).KEN).toMatchObject({ enrolments: 3 }); // k4 enrolled exactly at the old `from`
  });

  it('applies each filter', async () => {
    const course = await admin
      .get('/api/reports/member-states')
      .query({ ...P, courseId: courses.c1 })
      .expect(200);
    expect(byState(course.body)).toEqual({
      KEN: { officialsTrained: 2, female: 1, male: 1, other: 0, undisclosed: 0, enrolments: 2, completions: 2, certificates: 2, ...NONE },
      FRA: { officialsTrained: 1, female: 0, male: 1, other: 0, undisclosed: 0, enrolments: 1, completions: 1, certificates: 1, ...NONE },
    });
    const topic = await admin
      .get('/api/reports/member-states')
      .query({ ...P, topic: 'human-rights' })
      .expect(200);
    expect(byState(topic.body)).toEqual({
      KEN: { officialsTrained: 1, female: 1, male: 0, other: 0, undisclosed: 0, enrolments: 2, completions: 1, certificates: 1, ...NONE },
      BRA: { officialsTrained: 1, female: 0, male: 0, other: 1, undisclosed: 0, enrolments: 1, completions: 1, certificates: 1, ...NONE },
    });
    const agency = await admin
      .get('/api/reports/member-states')
      .query({ ...P, agencyType: 'judiciary' })
      .expect(200);
    expect(byState(agency.body)).toEqual({
      KEN: { officialsTrained: 0, female: 0, male: 0, other: 0, undisclosed: 0, enrolments: 1, completions: 0, certificates: 0, ...NONE },
    });
    const region = await admin
      .get('/api/reports/member-states')
      .query({ ...P, region: 'Americas' })
      .expect(200);
    expect(Object.keys(byState(region.body))).toEqual(['BRA']);
    expect(region.body.months.map((m: { completions: number }) => m.completions)).toEqual([0, 0, 0, 0, 1, 0]);
  });

  it('lists all 195 States with zeros when asked', async () => {
    const { body } = await admin
      .get('/api/reports/member-states')
      .query({ ...P, includeZero: 'true' })
      .expect(200);
    expect(body.rows).toHaveLength(195);
    expect(byState(body).NGA).toEqual({
      officialsTrained: 0,
      female: 0,
      male: 0,
      other: 0,
      undisclosed: 0,
      enrolments: 0,
      completions: 0,
      certificates: 0,
      ...NONE,
    });
    expect(body.totals.officialsTrained).toBe(4);
    const french = await admin
      .get('/api/reports/member-states')
      .query({ ...P, locale: 'fr' })
      .expect(200);
    expect(french.body.rows.find((r: { memberState: string }) => r.memberState === 'KEN').name).toBe('Kenya');
    expect(french.body.rows.find((r: { memberState: string }) => r.memberState === 'BRA').name).toBe('Brésil');
  });

  it('shows counts from 1 to the threshold minus one as "<N" everywhere, zeros as zeros', async () => {
    const { body } = await admin
      .get('/api/reports/member-states')
      .query({ ...P, suppressBelow: 5 })
      .expect(200);
    expect(byState(body).KEN).toEqual({
      officialsTrained: '<5',
      female: '<5',
      male: '<5',
      other: 0,
      undisclosed: 0,
      enrolments: '<5',
      completions: '<5',
      certificates: '<5',
      ...NONE,
    });
    expect(body.totals).toEqual({
      officialsTrained: '<5',
      female: '<5',
      male: '<5',
      other: '<5',
      undisclosed: 0,
      enrolments: 6,
      completions: 5,
      certificates: 5,
      ...NONE,
    });
    expect(body.months.every((m: { completions: unknown }) => m.completions === '<5' || m.completions === 0)).toBe(true);
    expect(body.headline).toMatchObject({ people: '<5', activities: 0, courses: '<5' });
    const csv = await admin
      .get('/api/reports/member-states')
      .query({ ...P, suppressBelow: 5, format: 'csv' })
      .expect(200);
    expect(csv.text).toContain('Kenya,KEN,Africa,<5,<5,<5,0,0,<5,<5,<5,0,0,0');
  });

  it('gives a focal point their own State only, whatever they ask for', async () => {
    const own = await focalKen.get('/api/reports/member-states').query(P).expect(200);
    expect(Object.keys(byState(own.body))).toEqual(['KEN']);
    expect(own.body.totals).toEqual(byState(own.body).KEN);
    expect(own.body.filters.memberState).toBe('KEN');
    const all = await focalKen
      .get('/api/reports/member-states')
      .query({ ...P, includeZero: 'true' })
      .expect(200);
    expect(all.body.rows.map((r: { memberState: string }) => r.memberState)).toEqual(['KEN']);
    const elsewhere = await focalKen
      .get('/api/reports/member-states')
      .query({ ...P, region: 'Europe' })
      .expect(200);
    expect(elsewhere.body.rows).toEqual([]);
    expect(elsewhere.body.totals.completions).toBe(0);
    const csv = await focalKen
      .get('/api/reports/member-states')
      .query({ ...P, format: 'csv', includeZero: 'true' })
      .expect(200);
    expect(csv.text).not.toMatch(/FRA|BRA|NGA/);
  });

  it('refuses learners and trainers, and names bad parameters', async () => {
    const learner = await signIn(t.http, (await createUser(t.dataSource)).email);
    await learner.get('/api/reports/member-states').expect(403);
    const trainer = await signIn(t.http, (await createUser(t.dataSource, { roles: ['trainer'] })).email);
    await trainer.get('/api/reports/member-states').expect(403);
    const cases: Array<[Record<string, string>, string]> = [
      [{ from: '2026-07-01', to: '2026-01-01' }, 'to'],
      [{ from: 'yesterday' }, 'from'],
      [{ suppressBelow: '1' }, 'suppressBelow'],
      [{ agencyType: 'army' }, 'agencyType'],
      [{ region: 'Antarctica' }, 'region'],
      [{ format: 'pdf' }, 'format'],
      [{ courseId: 'c1' }, 'courseId'],
    ];
    for (const [query, field] of cases) {
      const response = await admin.get('/api/reports/member-states').query(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.fields).toHaveProperty(field);
    }
  });
});

describe('exports', () => {
  it('writes a CSV with a byte-order mark, CRLF, a totals row and formula-looking text escaped', async () => {
    await t.dataSource.query(
      `UPDATE member_states SET names = jsonb_set(names, '{en}', '"=HYPERLINK(\\"http://x\\")"') WHERE code = 'FRA'`,
    );
    try {
      const response = await admin
        .get('/api/reports/member-states')
        .query({ ...P, format: 'csv' })
        .buffer(true)
        .parse((res, cb) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => cb(null, text));
        })
        .expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="ctlp-member-states_2026-01-01_2026-07-01.csv"');
      const text = response.body as string;
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines[0]).toBe(
        'Member State,ISO code,Region,Officials trained,Officials trained: female,Officials trained: male,Officials trained: other,Officials trained: undisclosed,Enrolments started,Completions,Certificates issued,Training activities,Activity participants,Participant-days',
      );
      expect(lines).toContain(`"'=HYPERLINK(""http://x"")",FRA,Europe,1,0,1,0,0,1,1,1,0,0,0`);
      expect(lines).toContain('Total,,,4,1,2,1,0,6,5,5,0,0,0');
    } finally {
      await t.dataSource.query(`UPDATE member_states SET names = jsonb_set(names, '{en}', '"France"') WHERE code = 'FRA'`);
    }
  });

  it('writes an XLSX that reads back with the same figures as the JSON, numbers as numbers', async () => {
    const json = await admin
      .get('/api/reports/member-states')
      .query({ ...P, includeZero: 'true' })
      .expect(200);
    const response = await admin
      .get('/api/reports/member-states')
      .query({ ...P, includeZero: 'true', format: 'xlsx' })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ctlp-member-states_2026-01-01_2026-07-01.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const sheet = workbook.getWorksheet('Member States')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).toBe('Member State');
    expect(sheet.rowCount).toBe(1 + 195 + 1);
    const rows = json.body.rows as Array<Record<string, unknown>>;
    rows.forEach((row, index) => {
      const cells = sheet.getRow(index + 2).values as unknown[];
      expect(cells.slice(1)).toEqual([row.name, row.memberState, row.region, ...Object.values(figures(row))]);
    });
    const total = sheet.getRow(197).values as unknown[];
    expect(total.slice(1)).toEqual(['Total', undefined, undefined, ...Object.values(json.body.totals)]);
    expect(typeof sheet.getRow(2).getCell(4).value).toBe('number');
    const about = workbook.getWorksheet('About')!;
    const aboutText = JSON.stringify(about.getSheetValues());
    expect(aboutText).toContain('2026-01-01T00:00:00.000Z to 2026-07-01T00:00:00.000Z');
    expect(aboutText).toContain('Distinct people with at least one course completed, or one training activity completed as a participant');
    expect(aboutText).toContain('Participant-days');
    expect(aboutText).toContain('4 people trained through 0 activities and 2 online courses since 2026-01-05');
    expect(aboutText).toContain('Generated at (UTC)');
  });

  it('records every export with its parameters and format', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.exported'`);
    await focalKen
      .get('/api/reports/member-states')
      .query({ ...P, format: 'xlsx', suppressBelow: 5 })
      .expect(200);
    await admin.get('/api/reports/member-states').query(P).expect(200); // JSON for the page: not an export
    const rows = await t.dataSource.query(
      `SELECT data FROM audit_events WHERE action = 'report.exported' ORDER BY created_at DESC, id DESC`,
    );
    expect(rows.length).toBe(before[0].n + 1);
    expect(rows[0].data).toMatchObject({
      report: 'member-states',
      format: 'xlsx',
      memberState: 'KEN',
      suppressBelow: 5,
      from: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('the report summary (report_monthly, report_people)', () => {
  const asAdmin = { id: randomUUID(), roles: ['admin'], memberState: 'AUT' } as unknown as SessionUser;
  const both = async (query: MemberStateReportQueryDto, user: SessionUser = asAdmin) => {
    const service = t.app.get(ReportsService);
    const [summary, rows] = await Promise.all([service.memberStates(user, query), service.memberStates(user, query, { fromRows: true })]);
    return { summary: { ...summary, generatedAt: '' }, rows: { ...rows, generatedAt: '' } };
  };
  const expectKeptEqualsRebuilt = async () => {
    const [kept, rebuilt] = await keptAndRebuilt(t.dataSource);
    expect(rebuilt).toEqual(kept);
  };

  beforeAll(async () => {
    // Three months either side of mid-month boundaries, three States, three agencies, some
    // officials completing several courses: a deterministic spread, not hand-counted.
    const extra = randomUUID();
    const owner = await createUser(t.dataSource, { roles: ['trainer'] });
    await t.dataSource.query(
      `INSERT INTO courses (id, slug, title, owner_id, status, topics) VALUES ($1, 'c3', 'Border course', $2, 'published', '{border}')`,
      [extra, owner.id],
    );
    const courseIds = [courses.c1, courses.c2, extra];
    const agencies = ['police', 'judiciary', 'prosecution'] as const;
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 12; i++) {
      const official = await createUser(t.dataSource, {
        memberState: ['KEN', 'FRA', 'PER'][i % 3],
        agencyType: agencies[next(3)],
        gender: (['female', 'male', 'other', 'undisclosed'] as const)[next(4)],
      });
      for (const courseId of courseIds.slice(0, 1 + next(3))) {
        const enrolled = new Date(Date.UTC(2025, 10 + next(9), 1 + next(28), next(24), next(60)));
        const completed = next(3) ? new Date(enrolled.getTime() + next(40) * 86_400_000 + next(86_400_000)) : null;
        const [{ id }] = await t.dataSource.query(
          `INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at) VALUES ($1, $2, $3, 'self', $4, $5) RETURNING id`,
          [courseId, official.id, completed ? 'completed' : 'active', enrolled, completed],
        );
        if (completed && next(4)) {
          await t.dataSource.query(
            `INSERT INTO certificates (enrolment_id, user_id, course_id, serial, verification_code, holder_name, course_title, hours, issued_at)
             VALUES ($1, $2, $3, $4, $5, 'Holder', 'Course', 1, $6)`,
            [id, official.id, courseId, `CTLP-SUM-${randomUUID()}`, randomUUID(), new Date(completed.getTime() + next(3_600_000))],
          );
        }
      }
    }
  });

  it('gives the same report as counting the rows, for whole months, partial months and a single day', async () => {
    const periods: Array<Partial<MemberStateReportQueryDto>> = [
      { to: '2027-01-01' },
      { from: '2026-01-01', to: '2026-07-01' },
      { from: '2025-11-17T13:45:00Z', to: '2026-05-09T08:00:00Z' },
      { from: '2026-02-03', to: '2026-02-19' },
      { from: '2026-03-01', to: '2026-03-02' },
      { from: '2025-12-31T23:59:59.999Z', to: '2026-08-01T00:00:00.001Z' },
    ];
    const filters: Array<Partial<MemberStateReportQueryDto>> = [
      {},
      { agencyType: 'judiciary' },
      { region: 'Africa' },
      { includeZero: true },
      { suppressBelow: 3 },
    ];
    let compared = 0;
    for (const period of periods) {
      for (const filter of filters) {
        const { summary, rows } = await both({ ...period, ...filter } as MemberStateReportQueryDto);
        expect(summary).toEqual(rows);
        compared += summary.rows.length;
      }
    }
    const focal = { ...asAdmin, roles: ['focal_point'], memberState: 'KEN' } as unknown as SessionUser;
    const { summary, rows } = await both({ from: '2025-11-17T13:45:00Z', to: '2026-05-09T08:00:00Z' } as MemberStateReportQueryDto, focal);
    expect(summary).toEqual(rows);
    expect(summary.rows.map((r) => r.memberState)).toEqual(['KEN']);
    expect(compared).toBeGreaterThan(100); // the comparisons had something to compare
  });

  it("dates the headline from the first completion in the period and the report's States, also when that person's first completion is earlier", async () => {
    // The summary takes the first instant from report_people: the person's completions that fall in
    // the period, the first of which may be an earlier one's successor. Chile has this one official.
    const chile = await createUser(t.dataSource, { memberState: 'CHL', agencyType: 'corrections' });
    for (const [courseId, completedAt] of [
      [courses.c1, '2026-01-20T08:00:00Z'],
      [courses.c2, '2026-03-16T08:00:00Z'],
    ]) {
      await t.dataSource.query(
        `INSERT INTO enrolments (course_id, user_id, status, source, enrolled_at, completed_at) VALUES ($1, $2, 'completed', 'self', '2026-01-02', $3)`,
        [courseId, chile.id, completedAt],
      );
    }
    const focalChile = { ...asAdmin, roles: ['focal_point'], memberState: 'CHL' } as unknown as SessionUser;
    const since = async (query: Partial<MemberStateReportQueryDto>, user = focalChile) => {
      const { summary, rows } = await both(query as MemberStateReportQueryDto, user);
      expect(summary).toEqual(rows);
      return summary.headline.since;
    };
    expect(await since({ from: '2026-01-01', to: '2026-07-01' })).toBe('2026-01-20T08:00:00.000Z');
    expect(await since({ from: '2026-02-01', to: '2026-07-01' })).toBe('2026-03-16T08:00:00.000Z');
    expect(await since({ from: '2026-03-16T08:00:00.001Z', to: '2026-07-01' })).toBeNull();
    expect(await since({ from: '2026-01-01', to: '2026-07-01', agencyType: 'police' })).toBeNull();
    expect(await since({ from: '2026-01-01', to: '2026-07-01', source: 'activities' })).toBeNull();

    // Every State: the first completion of the period among all officials, from the rows themselves.
    const first = async (from: string, to: string, agencyType: string | null) => {
      const [{ at }] = await t.dataSource.query(
        `SELECT min(e.completed_at) AS at FROM enrolments e JOIN users u ON u.id = e.user_id
          WHERE e.status = 'completed' AND e.completed_at >= $1 AND e.completed_at < $2 AND ($3::agency_type IS NULL OR u.agency_type = $3)`,
        [from, to, agencyType],
      );
      return at ? new Date(at).toISOString() : null;
    };
    for (const [from, to] of [
      ['2025-11-17T13:45:00Z', '2026-05-09T08:00:00Z'],
      ['2026-02-01', '2026-07-01'],
      ['2026-03-15', '2026-09-01'],
    ]) {
      for (const agencyType of [null, 'judiciary', 'corrections'] as const) {
        const expected = await first(from, to, agencyType);
        expect({ from, agencyType, since: await since({ from, to, ...(agencyType ? { agencyType } : {}) }, asAdmin) }).toEqual({
          from,
          agencyType,
          since: expected,
        });
      }
    }
    await t.dataSource.query(`DELETE FROM users WHERE id = $1`, [chile.id]);
  });

  it('follows completions, corrections, deletions and officials who move, as a rebuild from the rows would', async () => {
    await expectKeptEqualsRebuilt();
    const period = { from: '2025-10-01', to: '2026-10-01' } as MemberStateReportQueryDto;
    const [active] = await t.dataSource.query(`SELECT id FROM enrolments WHERE status = 'active' AND enrolled_at >= '2025-11-01' LIMIT 1`);
    const [certified] = await t.dataSource.query(
      `SELECT e.id, e.user_id FROM enrolments e JOIN certificates c ON c.enrolment_id = e.id WHERE e.enrolled_at >= '2025-11-01' LIMIT 1`,
    );
    const [plain] = await t.dataSource.query(
      `SELECT e.id FROM enrolments e WHERE e.status = 'completed' AND e.enrolled_at >= '2025-11-01' AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrolment_id = e.id) LIMIT 1`,
    );
    const [uncertified] = await t.dataSource.query(
      `SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id AND e.status = 'completed' AND e.enrolled_at >= '2025-11-01')
          AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.user_id = u.id) LIMIT 1`,
    );
    const steps: Array<[string, string, unknown[]]> = [
      ['a completion', `UPDATE enrolments SET status = 'completed', completed_at = '2026-04-15T12:00:00Z' WHERE id = $1`, [active.id]],
      ['a completion date corrected', `UPDATE enrolments SET completed_at = '2026-06-15T12:00:00Z' WHERE id = $1`, [active.id]],
      ['a completion undone', `UPDATE enrolments SET status = 'active', completed_at = NULL WHERE id = $1`, [plain.id]],
      ['an enrolment deleted', `DELETE FROM enrolments WHERE id = $1`, [plain.id]],
      ['a certificate deleted', `DELETE FROM certificates WHERE enrolment_id = $1`, [certified.id]],
      [
        'an official moved to another State and agency, gender corrected',
        `UPDATE users SET member_state = 'BRA', agency_type = 'border_customs', gender = CASE WHEN gender = 'female' THEN 'male'::gender ELSE 'female' END WHERE id = $1`,
        [certified.user_id],
      ],
      ['an official deleted (their enrolments go with them)', `DELETE FROM users WHERE id = $1`, [uncertified.id]],
    ];
    for (const [what, sql, params] of steps) {
      const before = await both(period);
      await t.dataSource.query(sql, params);
      const after = await both(period);
      // Each change shows in the report (it is not a no-op) and the summary agrees with the rows.
      expect({ what, changed: JSON.stringify(after.rows) !== JSON.stringify(before.rows) }).toEqual({ what, changed: true });
      expect({ what, report: after.summary }).toEqual({ what, report: after.rows });
    }
    await expectKeptEqualsRebuilt();
  });
});
